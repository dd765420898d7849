import { Construct } from 'constructs';
import { Fn, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';

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
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new AwsProvider(this, 'aws', { region: props?.awsRegion || 'us-east-1', defaultTags: defaultTags });
    new S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const azs = new DataAwsAvailabilityZones(this, 'azs', { state: 'available' });

    // local arrays are indexed as arrays
    const cidrs = ['10.0.1.0/24', '10.0.2.0/24'];
    const names = ['public', 'private'];
    const subnets: Subnet[] = [];
    cidrs.forEach((cidr, i) => {
      subnets.push(
        new Subnet(this, `${names[i]}-subnet`, {
          vpcId: vpc.id,
          cidrBlock: cidrs[i] ?? cidr,
          availabilityZone: Fn.element(azs.names, i),
        })
      );
    });

    // a Terraform expression written by hand is valid as it is
    new Subnet(this, 'spare-subnet', {
      vpcId: vpc.id,
      cidrBlock: '10.0.9.0/24',
      availabilityZone: `\${${azs.fqn}.names[1]}`,
    });

    const role = new IamRole(this, 'cluster-role', {
      name: `eks-cluster-${environmentSuffix}`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
    });
    const cluster = new EksCluster(this, 'eks', {
      name: `eks-${environmentSuffix}`,
      roleArn: role.arn,
      vpcConfig: { subnetIds: [subnets[0].id, subnets[1].id] },
    });

    new TerraformOutput(this, 'oidc-issuer', { value: cluster.identity.get(0).oidc.get(0).issuer });
    new TerraformOutput(this, 'zones', { value: azs.names });
    new TerraformOutput(this, 'zone-count', { value: Fn.lengthOf(azs.names) });
  }
}
