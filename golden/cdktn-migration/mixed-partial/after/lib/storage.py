from constructs import Construct
from cdktn import TerraformStack
from cdktn_provider_aws.provider import AwsProvider  # not yet migrated
from cdktn_provider_aws.s3_bucket import S3Bucket


class Storage(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")
        S3Bucket(self, "bucket", bucket_prefix="storage-")
