import { Construct } from 'constructs';
import { DataAwsSecretsmanagerSecret } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret';

export interface SecretsModuleProps {
  environmentSuffix: string;
}

export class SecretsModule extends Construct {
  public readonly dbSecretArn: string;

  constructor(scope: Construct, id: string, props: SecretsModuleProps) {
    super(scope, id);

    const { environmentSuffix } = props;

    // Fetch existing database secret
    const dbSecret = new DataAwsSecretsmanagerSecret(this, 'db-secret', {
      name: `assessment-db-credentials-${environmentSuffix}`,
    });

    this.dbSecretArn = dbSecret.arn;

    // Note: Rotation configuration would be applied but requires Lambda rotation function
    // For this implementation, we're fetching existing secrets as per requirements
  }
}
