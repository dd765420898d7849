"""Networking: public subnets in the first zones of the region."""
from constructs import Construct
from cdktf import (
    S3Backend,
    TerraformOutput,  # exported ids
    TerraformStack,
    Fn,
)
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.vpc import Vpc


class Networking(Construct):
    def __init__(self, scope: Construct, construct_id: str, suffix: str):
        super().__init__(scope, construct_id)
        self.vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16", tags={"Name": f"vpc-{suffix}"})
        self.azs = DataAwsAvailabilityZones(self, "azs", state="available")
        self.subnets = []
        for i, cidr in enumerate(["10.0.1.0/24", "10.0.2.0/24"]):
            self.subnets.append(Subnet(
                self,
                f"public-{i}",
                vpc_id=self.vpc.id,
                cidr_block=cidr,
                availability_zone=Fn.element(self.azs.names, i),
                map_public_ip_on_launch=True,
            ))
        self.spare = Subnet(
            self,
            "spare",
            vpc_id=self.vpc.id,
            cidr_block="10.0.9.0/24",
            availability_zone=Fn.element(self.azs.names, 1),
        )


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
        network = Networking(self, "network", environment_suffix)
        TerraformOutput(self, "subnet_ids", value=[s.id for s in network.subnets])
        TerraformOutput(self, "spare_zone", value=network.spare.availability_zone)
