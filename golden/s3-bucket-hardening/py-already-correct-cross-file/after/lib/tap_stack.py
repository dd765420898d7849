"""Stack whose buckets are all hardened, one of them from another module."""

import json

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws import s3_bucket_server_side_encryption_configuration as sse
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_policy import S3BucketPolicy
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock

from lib.storage import Storage


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        environment_suffix = kwargs.get("environment_suffix", "dev")
        AwsProvider(self, "aws", region="us-east-1")

        storage = Storage(self, "storage", prefix=f"data-{environment_suffix}-")
        S3BucketPublicAccessBlock(self, "storage-pab",
            bucket=storage.bucket.id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
        )
        sse.S3BucketServerSideEncryptionConfigurationA(self, "storage-sse",
            bucket=storage.bucket.id,
            rule=[sse.S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=sse.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                    sse_algorithm="aws:kms",
                ),
            )],
        )

        # public downloads: encrypted, and readable by anyone on purpose
        downloads = S3Bucket(self, "downloads", bucket_prefix="downloads-")
        sse.S3BucketServerSideEncryptionConfigurationA(self, "downloads-sse",
            bucket=downloads.bucket,
            rule=[sse.S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=sse.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                    sse_algorithm="AES256",
                ),
            )],
        )
        S3BucketPolicy(self, "downloads-policy",
            bucket=downloads.id,
            policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"{downloads.arn}/*",
                }],
            }),
        )

        TerraformOutput(self, "data_bucket", value=storage.bucket.bucket)
