"""Reports bucket with a variable-driven retention and outputs."""

from constructs import Construct
from cdktf import (
    S3Backend,
    TerraformOutputs,  # outputs for the pipeline
    TerraformStack,
    TerraformVariable,
)
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class TapStack(TerraformStack):
    """Reports bucket."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        owner = TerraformVariable(self, "owner", type="string", default="platform")
        reports = S3Bucket(
            self,
            "reports",
            bucket_prefix=f"reports-{environment_suffix}-",
            force_destroy=True,
            tags={"Owner": owner.string_value},
        )
        TerraformOutputs(self, "reports_bucket", value=reports.bucket)
        TerraformOutputs(self, "reports_arn", value=reports.arn)
