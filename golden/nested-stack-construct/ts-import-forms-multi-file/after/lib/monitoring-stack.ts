import { Construct } from 'constructs';
import { TerraformStack, TerraformOutput } from 'cdktf';
import { ArchiveProvider } from '@cdktf/provider-archive/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';

export class MonitoringStack
  extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    // Archive provider for Lambda packaging (the parent has none)
    new ArchiveProvider(this, 'archive');

    const logs = new CloudwatchLogGroup(this, 'logs', { name: '/app/dev', retentionInDays: 14 });
    new TerraformOutput(this, 'log-group', { value: logs.name });
    new TerraformOutput(this, 'stack-name', { value: TerraformStack.of(this).toString() });
  }
}
