"""Config bucket whose settings come from a JSON document, with outputs built from Terraform functions."""

import cdktf
from constructs import Construct
from cdktf import Fn, S3Backend, TerraformOutput, TerraformStack, Token
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

SETTINGS = {"bucket": {"prefix": "config", "zones": ["a", "b", "c"]}}


class TapStack(TerraformStack):
    """Config bucket."""

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

        settings = Fn.jsondecode(Fn.jsonencode(SETTINGS))
        config = S3Bucket(self, "config", bucket_prefix=f"config-{environment_suffix}-", force_destroy=True)

        TerraformOutput(self, "config_bucket", value=Token.as_string(config.bucket))
        TerraformOutput(self, "config_prefix", value=Fn.lookup_nested(settings, ["bucket", "prefix"]))
        TerraformOutput(self, "zone_count", value=cdktf.Fn.length_of(Fn.lookup_nested(settings, ["bucket", "zones"])))
        TerraformOutput(self, "encoded", value=Fn.base64encode(Fn.jsonencode(settings)))
