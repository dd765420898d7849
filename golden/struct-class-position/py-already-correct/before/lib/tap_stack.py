"""Already correct: every nested block built with its own position's class (CDKTF, Python)."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.lb_listener import (
    LbListener,
    LbListenerDefaultAction as Action,
    LbListenerDefaultActionForward,
    LbListenerDefaultActionForwardTargetGroup,
    LbListenerDefaultActionForwardStickiness,
)
from cdktf_cdktf_provider_aws import wafv2_web_acl as waf


class TapStack(TerraformStack):
    """A listener with a weighted forward and a web ACL with one rule."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        suffix = kwargs.get("environment_suffix", "dev")
        region = kwargs.get("aws_region", "us-east-1")

        AwsProvider(self, "aws", region=region)

        blue = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blue/0123456789abcdef"
        green = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/green/0123456789abcdef"
        stickiness = LbListenerDefaultActionForwardStickiness(enabled=False, duration=60)

        LbListener(
            self,
            "http",
            load_balancer_arn=f"arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-{suffix}/0123456789abcdef",
            port=80,
            protocol="HTTP",
            default_action=[
                Action(
                    type="forward",
                    forward=LbListenerDefaultActionForward(
                        target_group=[
                            LbListenerDefaultActionForwardTargetGroup(arn=blue, weight=90),
                            {"arn": green, "weight": 10},
                        ],
                        stickiness=stickiness,
                    ),
                )
            ],
        )

        metrics = {"cloudwatch_metrics_enabled": True, "metric_name": f"acl-{suffix}", "sampled_requests_enabled": True}
        acl = waf.Wafv2WebAcl(
            self,
            "web_acl",
            name=f"acl-{suffix}",
            scope="REGIONAL",
            default_action=waf.Wafv2WebAclDefaultAction(allow={}),
            rule=[
                waf.Wafv2WebAclRule(
                    name="RateLimit",
                    priority=1,
                    action=waf.Wafv2WebAclRuleAction(count={}),
                    statement={"rate_based_statement": {"limit": 1000, "aggregate_key_type": "IP"}},
                    visibility_config=waf.Wafv2WebAclRuleVisibilityConfig(**metrics),
                )
            ],
            visibility_config=waf.Wafv2WebAclVisibilityConfig(**metrics),
        )

        TerraformOutput(self, "web_acl_arn", value=acl.arn)
