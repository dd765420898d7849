"""Regional WAF for the public API: blocked IPs and a rate limit (CDKTF, Python)."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.wafv2_ip_set import Wafv2IpSet
from cdktf_cdktf_provider_aws.wafv2_web_acl import (
    Wafv2WebAcl,
    Wafv2WebAclRule,
    Wafv2WebAclDefaultAction,
    Wafv2WebAclRuleAction,
    Wafv2WebAclVisibilityConfig,  # the ACL's metrics
    Wafv2WebAclRuleVisibilityConfig,
)


class TapStack(TerraformStack):
    """An IP set and a web ACL whose rules reuse the ACL's own struct classes."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        suffix = kwargs.get("environment_suffix", "dev")
        region = kwargs.get("aws_region", "us-east-1")

        AwsProvider(self, "aws", region=region)

        blocked = Wafv2IpSet(
            self,
            "blocked_ips",
            name=f"blocked-ips-{suffix}",
            scope="REGIONAL",
            ip_address_version="IPV4",
            addresses=["192.0.2.0/24"],
        )

        web_acl = Wafv2WebAcl(
            self,
            "web_acl",
            name=f"api-waf-{suffix}",
            scope="REGIONAL",
            default_action=Wafv2WebAclDefaultAction(allow={}),
            rule=[
                # Rule 1: block known malicious IPs
                Wafv2WebAclRule(
                    name="BlockMaliciousIPs",
                    priority=1,
                    statement={"ip_set_reference_statement": {"arn": blocked.arn}},
                    action=Wafv2WebAclRuleAction(block={}),
                    visibility_config=Wafv2WebAclRuleVisibilityConfig(
                        cloudwatch_metrics_enabled=True,
                        metric_name=f"BlockedIPs-{suffix}",
                        sampled_requests_enabled=True,
                    ),
                ),
                # Rule 2: rate limit per client IP
                Wafv2WebAclRule(
                    name="RateLimit",
                    priority=2,
                    statement={"rate_based_statement": {"limit": 2000, "aggregate_key_type": "IP"}},
                    action=Wafv2WebAclRuleAction(block={}),
                    visibility_config=Wafv2WebAclRuleVisibilityConfig(
                        cloudwatch_metrics_enabled=True,
                        metric_name=f"RateLimit-{suffix}",
                        sampled_requests_enabled=True,
                    ),
                ),
            ],
            visibility_config=Wafv2WebAclVisibilityConfig(
                cloudwatch_metrics_enabled=True,
                metric_name=f"api-waf-{suffix}",
                sampled_requests_enabled=True,
            ),
        )

        TerraformOutput(self, "web_acl_arn", value=web_acl.arn)
