"""Multi-environment payments stack (seed 003 IDEAL: the password read from Secrets Manager)."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.data_aws_secretsmanager_secret import DataAwsSecretsmanagerSecret
from cdktf_cdktf_provider_aws.data_aws_secretsmanager_secret_version import DataAwsSecretsmanagerSecretVersion


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

        # Get database password from Secrets Manager
        db_secret = DataAwsSecretsmanagerSecret(self, "db_secret",
            name=f"rds-password-{environment_suffix}"
        )
        db_secret_version = DataAwsSecretsmanagerSecretVersion(self, "db_secret_version",
            secret_id=db_secret.id
        )

        db = DbInstance(
            self,
            "postgres",
            identifier=f"payments-{environment_suffix}",
            engine="postgres",
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="dbadmin",
            # Use password from Secrets Manager
            password=db_secret_version.secret_string,
            storage_encrypted=True,
            skip_final_snapshot=True,
        )

        TerraformOutput(self, "db_endpoint", value=db.endpoint)
