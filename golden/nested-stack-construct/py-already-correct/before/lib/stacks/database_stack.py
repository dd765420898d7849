from typing import Any

from cdktf import TerraformOutput
from constructs import Construct
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup


class DatabaseStack(Construct):
    def __init__(self, scope: Construct, construct_id: str, vpc_id: Any):
        super().__init__(scope, construct_id)
        group = DbSubnetGroup(self, "subnets", name="tap-db", subnet_ids=[], tags={"Vpc": vpc_id})
        TerraformOutput(self, "subnet-group", value=group.name)
