import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import * as aws from '@cdktf/provider-aws';

interface TapStackProps {
  environmentSuffix?: string;
  awsRegion?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  defaultTags?: object;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    new aws.provider.AwsProvider(this, 'aws', { region: props?.awsRegion || 'us-east-1' });

    const key = new aws.kmsKey.KmsKey(this, 'db-key', { enableKeyRotation: true });

    // Aurora cluster for the ledger: a customer managed key is given
    const ledger = new aws.rdsCluster.RdsCluster(this, 'ledger', {
      clusterIdentifier: `ledger-${environmentSuffix}`,
      engine: 'aurora-postgresql',
      engineVersion: '16.6',
      masterUsername: 'ledger',
      manageMasterUserPassword: true,
      kmsKeyId: key.arn,
      skipFinalSnapshot: true
    });

    const reports = new aws.dbInstance.DbInstance(this, 'reports', { identifier: `reports-${environmentSuffix}`, engine: 'mysql', instanceClass: 'db.t3.micro', allocatedStorage: 20, username: 'admin', manageMasterUserPassword: true, skipFinalSnapshot: true });

    new TerraformOutput(this, 'ledger-endpoint', { value: ledger.endpoint });
    new TerraformOutput(this, 'reports-endpoint', { value: reports.endpoint });
  }
}
