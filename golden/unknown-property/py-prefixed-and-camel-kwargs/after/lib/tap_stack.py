"""Session cache for the trading API: Redis in private subnets (CDKTF, Python)."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws import elasticache_subnet_group
from cdktf_cdktf_provider_aws.elasticache_replication_group import (
    # the Redis cluster
    ElasticacheReplicationGroup as ReplicationGroup,
)
import cdktf_cdktf_provider_aws.s3_bucket as s3


class TapStack(TerraformStack):
    """VPC, two private subnets and a Redis replication group."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        suffix = kwargs.get("environment_suffix", "dev")
        region = kwargs.get("aws_region", "us-east-1")

        AwsProvider(self, "aws", region=region)

        vpc = Vpc(
            self,
            "vpc",
            cidr_block="10.20.0.0/16",
            enable_dns_hostnames=True,
            enable_dns_support=True,
            tags={"Name": f"cache-vpc-{suffix}"},
        )
        subnets = [
            Subnet(self, f"private-{i}", vpc_id=vpc.id, cidr_block=f"10.20.{i}.0/24",
                   availability_zone=f"{region}{zone}")
            for i, zone in enumerate(["a", "b"])
        ]

        subnet_group = elasticache_subnet_group.ElasticacheSubnetGroup(
            self,
            "cache-subnets",
            name=f"cache-subnets-{suffix}",
            subnet_ids=[s.id for s in subnets],
            description="Private subnets for Redis",
        )

        redis = ReplicationGroup(
            self,
            "redis",
            replication_group_id=f"sessions-{suffix}",
            description="Session cache",
            engine="redis",
            node_type="cache.t3.micro",
            num_cache_clusters=2,
            automatic_failover_enabled=True,
            subnet_group_name=subnet_group.name,  # declared here: not a prefix to strip
            tags={"replication_group_description": "tag keys are free-form"},
        )

        logs = s3.S3Bucket(self, "logs", bucket=f"cache-logs-{suffix}", force_destroy=True)

        TerraformOutput(self, "redis_endpoint", value=redis.primary_endpoint_address)
        TerraformOutput(self, "logs_bucket", value=logs.bucket)
