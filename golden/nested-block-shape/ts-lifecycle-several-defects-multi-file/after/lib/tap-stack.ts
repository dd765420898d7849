import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { ArchiveLifecycle } from './archive-lifecycle';

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

    const archive = new S3Bucket(this, 'invoice-archive', {
      bucket: `invoice-archive-${environmentSuffix}`,
      forceDestroy: true,
    });

    new S3BucketVersioningA(this, 'invoice-archive-versioning', {
      bucket: archive.id,
      versioningConfiguration: { status: 'Enabled' },
    });

    new ArchiveLifecycle(this, 'invoice-archive-lifecycle', {
      bucketId: archive.id,
      retentionDays: 2555,
    });

    new TerraformOutput(this, 'archive-bucket', { value: archive.bucket });
  }
}
