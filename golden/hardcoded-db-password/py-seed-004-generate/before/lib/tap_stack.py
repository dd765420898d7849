"""Trading platform data tier: Aurora PostgreSQL cluster and its writer instance (seed 004)."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance


class TapStack(TerraformStack):
    """Aurora cluster for the order book."""

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

        # Aurora PostgreSQL cluster
        # NOTE: in production the password should come from Secrets Manager
        cluster = RdsCluster(
            self,
            "trading-cluster",
            cluster_identifier=f"trading-{environment_suffix}",
            engine="aurora-postgresql",
            engine_version="16.4",
            database_name="trading",
            master_username="trader",
            master_password="TradingPassword123!",  # Hardcoded password
            storage_encrypted=True,
            skip_final_snapshot=True,
        )

        RdsClusterInstance(
            self,
            "trading-writer",
            cluster_identifier=cluster.id,
            instance_class="db.r6g.large",
            engine=cluster.engine,
            engine_version=cluster.engine_version,
        )

        TerraformOutput(self, "cluster_endpoint", value=cluster.endpoint)
