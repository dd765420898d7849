"""Multi-environment infrastructure (seed 003): providers without default tags."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment: str = "dev", **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        region = kwargs.get("aws_region", "us-east-1")

        # MODEL_RESPONSE: only the bucket is tagged
        AwsProvider(self, "aws",
            region=region,
        )
        AwsProvider(self, "aws_dr", region="us-west-2", alias="dr")  # disaster recovery

        bucket = S3Bucket(self, "bucket",
            bucket_prefix=f"app-data-{environment_suffix}-",
            tags={"Environment": environment}
        )

        TerraformOutput(self, "bucket_name", value=bucket.bucket)
