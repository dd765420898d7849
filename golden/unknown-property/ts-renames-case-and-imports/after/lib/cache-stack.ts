import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { snsTopic } from '@cdktf/provider-aws';
import * as rds from '@cdktf/provider-aws/lib/db-instance';
import {
  // the Redis cluster
  ElasticacheReplicationGroup as Redis,
} from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';

export interface CacheStackProps {
  environmentSuffix: string;
}

export class CacheStack extends Construct {
  constructor(scope: Construct, id: string, props: CacheStackProps) {
    super(scope, id);
    const suffix = props.environmentSuffix;

    const key = new KmsKey(this, 'key', { description: 'cache data', enableKeyRotation: true });

    const alerts = new snsTopic.SnsTopic(this, 'alerts', {
      name: `cache-alerts-${suffix}`,
      kmsMasterKeyId: key.arn,
    });

    const redis = new Redis(this, 'redis', {
      replicationGroupId: `sessions-${suffix}`,
      'description': 'Session cache',
      engine: 'redis',
      nodeType: 'cache.t3.micro',
      numCacheClusters: 2,
      notificationTopicArn: alerts.arn,
      tags: { replication_group_description: 'tag keys are free-form' },
    });

    new rds.DbInstance(this, 'db', {
      identifier: `orders-${suffix}`,
      engine: 'postgres',
      instanceClass: 'db.t3.micro',
      allocatedStorage: 20,
      username: 'orders',
      manageMasterUserPassword: true,
      skipFinalSnapshot: true,
    });

    new TerraformOutput(this, 'redis_endpoint', { value: redis.primaryEndpointAddress });
  }
}
