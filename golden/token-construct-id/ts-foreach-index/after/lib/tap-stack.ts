import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
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
    const subnets = [0, 1].map(
      (i) => new Subnet(this, `public-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24` })
    );
    const routeTable = new RouteTable(this, 'public-rt', { vpcId: vpc.id });

    // ids from the subnets' ids: tokens, unknown until apply
    subnets.forEach((subnet, index) => {
      new RouteTableAssociation(this, `public-rta-${index}`, {
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      });
    });
    subnets.map(
      (subnet, idx) =>
        new TerraformOutput(this, `subnet-${idx}-id`, { value: subnet.id })
    );

    const web = new SecurityGroup(this, 'web-sg', { vpcId: vpc.id, name: `web-${environmentSuffix}` });
    const db = new SecurityGroup(this, 'db-sg', { vpcId: vpc.id, name: `db-${environmentSuffix}` });
    [web.id, db.id].forEach((groupId, n) => {
      new TerraformOutput(this, 'sg-' + n, { value: groupId });
    });
  }
}
