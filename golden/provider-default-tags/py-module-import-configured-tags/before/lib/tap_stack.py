"""Payments stack; the provider module is imported as a module."""

from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import provider as aws_provider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        aws_provider.AwsProvider(
            self,
            "aws",
            region="eu-west-1"  # EU only
        )
        S3Bucket(self, "bucket", bucket_prefix="payments-")
