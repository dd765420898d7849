import { Construct } from "constructs";
import { vpc, ec2, iam, kms } from "@cdktf/provider-aws";

export interface NetworkProps {
  vpcId: string;
}

export class NetworkConstruct extends Construct {
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly role: iam.IamRole;
  public readonly subnets: vpc.Subnet[] = [];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);

    this.securityGroup = new ec2.SecurityGroup(this, "sg", {
      vpcId: props.vpcId,
      description: "application traffic",
    });

    this.role = new iam.IamRole(this, "role", {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    });

    for (const i of [2, 3]) {
      this.subnets.push(
        new vpc.Subnet(this, `subnet-${i}`, { vpcId: props.vpcId, cidrBlock: `10.1.${i}.0/24` })
      );
    }
  }
}
