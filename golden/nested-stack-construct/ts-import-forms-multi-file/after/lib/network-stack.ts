import { Construct } from 'constructs';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';

export interface NetworkStackProps {
  cidr: string;
}

export class NetworkStack extends Construct {
  public readonly vpcId: string;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id);
    const vpc = new Vpc(this, 'vpc', { cidrBlock: props.cidr, enableDnsHostnames: true });
    this.vpcId = vpc.id;
  }
}
