"""Application log archive: lifecycle rules written as plain dicts."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload,
    S3BucketLifecycleConfigurationRuleExpiration,
    S3BucketLifecycleConfigurationRuleFilter,
    S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration,
    S3BucketLifecycleConfigurationRuleTransition,
)


class TapStack(TerraformStack):
    """Log bucket whose objects move to cheaper storage and then expire."""

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

        logs_bucket = S3Bucket(
            self,
            "app-logs",
            bucket=f"app-logs-archive-{environment_suffix}",
            force_destroy=True,
        )

        S3BucketPublicAccessBlock(
            self,
            "app-logs-public-access-block",
            bucket=logs_bucket.id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
        )

        S3BucketLifecycleConfiguration(
            self,
            "app-logs-lifecycle",
            bucket=logs_bucket.id,
            rule=[
                S3BucketLifecycleConfigurationRule(
                    id="archive-then-expire",
                    status="Enabled",
                    abort_incomplete_multipart_upload=[S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload(days_after_initiation=7)],
                    expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=365)],
                    filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="app-logs/")],
                    noncurrent_version_expiration=[S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration(noncurrent_days=30)],
                    transition=[
                        S3BucketLifecycleConfigurationRuleTransition(days=30, storage_class="STANDARD_IA"),  # infrequent access
                        S3BucketLifecycleConfigurationRuleTransition(days=90, storage_class="GLACIER"),
                    ],
                ),
                S3BucketLifecycleConfigurationRule(
                    id="expire-tmp",
                    status="Enabled",
                    expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=1)],
                    filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="tmp/")],
                ),
            ],
        )

        TerraformOutput(self, "logs_bucket", value=logs_bucket.bucket)
