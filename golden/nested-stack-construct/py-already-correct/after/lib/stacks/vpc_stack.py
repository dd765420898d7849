"""VPC for the service."""
from constructs import Construct
from cdktf_cdktf_provider_aws.vpc import Vpc


class VpcStack(Construct):  # networking
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16", tags={"Name": f"tap-{environment_suffix}"})
        self.vpc_id = vpc.id
