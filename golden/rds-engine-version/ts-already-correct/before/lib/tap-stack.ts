import { Construct } from 'constructs';
import { S3Backend, TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
  dbEngineVersion?: string;
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

    // a major-version prefix: Terraform resolves it to the default minor version
    new DbInstance(this, 'app', {
      engine: 'mysql',
      engineVersion: '8.0',
      instanceClass: 'db.t3.micro',
      allocatedStorage: 20,
      username: 'app',
      manageMasterUserPassword: true,
      skipFinalSnapshot: true,
    });

    // the version comes from the caller: not a literal
    new DbInstance(this, 'reports', {
      engine: 'postgres',
      engineVersion: props?.dbEngineVersion ?? '16.9',
      instanceClass: 'db.t3.micro',
      allocatedStorage: 20,
      username: 'reports',
      manageMasterUserPassword: true,
      skipFinalSnapshot: true,
    });

    new RdsCluster(this, 'aurora', {
      engine: 'aurora-mysql',
      engineVersion: '8.0.mysql_aurora.3.04.0',
      masterUsername: 'aurora',
      manageMasterUserPassword: true,
      skipFinalSnapshot: true,
    });

    // not RDS
    new ElasticacheReplicationGroup(this, 'cache', {
      replicationGroupId: `cache-${environmentSuffix}`,
      description: 'sessions',
      engine: 'redis',
      engineVersion: '7.0',
      nodeType: 'cache.t3.micro',
      numCacheClusters: 1,
    });
  }
}
