import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { dbSubnetGroup, subnet, vpc } from '@cdktf/provider-aws';
// RdsCluster is a real Terraform name (aws_rds_cluster): not renamed to a Db… name
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
// a local class whose name looks like an invented provider one
class EventbridgeRule {
  constructor(public readonly schedule: string) {}
}

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

    new AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: props?.defaultTags ? [props.defaultTags] : [],
    });
    new S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    const logs = new S3Bucket(this, 'trail-logs', { bucket: `trail-logs-${environmentSuffix}` });
    // the construct id says "cloudtrail-trail" and "vpc-flow-log": strings are not module paths
    new Cloudtrail(this, 'cloudtrail-trail', { name: 'vpc-flow-log', s3BucketName: logs.bucket });

    const nightly = new EventbridgeRule('rate(1 day)');
    new CloudwatchEventRule(this, 'nightly', { scheduleExpression: nightly.schedule });

    const network = new vpc.Vpc(this, 'vpc', { cidrBlock: '10.1.0.0/16' });
    const subnets = ['a', 'b'].map(
      (az, i) =>
        new subnet.Subnet(this, `subnet-${az}`, {
          vpcId: network.id,
          cidrBlock: `10.1.${i}.0/24`,
          availabilityZone: `${awsRegion}${az}`,
        })
    );
    const group = new dbSubnetGroup.DbSubnetGroup(this, 'db-subnets', {
      name: `db-subnets-${environmentSuffix}`,
      subnetIds: subnets.map((s) => s.id),
    });
    const cluster = new RdsCluster(this, 'cluster', {
      clusterIdentifier: `app-${environmentSuffix}`,
      engine: 'aurora-postgresql',
      masterUsername: 'app',
      manageMasterUserPassword: true,
      dbSubnetGroupName: group.name,
      storageEncrypted: true,
      skipFinalSnapshot: true,
    });

    new TerraformOutput(this, 'cluster-endpoint', { value: cluster.endpoint });
  }
}
