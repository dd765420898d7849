import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import {
  provider,
  vpc,
  subnet,
  rdsSubnetGroup,
  rdsInstance as rds,
  route53,
} from '@cdktf/provider-aws';
import { IamRole, IamRolePolicyAttachmentV2 } from '@cdktf/provider-aws/lib/iam-role';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: provider.AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  public readonly subnetGroup: rdsSubnetGroup.RdsSubnetGroup;
  public readonly database: rds.RdsInstance;

  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';

    new provider.AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: props?.defaultTags ? [props.defaultTags] : [],
    });
    new S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    const network = new vpc.Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const subnets = ['a', 'b'].map(
      (az, i) =>
        new subnet.Subnet(this, `db-subnet-${az}`, {
          vpcId: network.id,
          cidrBlock: `10.0.${i}.0/24`,
          availabilityZone: `${awsRegion}${az}`,
        })
    );

    this.subnetGroup = new rdsSubnetGroup.RdsSubnetGroup(this, 'db-subnets', {
      name: `app-db-subnets-${environmentSuffix}`,
      subnetIds: subnets.map((s) => s.id),
    });

    const monitoring = new IamRole(this, 'rds-monitoring', {
      name: `rds-monitoring-${environmentSuffix}`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'monitoring.rds.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    });

    const databaseConfig: rds.RdsInstanceConfig = {
      identifier: `app-db-${environmentSuffix}`,
      engine: 'postgres',
      instanceClass: 'db.t3.micro',
      allocatedStorage: 20,
      dbSubnetGroupName: this.subnetGroup.name,
      manageMasterUserPassword: true,
      username: 'app',
      storageEncrypted: true,
      monitoringInterval: 60,
      monitoringRoleArn: monitoring.arn,
      skipFinalSnapshot: true,
    };
    this.database = new rds.RdsInstance(this, 'db', databaseConfig);

    new TerraformOutput(this, 'db-endpoint', { value: this.database.endpoint });
  }
}
