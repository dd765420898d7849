import { Construct } from 'constructs';
import { Fn, S3Backend, TerraformOutput, TerraformStack, Token } from 'cdktf';
import * as cdktf from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

const SETTINGS = { bucket: { prefix: 'config', zones: ['a', 'b', 'c'] } };

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

    const settings = Fn.jsonDecode(Fn.jsonencode(SETTINGS));
    const config = new S3Bucket(this, 'config', {
      bucketPrefix: `config-${environmentSuffix}-`,
      forceDestroy: true,
    });

    new TerraformOutput(this, 'config-bucket', { value: Token.as_string(config.bucket) });
    new TerraformOutput(this, 'config-prefix', {
      value: Fn.lookup_nested(settings, ['bucket', 'prefix']),
    });
    new TerraformOutput(this, 'zone-count', {
      value: cdktf.Fn.length(Fn.lookupNested(settings, ['bucket', 'zones'])),
    });
    new TerraformOutput(this, 'encoded', { value: Fn.base64Encode(Fn.jsonEncode(settings)) });
  }
}
