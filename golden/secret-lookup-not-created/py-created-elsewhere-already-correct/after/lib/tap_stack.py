"""Reads back secrets that lib/secrets.py creates, and one by ARN: nothing to report."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_secretsmanager_secret import DataAwsSecretsmanagerSecret
from cdktf_cdktf_provider_aws.data_aws_secretsmanager_secret_version import DataAwsSecretsmanagerSecretVersion

from lib.secrets import Secrets


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

        secrets = Secrets(self, "secrets", environment_suffix)
        lookup = DataAwsSecretsmanagerSecret(self, "db_lookup", name=f"rds-password-{environment_suffix}",
                                             depends_on=[secrets.db])
        DataAwsSecretsmanagerSecretVersion(self, "jobs_version", secret_id="batch-jobs/nightly",
                                           depends_on=[secrets.jobs])
        DataAwsSecretsmanagerSecret(self, "shared", arn="arn:aws:secretsmanager:us-east-1:123456789012:secret:shared-AbCdEf")
        self.lookup = lookup
