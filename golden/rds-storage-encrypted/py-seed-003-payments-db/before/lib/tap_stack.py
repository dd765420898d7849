"""Multi-environment payments stack: VPC, PostgreSQL and an application bucket (seed 003)."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class TapStack(TerraformStack):
    """One environment of the payments platform."""

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

        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16", enable_dns_hostnames=True)
        subnets = [
            Subnet(self, f"private-{i}", vpc_id=vpc.id, cidr_block=f"10.0.{i + 10}.0/24",
                   availability_zone=f"{aws_region}{zone}")
            for i, zone in enumerate(["a", "b"])
        ]
        subnet_group = DbSubnetGroup(
            self, "db-subnets", name=f"payments-db-{environment_suffix}", subnet_ids=[s.id for s in subnets]
        )

        db = DbInstance(self, "postgres",
            identifier=f"payments-db-{environment_suffix}",
            engine="postgres",
            engine_version="16.4",
            instance_class="db.t3.micro",
            allocated_storage=20,
            db_name="payments",
            username="dbadmin",
            manage_master_user_password=True,
            db_subnet_group_name=subnet_group.name,
            skip_final_snapshot=True
            # storage_encrypted parameter missing
        )

        DbInstance(self, "postgres-replica", replicate_source_db=db.identifier, instance_class="db.t3.micro",
                   skip_final_snapshot=True)

        S3Bucket(self, "bucket", bucket=f"app-data-{environment_suffix}", force_destroy=True)

        TerraformOutput(self, "db_endpoint", value=db.endpoint)
