import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';

interface DatabaseStackProps {
  environmentSuffix: string;
}

export class DatabaseStack extends Construct {
  constructor(scope: Construct, id: string, props: DatabaseStackProps) {
    super(scope, id);

    // Configure AWS Provider

    // A second region for the replica (aliased: not a duplicate)
    const replicaProvider = new AwsProvider(this, 'aws-replica', {
      alias: 'replica',
      region: 'us-west-2',
    });

    // Configure S3 Backend

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
