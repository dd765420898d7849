"""Claims-processing storage stack."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider

from lib.log_bucket import LogBucket
from lib.storage import DocumentStorage


class TapStack(TerraformStack):
    """Root stack: provider, backend, storage constructs."""

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

        logs = LogBucket(self, "log-bucket", environment_suffix=environment_suffix)
        self.storage = DocumentStorage(
            self,
            "document-storage",
            environment_suffix=environment_suffix,
            log_bucket=logs.bucket,
        )

        TerraformOutput(self, "documents_bucket", value=self.storage.bucket.bucket)
