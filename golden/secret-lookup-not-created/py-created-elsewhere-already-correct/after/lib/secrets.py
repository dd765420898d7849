"""The secrets this project owns."""

from constructs import Construct
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret


class Secrets(Construct):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        self.db = SecretsmanagerSecret(self, "db", name=f"rds-password-{environment_suffix}")
        self.jobs = SecretsmanagerSecret(self, "jobs", name_prefix="batch-jobs/")
