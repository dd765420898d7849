"""Trading platform audit trail bucket: every defect of seed 004 (#1 and #2) in one file."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA, S3BucketVersioningVersioningConfiguration
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
    S3BucketServerSideEncryptionConfigurationA,  # INCORRECT
    S3BucketServerSideEncryptionConfigurationRuleA,
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA,
)
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
    S3BucketLifecycleConfigurationRuleFilter,
    S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration,
)


class TapStack(TerraformStack):
    """Audit trail bucket, KMS-encrypted, 90-day retention."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        self.environment_suffix = kwargs.get("environment_suffix", "dev")
        self.region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        AwsProvider(self, "aws", region=self.region, default_tags=[default_tags])

        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{self.environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        self.kms_key = KmsKey(
            self,
            f"audit-kms-{self.environment_suffix}",
            description="Audit trail encryption key",
            enable_key_rotation=True,
            deletion_window_in_days=7,
        )

        self.s3_bucket = S3Bucket(
            self,
            f"audit-trail-{self.environment_suffix}",
            bucket=f"trading-audit-{self.region}-{self.environment_suffix}",
            force_destroy=True,
        )

        S3BucketVersioningA(self, f"s3-versioning-{self.environment_suffix}",
            bucket=self.s3_bucket.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled")
        )

        S3BucketServerSideEncryptionConfigurationA(self, f"s3-encryption-{self.environment_suffix}",
            bucket=self.s3_bucket.id,
            rule=[S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                    sse_algorithm="aws:kms",
                    kms_master_key_id=self.kms_key.arn
                )
            )]
        )

        S3BucketLifecycleConfiguration(self, f"s3-lifecycle-{self.environment_suffix}",
            bucket=self.s3_bucket.id,
            rule=[S3BucketLifecycleConfigurationRule(
                id="audit-retention",
                status="Enabled",
                filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="")],
                expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=90)],  # INCORRECT
                noncurrent_version_expiration=[S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration(
                    noncurrent_days=30
                )]
            )]
        )

        TerraformOutput(self, "audit_bucket", value=self.s3_bucket.bucket)
