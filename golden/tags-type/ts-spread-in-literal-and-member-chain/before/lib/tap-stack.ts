import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import * as aws from '@cdktf/provider-aws';
import { AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';

interface ResourceTags {
  Team: string;
  Service: string;
}

interface StackConfig {
  cidr: string;
  tags: ResourceTags;
}

type NameTag = { Name: string };

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  private readonly config: StackConfig;

  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    this.config = { cidr: '10.0.0.0/16', tags: { Team: 'net', Service: 'core' } };
    const name: NameTag = { Name: `vpc-${environmentSuffix}` };

    new aws.provider.AwsProvider(this, 'aws', {
      region: props?.awsRegion || 'us-east-1',
      defaultTags: props?.defaultTags ? [props.defaultTags] : [],
    });

    const vpc = new aws.vpc.Vpc(this, 'vpc', {
      cidrBlock: this.config.cidr,
      tags: { ...this.config.tags, ...name },
    });

    new aws.internetGateway.InternetGateway(this, 'igw', {
      vpcId: vpc.id,
      tags: this.config.tags,
    });

    new aws.routeTable.RouteTable(this, 'public-rt', {
      vpcId: vpc.id,
      tags: name,
    });
  }
}
