import { Construct } from 'constructs';
import * as sg from '@cdktf/provider-aws/lib/security-group';

export class SecurityGroupStack extends Construct {
  public readonly group: sg.SecurityGroup;

  constructor(scope: Construct, id: string, vpcId: string) {
    super(scope, id);
    const https: sg.SecurityGroupIngress = {
      fromPort: 443,
      toPort: 443,
      protocol: 'tcp',
      cidrBlocks: ['10.0.0.0/8'],
    };
    this.group = new sg.SecurityGroup(this, 'group', { vpcId, ingress: [https] });
  }
}
