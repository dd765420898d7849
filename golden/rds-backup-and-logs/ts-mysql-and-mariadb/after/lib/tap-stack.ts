import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import * as aws from '@cdktf/provider-aws';

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

    new S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    // Orders database: backups for one day only
    const orders = new aws.dbInstance.DbInstance(this, 'orders-db', {
      identifier: `orders-${environmentSuffix}`,
      engine: 'mysql',
      engineVersion: '8.0.42',
      instanceClass: 'db.t3.micro',
      allocatedStorage: 20,
      username: 'admin',
      manageMasterUserPassword: true,
      storageEncrypted: true,
      backupRetentionPeriod: 7, // cheapest
      skipFinalSnapshot: true,
      enabledCloudwatchLogsExports: ['error', 'general', 'slowquery'],
    });

    // Catalog database: automated backups off, no log exports
    const catalog = new aws.dbInstance.DbInstance(this, 'catalog-db', { identifier: `catalog-${environmentSuffix}`, engine: 'mariadb', instanceClass: 'db.t3.micro', allocatedStorage: 20, username: 'admin', manageMasterUserPassword: true, storageEncrypted: true, backupRetentionPeriod: 7, skipFinalSnapshot: true, enabledCloudwatchLogsExports: ['error', 'general', 'slowquery'] });

    // Reporting replica of the orders database: left alone (backups follow the source)
    new aws.dbInstance.DbInstance(this, 'orders-replica', {
      identifier: `orders-replica-${environmentSuffix}`,
      replicateSourceDb: orders.identifier,
      instanceClass: 'db.t3.micro',
      skipFinalSnapshot: true,
    });

    new TerraformOutput(this, 'orders-endpoint', { value: orders.endpoint });
    new TerraformOutput(this, 'catalog-endpoint', { value: catalog.endpoint });
  }
}
