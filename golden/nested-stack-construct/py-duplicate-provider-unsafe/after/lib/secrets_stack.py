from constructs import Construct
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret
from cdktf_cdktf_provider_aws.secretsmanager_secret_version import SecretsmanagerSecretVersion
from cdktf_cdktf_provider_random.provider import RandomProvider
from cdktf_cdktf_provider_random.password import Password


class SecretsStack(Construct):
    """Application secrets."""

    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)

        # AWS provider for this stack
        RandomProvider(self, "random")  # the parent has none: stays

        password = Password(self, "db-password", length=32, special=False)
        secret = SecretsmanagerSecret(self, "db-secret", name=f"tap-{environment_suffix}-db")
        SecretsmanagerSecretVersion(self, "db-secret-version", secret_id=secret.id,
                                    secret_string=password.result)
