"""Logs bucket; outputs built with TerraformOutput and Fn (from the star import)."""

from constructs import Construct
from cdktf import *  # noqa: F403 - TerraformStack, TerraformOutput, Fn, S3Backend
from cdktf_cdktf_provider_aws.provider import AwsProvider
import cdktf_cdktf_provider_aws.s3_bucket as s3


def bucket_name(prefix: str, Token: str) -> str:
    """`Token` here is a parameter, not cdktf's Token."""
    return f"{prefix}-{Token}"


class TapStack(TerraformStack):  # noqa: F405
    """Logs bucket (DataAwsCallerIdentity is not needed here)."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        S3Backend(  # noqa: F405
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )
        S3Bucket = s3.S3Bucket  # a local alias
        logs = S3Bucket(self, "logs", bucket=bucket_name("logs", environment_suffix), force_destroy=True)
        TerraformOutput(self, "logs_bucket", value=Fn.upper(logs.bucket))  # noqa: F405
