import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { DynamodbTableReplica } from '@cdktf/provider-aws/lib/dynamodb-table-replica';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import {
  S3BucketObjectLockConfiguration,
  S3BucketObjectLockConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';

export interface LedgerProps {
  environmentSuffix: string;
  replicaProvider: TerraformProvider;
  retentionDays: number;
}

/** Ledger table (replicated to a second region) and a WORM archive bucket. */
export class Ledger extends Construct {
  public readonly table: DynamodbTable;
  public readonly replica: DynamodbTableReplica;
  public readonly archive: S3Bucket;

  constructor(scope: Construct, id: string, props: LedgerProps) {
    super(scope, id);

    this.table = new DynamodbTable(this, 'ledger-table', {
      name: `ledger-${props.environmentSuffix}`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'accountId',
      rangeKey: 'entryId',
      attribute: [
        { name: 'accountId', type: 'S' },
        { name: 'entryId', type: 'S' },
      ],
      streamEnabled: true,
      streamViewType: 'NEW_AND_OLD_IMAGES',
      pointInTimeRecovery: { enabled: true },
    });

    this.replica = new DynamodbTableReplica(this, 'ledger-replica', {
      provider: props.replicaProvider,
      globalTableArn: this.table.arn,
      pointInTimeRecovery: true,
    });

    this.archive = new S3Bucket(this, 'ledger-archive', {
      bucket: `ledger-archive-${props.environmentSuffix}`,
      objectLockEnabled: true,
      forceDestroy: true,
    });

    const versioning = new S3BucketVersioningA(this, 'ledger-archive-versioning', {
      bucket: this.archive.id,
      versioningConfiguration: { status: 'Enabled' },
    });

    const lockRule: S3BucketObjectLockConfigurationRule = {
      defaultRetention: {
        mode: 'COMPLIANCE',
        days: props.retentionDays,
      },
    };

    new S3BucketObjectLockConfiguration(this, 'ledger-archive-lock', {
      bucket: this.archive.id,
      rule: lockRule,
      dependsOn: [versioning],
    });
  }
}
