import { Construct } from 'constructs';
import { TerraformStack, TerraformOutput } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { s3Bucket, secretsmanagerSecret, s3BucketPublicAccessBlock, secretsmanagerSecretRotation } from '@cdktf/provider-aws';

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
      tags: { Purpose: 'audit' },
    });
    new s3BucketPublicAccessBlock.S3BucketPublicAccessBlock(this, 'audit-logs-public-access-block', {
      bucket: logsBucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    // Database credentials, rotated monthly
    const dbCredentials = new secretsmanagerSecret.SecretsmanagerSecret(this, 'db-credentials', {
      namePrefix: `db-credentials-${environmentSuffix}`,
    });
    new secretsmanagerSecretRotation.SecretsmanagerSecretRotation(this, 'db-credentials-rotation', {
      secretId: dbCredentials.id,
      rotationRules: {
        automaticallyAfterDays: 30,
      },
    });

    new TerraformOutput(this, 'logs-bucket', { value: logsBucket.bucket });
  }
}
