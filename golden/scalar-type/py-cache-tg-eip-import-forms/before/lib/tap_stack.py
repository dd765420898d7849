"""Web tier: ALB target group and listener, a NAT gateway and a session cache."""

from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws import eip, nat_gateway
import cdktf_cdktf_provider_aws.lb_listener as lbl
from cdktf_cdktf_provider_aws.lb import Lb
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup
from cdktf_cdktf_provider_aws.elasticache_replication_group import (
    # the session store
    ElasticacheReplicationGroup,
)
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.vpc import Vpc


class TapStack(TerraformStack):
    """ALB + target group, NAT, Redis sessions, and a replica key in us-west-2."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        AwsProvider(self, "aws_west", region="us-west-2", alias="west2")

        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
        subnets = [
            Subnet(self, f"public_{i}", vpc_id=vpc.id, cidr_block=f"10.0.{i}.0/24",
                   availability_zone=f"us-east-1{'ab'[i]}")
            for i in range(2)
        ]

        nat_eip = eip.Eip(self, "nat_eip", vpc=True, tags={"Name": f"nat-eip-{environment_suffix}"})
        nat_gateway.NatGateway(self, "nat", allocation_id=nat_eip.id, subnet_id=subnets[0].id)

        alb = Lb(self, "alb", name=f"web-{environment_suffix}", load_balancer_type="application",
                 subnets=[s.id for s in subnets])
        target_group = LbTargetGroup(
            self,
            "web_tg",
            name=f"web-tg-{environment_suffix}",
            port="8080",
            protocol="HTTP",
            vpc_id=vpc.id,
            target_type="ip",
            deregistration_delay=30,  # seconds
            health_check={"path": "/health", "port": 8080, "healthy_threshold": "3"},
        )
        lbl.LbListener(
            self,
            "web_listener",
            load_balancer_arn=alb.arn,
            port="80",
            protocol="HTTP",
            default_action=[lbl.LbListenerDefaultAction(type="forward", target_group_arn=target_group.arn)],
        )

        ElasticacheReplicationGroup(
            self,
            "sessions",
            replication_group_id=f"sessions-{environment_suffix}",
            description="session cache",
            engine="redis",
            node_type="cache.t3.micro",
            num_cache_clusters=2,
            automatic_failover_enabled=True,
            at_rest_encryption_enabled=True,
            transit_encryption_enabled=True,
        )

        KmsKey(self, "replica_key", description="replica key", enable_key_rotation=True, provider="aws.west2")
