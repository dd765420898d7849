import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import * as aws from '@cdktf/provider-aws';
import { AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { DataAwsCallerIdentity as CallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  public readonly logBucket: S3Bucket;

  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    // S3Backend(scope, config) has no id: left alone
    new S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    new aws.provider.AwsProvider(this, 'aws', {
      region: props?.awsRegion || 'us-east-1',
      defaultTags: defaultTags,
    });

    const caller = new CallerIdentity(this, 'caller');
    this.logBucket = new S3Bucket(
      this,
      'log-bucket',
      // logs, one bucket per environment
      { bucketPrefix: `logs-${environmentSuffix}-` }
    );

    new TerraformOutput(this, 'account-id', { value: caller.accountId });
    new TerraformOutput(this, 'log-bucket-name', { value: this.logBucket.bucket });
  }
}
