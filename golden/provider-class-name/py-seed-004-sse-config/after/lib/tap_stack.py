"""Multi-region trading platform stack (CDKTF, Python)."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.kms_alias import KmsAlias
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
    S3BucketServerSideEncryptionConfigurationA,
    S3BucketServerSideEncryptionConfigurationRuleA,
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA,
)
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
    S3BucketLifecycleConfigurationRuleFilter,
)


class TapStack(TerraformStack):
    """Trading platform storage layer for one region."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        self.environment_suffix = kwargs.get("environment_suffix", "dev")
        self.region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        AwsProvider(
            self,
            "aws",
            region=self.region,
            default_tags=[default_tags],
        )

        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{self.environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        # KMS key for trade data at rest
        self.kms_key = KmsKey(
            self,
            f"trading-kms-{self.environment_suffix}",
            description=f"Trading platform key ({self.region})",
            deletion_window_in_days=7,
            enable_key_rotation=True,
        )

        KmsAlias(
            self,
            f"trading-kms-alias-{self.environment_suffix}",
            name=f"alias/trading-{self.region}-{self.environment_suffix}",
            target_key_id=self.kms_key.key_id,
        )

        # Trade data bucket
        self.s3_bucket = S3Bucket(
            self,
            f"trade-data-{self.environment_suffix}",
            bucket=f"trading-data-{self.region}-{self.environment_suffix}",
            force_destroy=True,
            tags={"Name": f"trading-data-{self.environment_suffix}"},
        )

        S3BucketPublicAccessBlock(
            self,
            f"s3-public-access-{self.environment_suffix}",
            bucket=self.s3_bucket.id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
        )

        S3BucketServerSideEncryptionConfigurationA(self, f"s3-encryption-{self.environment_suffix}",
            bucket=self.s3_bucket.id,
            rule=[S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                    sse_algorithm="aws:kms",
                    kms_master_key_id=self.kms_key.arn,
                ),
                bucket_key_enabled=True,
            )]
        )

        # 90-day retention for raw trade files
        S3BucketLifecycleConfiguration(self, f"s3-lifecycle-{self.environment_suffix}",
            bucket=self.s3_bucket.id,
            rule=[S3BucketLifecycleConfigurationRule(
                id="expire-old-trades",
                status="Enabled",
                filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="")],
                expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=90)],
            )]
        )

        TerraformOutput(self, "trade_bucket_name", value=self.s3_bucket.bucket)
        TerraformOutput(self, "kms_key_arn", value=self.kms_key.arn)
