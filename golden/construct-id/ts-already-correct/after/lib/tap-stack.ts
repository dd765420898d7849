import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';

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
    const prod = environmentSuffix === 'prod';
    new AwsProvider(this, 'aws', { region: props?.awsRegion || 'us-east-1' });
    new S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    // the same id on two different scopes
    const network = new Construct(this, 'network');
    new Vpc(network, 'vpc', { cidrBlock: '10.0.0.0/16' });
    new Vpc(this, 'vpc', { cidrBlock: '10.1.0.0/16' });

    // the same id in branches that exclude each other
    const logs = prod
      ? new S3Bucket(this, 'logs', { bucketPrefix: 'prod-logs-', forceDestroy: false })
      : new S3Bucket(this, 'logs', { bucketPrefix: 'logs-', forceDestroy: true });
    if (prod) {
      new TerraformOutput(this, 'logs-bucket', { value: logs.bucket, sensitive: true });
    } else {
      new TerraformOutput(this, 'logs-bucket', { value: logs.bucket });
    }
  }
}
