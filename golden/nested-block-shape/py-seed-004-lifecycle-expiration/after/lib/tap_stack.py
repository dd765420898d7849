"""Multi-region trading platform: trade-archive storage (CDKTF, Python)."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
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
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue


class TapStack(TerraformStack):
    """Trade archive bucket and settlement queue for one region."""

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

        self.s3_bucket = S3Bucket(
            self,
            f"trade-archive-{self.environment_suffix}",
            bucket=f"trading-archive-{self.region}-{self.environment_suffix}",
            force_destroy=True,
        )

        S3BucketServerSideEncryptionConfigurationA(self, f"s3-encryption-{self.environment_suffix}",
            bucket=self.s3_bucket.id,
            rule=[S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                    sse_algorithm="AES256"
                )
            )]
        )

        # 90-day lifecycle policy for compliance
        S3BucketLifecycleConfiguration(self, f"s3-lifecycle-{self.environment_suffix}",
            bucket=self.s3_bucket.id,
            rule=[S3BucketLifecycleConfigurationRule(
                id="delete-old-trades",
                status="Enabled",
                filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="")],
                expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=90)]
            )]
        )

        self.settlement_queue = SqsQueue(
            self,
            f"settlement-queue-{self.environment_suffix}",
            name=f"trade-settlement-{self.region}-{self.environment_suffix}",
            visibility_timeout_seconds=120,
            message_retention_seconds=1209600,
            sqs_managed_sse_enabled=True,
        )

        TerraformOutput(self, "archive_bucket", value=self.s3_bucket.bucket)
        TerraformOutput(self, "settlement_queue_url", value=self.settlement_queue.url)
