import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SharedStack } from './shared-stack';
import { AuditStack } from './audit-stack';
import { LogsStack } from './logs-stack';

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    new SharedStack(this, 'shared');
    new AuditStack(this, 'audit');
    new LogsStack(this, 'logs');
  }
}
