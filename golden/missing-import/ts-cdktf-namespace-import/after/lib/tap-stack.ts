import { Construct } from 'constructs';
import * as cdktf from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import {
  S3Bucket, // the bucket itself
} from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

export class TapStack extends cdktf.TerraformStack {
  public readonly bucket: S3Bucket;
  public readonly versioning: S3BucketVersioningA;

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

    new cdktf.S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    this.bucket = new S3Bucket(this, 'reports', {
      bucketPrefix: `reports-${environmentSuffix}-`,
      forceDestroy: true,
    });
    this.versioning = new S3BucketVersioningA(this, 'reports-versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });

    const name: string = cdktf.Token.asString(this.bucket.bucket);
    new cdktf.TerraformOutput(this, 'reports-bucket', { value: name });
  }
}
