"""EKS cluster with an IAM OIDC provider; subnets spread over the region's zones."""
import json

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
from cdktf_cdktf_provider_aws.eks_cluster import EksCluster as AwsEksCluster
from cdktf_cdktf_provider_aws.iam_openid_connect_provider import IamOpenidConnectProvider
from cdktf_cdktf_provider_aws.iam_role import IamRole
import cdktf_cdktf_provider_aws.subnet as subnet
from cdktf_cdktf_provider_aws.vpc import Vpc


class EksCluster(Construct):
    """A local wrapper named like the provider class it wraps."""

    def __init__(self, scope: Construct, construct_id: str, subnet_ids: list, suffix: str):
        super().__init__(scope, construct_id)
        role = IamRole(
            self,
            "cluster-role",
            name=f"eks-cluster-{suffix}",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"},
                               "Action": "sts:AssumeRole"}],
            }),
        )
        self.cluster = AwsEksCluster(
            self,
            "eks-cluster",
            name=f"eks-cluster-{suffix}",
            role_arn=role.arn,
            vpc_config={"subnet_ids": subnet_ids},
        )

    @property
    def cluster_oidc_issuer_url(self) -> str:
        return self.cluster.identity[0].oidc[0].issuer


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        default_tags = kwargs.get("default_tags", {})

        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"), default_tags=[default_tags])
        S3Backend(
            self,
            bucket=kwargs.get("state_bucket", "iac-rlhf-tf-states"),
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=kwargs.get("state_bucket_region", "us-east-1"),
            encrypt=True,
        )

        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
        azs = DataAwsAvailabilityZones(self, "azs", state="available")
        subnets = [
            subnet.Subnet(
                self,
                f"private-{i}",
                vpc_id=vpc.id,
                cidr_block=f"10.0.{i}.0/24",
                availability_zone=azs.names[i],  # one zone per subnet
            )
            for i in range(2)
        ]

        eks = EksCluster(self, "eks", [s.id for s in subnets], environment_suffix)
        IamOpenidConnectProvider(
            self,
            "oidc",
            url=eks.cluster_oidc_issuer_url,
            client_id_list=["sts.amazonaws.com"],
            thumbprint_list=["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"],
        )
        TerraformOutput(self, "cluster_ca", value=eks.cluster.certificate_authority[0].data)
        TerraformOutput(self, "first_zone", value=azs.names.get(0))
