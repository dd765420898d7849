"""Region given by a parameter default; the project states its region in the iacfix config."""
from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider


class TapStack(TerraformStack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        environment_suffix: str = "dev",
        aws_region: str = "eu-central-1",  # the deploy region
        state_bucket: str = "iac-rlhf-tf-states",
        state_bucket_region: str = "us-east-1",
        default_tags: dict | None = None,
    ):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags] if default_tags else None)
