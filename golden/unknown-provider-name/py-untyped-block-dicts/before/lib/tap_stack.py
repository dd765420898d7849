"""Regional WAF in front of the API: an IP block list, a rate limit and a managed rule group."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.wafv2_ip_set import Wafv2IpSet
from cdktf_cdktf_provider_aws.wafv2_web_acl import (  # the ACL and its typed blocks
    Wafv2WebAcl,
    Wafv2WebAclDefaultAction,
    Wafv2WebAclRule,
    Wafv2WebAclRuleAction,
    Wafv2WebAclRuleStatement,
    Wafv2WebAclRuleStatementRateBasedStatement,
    Wafv2WebAclRuleVisibilityConfig,
    Wafv2WebAclVisibilityConfig,
)


def visibility(metric: str) -> Wafv2WebAclRuleVisibilityConfig:
    return Wafv2WebAclRuleVisibilityConfig(
        cloudwatch_metrics_enabled=True, metric_name=metric, sampled_requests_enabled=True
    )


class TapStack(TerraformStack):
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

        blocked = Wafv2IpSet(
            self,
            "blocked",
            name=f"blocked-{environment_suffix}",
            scope="REGIONAL",
            ip_address_version="IPV4",
            addresses=["192.0.2.0/24"],
        )

        acl = Wafv2WebAcl(
            self,
            "acl",
            name=f"api-acl-{environment_suffix}",
            scope="REGIONAL",
            default_action=Wafv2WebAclDefaultAction(allow={}),
            rule=[
                Wafv2WebAclRule(
                    name="BlockList",
                    priority=1,
                    statement=Wafv2WebAclRuleStatement(ip_set_reference_statement={"arn": blocked.arn}),
                    action=Wafv2WebAclRuleAction(block={}),
                    visibility_config=visibility("BlockList"),
                ),
                Wafv2WebAclRule(
                    name="RateLimit",
                    priority=2,
                    statement=Wafv2WebAclRuleStatement(
                        rate_based_statement=Wafv2WebAclRuleStatementRateBasedStatement(
                            limit=2000,
                            aggregate_key_type="IP",
                        )
                    ),
                    action=Wafv2WebAclRuleAction(block={}),
                    visibility_config=visibility("RateLimit"),
                ),
                Wafv2WebAclRule(
                    name="CommonRuleSet",
                    priority=3,
                    statement=Wafv2WebAclRuleStatement(
                        managed_rule_group_statement={"vendor_name": "AWS", "name": "AWSManagedRulesCommonRuleSet"}
                    ),
                    override_action={"none": {}},
                    visibility_config=visibility("CommonRuleSet"),
                ),
            ],
            visibility_config=Wafv2WebAclVisibilityConfig(
                cloudwatch_metrics_enabled=True, metric_name="api-acl", sampled_requests_enabled=True
            ),
        )

        TerraformOutput(self, "acl_arn", value=acl.arn)
