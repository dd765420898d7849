"""Transaction cache: a KMS-encrypted Redis replication group (corpus form: booleans everywhere)."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws import elasticache_replication_group as elasticache


class TapStack(TerraformStack):
    """One environment of the transaction platform."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        elasticache_kms_key = KmsKey(self, "elasticache-kms", description="ElastiCache encryption key",
                                     enable_key_rotation=True)

        cache = elasticache.ElasticacheReplicationGroup(
            self,
            "elasticache",
            replication_group_id=f"redis-{environment_suffix}",
            description=f"Redis cluster for transaction caching - {environment_suffix}",
            engine="redis",
            engine_version="7.0",
            node_type="cache.t3.micro",
            num_cache_clusters=3,
            port=6379,
            at_rest_encryption_enabled="true",  # PCI-DSS: encrypted at rest
            kms_key_id=elasticache_kms_key.arn,
            transit_encryption_enabled=True,
            automatic_failover_enabled=True,
            multi_az_enabled=True,
            auto_minor_version_upgrade="true",
            snapshot_retention_limit=5,
            tags={"Name": f"redis-cluster-{environment_suffix}"},
        )

        TerraformOutput(self, "cache-endpoint", value=cache.primary_endpoint_address)
