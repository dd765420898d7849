import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { provider, instance, launchTemplate } from "@cdktf/provider-aws";

interface TapStackProps {
  environmentSuffix?: string;
  awsRegion?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  defaultTags?: object;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || "dev";
    new provider.AwsProvider(this, "aws", { region: props?.awsRegion || "us-east-1" });

    // Legacy agent host: the metadata options were copied from an old example
    new instance.Instance(this, "agent", {
      ami: "ami-0c55b159cbfafe1f0",
      instanceType: "t3.micro",
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required", // IMDSv1 and v2
        httpPutResponseHopLimit: 2,
      },
      tags: { Name: `agent-${environmentSuffix}` },
    });

    const template = new launchTemplate.LaunchTemplate(this, "workers", {
      namePrefix: `workers-${environmentSuffix}-`,
      imageId: "ami-0c55b159cbfafe1f0",
      instanceType: "t3.small",
      userData: Buffer.from("#!/bin/bash\necho ready\n").toString("base64"),
      tagSpecifications: [
        {
          resourceType: "instance",
          tags: { Name: `worker-${environmentSuffix}` },
        },
      ],
      metadataOptions: { httpTokens: "required" },
    });

    // launched from the template: its metadata options come from there
    new instance.Instance(this, "worker-0", {
      launchTemplate: { id: template.id, version: "$Latest" },
    });
  }
}
