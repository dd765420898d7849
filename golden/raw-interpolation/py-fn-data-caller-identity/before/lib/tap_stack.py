"""Crypto price processing: a KMS key whose policy names the deploying account (cdktf-py Pr7111 shape)."""
import json

from constructs import Construct
from cdktf import Fn, S3Backend, TerraformOutput, TerraformStack, Token
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.kms_key import KmsKey


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        environment_suffix = kwargs.get("environment_suffix", "dev")
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"),
                    default_tags=[kwargs.get("default_tags", {})])
        S3Backend(
            self,
            bucket=kwargs.get("state_bucket", "iac-rlhf-tf-states"),
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=kwargs.get("state_bucket_region", "us-east-1"),
            encrypt=True,
        )

        # Customer-managed KMS key for Lambda environment variable encryption
        kms_key = KmsKey(self, "lambda-kms-key",
            description=f"KMS key for Lambda environment variables - {environment_suffix}",
            enable_key_rotation=True,
            policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "Enable IAM User Permissions",
                        "Effect": "Allow",
                        "Principal": {
                            "AWS": f"arn:aws:iam::{Token.as_string(Fn.data('aws_caller_identity.current.account_id'))}:root"
                        },
                        "Action": "kms:*",
                        "Resource": "*"
                    }
                ]
            })
        )
        TerraformOutput(self, "kms_key_arn", value=kms_key.arn)
