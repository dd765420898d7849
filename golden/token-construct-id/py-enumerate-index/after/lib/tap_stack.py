"""Private subnets with their route table associations and per-group outputs."""
from typing import List

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.route_table import RouteTable
from cdktf_cdktf_provider_aws.route_table_association import RouteTableAssociation
from cdktf_cdktf_provider_aws.security_group import SecurityGroup
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.vpc import Vpc


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        environment_suffix = kwargs.get("environment_suffix", "dev")
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"),
                    default_tags=[kwargs.get("default_tags", {})])
        S3Backend(
            self,
            bucket=kwargs.get("state_bucket", "iac-rlhf-tf-states"),
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=kwargs.get("state_bucket_region", "us-east-1"),
            encrypt=True,
        )

        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
        subnets = [
            Subnet(self, f"private-{i}", vpc_id=vpc.id, cidr_block=f"10.0.{i}.0/24")
            for i in range(2)
        ]
        route_table = RouteTable(self, "private-rt", vpc_id=vpc.id)
        for i, subnet in enumerate(subnets):
            RouteTableAssociation(
                self,
                f"private-rta-{i}",
                subnet_id=subnet.id,
                route_table_id=route_table.id,
            )

        groups: List[SecurityGroup] = [
            SecurityGroup(self, "web-sg", vpc_id=vpc.id, name=f"web-{environment_suffix}"),
            SecurityGroup(self, "db-sg", vpc_id=vpc.id, name=f"db-{environment_suffix}"),
        ]
        for n, group in enumerate(groups):
            TerraformOutput(self, "sg-" + str(n), value=group.id)
