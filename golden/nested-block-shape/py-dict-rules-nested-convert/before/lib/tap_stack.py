"""Application log archive: lifecycle rules written as plain dicts."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration
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
                {
                    "id": "archive-then-expire",
                    "status": "Enabled",
                    "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
                    "expiration": {"days": 365},
                    "filter": {"prefix": "app-logs/"},
                    "noncurrent_version_expiration": {"noncurrent_days": 30},
                    "transition": [
                        {"days": 30, "storage_class": "STANDARD_IA"},  # infrequent access
                        {"days": 90, "storage_class": "GLACIER"},
                    ],
                },
                {
                    "id": "expire-tmp",
                    "status": "Enabled",
                    "expiration": {"days": 1},
                    "filter": {"prefix": "tmp/"},
                },
            ],
        )

        TerraformOutput(self, "logs_bucket", value=logs_bucket.bucket)
