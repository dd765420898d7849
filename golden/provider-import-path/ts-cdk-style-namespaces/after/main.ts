import { App, TerraformStack, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import * as aws from "@cdktf/provider-aws";
import { NetworkConstruct } from "./lib/network";

class AppStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new aws.provider.AwsProvider(this, "aws", { region: "us-east-1" });
    const mainVpc = new aws.vpc.Vpc(this, "vpc", { cidrBlock: "10.1.0.0/16" });
    const subnet: aws.subnet.Subnet = new aws.subnet.Subnet(this, "subnet", {
      vpcId: mainVpc.id,
      cidrBlock: "10.1.1.0/24",
    });
    const eip = new aws.eip.Eip(this, "eip", { domain: "vpc" });
    const bucket = new aws.s3Bucket.S3Bucket(this, "bucket", { bucketPrefix: "app-" });

    const network = new NetworkConstruct(this, "network", { vpcId: mainVpc.id });

    new TerraformOutput(this, "subnet_id", { value: subnet.id });
    new TerraformOutput(this, "eip_ip", { value: eip.publicIp });
    new TerraformOutput(this, "bucket_name", { value: bucket.bucket });
    new TerraformOutput(this, "sg_id", { value: network.securityGroup.id });
  }
}

const app = new App();
new AppStack(app, "app");
app.synth();
