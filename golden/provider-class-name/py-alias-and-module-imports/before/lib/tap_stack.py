"""Compliance audit-log storage: versioned, access-logged, object-locked bucket."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
    S3BucketVersioning as BucketVersioning,
    S3BucketVersioningVersioningConfiguration,
)
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock
import cdktf_cdktf_provider_aws.s3_bucket_logging as s3_logging
from cdktf_cdktf_provider_aws import s3_bucket_object_lock_configuration


class TapStack(TerraformStack):
    """Audit-log bucket with a separate access-log bucket."""

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

        access_log_bucket = S3Bucket(
            self,
            "access-log-bucket",
            bucket=f"audit-access-logs-{environment_suffix}",
            force_destroy=True,
        )

        audit_bucket = S3Bucket(
            self,
            "audit-bucket",
            bucket=f"audit-logs-{environment_suffix}",
            object_lock_enabled=True,
            force_destroy=True,
        )

        for name, bucket in (("access-log", access_log_bucket), ("audit", audit_bucket)):
            S3BucketPublicAccessBlock(
                self,
                f"{name}-public-access-block",
                bucket=bucket.id,
                block_public_acls=True,
                block_public_policy=True,
                ignore_public_acls=True,
                restrict_public_buckets=True,
            )

        # Object Lock needs versioning on the bucket
        versioning = BucketVersioning(
            self,
            "audit-versioning",
            bucket=audit_bucket.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )

        s3_logging.S3BucketLogging(
            self, "audit-access-logging",
            bucket=audit_bucket.id,
            target_bucket=access_log_bucket.id,
            target_prefix=f"audit-logs-{environment_suffix}/",
        )

        s3_bucket_object_lock_configuration.S3BucketObjectLockConfiguration(
            self,
            "audit-object-lock",
            bucket=audit_bucket.id,
            rule=s3_bucket_object_lock_configuration.S3BucketObjectLockConfigurationRule(
                default_retention=s3_bucket_object_lock_configuration.S3BucketObjectLockConfigurationRuleDefaultRetention(
                    mode="GOVERNANCE",
                    days=30,
                ),
            ),
            depends_on=[versioning],
        )

        TerraformOutput(self, "audit_bucket_name", value=audit_bucket.bucket)
