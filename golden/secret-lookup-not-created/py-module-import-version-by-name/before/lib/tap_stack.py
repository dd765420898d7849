"""Order API: a Lambda function whose API key comes from Secrets Manager."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend
import cdktf_cdktf_provider_aws as aws
import cdktf_cdktf_provider_aws.data_aws_secretsmanager_secret_version as smv
from cdktf_cdktf_provider_aws.ssm_parameter import SsmParameter


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        aws.provider.AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        # payment provider key, stored by hand in the console (it never was)
        api_key = smv.DataAwsSecretsmanagerSecretVersion(
            self,
            "payment_api_key",
            secret_id=f"orders/{environment_suffix}/payment-api-key",  # by name
        )

        SsmParameter(
            self,
            "payment_api_key_param",
            name=f"/orders/{environment_suffix}/payment-api-key",
            type="SecureString",
            value=api_key.secret_string,
        )
