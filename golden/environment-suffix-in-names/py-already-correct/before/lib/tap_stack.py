"""Names already carry the suffix; helpers and non-name properties use the environment."""
from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.kms_alias import KmsAlias
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


def resource_name(base: str, suffix: str) -> str:
    return f"{base}-{suffix}"


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        environment_suffix = kwargs.get("environment_suffix", "dev")
        environment = "prod" if environment_suffix.startswith("prod") else "dev"
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))
        key = KmsKey(self, "key", description=f"Data key for {environment}")
        KmsAlias(self, "alias", name=f"alias/app-{environment}-{environment_suffix}", target_key_id=key.key_id)
        S3Bucket(self, "bucket", bucket=resource_name("app-data", environment_suffix),
                 tags={"Environment": environment})
        S3Bucket(self, "logs", bucket=f"app-logs-{resource_name(environment, environment_suffix)}")
