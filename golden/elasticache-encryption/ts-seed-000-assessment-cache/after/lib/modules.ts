import { Construct } from 'constructs';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';

export interface CacheModuleProps {
  environmentSuffix: string;
}

// ElastiCache Redis for assessment caching (documented as "Redis with encryption")
export class CacheModule extends Construct {
  public readonly primaryEndpoint: string;

  constructor(scope: Construct, id: string, props: CacheModuleProps) {
    super(scope, id);
    const { environmentSuffix } = props;

    const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const subnets = ['a', 'b'].map(
      (zone, i) =>
        new Subnet(this, `cache-subnet-${zone}`, {
          vpcId: vpc.id,
          cidrBlock: `10.0.${i + 20}.0/24`,
          availabilityZone: `us-east-1${zone}`,
        })
    );
    const cacheSubnetGroup = new ElasticacheSubnetGroup(this, 'cache-subnets', {
      name: `assessment-cache-${environmentSuffix}`,
      subnetIds: subnets.map(s => s.id),
    });
    const cacheSecurityGroup = new SecurityGroup(this, 'cache-sg', {
      name: `assessment-cache-${environmentSuffix}`,
      description: 'Redis access from the application subnets',
      vpcId: vpc.id,
    });

    const replicationGroup = new ElasticacheReplicationGroup(
      this,
      'redis-cluster',
      {
        replicationGroupId: `assessment-cache-${environmentSuffix}`,
        description: 'Redis cluster for assessment caching',
        engine: 'redis',
        engineVersion: '7.0',
        nodeType: 'cache.t4g.micro',
        numCacheClusters: 2,
        port: 6379,
        parameterGroupName: 'default.redis7',
        subnetGroupName: cacheSubnetGroup.name,
        securityGroupIds: [cacheSecurityGroup.id],
        snapshotRetentionLimit: 5,
        snapshotWindow: '03:00-05:00',
        maintenanceWindow: 'mon:05:00-mon:07:00',
        tags: {
          Name: `assessment-cache-${environmentSuffix}`,
        }, // cost allocation tag
        atRestEncryptionEnabled: 'true',
        transitEncryptionEnabled: true,
        automaticFailoverEnabled: true,
        multiAzEnabled: true,
      }
    );

    this.primaryEndpoint = replicationGroup.primaryEndpointAddress;
  }
}
