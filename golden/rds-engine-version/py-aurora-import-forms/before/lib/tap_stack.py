"""Payments: an Aurora MySQL global database, imported every way the corpus does it."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.rds_global_cluster import *
import cdktf_cdktf_provider_aws.rds_cluster as rds
from cdktf_cdktf_provider_aws import rds_cluster_instance
from cdktf_cdktf_provider_aws.db_instance import DbInstance as Instance

AURORA_ENGINE = "aurora-mysql"


class TapStack(TerraformStack):
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

        global_cluster = RdsGlobalCluster(
            self,
            "global_cluster",
            global_cluster_identifier=f"payments-global-{environment_suffix}",
            engine="aurora-mysql",
            engine_version="8.0.mysql_aurora.3.05.2",
            storage_encrypted=True,
        )

        primary = rds.RdsCluster(
            self, "primary_cluster",
            cluster_identifier=f"payments-primary-{environment_suffix}",
            engine="aurora-mysql",
            # must match the global cluster's version
            engine_version='8.0.mysql_aurora.3.05.2',
            global_cluster_identifier=global_cluster.id,
            master_username="payadmin",
            manage_master_user_password=True,
            storage_encrypted=True,
            skip_final_snapshot=True,
        )

        for i in range(2):
            rds_cluster_instance.RdsClusterInstance(
                self,
                f"primary_instance_{i}",
                cluster_identifier=primary.id,
                instance_class="db.r6g.large",
                engine="aurora-mysql", engine_version="8.0.mysql_aurora.3.05.2",
            )

        # not literal engines: left alone
        rds.RdsCluster(
            self, "reporting_cluster",
            engine=AURORA_ENGINE,
            engine_version="8.0.mysql_aurora.3.02.0",
            master_username="reports",
            manage_master_user_password=True,
            skip_final_snapshot=True,
        )

        # a major-version prefix is valid for Terraform: left alone
        Instance(
            self, "audit_db",
            engine="mysql",
            engine_version="8.0",
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="auditadmin",
            manage_master_user_password=True,
            skip_final_snapshot=True,
        )
