import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import {
  DynamodbTable,
  DynamodbTableReplica, // inline `replica` block of aws_dynamodb_table
} from '@cdktf/provider-aws/lib/dynamodb-table';
import { Ledger } from './ledger';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';
    const stateBucketRegion = props?.stateBucketRegion || 'us-east-1';
    const stateBucket = props?.stateBucket || 'iac-rlhf-tf-states';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: defaultTags,
    });
    const replicaProvider = new AwsProvider(this, 'aws-west', {
      alias: 'west',
      region: 'us-west-2',
      defaultTags: defaultTags,
    });

    new S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    const ledger = new Ledger(this, 'ledger', {
      environmentSuffix,
      replicaProvider,
      retentionDays: 365,
    });

    const sessionReplicas: DynamodbTableReplica[] = [{ regionName: 'us-west-2' }];
    const sessions = new DynamodbTable(this, 'sessions', {
      name: `sessions-${environmentSuffix}`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'sessionId',
      attribute: [{ name: 'sessionId', type: 'S' }],
      streamEnabled: true,
      streamViewType: 'NEW_AND_OLD_IMAGES',
      replica: sessionReplicas,
    });

    new TerraformOutput(this, 'ledger-table', { value: ledger.table.name });
    new TerraformOutput(this, 'sessions-table', { value: sessions.name });
  }
}
