import { Construct } from 'constructs';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';

export class ConfigSecrets extends Construct {
  constructor(scope: Construct, id: string, props: { environmentSuffix: string }) {
    super(scope, id);
    // the feature flags live in this secret; the API service reads it
    new SecretsmanagerSecret(this, 'flags', {
      name: `api-flags-${props.environmentSuffix}`,
    });
  }
}
