import os
import json
from constructs import Construct
from cdktf import TerraformStack, S3Backend, Fn, TerraformOutput
import cdktf_cdktf_provider_aws.lambda_function as lambda_
from cdktf_cdktf_provider_aws import lambda_layer_version
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.iam_role import IamRole


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))
        S3Backend(self, bucket=kwargs.get("state_bucket", "iac-rlhf-tf-states"),
                  key=f"{environment_suffix}/{construct_id}.tfstate",
                  region=kwargs.get("state_bucket_region", "us-east-1"), encrypt=True)

        region = os.getenv("AWS_REGION", "us-east-1")
        role = IamRole(self, "role", name=f"processor-{environment_suffix}",
                       assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": [{
                           "Action": "sts:AssumeRole", "Effect": "Allow",
                           "Principal": {"Service": "lambda.amazonaws.com"}}]}))

        deps = lambda_layer_version.LambdaLayerVersion(
            self, "deps",
            layer_name=f"deps-{environment_suffix}",
            filename=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "layers/deps.zip"),
            source_code_hash=Fn.filebase64sha256(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "layers/deps.zip")),
            compatible_runtimes=["python3.12"],
        )

        processor = lambda_.LambdaFunction(
            self, "processor",
            function_name=f"processor-{environment_suffix}-{region}",
            role=role.arn,
            handler="lambda_function.handler",
            runtime="python3.12",
            layers=[deps.arn],
            filename=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lambda_function.zip"),
            source_code_hash=Fn.filebase64sha256(
                os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lambda_function.zip")  # zipped by the Makefile
            ),
        )
        TerraformOutput(self, "processor_arn", value=processor.arn)
