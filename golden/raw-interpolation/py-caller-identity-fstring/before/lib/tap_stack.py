"""Compliance: a KMS key policy and an audit bucket (cdktf-py Pr6655 shape)."""
import json

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


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

        self.caller = DataAwsCallerIdentity(self, "current")
        audit = S3Bucket(self, "audit", bucket=f"audit-{environment_suffix}", force_destroy=True)

        KmsKey(
            self,
            "key",
            description="audit key",
            policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Sid": "Root",
                    "Effect": "Allow",
                    "Principal": {
                        "AWS": f"arn:aws:iam::${{data.aws_caller_identity.current.account_id}}:root"
                    },
                    "Action": "kms:*",
                    "Resource": "*",
                }],
            }),
        )
        TerraformOutput(self, "audit_arn", value="${aws_s3_bucket.audit.arn}")
        TerraformOutput(self, "audit_pattern", value='{"bucket": "${aws_s3_bucket.audit.bucket}"}')
