from cdktf import S3Backend, TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret
from cdktf_cdktf_provider_aws.secretsmanager_secret_version import SecretsmanagerSecretVersion
from cdktf_cdktf_provider_random.provider import RandomProvider
from cdktf_cdktf_provider_random.password import Password


class SecretsStack(TerraformStack):
    """Application secrets."""

    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        # AWS provider for this stack
        AwsProvider(self, "aws", region="us-east-1")
        S3Backend(self, bucket="iac-rlhf-tf-states", key=f"{environment_suffix}/secrets.tfstate",
                  region="us-east-1")
        RandomProvider(self, "random")  # the parent has none: stays

        password = Password(self, "db-password", length=32, special=False)
        secret = SecretsmanagerSecret(self, "db-secret", name=f"tap-{environment_suffix}-db")
        SecretsmanagerSecretVersion(self, "db-secret-version", secret_id=secret.id,
                                    secret_string=password.result)
