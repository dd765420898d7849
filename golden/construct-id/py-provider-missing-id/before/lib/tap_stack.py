"""A provider, a caller-identity lookup and a bucket created without construct ids."""
from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
from cdktf_cdktf_provider_aws import s3_bucket as s3
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
    S3BucketVersioningA,  # the versioning resource
    S3BucketVersioningVersioningConfiguration,
)


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        environment_suffix = kwargs.get("environment_suffix", "dev")

        # S3Backend(scope, config) has no id: left alone
        S3Backend(
            self,
            bucket=kwargs.get("state_bucket", "iac-rlhf-tf-states"),
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=kwargs.get("state_bucket_region", "us-east-1"),
            encrypt=True,
        )

        # Configure AWS provider
        AwsProvider(
            self,
            region=kwargs.get("aws_region", "us-east-1"),
            default_tags=[kwargs.get("default_tags", {})],
        )

        caller = DataAwsCallerIdentity(self)
        self.logs_bucket = s3.S3Bucket(self, bucket_prefix=f"logs-{environment_suffix}-")
        S3BucketVersioningA(
            self,  # the stack
            bucket=self.logs_bucket.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )

        TerraformOutput(self, "account_id", value=caller.account_id)
        TerraformOutput(self, "logs_bucket_name", value=self.logs_bucket.bucket)
