import { Construct } from "constructs";
import { S3Backend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";

export class NetworkStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-east-1" });
    new S3Backend(this, { bucket: "iac-rlhf-tf-states", key: "dev/network.tfstate", region: "us-east-1" });
    new Vpc(this, "vpc", { cidrBlock: "10.0.0.0/16" });
  }
}
