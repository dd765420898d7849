"""Already correct: every construct has an id, and no id is used twice on one scope."""
from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.vpc import Vpc


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        environment_suffix = kwargs.get("environment_suffix", "dev")
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))
        S3Backend(
            self,
            bucket=kwargs.get("state_bucket", "iac-rlhf-tf-states"),
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=kwargs.get("state_bucket_region", "us-east-1"),
            encrypt=True,
        )

        # the same id on two different scopes
        network = Construct(self, "network")
        Vpc(network, "vpc", cidr_block="10.0.0.0/16")
        Vpc(self, "vpc", cidr_block="10.1.0.0/16")

        # the same id in branches that exclude each other
        if environment_suffix == "prod":
            logs = S3Bucket(self, "logs", bucket_prefix="prod-logs-", force_destroy=False)
        else:
            logs = S3Bucket(self, "logs", bucket_prefix="logs-", force_destroy=True)
        self._outputs(logs, environment_suffix == "prod")

    def _outputs(self, logs: S3Bucket, prod: bool):
        if prod:
            TerraformOutput(self, "logs_bucket", value=logs.bucket, sensitive=True)
            return
        TerraformOutput(self, "logs_bucket", value=logs.bucket)
