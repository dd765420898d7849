import { Construct } from 'constructs';
import * as cdktf from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

export class TapStack extends cdktf.TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new AwsProvider(this, 'aws', { region: props?.awsRegion || 'us-east-1', defaultTags: defaultTags });
    new cdktf.S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    const region = new DataAwsRegion(this, 'current');
    const logs = new CloudwatchLogGroup(this, 'app-logs', {
      name: `/app/${environmentSuffix}/${region.name}`,
      retentionInDays: 14,
    });
    new cdktf.TerraformOutput(this, 'log-group', { value: logs.name });
    new cdktf.TerraformOutput(this, 'region', { value: region.name });
    new cdktf.TerraformOutput(this, 'account', { value: this.account });
  }

  // a getter runs on every access: a data source cannot be created here (reported, not fixed)
  private get account(): string {
    return '${data.aws_caller_identity.current.account_id}';
  }
}
