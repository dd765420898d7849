from constructs import Construct
from cdktf import (
    TerraformStack,  # base class
    TerraformOutput,
    S3Backend,
)
import cdktf as cf
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket as Bucket
import cdktf_cdktf_provider_aws.s3_bucket_versioning as versioning
from cdktf_cdktf_provider_aws import s3_bucket_public_access_block


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")
        S3Backend(
            self,
            bucket="tap-states",
            key=f"{id}.tfstate",
            region="us-east-1",  # the state bucket's region
        )
        # S3-native state locking (Terraform 1.10+)
        self.add_override("terraform.backend.s3.use_lockfile", True)
        bucket = Bucket(self, "bucket", bucket_prefix="tap-")
        versioning.S3BucketVersioningA(
            self, "versioning", bucket=bucket.id,
            versioning_configuration=versioning.S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )
        s3_bucket_public_access_block.S3BucketPublicAccessBlock(
            self, "block", bucket=bucket.id, block_public_acls=True,
        )
        TerraformOutput(self, "bucket_name", value=bucket.bucket)
        cf.TerraformOutput(self, "bucket_arn", value=bucket.arn)
