import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';

interface DatabaseStackProps {
  environmentSuffix: string;
}

export class DatabaseStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: DatabaseStackProps) {
    super(scope, id);

    // Configure AWS Provider
    new AwsProvider(this, 'aws', {
      region: 'us-east-1',
      defaultTags: [{ tags: { Stack: 'database' } }],
    });

    // A second region for the replica (aliased: not a duplicate)
    const replicaProvider = new AwsProvider(this, 'aws-replica', {
      alias: 'replica',
      region: 'us-west-2',
    });

    // Configure S3 Backend
    new S3Backend(this, {
      bucket: 'iac-rlhf-tf-states',
      key: `${props.environmentSuffix}/database.tfstate`,
      region: 'us-east-1',
    });

    const table = new DynamodbTable(this, 'sessions', {
      name: `sessions-${props.environmentSuffix}`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'id',
      attribute: [{ name: 'id', type: 'S' }],
    });
    new DynamodbTable(this, 'sessions-replica', {
      provider: replicaProvider,
      name: `sessions-replica-${props.environmentSuffix}`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'id',
      attribute: [{ name: 'id', type: 'S' }],
    });
    new TerraformOutput(this, 'table-name', { value: table.name });
  }
}
