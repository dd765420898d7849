"""Media library: Cognito app client and cold-storage lifecycle, via module imports."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
import cdktf_cdktf_provider_aws.cognito_user_pool_client as cupc
from cdktf_cdktf_provider_aws import s3_bucket_lifecycle_configuration


class TapStack(TerraformStack):
    """Uploads bucket that tiers down to Glacier, and the app's Cognito client."""

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

        media = S3Bucket(
            self,
            "media",
            bucket=f"media-library-{environment_suffix}",
            force_destroy=True,
        )

        s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration(
            self,
            "media-lifecycle",
            bucket=media.id,
            rule=[
                s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRule(
                    id="cold-storage",
                    status="Enabled",
                    filter=[s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleFilter(prefix="originals/")],
                    transition=[{"days": 60, "storage_class": "GLACIER_IR"}],
                    noncurrent_version_transition=[
                        {"noncurrent_days": 30, "storage_class": "DEEP_ARCHIVE"}
                    ],
                )
            ],
        )

        pool = CognitoUserPool(
            self,
            "media-users",
            name=f"media-library-{environment_suffix}",
            auto_verified_attributes=["email"],
        )

        client = cupc.CognitoUserPoolClient(
            self,
            "media-app-client",
            name=f"media-library-app-{environment_suffix}",
            user_pool_id=pool.id,
            explicit_auth_flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            access_token_validity=2,
            id_token_validity=2,
            refresh_token_validity=14,
            token_validity_units=[{"access_token": "hours", "id_token": "hours", "refresh_token": "days"}],
        )

        TerraformOutput(self, "media_bucket", value=media.bucket)
        TerraformOutput(self, "app_client_id", value=client.id)
