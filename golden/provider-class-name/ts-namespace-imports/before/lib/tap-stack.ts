import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import * as aws from '@cdktf/provider-aws';
import * as sbv from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import {
  s3BucketServerSideEncryptionConfiguration,
  s3BucketPublicAccessBlock,
} from '@cdktf/provider-aws';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: aws.provider.AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  public readonly bucket: aws.s3Bucket.S3Bucket;
  public readonly versioning: sbv.S3BucketVersioning;
  public readonly logging: aws.s3BucketLogging.S3BucketLogging;

  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';
    const stateBucketRegion = props?.stateBucketRegion || 'us-east-1';
    const stateBucket = props?.stateBucket || 'iac-rlhf-tf-states';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new aws.provider.AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: defaultTags,
    });

    new S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    const kmsKey = new aws.kmsKey.KmsKey(this, 'reports-key', {
      description: `Reports bucket key (${environmentSuffix})`,
      enableKeyRotation: true,
      deletionWindowInDays: 7,
    });

    const logBucket = new aws.s3Bucket.S3Bucket(this, 'reports-logs', {
      bucket: `reports-logs-${environmentSuffix}`,
      forceDestroy: true,
    });

    this.bucket = new aws.s3Bucket.S3Bucket(this, 'reports', {
      bucket: `reports-${environmentSuffix}`,
      forceDestroy: true,
    });

    new s3BucketPublicAccessBlock.S3BucketPublicAccessBlock(this, 'reports-pab', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    this.versioning = new sbv.S3BucketVersioning(this, 'reports-versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: {
        status: 'Enabled',
      },
    });

    new s3BucketServerSideEncryptionConfiguration.S3BucketServerSideEncryptionConfiguration(
      this,
      'reports-sse',
      {
        bucket: this.bucket.id,
        rule: [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: 'aws:kms',
              kmsMasterKeyId: kmsKey.arn,
            },
            bucketKeyEnabled: true,
          },
        ],
      }
    );

    // access logs for the reports bucket
    this.logging = new aws.s3BucketLogging.S3BucketLogging(this, 'reports-logging', {
      bucket: this.bucket.id,
      targetBucket: logBucket.id,
      targetPrefix: 'reports/',
    });

    new TerraformOutput(this, 'reports-bucket', { value: this.bucket.bucket });
  }
}
