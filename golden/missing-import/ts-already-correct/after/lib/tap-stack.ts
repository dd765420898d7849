import { Construct } from 'constructs';
import { Fn as F, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import * as aws from '@cdktf/provider-aws';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: aws.provider.AwsProviderDefaultTags;
}

// a parameter and a type parameter named like cdktf classes: bound, not imported
function label<Token extends string>(Lazy: Token): string {
  return `label-${Lazy}`;
}

export class TapStack extends TerraformStack {
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

    // DataAwsCallerIdentity is not needed: the bucket name is enough
    const bucket = new aws.s3Bucket.S3Bucket(this, 'logs', {
      bucketPrefix: label(`logs-${environmentSuffix}`),
      forceDestroy: true,
      tags: { Fn: 'Fn.lower', S3Bucket: 'yes' },
    });
    new TerraformOutput(this, 'logs-bucket', { value: F.upper(bucket.bucket) });
  }
}
