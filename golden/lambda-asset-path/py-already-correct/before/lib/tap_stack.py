"""Lambda packages referenced in every form that already works from cdktf.out/stacks/<stack>/."""
import os
from pathlib import Path

from constructs import Construct
from cdktf import TerraformStack, TerraformAsset, AssetType, Fn
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction

LAMBDA_DIR = Path(__file__).resolve().parent / "lambda"


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))
        role_arn = "arn:aws:iam::123456789012:role/lambda"

        asset = TerraformAsset(self, "code", path=str(LAMBDA_DIR / "src"), type=AssetType.ARCHIVE)
        LambdaFunction(self, "from-asset", function_name="from-asset", role=role_arn,
                       handler="index.handler", runtime="python3.12",
                       filename=asset.path, source_code_hash=asset.asset_hash)

        zip_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lambda_function.zip")
        LambdaFunction(self, "anchored", function_name="anchored", role=role_arn,
                       handler="index.handler", runtime="python3.12",
                       filename=zip_path, source_code_hash=Fn.filebase64sha256(zip_path))

        LambdaFunction(self, "stack-relative", function_name="stack-relative", role=role_arn,
                       handler="index.handler", runtime="python3.12",
                       filename="../../../lambda_function.zip",
                       source_code_hash="${filebase64sha256(\"${path.module}/../../../lambda_function.zip\")}")
