from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))
        SqsQueue(self, "orders", name=f"orders-{kwargs.get('environment_suffix', 'dev')}")
