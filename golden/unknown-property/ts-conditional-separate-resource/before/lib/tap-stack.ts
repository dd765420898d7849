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
        rotationRules:
          props?.enableAutoRotation !== false
            ? {
                automaticallyAfterDays: 30,
              }
            : undefined,
        tags: { Purpose: 'database' },
      }
    );

    // API keys: rotated quarterly unless rotated by hand
    new Secret(this, 'api-keys', {
      namePrefix: `api-keys-${environmentSuffix}`,
      rotationRules: props?.manualRotation ? undefined : { automaticallyAfterDays: 90 },
    });

    new TerraformOutput(this, 'db-secret-arn', { value: dbSecret.arn });
  }
}
