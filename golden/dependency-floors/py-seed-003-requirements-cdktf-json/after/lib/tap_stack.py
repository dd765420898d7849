"""Web application stack (seed 003): run directly by cdktf.json's app."""
import os
import sys

sys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from constructs import Construct  # noqa: E402
from cdktf import App, TerraformStack, TerraformOutput  # noqa: E402
from cdktf_cdktf_provider_aws.provider import AwsProvider  # noqa: E402
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket  # noqa: E402


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str = "dev"):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region=os.getenv("AWS_REGION", "ap-southeast-1"))
        assets = S3Bucket(self, "assets", bucket=f"webapp-assets-{environment_suffix}")
        TerraformOutput(self, "assets_bucket", value=assets.bucket)


if __name__ == "__main__":
    app = App()
    suffix = os.getenv("ENVIRONMENT_SUFFIX", "dev")
    TapStack(app, f"TapStack{suffix}", environment_suffix=suffix)
    app.synth()
