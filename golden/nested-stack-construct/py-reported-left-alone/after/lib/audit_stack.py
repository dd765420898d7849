from cdktf import TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup


class AuditStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        CloudwatchLogGroup(self, "audit", name="/audit/dev")
        self.add_override("terraform.required_version", ">= 1.5.0")
