import { S3Backend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { NetworkStack as Network } from './network-stack';
import * as monitoring from './monitoring-stack';
import StorageStack from './storage-stack';
import { QueueStack } from './stacks';

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    new S3Backend(this, {
      bucket: 'iac-rlhf-tf-states',
      key: `dev/${id}.tfstate`,
      region: 'us-east-1',
      encrypt: true,
    });

    const network = new Network(this, 'network', { cidr: '10.0.0.0/16' });
    new monitoring.MonitoringStack(this, 'monitoring');
    new StorageStack(this, 'storage', network.vpcId);
    new QueueStack(
      this,
      'queues',
    );
  }
}
