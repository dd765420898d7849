import { Construct } from 'constructs';
import * as cdktf from 'cdktf';
import * as aws from '@cdktf/provider-aws';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: aws.provider.AwsProviderDefaultTags;
}

/** Outputs of a cluster built elsewhere (a parameter property typed with the provider class). */
class ClusterOutputs extends Construct {
  constructor(scope: Construct, id: string, private readonly cluster: aws.eksCluster.EksCluster) {
    super(scope, id);

    new cdktf.TerraformOutput(this, 'oidc-issuer', {
      value: this.cluster.identity.get(0).oidc.get(0).issuer,
    });
    new cdktf.TerraformOutput(this, 'ca-data', { value: cluster.certificateAuthority.get(0).data });
  }
}

export class TapStack extends cdktf.TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new aws.provider.AwsProvider(this, 'aws', {
      region: props?.awsRegion || 'us-east-1',
      defaultTags: defaultTags,
    });
    new cdktf.S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    const vpc = new aws.vpc.Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const azs = new aws.dataAwsAvailabilityZones.DataAwsAvailabilityZones(this, 'azs', {
      state: 'available',
    });
    const subnets = [0, 1].map(
      (i) =>
        new aws.subnet.Subnet(this, `subnet-${i}`, {
          vpcId: vpc.id,
          cidrBlock: `10.0.${i}.0/24`,
          availabilityZone: cdktf.Fn.element(azs.names, i),
        })
    );

    const role = new aws.iamRole.IamRole(this, 'cluster-role', {
      name: `eks-cluster-${environmentSuffix}`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
    });

    const cluster = new aws.eksCluster.EksCluster(this, 'eks', {
      name: `eks-${environmentSuffix}`,
      roleArn: role.arn,
      vpcConfig: { subnetIds: subnets.map((s) => s.id) },
    });

    new ClusterOutputs(this, 'outputs', cluster);
    new cdktf.TerraformOutput(this, 'endpoint', { value: cluster.endpoint });
  }
}
