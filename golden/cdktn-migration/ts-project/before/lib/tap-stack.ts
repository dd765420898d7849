import { Construct } from "constructs";
import {
  TerraformStack, // base class
  TerraformOutput,
  S3Backend,
} from "cdktf";
import * as aws from "@cdktf/provider-aws";
import { S3Bucket as Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";

export { AwsProvider } from "@cdktf/provider-aws/lib/provider";

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new aws.provider.AwsProvider(this, "aws", { region: "us-east-1" });
    new S3Backend(this, { bucket: "tap-states", key: `${id}.tfstate`, region: "us-east-1" });
    this.addOverride("terraform.backend.s3.use_lockfile", true);
    const bucket = new Bucket(this, "bucket", { bucketPrefix: "tap-" });
    new S3BucketVersioningA(this, "versioning", {
      bucket: bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });
    new TerraformOutput(this, "bucket_name", { value: bucket.bucket });
  }
}

export async function loadBlock(): Promise<unknown> {
  const block = await import("@cdktf/provider-aws/lib/s3-bucket-public-access-block");
  return block.S3BucketPublicAccessBlock;
}
