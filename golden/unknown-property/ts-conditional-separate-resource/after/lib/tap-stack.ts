import { Construct } from 'constructs';
import { TerraformStack, TerraformOutput } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import {
  // credentials live in Secrets Manager
  SecretsmanagerSecret as Secret,
} from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
  enableAutoRotation?: boolean;
  manualRotation?: boolean;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: defaultTags,
    });

    // Database credentials, rotated monthly unless turned off
    const dbSecret = new Secret(
      this,
      'db-credentials',
      {
        namePrefix: `db-credentials-${environmentSuffix}`,
        tags: { Purpose: 'database' },
      }
    );
    if (props?.enableAutoRotation !== false) {
      new SecretsmanagerSecretRotation(this, 'db-credentials-rotation', {
        secretId: dbSecret.id,
        rotationRules: {
          automaticallyAfterDays: 30,
        },
      });
    }

    // API keys: rotated quarterly unless rotated by hand
    const apiKeys = new Secret(this, 'api-keys', {
      namePrefix: `api-keys-${environmentSuffix}`,
    });
    if (!props?.manualRotation) {
      new SecretsmanagerSecretRotation(this, 'api-keys-rotation', {
        secretId: apiKeys.id,
        rotationRules: { automaticallyAfterDays: 90 },
      });
    }

    new TerraformOutput(this, 'db-secret-arn', { value: dbSecret.arn });
  }
}
