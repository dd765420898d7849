"""Backup archive bucket, written against cdktf-cdktf-provider-aws 19.51.0 (pinned in the Pipfile).

Up to 19.51.0 the lifecycle rule's expiration / filter / noncurrent_version_expiration /
abort_incomplete_multipart_upload blocks are single structs; transition is a list.
"""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
    S3BucketVersioningA,
    S3BucketVersioningVersioningConfiguration,
)
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
    """Nightly database dumps: keep 35 days, then delete."""

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

        backups = S3Bucket(
            self,
            "db-backups",
            bucket=f"db-backups-{environment_suffix}",
            force_destroy=True,
        )

        S3BucketVersioningA(
            self,
            "db-backups-versioning",
            bucket=backups.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )

        S3BucketLifecycleConfiguration(
            self,
            "db-backups-lifecycle",
            bucket=backups.id,
            rule=[
                S3BucketLifecycleConfigurationRule(
                    id="nightly-dumps",
                    status="Enabled",
                    filter=S3BucketLifecycleConfigurationRuleFilter(prefix="nightly/"),
                    transition=[
                        S3BucketLifecycleConfigurationRuleTransition(days=7, storage_class="GLACIER_IR"),
                    ],
                    expiration=S3BucketLifecycleConfigurationRuleExpiration(days=35),
                    noncurrent_version_expiration=S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration(
                        noncurrent_days=7,
                    ),
                    abort_incomplete_multipart_upload=S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload(
                        days_after_initiation=1,
                    ),
                )
            ],
        )

        TerraformOutput(self, "backups_bucket", value=backups.bucket)
