"""Helpers that attach versioning and default encryption to a bucket."""

from typing import Optional

from constructs import Construct
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (  # versioning for the data lake
    S3BucketVersioning,  # resource
    S3BucketVersioningVersioningConfiguration,
)
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
    # resource + its nested blocks
    S3BucketServerSideEncryptionConfiguration,
    S3BucketServerSideEncryptionConfigurationRule,  # one rule per bucket
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault
)


def enable_versioning(scope: Construct, name: str, bucket: S3Bucket) -> S3BucketVersioning:
    """Turn on versioning (required before replication or object lock)."""
    return S3BucketVersioning(
        scope,
        f"{name}-versioning",
        bucket=bucket.id,
        versioning_configuration=S3BucketVersioningVersioningConfiguration(
            status="Enabled",
        ),
    )


def encrypt_bucket(
    scope: Construct,
    name: str,
    bucket: S3Bucket,
    key: Optional[KmsKey] = None,
) -> S3BucketServerSideEncryptionConfiguration:
    """SSE-KMS when a key is given, SSE-S3 otherwise."""
    if key is not None:
        default: S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault = (
            S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault(
                sse_algorithm="aws:kms",
                kms_master_key_id=key.arn,
            )
        )
    else:
        default = S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault(
            sse_algorithm="AES256",
        )
    return S3BucketServerSideEncryptionConfiguration(
        scope,
        f"{name}-sse",
        bucket=bucket.id,
        rule=[
            S3BucketServerSideEncryptionConfigurationRule(
                apply_server_side_encryption_by_default=default,
                bucket_key_enabled=key is not None,
            )
        ],
    )
