"""Audit log bucket with the account id in its name, and outputs for the pipeline."""

from constructs import Construct
from cdktf import (
    S3Backend,
    TerraformStack,  # the stack base class
)
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class TapStack(TerraformStack):
    """Account-scoped audit bucket."""

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

        current = DataAwsCallerIdentity(self, "current")

        audit = S3Bucket(
            self,
            "audit",
            bucket_prefix=f"audit-{environment_suffix}-",
            force_destroy=True,
        )

        TerraformOutput(self, "audit_bucket", value=audit.bucket)
        TerraformOutput(
            self,
            "audit_bucket_upper",
            value=Fn.upper(audit.bucket),
            description="for the dashboards",
        )
        TerraformOutput(self, "account_id", value=current.account_id)

    def describe(self, Fn):  # a parameter named like the cdktf class: left alone
        return Fn
