"""Databases whose passwords are not in the code (and one password that is not a DB master password)."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, Fn
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.dms_endpoint import DmsEndpoint
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret
from cdktf_cdktf_provider_aws.secretsmanager_secret_version import SecretsmanagerSecretVersion
from cdktf_cdktf_provider_random.password import Password
from cdktf_cdktf_provider_random.provider import RandomProvider


def replica(scope, name: str, password: str) -> DbInstance:
    """The password is the caller's business."""
    return DbInstance(scope, name, engine="postgres", instance_class="db.t3.micro",
                      allocated_storage=20, username="replica", password=password, skip_final_snapshot=True)


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        RandomProvider(self, "random")
        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        DbInstance(self, "managed", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
                   username="app", manage_master_user_password=True, skip_final_snapshot=True)

        generated = Password(self, "cluster-password", length=32, special=False)
        secret = SecretsmanagerSecret(self, "cluster-secret", name_prefix=f"cluster-{environment_suffix}-")
        version = SecretsmanagerSecretVersion(self, "cluster-secret-version", secret_id=secret.id,
                                              secret_string=Fn.jsonencode({"password": generated.result}))
        RdsCluster(self, "cluster", engine="aurora-postgresql", master_username="app",
                   master_password=generated.result, skip_final_snapshot=True)

        replica(self, "replica", generated.result)

        # a DMS endpoint's password is not a database master password: not this rule's business
        DmsEndpoint(self, "source", endpoint_id="source", endpoint_type="source", engine_name="postgres",
                    username="dms", password="dms-reader-password", server_name="10.0.0.10", port=5432,
                    database_name="orders")
        self.version = version
