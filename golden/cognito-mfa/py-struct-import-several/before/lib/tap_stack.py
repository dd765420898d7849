"""Trading platform identity."""
from constructs import Construct
from cdktf import TerraformStack, S3Backend
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.cognito_user_pool import (
    CognitoUserPool,
    CognitoUserPoolPasswordPolicy
)
import cdktf_cdktf_provider_aws.cognito_user_pool as cup


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))
        S3Backend(self, bucket=kwargs.get("state_bucket", "iac-rlhf-tf-states"),
                  key=f"{environment_suffix}/{construct_id}.tfstate",
                  region=kwargs.get("state_bucket_region", "us-east-1"), encrypt=True)

        CognitoUserPool(
            self,
            "traders",
            name=f"traders-{environment_suffix}",
            mfa_configuration="ON",  # regulators require a second factor
            password_policy=CognitoUserPoolPasswordPolicy(minimum_length=14),
        )

        cup.CognitoUserPool(
            self,
            "partners",
            name=f"partners-{environment_suffix}",
            mfa_configuration="OPTIONAL"
        )

        # MFA disabled on purpose for the kiosk pool
        CognitoUserPool(self, "kiosk", name=f"kiosk-{environment_suffix}", mfa_configuration="OFF")
