import { Construct } from 'constructs';
import { S3Backend, TerraformStack, TerraformOutput, Fn } from 'cdktf';
import { provider, snsTopic, dataAwsCallerIdentity } from '@cdktf/provider-aws';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: provider.AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';
    const stateBucketRegion = props?.stateBucketRegion || 'us-east-1';
    const stateBucket = props?.stateBucket || 'iac-rlhf-tf-states';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new provider.AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: defaultTags,
    });

    new S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    const current = new dataAwsCallerIdentity.DataAwsCallerIdentity(this, 'current');

    // alarm topic, AWS-CDK style namespace (sns.Topic in the CDK)
    const alarms = new snsTopic.SnsTopic(this, 'alarms', {
      name: `alarms-${environmentSuffix}`,
    });

    new TerraformOutput(this, 'alarm-topic-arn', {
      value: alarms.arn,
    });
    new TerraformOutput(this, 'account-id', {
      value: Fn.lower(current.accountId),
    });
  }
}
