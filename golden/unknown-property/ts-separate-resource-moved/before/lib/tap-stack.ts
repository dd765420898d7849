import { Construct } from 'constructs';
import { TerraformStack, TerraformOutput } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { s3Bucket, secretsmanagerSecret } from '@cdktf/provider-aws';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
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

    // Audit logs: private
    const logsBucket = new s3Bucket.S3Bucket(this, 'audit-logs', {
      bucketPrefix: `audit-logs-${environmentSuffix}`,
      publicAccessBlock: {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      tags: { Purpose: 'audit' },
    });

    // Database credentials, rotated monthly
    new secretsmanagerSecret.SecretsmanagerSecret(this, 'db-credentials', {
      namePrefix: `db-credentials-${environmentSuffix}`,
      rotationRules: {
        automaticallyAfterDays: 30,
      },
    });

    new TerraformOutput(this, 'logs-bucket', { value: logsBucket.bucket });
  }
}
