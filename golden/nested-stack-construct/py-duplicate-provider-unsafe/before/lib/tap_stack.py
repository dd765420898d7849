from cdktf import TerraformStack, S3Backend
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider

from lib.secrets_stack import SecretsStack


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        S3Backend(
            self,
            bucket="iac-rlhf-tf-states",
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region="us-east-1",
        )
        SecretsStack(self, "secrets", environment_suffix)
