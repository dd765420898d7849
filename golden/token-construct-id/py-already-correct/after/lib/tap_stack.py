"""Ids from names and indexes known at synth time; tokens only in arguments."""
from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.route_table import RouteTable
from cdktf_cdktf_provider_aws.route_table_association import RouteTableAssociation
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.vpc import Vpc

ZONES = ["a", "b"]


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

        vpc = Vpc(self, f"vpc-{environment_suffix}", cidr_block="10.0.0.0/16")
        route_table = RouteTable(self, "private-rt", vpc_id=vpc.id)
        subnets = []
        for i, zone in enumerate(ZONES):
            subnet = Subnet(self, f"private-{zone}", vpc_id=vpc.id, cidr_block=f"10.0.{i}.0/24",
                            availability_zone=f"us-east-1{zone}")
            subnets.append(subnet)
            RouteTableAssociation(self, f"private-rta-{zone}-{i}", subnet_id=subnet.id,
                                  route_table_id=route_table.id)
        for i, subnet in enumerate(subnets):
            TerraformOutput(self, f"subnet-{i}-id", value=subnet.id,
                            description=f"subnet {subnet.cidr_block}")
        TerraformOutput(self, "vpc-id", value=vpc.id)
