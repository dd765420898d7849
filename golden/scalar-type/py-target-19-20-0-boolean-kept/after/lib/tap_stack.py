"""Session cache and its target group, for provider-aws 19.20.0 (pinned in the Pipfile)."""

from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.elasticache_replication_group import ElasticacheReplicationGroup
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup
from cdktf_cdktf_provider_aws.vpc import Vpc


class TapStack(TerraformStack):
    """Redis sessions with encryption at rest, and the web target group."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")

        LbTargetGroup(self, "web_tg", name=f"web-tg-{environment_suffix}", port=8080, protocol="HTTP",
                      vpc_id=vpc.id, deregistration_delay="30")

        ElasticacheReplicationGroup(
            self,
            "sessions",
            replication_group_id=f"sessions-{environment_suffix}",
            description="session cache",
            node_type="cache.t3.micro",
            num_cache_clusters=2,
            at_rest_encryption_enabled=True,  # a boolean before provider-aws 19.48.0
            transit_encryption_enabled=True,
        )
