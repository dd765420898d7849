import { TerraformStack, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';

export interface BaseEnvironmentStackProps {
  name: string;
}

/** Shared by every environment; subclasses add what differs. */
export abstract class BaseEnvironmentStack extends TerraformStack {
  protected readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, props: BaseEnvironmentStackProps) {
    super(scope, id);
    this.repository = new EcrRepository(this, 'ecr-repo', { name: `trading-app-${props.name}` });
    new TerraformOutput(this, 'repository-url', { value: this.repository.repositoryUrl });
    this.addEnvironmentResources(props);
  }

  protected abstract addEnvironmentResources(props: BaseEnvironmentStackProps): void;
}
