"""Database tier: a DB subnet group is created but the instance never uses it (seed 003 #5 variant)."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup
from cdktf_cdktf_provider_aws import db_instance


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

        db_subnet_group = DbSubnetGroup(
            self,
            "db_subnet_group",
            name=f"db-subnet-group-{environment_suffix}",
            subnet_ids=["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
        )

        db = db_instance.DbInstance(
            self,
            "postgres",
            identifier=f"web-db-{environment_suffix}",
            engine="postgres",
            engine_version="16.9",
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="webadmin",
            manage_master_user_password=True,
            storage_encrypted=True,
            skip_final_snapshot=True,  # test stacks
            db_subnet_group_name=db_subnet_group.name,
        )

        # a read replica takes its placement from the source: left alone
        db_instance.DbInstance(
            self,
            "replica",
            identifier=f"web-db-replica-{environment_suffix}",
            instance_class="db.t3.micro",
            replicate_source_db=db.identifier,
            skip_final_snapshot=True,
        )

        TerraformOutput(self, "db_endpoint", value=db.endpoint)
