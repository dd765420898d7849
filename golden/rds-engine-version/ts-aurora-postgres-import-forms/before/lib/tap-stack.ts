import { Construct } from 'constructs';
import { S3Backend, TerraformStack } from 'cdktf';
import * as aws from '@cdktf/provider-aws';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { DataStorage } from './data-storage';

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

    // analytics cluster (namespace import)
    const analytics = new aws.rdsCluster.RdsCluster(this, 'analytics', {
      clusterIdentifier: `analytics-${environmentSuffix}`,
      engine: 'aurora-postgresql',
      engineVersion: '15.4', // Aurora PostgreSQL 15
      masterUsername: 'analytics',
      manageMasterUserPassword: true,
      storageEncrypted: true,
      skipFinalSnapshot: true,
    });
    new aws.rdsClusterInstance.RdsClusterInstance(this, 'analytics-writer', {
      clusterIdentifier: analytics.id,
      instanceClass: 'db.r6g.large',
      engine: 'aurora-postgresql',
      engineVersion: analytics.engineVersion,
    });

    new DataStorage(this, 'storage', { environmentSuffix });
  }
}
