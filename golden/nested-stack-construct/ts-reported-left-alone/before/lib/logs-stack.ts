import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';

export class LogsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const provider = new AwsProvider(this, 'aws', { region: 'us-east-1' });
    new CloudwatchLogGroup(this, 'app', { name: '/app/dev', provider });
  }
}
