import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";

export interface NetworkProps {
  vpcId: string;
}

export class NetworkConstruct extends Construct {
  public readonly securityGroup: SecurityGroup;
  public readonly role: IamRole;
  public readonly subnets: Subnet[] = [];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);

    this.securityGroup = new SecurityGroup(this, "sg", {
      vpcId: props.vpcId,
      description: "application traffic",
    });

    this.role = new IamRole(this, "role", {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    });

    for (const i of [2, 3]) {
      this.subnets.push(
        new Subnet(this, `subnet-${i}`, { vpcId: props.vpcId, cidrBlock: `10.1.${i}.0/24` })
      );
    }
  }
}
