"""Session store and asset bucket; every provider class name here is already right."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import (
    S3Bucket,
    # inline blocks of aws_s3_bucket: these structs really are un-suffixed
    S3BucketServerSideEncryptionConfiguration,
    S3BucketServerSideEncryptionConfigurationRule,
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault,
)
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
    S3BucketVersioningA,
    S3BucketVersioningVersioningConfiguration,  # no collision, so no "A"
)
from cdktf_cdktf_provider_aws.s3_bucket_logging import S3BucketLoggingA as S3BucketLogging
from cdktf_cdktf_provider_aws.dynamodb_table import (
    DynamodbTable,
    DynamodbTableAttribute,
    DynamodbTableReplica,  # the inline replica block, not aws_dynamodb_table_replica
)


class TapStack(TerraformStack):
    """Legacy-style inline bucket config next to the standalone resources."""

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

        log_bucket = S3Bucket(
            self,
            "log-bucket",
            bucket=f"assets-logs-{environment_suffix}",
            force_destroy=True,
            server_side_encryption_configuration=S3BucketServerSideEncryptionConfiguration(
                rule=S3BucketServerSideEncryptionConfigurationRule(
                    apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault(
                        sse_algorithm="AES256",
                    ),
                ),
            ),
        )

        assets = S3Bucket(
            self,
            "assets-bucket",
            bucket=f"assets-{environment_suffix}",
            force_destroy=True,
        )

        # S3BucketVersioning (the resource) is S3BucketVersioningA in the bindings
        S3BucketVersioningA(
            self,
            "S3BucketVersioning",
            bucket=assets.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )

        S3BucketLogging(
            self,
            "assets-logging",
            bucket=assets.id,
            target_bucket=log_bucket.id,
            target_prefix="assets/",
        )

        sessions = DynamodbTable(
            self,
            "sessions",
            name=f"sessions-{environment_suffix}",
            billing_mode="PAY_PER_REQUEST",
            hash_key="sessionId",
            attribute=[DynamodbTableAttribute(name="sessionId", type="S")],
            stream_enabled=True,
            stream_view_type="NEW_AND_OLD_IMAGES",
            replica=[DynamodbTableReplica(region_name="us-west-2")],
        )

        TerraformOutput(self, "assets_bucket", value=assets.bucket)
        TerraformOutput(self, "sessions_table", value=sessions.name)
