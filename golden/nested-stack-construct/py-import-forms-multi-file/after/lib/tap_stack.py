"""Root stack: wires the service stacks together."""
import os
import sys

from cdktf import TerraformStack, S3Backend
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.ssm_parameter import SsmParameter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lib.stacks.vpc_stack import VpcStack  # noqa: E402
import lib.stacks.database_stack as db  # noqa: E402
from lib.stacks import compute_stack  # noqa: E402
from .stacks import MonitoringStack  # noqa: E402
from stacks.routing_stack import RoutingStack  # noqa: E402


class TagsStack(Construct):
    """Shared parameters (same file as the root stack)."""

    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        SsmParameter(self, "suffix", name=f"/tap/{environment_suffix}/suffix", type="String",
                     value=environment_suffix)


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region="us-east-1")
        S3Backend(self, bucket="iac-rlhf-tf-states", key=f"{environment_suffix}/{construct_id}.tfstate",
                  region="us-east-1", encrypt=True)

        vpc = VpcStack(self, "vpc", environment_suffix=environment_suffix)
        db.DatabaseStack(self, "database", vpc_id=vpc.vpc_id)
        compute_stack.ComputeStack(
            self,
            "compute",
            vpc_id=vpc.vpc_id,
        )
        MonitoringStack(scope=self, construct_id="monitoring")
        RoutingStack(self, "routing")
        TagsStack(self, "tags", environment_suffix)
