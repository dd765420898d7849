"""Reporting database; the provider bindings are imported as modules."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
import cdktf_cdktf_provider_aws.provider as aws_provider
import cdktf_cdktf_provider_aws.db_instance as rds


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        aws_provider.AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        db_password = "changeme123"

        reporting_db = rds.DbInstance(
            self,
            "reporting_db",
            identifier=f"reporting-{environment_suffix}",
            engine="postgres",
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="reporter",
            password=db_password,
            skip_final_snapshot=True,
        )

        TerraformOutput(self, "reporting_endpoint", value=reporting_db.address)
