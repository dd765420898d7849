from cdktf import (
    Fn,
    TerraformOutput,
)
from constructs import Construct
from cdktf_cdktf_provider_aws.security_group import SecurityGroup


class ComputeStack(
    Construct,
):
    def __init__(self, scope: Construct, construct_id: str, vpc_id: str):
        super().__init__(scope, construct_id)
        sg = SecurityGroup(self, "app-sg", name="tap-app", vpc_id=vpc_id)
        TerraformOutput(self, "sg", value=Fn.lower(sg.id))
