"""IAC322 target-group-health-check."""
from __future__ import annotations

import re

from iacfix.codemods import _provider
from iacfix.codemods import _resource_args as ra
from iacfix.rules import Example, Rule

WANTED = {("lbTargetGroup", "LbTargetGroup"): "tg", ("albTargetGroup", "AlbTargetGroup"): "tg"}
_TRIGGER = re.compile(r"(?:Lb|Alb)TargetGroup\b|(?:lb|alb)TargetGroup\.")
_CFN_TYPE = "AWS::ElasticLoadBalancingV2::TargetGroup"


class TargetGroupHealthCheck(Rule):
    """A load-balancer target group that relies on the default health check.

    Without `health_check` (CDKTF `LbTargetGroup` / `AlbTargetGroup`) or `HealthCheckPath`
    (CloudFormation `AWS::ElasticLoadBalancingV2::TargetGroup`) an HTTP(S) target group probes `/`
    every 30 seconds and needs 5 consecutive successes before a target gets traffic; an
    application without a page at `/` is never healthy, and a failing one is detected slowly. The
    seed's IDEAL (003 #15) set `path="/health"`, interval 30, timeout 5, thresholds 2/2,
    matcher "200" and `deregistration_delay=30` (the default is 300 seconds of draining on every
    deployment).

    Diagnostic only: the health endpoint, the thresholds and the draining time belong to the
    application, not to anything the code says, so the finding names what is missing and the
    defaults in force. Left alone: `lambda` and `alb` target types, TCP/UDP/TLS target groups
    (their default check is a TCP connect), groups whose arguments include `**kwargs` / spreads.
    """

    id = "IAC322"
    slug = "target-group-health-check"
    summary = "Target group with the default health check (path /, 5 passes) and draining time: reported"
    rationale = "seed 003 #15 (target group with minimal health check configuration)"
    seeds = ("003#15",)
    languages = ("python", "typescript", "cloudformation")
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup

LbTargetGroup(self, "tg", port=80, protocol="HTTP", vpc_id=vpc.id)
""", reported=True),
        Example("typescript", """\
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';

new LbTargetGroup(this, 'tg', { port: 80, protocol: 'HTTP', vpcId: vpc.id });
""", reported=True),
        Example("cloudformation", """\
Resources:
  TargetGroup:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {Port: 80, Protocol: HTTP, VpcId: !Ref Vpc}
""", reported=True),
        # valid: a health check is configured; a TCP target group
        Example("python", """\
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup, LbTargetGroupHealthCheck

LbTargetGroup(self, "tg", port=80, protocol="HTTP", vpc_id=vpc.id,
              health_check=LbTargetGroupHealthCheck(path="/health", matcher="200"))
LbTargetGroup(self, "nlb_tg", port=5432, protocol="TCP", vpc_id=vpc.id)
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return _CFN_TYPE in text
        return any(t in text for t in _provider.TRIGGERS) and bool(_TRIGGER.search(text))

    def _message(self, what: str, delay_missing: bool, delay_key: str) -> str:
        message = (f"target group without {what}: the default probes `/` every 30 s and needs 5 passes "
                   "(matcher 200); set the application's health path, interval, thresholds and matcher")
        if delay_missing:
            message += f"; `{delay_key}` is unset (300 s of draining on every deployment)"
        return message

    def _check(self, doc, constructs, py: bool):
        literal = ra.py_literal if py else ra.ts_literal
        health, delay = ("health_check", "deregistration_delay") if py else ("healthCheck", "deregistrationDelay")
        target_type = "target_type" if py else "targetType"
        for c in constructs:
            if c.opaque or health in c.args:
                continue
            protocol = literal(c.args.get("protocol"))
            kind = literal(c.args.get(target_type)) if target_type in c.args else "instance"
            if kind not in ("instance", "ip") or not (isinstance(protocol, str) and protocol.upper() in ("HTTP", "HTTPS")):
                continue
            start, end = doc.span(c.node)
            yield doc.source.finding(self, start, end, self._message(f"`{health}`", delay not in c.args, delay))

    def check_python(self, doc, ctx):
        yield from self._check(doc, ra.py_constructs(doc, ctx.provider, WANTED), True)

    def check_typescript(self, doc, ctx):
        yield from self._check(doc, ra.ts_constructs(doc, ctx.provider, WANTED), False)

    def check_cloudformation(self, doc, ctx):
        for name, resource in doc.resources.items():
            if not isinstance(resource, dict) or resource.get("Type") != _CFN_TYPE:
                continue
            props = resource.get("Properties")
            props = props if isinstance(props, dict) else {}
            protocol, kind = props.get("Protocol"), props.get("TargetType", "instance")
            if "HealthCheckPath" in props or kind not in ("instance", "ip") or \
                    not (isinstance(protocol, str) and protocol.upper() in ("HTTP", "HTTPS")):
                continue
            attrs = props.get("TargetGroupAttributes")
            keys = [a.get("Key") for a in attrs if isinstance(a, dict)] if isinstance(attrs, list) else []
            key = doc.entry(("Resources", name))[0]
            yield doc.source.finding(self, doc.start(key), doc.end(key),
                                     f"`{name}`: " + self._message("`HealthCheckPath`",
                                                                   "deregistration_delay.timeout_seconds" not in keys,
                                                                   "deregistration_delay.timeout_seconds"))
