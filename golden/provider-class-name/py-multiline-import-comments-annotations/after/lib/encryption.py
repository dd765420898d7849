"""Helpers that attach versioning and default encryption to a bucket."""

from typing import Optional

from constructs import Construct
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (  # versioning for the data lake
    S3BucketVersioningA,  # resource
    S3BucketVersioningVersioningConfiguration,
)
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
    # resource + its nested blocks
    S3BucketServerSideEncryptionConfigurationA,
    S3BucketServerSideEncryptionConfigurationRuleA,  # one rule per bucket
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA
)


def enable_versioning(scope: Construct, name: str, bucket: S3Bucket) -> S3BucketVersioningA:
    """Turn on versioning (required before replication or object lock)."""
    return S3BucketVersioningA(
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
) -> S3BucketServerSideEncryptionConfigurationA:
    """SSE-KMS when a key is given, SSE-S3 otherwise."""
    if key is not None:
        default: S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA = (
            S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                sse_algorithm="aws:kms",
                kms_master_key_id=key.arn,
            )
        )
    else:
        default = S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
            sse_algorithm="AES256",
        )
    return S3BucketServerSideEncryptionConfigurationA(
        scope,
        f"{name}-sse",
        bucket=bucket.id,
        rule=[
            S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=default,
                bucket_key_enabled=key is not None,
            )
        ],
    )
