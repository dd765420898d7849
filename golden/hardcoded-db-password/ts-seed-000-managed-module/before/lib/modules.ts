import { Construct } from 'constructs';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';

export class NetworkModule extends Construct {
  public readonly privateSubnetIds: string[];

  constructor(scope: Construct, id: string, props: { environmentSuffix: string }) {
    super(scope, id);
    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: '10.10.0.0/16',
      tags: { Name: `assessment-vpc-${props.environmentSuffix}` },
    });
    this.privateSubnetIds = ['a', 'b'].map(
      (zone, i) =>
        new Subnet(this, `private-${zone}`, {
          vpcId: vpc.id,
          cidrBlock: `10.10.${i + 1}.0/24`,
          availabilityZone: `us-east-1${zone}`,
        }).id
    );
  }
}

interface RdsModuleProps {
  environmentSuffix: string;
  subnetIds: string[];
}

export class RdsModule extends Construct {
  public readonly clusterEndpoint: string;

  constructor(scope: Construct, id: string, props: RdsModuleProps) {
    super(scope, id);
    const { environmentSuffix } = props;

    const subnetGroup = new DbSubnetGroup(this, 'subnet-group', {
      name: `assessment-db-${environmentSuffix}`,
      subnetIds: props.subnetIds,
    });

    // Aurora Serverless v2 Cluster
    const cluster = new RdsCluster(this, 'aurora-cluster', {
      clusterIdentifier: `assessment-aurora-${environmentSuffix}`,
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      engineVersion: '16.4',
      databaseName: 'assessments',
      masterUsername: 'dbadmin',
      masterPassword: 'temporaryPassword123!', // Will be rotated by Secrets Manager
      dbSubnetGroupName: subnetGroup.name,
      storageEncrypted: true,
      skipFinalSnapshot: true,
      serverlessv2ScalingConfiguration: {
        minCapacity: 0.5,
        maxCapacity: 2,
      },
    });

    new RdsClusterInstance(this, 'aurora-instance', {
      clusterIdentifier: cluster.id,
      instanceClass: 'db.serverless',
      engine: cluster.engine,
    });

    this.clusterEndpoint = cluster.endpoint;
  }
}
