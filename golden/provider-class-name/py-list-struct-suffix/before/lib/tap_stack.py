"""Egress filtering with AWS Network Firewall domain lists."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.networkfirewall_rule_group import (
    NetworkfirewallRuleGroup,
    NetworkfirewallRuleGroupRuleGroup,
    NetworkfirewallRuleGroupRuleGroupRulesSource,
    NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceList,
)
from cdktf_cdktf_provider_aws.networkfirewall_firewall_policy import (
    NetworkfirewallFirewallPolicy,
    NetworkfirewallFirewallPolicyFirewallPolicy,
    NetworkfirewallFirewallPolicyFirewallPolicyStatefulRuleGroupReference,
)

ALLOWED_DOMAINS = [".amazonaws.com", ".github.com", "pypi.org", "files.pythonhosted.org"]
BLOCKED_DOMAINS = [".example-malware.net", ".crypto-miner.io"]


def domain_list(generated_rules_type: str, targets: list) -> NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceList:
    """HTTP_HOST + TLS_SNI domain list rule source."""
    return NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceList(
        generated_rules_type=generated_rules_type,
        target_types=["HTTP_HOST", "TLS_SNI"],
        targets=targets,
    )


class TapStack(TerraformStack):
    """Rule groups and the firewall policy that references them."""

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

        allow = NetworkfirewallRuleGroup(
            self,
            "allow-domains",
            name=f"egress-allow-{environment_suffix}",
            type="STATEFUL",
            capacity=100,
            rule_group=NetworkfirewallRuleGroupRuleGroup(
                rules_source=NetworkfirewallRuleGroupRuleGroupRulesSource(
                    rules_source_list=domain_list("ALLOWLIST", ALLOWED_DOMAINS),
                ),
            ),
        )

        deny = NetworkfirewallRuleGroup(
            self,
            "deny-domains",
            name=f"egress-deny-{environment_suffix}",
            type="STATEFUL",
            capacity=50,
            rule_group=NetworkfirewallRuleGroupRuleGroup(
                rules_source=NetworkfirewallRuleGroupRuleGroupRulesSource(
                    rules_source_list=NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceList(
                        generated_rules_type="DENYLIST",
                        target_types=["HTTP_HOST", "TLS_SNI"],
                        targets=BLOCKED_DOMAINS,
                    ),
                ),
            ),
        )

        policy = NetworkfirewallFirewallPolicy(
            self,
            "egress-policy",
            name=f"egress-policy-{environment_suffix}",
            firewall_policy=NetworkfirewallFirewallPolicyFirewallPolicy(
                stateless_default_actions=["aws:forward_to_sfe"],
                stateless_fragment_default_actions=["aws:forward_to_sfe"],
                stateful_rule_group_reference=[
                    NetworkfirewallFirewallPolicyFirewallPolicyStatefulRuleGroupReference(resource_arn=deny.arn),
                    NetworkfirewallFirewallPolicyFirewallPolicyStatefulRuleGroupReference(resource_arn=allow.arn),
                ],
            ),
        )

        TerraformOutput(self, "firewall_policy_arn", value=policy.arn)
