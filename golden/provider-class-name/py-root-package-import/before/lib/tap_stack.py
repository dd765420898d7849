"""Static site origin bucket, written against the provider's root package."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
import cdktf_cdktf_provider_aws as aws


class TapStack(TerraformStack):
    """Versioned, encrypted origin bucket with public access blocked."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        aws.provider.AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        origin = aws.s3_bucket.S3Bucket(
            self,
            "site-origin",
            bucket=f"static-site-origin-{environment_suffix}",
            force_destroy=True,
        )

        aws.s3_bucket_public_access_block.S3BucketPublicAccessBlock(
            self,
            "site-origin-pab",
            bucket=origin.id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
        )

        aws.s3_bucket_versioning.S3BucketVersioning(
            self,
            "site-origin-versioning",
            bucket=origin.id,
            versioning_configuration=aws.s3_bucket_versioning.S3BucketVersioningVersioningConfiguration(
                status="Enabled",
            ),
        )

        sse_default = aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault(
            sse_algorithm="AES256",
        )
        aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfiguration(
            self,
            "site-origin-sse",
            bucket=origin.id,
            rule=[
                aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRule(
                    apply_server_side_encryption_by_default=sse_default,
                )
            ],
        )

        TerraformOutput(self, "origin_bucket", value=origin.bucket)
