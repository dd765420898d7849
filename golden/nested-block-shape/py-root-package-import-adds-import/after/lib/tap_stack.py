"""Partner portal sign-in, written against the provider's root package."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
import cdktf_cdktf_provider_aws as aws
from cdktf_cdktf_provider_aws.cognito_user_pool_client import CognitoUserPoolClientTokenValidityUnits


class TapStack(TerraformStack):
    """Cognito user pool, hosted-UI domain and app client for partners."""

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

        pool = aws.cognito_user_pool.CognitoUserPool(
            self,
            "partners",
            name=f"partner-portal-{environment_suffix}",
            username_attributes=["email"],
            auto_verified_attributes=["email"],
        )

        aws.cognito_user_pool_domain.CognitoUserPoolDomain(
            self,
            "partners-domain",
            domain=f"partner-portal-{environment_suffix}",
            user_pool_id=pool.id,
        )

        client = aws.cognito_user_pool_client.CognitoUserPoolClient(
            self,
            "partners-client",
            name=f"partner-portal-web-{environment_suffix}",
            user_pool_id=pool.id,
            allowed_oauth_flows_user_pool_client=True,
            allowed_oauth_flows=["code"],
            allowed_oauth_scopes=["openid", "email"],
            callback_urls=[f"https://partners-{environment_suffix}.internal.corp/callback"],
            supported_identity_providers=["COGNITO"],
            access_token_validity=1,
            id_token_validity=1,
            refresh_token_validity=7,
            token_validity_units=[CognitoUserPoolClientTokenValidityUnits(access_token="hours", id_token="hours", refresh_token="days")],
        )

        TerraformOutput(self, "user_pool_id", value=pool.id)
        TerraformOutput(self, "client_id", value=client.id)
