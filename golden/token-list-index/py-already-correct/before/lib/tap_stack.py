"""Already written with the token helpers; local lists are plain lists."""
import json

from constructs import Construct
from cdktf import Fn, S3Backend, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
from cdktf_cdktf_provider_aws.eks_cluster import EksCluster
from cdktf_cdktf_provider_aws.iam_role import IamRole
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
        azs = DataAwsAvailabilityZones(self, "azs", state="available")
        names = ["public", "private"]  # a local list named like the attribute
        cidrs = {"public": "10.0.1.0/24", "private": "10.0.2.0/24"}
        subnets = []
        for i, name in enumerate(names):
            subnets.append(Subnet(
                self,
                f"{names[i]}-subnet",
                vpc_id=vpc.id,
                cidr_block=cidrs[name],
                availability_zone=Fn.element(azs.names, i),
            ))

        role = IamRole(
            self,
            "cluster-role",
            name=f"eks-cluster-{environment_suffix}",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"},
                               "Action": "sts:AssumeRole"}],
            }),
        )
        cluster = EksCluster(
            self,
            "eks",
            name=f"eks-{environment_suffix}",
            role_arn=role.arn,
            vpc_config={"subnet_ids": [subnets[0].id, subnets[1].id]},
        )
        TerraformOutput(self, "oidc_issuer", value=cluster.identity.get(0).oidc.get(0).issuer)
        TerraformOutput(self, "zones", value=azs.names)
        TerraformOutput(self, "zone_pattern", value=f"${{{azs.fqn}.names[0]}}")
