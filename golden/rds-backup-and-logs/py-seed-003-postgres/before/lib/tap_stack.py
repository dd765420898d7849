"""Web tier database (seed 003 #8): a PostgreSQL instance with minimal operational settings."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup
from cdktf_cdktf_provider_aws import db_instance as rds


class TapStack(TerraformStack):
    """VPC subnets are passed in; the stack owns the database."""

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

        subnets = DbSubnetGroup(
            self,
            "db_subnets",
            name=f"web-db-{environment_suffix}",
            subnet_ids=["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
        )

        db = rds.DbInstance(self, "postgres",
            identifier=f"web-db-{environment_suffix}",
            engine="postgres",
            engine_version="15.13",
            instance_class="db.t3.micro",
            allocated_storage=20,
            db_name="webapp",
            username="webadmin",
            manage_master_user_password=True,
            db_subnet_group_name=subnets.name,
            storage_encrypted=True,
            skip_final_snapshot=True  # test environment
        )

        TerraformOutput(self, "db_endpoint", value=db.endpoint)
