from constructs import Construct
import cdktf
from cdktf_cdktf_provider_aws.provider import AwsProvider


class PaymentsStack(cdktf.TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
