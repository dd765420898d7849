"""Multi-environment stack (seed 003 #23)."""
from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class MultiEnvStack(TerraformStack):
    def __init__(self, scope: Construct, id: str, config: dict, region_hint: str = "us-east-1"):
        super().__init__(scope, id)
        environment = config.get("environment", "dev")
        # Default to us-east-1
        region = config.get('region', 'ap-southeast-1')
        state_bucket_region = config.get("state_bucket_region", "us-east-1")
        AwsProvider(self, "aws", region=region)
        S3Bucket(self, "bucket", bucket=f"app-data-{environment}-{state_bucket_region}-{region_hint}")
