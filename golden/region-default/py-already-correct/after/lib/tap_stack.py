"""The defaults already match metadata.json; the environment and the state bucket have their own."""
import os

from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider


class MultiEnvStack(TerraformStack):
    def __init__(self, scope: Construct, id: str, config: dict, aws_region: str = "ap-southeast-1"):
        super().__init__(scope, id)
        region = config.get("region", aws_region)
        state_bucket_region = config.get("state_bucket_region", "us-east-1")
        fallback = os.getenv("AWS_REGION", "us-east-1")
        AwsProvider(self, "aws", region=region or fallback)
        AwsProvider(self, "state", alias="state", region=state_bucket_region)
