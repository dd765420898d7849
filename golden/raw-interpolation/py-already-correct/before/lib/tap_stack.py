"""Attribute references, Terraform variables and a top-level data source with a working reference."""
from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput, TerraformVariable
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        environment_suffix = kwargs.get("environment_suffix", "dev")
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"),
                    default_tags=[kwargs.get("default_tags", {})])
        S3Backend(
            self,
            bucket=kwargs.get("state_bucket", "iac-rlhf-tf-states"),
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=kwargs.get("state_bucket_region", "us-east-1"),
            encrypt=True,
        )
        TerraformVariable(self, "team", type="string", default="platform")
        DataAwsCallerIdentity(self, "current")  # not bound: the hand-written reference is the way to it
        bucket = S3Bucket(self, "audit", bucket=f"audit-{environment_suffix}", force_destroy=True)
        TerraformOutput(self, "audit_arn", value=f"{bucket.arn}")
        TerraformOutput(self, "account", value="${data.aws_caller_identity.current.account_id}")
        TerraformOutput(self, "team_name", value="${var.team}")
