import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { BaseEnvironmentStack, BaseEnvironmentStackProps } from './base-environment-stack';

export class ProdStack extends BaseEnvironmentStack {
  constructor(scope: Construct, id: string, props: BaseEnvironmentStackProps) {
    super(scope, id, props);
  }

  protected addEnvironmentResources(props: BaseEnvironmentStackProps): void {
    new SqsQueue(this, 'orders', { name: `orders-${props.name}` });
  }
}
