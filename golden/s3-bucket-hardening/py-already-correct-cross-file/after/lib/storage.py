"""Storage construct: the bucket is exposed as `self.bucket`; its hardening lives in the stack."""

from constructs import Construct
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class Storage(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, prefix: str):
        super().__init__(scope, construct_id)
        self.bucket = S3Bucket(self, "bucket", bucket_prefix=prefix, force_destroy=True)
