"""Learning portal identity: Cognito user pool with a web and a mobile client."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider, AwsProviderDefaultTags
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.cognito_user_pool_client import CognitoUserPoolClient as UserPoolClient, CognitoUserPoolClientTokenValidityUnits


class TapStack(TerraformStack):
    """User pool plus app clients with explicit token lifetimes."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")

        AwsProvider(
            self,
            "aws",
            region=aws_region,
            default_tags=[AwsProviderDefaultTags(
                tags={
                    "Environment": environment_suffix,
                    "Project": "learning-portal",  # cost allocation tag
                }
            )],
        )

        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        user_pool = CognitoUserPool(
            self,
            "user-pool",
            name=f"learning-portal-{environment_suffix}",
            auto_verified_attributes=["email"],
            username_attributes=["email"],
            mfa_configuration="OFF",
            password_policy={
                "minimum_length": 12,
                "require_lowercase": True,
                "require_numbers": True,
                "require_symbols": True,
                "require_uppercase": True,
            },
        )

        web_client = UserPoolClient(
            self,
            "web-client",
            name=f"learning-portal-web-{environment_suffix}",
            user_pool_id=user_pool.id,
            generate_secret=False,
            explicit_auth_flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            access_token_validity=60,
            id_token_validity=60,
            refresh_token_validity=30,
            token_validity_units=[CognitoUserPoolClientTokenValidityUnits(
                access_token="minutes",
                id_token="minutes",
                # refresh tokens live for a month
                refresh_token="days",
            )],
        )

        mobile_client = UserPoolClient(
            self,
            "mobile-client",
            name=f"learning-portal-mobile-{environment_suffix}",
            user_pool_id=user_pool.id,
            generate_secret=False,
            explicit_auth_flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            access_token_validity=1,
            id_token_validity=1,
            refresh_token_validity=90,
            token_validity_units=[CognitoUserPoolClientTokenValidityUnits(access_token="hours", id_token="hours", refresh_token="days")],
        )

        TerraformOutput(self, "user_pool_id", value=user_pool.id)
        TerraformOutput(self, "web_client_id", value=web_client.id)
        TerraformOutput(self, "mobile_client_id", value=mobile_client.id)
