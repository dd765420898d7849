import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { s3BucketVersioning } from '@cdktf/provider-aws';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import {
  S3Bucket,
  S3BucketServerSideEncryptionConfiguration, // inline block struct of aws_s3_bucket
} from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketServerSideEncryptionConfigurationA,
  S3BucketServerSideEncryptionConfigurationRuleA,
} from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningVersioningConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-versioning';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

// Note: S3BucketVersioning / S3BucketServerSideEncryptionConfiguration resources are
// exported with an "A" suffix by @cdktf/provider-aws.
export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';
    const stateBucketRegion = props?.stateBucketRegion || 'us-east-1';
    const stateBucket = props?.stateBucket || 'iac-rlhf-tf-states';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: defaultTags,
    });

    new S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    const legacySse: S3BucketServerSideEncryptionConfiguration = {
      rule: {
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' },
      },
    };
    const archive = new S3Bucket(this, 'archive', {
      bucket: `archive-${environmentSuffix}`,
      forceDestroy: true,
      serverSideEncryptionConfiguration: legacySse,
    });

    const uploads = new S3Bucket(this, 'uploads', {
      bucket: `uploads-${environmentSuffix}`,
      forceDestroy: true,
    });

    const enabled: S3BucketVersioningVersioningConfiguration = { status: 'Enabled' };
    new s3BucketVersioning.S3BucketVersioningA(this, 'S3BucketVersioning', {
      bucket: uploads.id,
      versioningConfiguration: enabled,
    });

    const rule: S3BucketServerSideEncryptionConfigurationRuleA = {
      applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' },
      bucketKeyEnabled: false,
    };
    new S3BucketServerSideEncryptionConfigurationA(this, 'uploads-sse', {
      bucket: uploads.id,
      rule: [rule],
    });

    new TerraformOutput(this, 'archive-bucket', { value: archive.bucket });
    new TerraformOutput(this, 'uploads-bucket', { value: uploads.bucket });
  }
}
