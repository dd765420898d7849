"""Central access-log bucket (inline versioning block of aws_s3_bucket)."""

from constructs import Construct
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket, S3BucketVersioning
from cdktf_cdktf_provider_aws.s3_bucket_ownership_controls import (
    S3BucketOwnershipControls,
    S3BucketOwnershipControlsRule,
)


class LogBucket(Construct):
    """Bucket that receives S3 server access logs."""

    def __init__(self, scope: Construct, construct_id: str, *, environment_suffix: str):
        super().__init__(scope, construct_id)

        # S3BucketVersioning here is the inline block struct of S3Bucket, not the resource
        self.bucket = S3Bucket(
            self,
            "access-logs",
            bucket=f"claims-access-logs-{environment_suffix}",
            force_destroy=True,
            versioning=S3BucketVersioning(enabled=True),
        )

        S3BucketOwnershipControls(
            self,
            "access-logs-ownership",
            bucket=self.bucket.id,
            rule=S3BucketOwnershipControlsRule(object_ownership="BucketOwnerPreferred"),
        )
