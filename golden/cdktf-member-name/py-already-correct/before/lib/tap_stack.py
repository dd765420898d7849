"""Logs bucket with outputs built from cdktf's Python names."""

from constructs import Construct
from cdktf import Fn as TfFn, Op, S3Backend, TerraformOutput, TerraformStack, Token
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class Fn:
    """A local helper called Fn: its jsonDecode is its own."""

    @staticmethod
    def jsonDecode(text):
        return {"Team": text}


class TapStack(TerraformStack):
    """Logs bucket."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        logs = S3Bucket(self, "logs", bucket_prefix=f"logs-{environment_suffix}-", force_destroy=True,
                        tags=Fn.jsonDecode("platform"))
        TerraformOutput(self, "logs_bucket", value=Token.as_string(logs.bucket))
        TerraformOutput(self, "logs_count", value=TfFn.length_of(TfFn.tolist([logs.arn])))
        TerraformOutput(self, "is_dev", value=Op.not_(Op.eq(environment_suffix, "prod")))
        TerraformOutput(self, "first", value=TfFn.try_([TfFn.element(TfFn.tolist([logs.arn]), 0)]))
