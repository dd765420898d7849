import { Construct } from 'constructs';
import { DbInstance as RdsInstance } from '@cdktf/provider-aws/lib/db-instance';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';

export interface DataStorageProps {
  environmentSuffix: string;
}

export class DataStorage extends Construct {
  constructor(scope: Construct, id: string, props: DataStorageProps) {
    super(scope, id);

    new RdsInstance(this, 'ledger', {
      identifier: `ledger-${props.environmentSuffix}`,
      engine: "postgres",
      engineVersion: "16.9",
      instanceClass: 'db.t3.micro',
      allocatedStorage: 20,
      username: 'ledger',
      manageMasterUserPassword: true,
      skipFinalSnapshot: true,
    });

    new RdsCluster(this, 'sessions', {
      clusterIdentifier: `sessions-${props.environmentSuffix}`,
      engine: 'aurora-mysql',
      engineVersion: `8.0.mysql_aurora.3.04.0`,
      masterUsername: 'sessions',
      manageMasterUserPassword: true,
      skipFinalSnapshot: true,
    });

    // supported already: untouched
    new RdsCluster(this, 'events', {
      clusterIdentifier: `events-${props.environmentSuffix}`,
      engine: 'aurora-postgresql',
      engineVersion: '16.9',
      masterUsername: 'events',
      manageMasterUserPassword: true,
      skipFinalSnapshot: true,
    });
  }
}
