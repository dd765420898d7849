"""Orders service: the team's policy is to run the newest patch of each major version."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend
from cdktf_cdktf_provider_aws import provider, db_instance, rds_cluster


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        provider.AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        db_instance.DbInstance(
            self, "orders_db",
            identifier=f"orders-{environment_suffix}",
            engine="postgres", engine_version="15.19",
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="orders",
            manage_master_user_password=True,
            skip_final_snapshot=True,
        )

        rds_cluster.RdsCluster(
            self, "orders_analytics",
            cluster_identifier=f"orders-analytics-{environment_suffix}",
            engine="aurora-mysql",
            engine_version="5.7.mysql_aurora.2.11.2",  # Aurora MySQL 2, still supported
            master_username="analytics",
            manage_master_user_password=True,
            skip_final_snapshot=True,
        )

        rds_cluster.RdsCluster(
            self, "orders_archive",
            cluster_identifier=f"orders-archive-{environment_suffix}",
            engine="aurora-postgresql",
            engine_version="14.24",
            master_username="archive",
            manage_master_user_password=True,
            skip_final_snapshot=True,
        )
