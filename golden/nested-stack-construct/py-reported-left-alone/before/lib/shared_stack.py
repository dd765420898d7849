from cdktf import TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.sns_topic import SnsTopic


class SharedStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        SnsTopic(self, "alerts", name=f"alerts-{construct_id}")
