from cdktf import TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider

from lib.shared_stack import SharedStack
from lib.audit_stack import AuditStack


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        SharedStack(self, "shared")
        AuditStack(self, "audit")
