import { Construct } from 'constructs';
import { Fn as TfFn, Lazy, Op, S3Backend, TerraformOutput, TerraformStack, Token } from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

// a local helper object that happens to be called Fn: not cdktf's
const Fn = { jsonDecode: (s: string) => JSON.parse(s) as Record<string, string> };

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

    const tags = Fn.jsonDecode('{"Team": "platform"}');
    const bucket = new S3Bucket(this, 'logs', {
      bucketPrefix: `logs-${environmentSuffix}-`,
      forceDestroy: true,
      tags,
    });

    new TerraformOutput(this, 'logs-bucket', { value: Token.asString(bucket.bucket) });
    new TerraformOutput(this, 'logs-count', { value: TfFn.lengthOf(TfFn.tolist([bucket.arn])) });
    new TerraformOutput(this, 'is-dev', { value: Op.not(Op.eq(environmentSuffix, 'prod')) });
    new TerraformOutput(this, 'lazy', { value: Lazy.stringValue({ produce: () => TfFn.name }) });
  }
}
