"""Compute: the validation functions."""
import json

from constructs import Construct
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction


class ComputeStack(Construct):
    """Validation and rollback functions."""

    def __init__(self, scope: Construct, construct_id: str, *, environment_suffix: str):
        super().__init__(scope, construct_id)

        role = IamRole(
            self,
            "lambda-role",
            name=f"validation-lambda-{environment_suffix}",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Action": "sts:AssumeRole",
                    "Effect": "Allow",
                    "Principal": {"Service": "lambda.amazonaws.com"},
                }],
            }),
        )

        LambdaFunction(
            self,
            "validation",
            function_name=f"validation-{environment_suffix}",
            role=role.arn,
            handler="index.handler",
            runtime="python3.12",
            filename="lambda_function.zip",  # Placeholder - will be replaced
            source_code_hash="${filebase64sha256(\"lambda_function.zip\")}"
        )

        LambdaFunction(
            self, "rollback",
            function_name=f"rollback-{environment_suffix}",
            role=role.arn, handler="rollback.handler", runtime="python3.12",
            filename='lib/lambda/rollback.zip', source_code_hash='${filebase64sha256("lib/lambda/rollback.zip")}',
        )
