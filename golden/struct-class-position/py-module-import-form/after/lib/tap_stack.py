"""Edge WAF for the storefront, bindings imported as modules (CDKTF, Python)."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws import wafv2_web_acl
import cdktf_cdktf_provider_aws.wafv2_rule_group as rule_groups


class TapStack(TerraformStack):
    """A rule group and a web ACL; nested blocks built with the owner's top-level classes."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        suffix = kwargs.get("environment_suffix", "dev")
        region = kwargs.get("aws_region", "us-east-1")

        AwsProvider(self, "aws", region=region)

        group = rule_groups.Wafv2RuleGroup(
            self,
            "geo_group",
            name=f"geo-{suffix}",
            scope="REGIONAL",
            capacity=10,
            rule=[
                rule_groups.Wafv2RuleGroupRule(
                    name="BlockCountries",
                    priority=1,
                    action=rule_groups.Wafv2RuleGroupRuleAction(block={}),
                    statement={"geo_match_statement": {"country_codes": ["KP"]}},
                    visibility_config=rule_groups.Wafv2RuleGroupRuleVisibilityConfig(
                        cloudwatch_metrics_enabled=True,
                        metric_name=f"geo-block-{suffix}",
                        sampled_requests_enabled=False,
                    ),
                )
            ],
            visibility_config=rule_groups.Wafv2RuleGroupVisibilityConfig(
                cloudwatch_metrics_enabled=True,
                metric_name=f"geo-{suffix}",
                sampled_requests_enabled=False,
            ),
        )

        acl = wafv2_web_acl.Wafv2WebAcl(
            self,
            "web_acl",
            name=f"shop-waf-{suffix}",
            scope="REGIONAL",
            default_action=wafv2_web_acl.Wafv2WebAclDefaultAction(allow={}),
            rule=[
                wafv2_web_acl.Wafv2WebAclRule(
                    name="GeoGroup",
                    priority=1,
                    override_action=wafv2_web_acl.Wafv2WebAclRuleOverrideAction(none={}),
                    statement={"rule_group_reference_statement": {"arn": group.arn}},
                    visibility_config=wafv2_web_acl.Wafv2WebAclRuleVisibilityConfig(cloudwatch_metrics_enabled=True, metric_name=f"geo-group-{suffix}", sampled_requests_enabled=True),
                ),
            ],
            visibility_config=wafv2_web_acl.Wafv2WebAclVisibilityConfig(
                cloudwatch_metrics_enabled=True,
                metric_name=f"shop-waf-{suffix}",
                sampled_requests_enabled=True,
            ),
        )

        TerraformOutput(self, "web_acl_arn", value=acl.arn)
