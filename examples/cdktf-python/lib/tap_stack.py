"""Storage and identity for the example app (as an assistant might have written it)."""
from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
    S3BucketServerSideEncryptionConfiguration,  # encryption at rest
    S3BucketServerSideEncryptionConfigurationRule,
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault,
)
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
)
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.cognito_user_pool_client import CognitoUserPoolClient
import cdktf_cdktf_provider_aws.lb_target_group as tg

from lib.data_stack import DataStack


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, id: str, environment_suffix: str = "dev"):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1",
                    default_tags={"tags": {"Project": "example", "Environment": environment_suffix}})

        bucket = S3Bucket(self, "data", bucket_prefix=f"example-data-{environment_suffix}-")

        S3BucketVersioning(self, "data-versioning", bucket=bucket.id,
                           versioning_configuration={"status": "Enabled"})

        S3BucketServerSideEncryptionConfiguration(
            self, "data-encryption",
            bucket=bucket.id,
            rule=[S3BucketServerSideEncryptionConfigurationRule(
                apply_server_side_encryption_by_default=(
                    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault(
                        sse_algorithm="AES256"))
            )],
        )

        S3BucketLifecycleConfiguration(self, "data-lifecycle", bucket=bucket.id, rule=[
            S3BucketLifecycleConfigurationRule(
                id="expire-old-objects",
                status="Enabled",
                filter={"prefix": "tmp/"},
                expiration=S3BucketLifecycleConfigurationRuleExpiration(days=90),
            )
        ])

        pool = CognitoUserPool(self, "users", name=f"example-users-{environment_suffix}")
        CognitoUserPoolClient(
            self, "web-client",
            name="web",
            user_pool_id=pool.id,
            access_token_validity=60,
            token_validity_units={"access_token": "minutes", "refresh_token": "days"},
        )

        tg.LbTargetGroup(self, "web-tg", name=f"example-web-{environment_suffix}", port=80,
                         protocol="HTTP", target_type="ip",
                         health_check=[tg.LbTargetGroupHealthCheck(path="/health", matcher="200")])

        DataStack(self, "data-stack", environment_suffix)

        TerraformOutput(self, "bucket_name", value=bucket.bucket)
