import { Construct } from 'constructs';
import { S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DatabaseStack } from './database-stack';

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new AwsProvider(this, 'aws', {
      region: 'us-east-1',
    });

    new S3Backend(this, {
      bucket: 'iac-rlhf-tf-states',
      key: `dev/${id}.tfstate`,
      region: 'us-east-1',
      encrypt: true,
    });

    new DatabaseStack(this, 'database', { environmentSuffix: 'dev' });
  }
}
