"""Document storage for the claims-processing service."""

from constructs import Construct
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning, S3BucketVersioningVersioningConfiguration
from cdktf_cdktf_provider_aws.s3_bucket_logging import S3BucketLogging
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock


class DocumentStorage(Construct):
    """Versioned document bucket whose access logs go to a log bucket."""

    def __init__(self, scope: Construct, construct_id: str, *, environment_suffix: str, log_bucket: S3Bucket):
        super().__init__(scope, construct_id)

        self.bucket = S3Bucket(
            self,
            "documents",
            bucket=f"claims-documents-{environment_suffix}",
            force_destroy=True,
            tags={"Name": f"claims-documents-{environment_suffix}"},
        )

        S3BucketPublicAccessBlock(
            self,
            "documents-public-access-block",
            bucket=self.bucket.id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
        )

        self.versioning = S3BucketVersioning(
            self,
            "documents-versioning",
            bucket=self.bucket.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )

        self.logging = S3BucketLogging(
            self,
            "documents-logging",
            bucket=self.bucket.id,
            target_bucket=log_bucket.id,
            target_prefix="documents/",
        )
