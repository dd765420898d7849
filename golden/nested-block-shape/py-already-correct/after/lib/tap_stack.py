"""Reporting service; every nested block already has the right shape."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
    S3BucketVersioningA,
    S3BucketVersioningVersioningConfiguration,
)
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
    S3BucketLifecycleConfigurationRuleFilter,
    S3BucketLifecycleConfigurationRuleTransition,
)
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.cognito_user_pool_client import (
    CognitoUserPoolClient,
    CognitoUserPoolClientTokenValidityUnits,
)
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup, LbTargetGroupHealthCheck
from cdktf_cdktf_provider_aws.vpc import Vpc

STORAGE_TIERS = [(30, "STANDARD_IA"), (90, "GLACIER_IR"), (365, "DEEP_ARCHIVE")]


def health_check(path: str) -> LbTargetGroupHealthCheck:
    """Shared health check settings."""
    return LbTargetGroupHealthCheck(path=path, matcher="200", interval=15)


class TapStack(TerraformStack):
    """Report archive, report API target group and the report portal's app client."""

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

        reports = S3Bucket(self, "reports", bucket=f"reports-{environment_suffix}", force_destroy=True)

        S3BucketVersioningA(
            self,
            "reports-versioning",
            bucket=reports.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )

        expire_after_seven_years = [S3BucketLifecycleConfigurationRuleExpiration(days=2555)]
        S3BucketLifecycleConfiguration(
            self,
            "reports-lifecycle",
            bucket=reports.id,
            rule=[
                S3BucketLifecycleConfigurationRule(
                    id="tiering",
                    status="Enabled",
                    filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="monthly/")],
                    transition=[
                        S3BucketLifecycleConfigurationRuleTransition(days=days, storage_class=storage_class)
                        for days, storage_class in STORAGE_TIERS
                    ],
                    expiration=expire_after_seven_years,
                )
            ],
        )

        vpc = Vpc(self, "vpc", cidr_block="10.60.0.0/16")
        LbTargetGroup(
            self,
            "reports-api-tg",
            name=f"reports-api-{environment_suffix}",
            port=8080,
            protocol="HTTP",
            target_type="ip",
            vpc_id=vpc.id,
            health_check=health_check("/healthz"),
            stickiness={"type": "lb_cookie", "enabled": False},
        )

        pool = CognitoUserPool(
            self,
            "report-users",
            name=f"report-portal-{environment_suffix}",
            password_policy={"minimum_length": 14, "require_symbols": True},
        )
        CognitoUserPoolClient(
            self,
            "report-portal-client",
            name=f"report-portal-{environment_suffix}",
            user_pool_id=pool.id,
            access_token_validity=30,
            id_token_validity=30,
            token_validity_units=[
                CognitoUserPoolClientTokenValidityUnits(access_token="minutes", id_token="minutes")
            ],
        )

        TerraformOutput(self, "reports_bucket", value=reports.bucket)
