"""Data lake buckets (raw / curated) with KMS encryption."""

from typing import Dict

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import S3BucketServerSideEncryptionConfigurationA

from lib.encryption import enable_versioning, encrypt_bucket


class TapStack(TerraformStack):
    """Raw and curated zones of the data lake."""

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

        self.kms_key = KmsKey(
            self,
            "datalake-key",
            description=f"Data lake key {environment_suffix}",
            enable_key_rotation=True,
            deletion_window_in_days=7,
        )

        self.buckets: Dict[str, S3Bucket] = {}
        self.versioning: Dict[str, S3BucketVersioningA] = {}
        self.encryption: Dict[str, S3BucketServerSideEncryptionConfigurationA] = {}
        for zone in ("raw", "curated"):
            bucket = S3Bucket(
                self,
                f"{zone}-bucket",
                bucket=f"datalake-{zone}-{environment_suffix}",
                force_destroy=True,
            )
            self.buckets[zone] = bucket
            self.versioning[zone] = enable_versioning(self, zone, bucket)
            self.encryption[zone] = encrypt_bucket(self, zone, bucket, self.kms_key)

        TerraformOutput(self, "raw_bucket", value=self.buckets["raw"].bucket)
        TerraformOutput(self, "curated_bucket", value=self.buckets["curated"].bucket)
