"""IAC323 alb-deletion-protection."""
from __future__ import annotations

import re

from iacfix.codemods import _provider
from iacfix.codemods import _resource_args as ra
from iacfix.rules import Example, Rule

WANTED = {("lb", "Lb"): "lb", ("alb", "Alb"): "lb"}
_TRIGGER = re.compile(r"\b(?:Lb|Alb)\s*\(|\b(?:lb|alb)\.(?:Lb|Alb)\b|new\s+(?:Lb|Alb)\b")
_CFN_TYPE = "AWS::ElasticLoadBalancingV2::LoadBalancer"


class AlbDeletionProtection(Rule):
    """An application load balancer whose settings are left implicit, deletion protection first.

    Seed 003 #14 made the ALB's production settings explicit: `enable_deletion_protection`,
    `enable_http2=True`, `idle_timeout=60`. The last two are the provider's defaults, so writing
    them changes nothing; deletion protection is the one that matters and that the code cannot
    decide: false (the default) lets `cdktf destroy` or a replacement delete the production entry
    point, true makes every ephemeral test stack undeletable until it is switched off. So an
    `Lb` / `Alb` of type `application` (the default type) without `enable_deletion_protection`
    (CloudFormation: a `LoadBalancer` without the `deletion_protection.enabled` attribute) is
    reported without a fix: set it per environment (e.g. from the environment suffix).

    Left alone: network and gateway load balancers, constructs with `**kwargs` / spreads, a
    setting given in any form (literal or expression).
    """

    id = "IAC323"
    slug = "alb-deletion-protection"
    summary = "Application load balancer without an explicit deletion-protection decision: reported"
    rationale = "seed 003 #14 (ALB settings left implicit)"
    seeds = ("003#14",)
    languages = ("python", "typescript", "cloudformation")
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.lb import Lb

Lb(self, "alb", load_balancer_type="application", subnets=subnet_ids)
""", reported=True),
        Example("typescript", """\
import * as aws from '@cdktf/provider-aws';

new aws.alb.Alb(this, 'alb', { subnets: subnetIds });
""", reported=True),
        Example("cloudformation", """\
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [!Ref SubnetA, !Ref SubnetB]
""", reported=True),
        # valid: explicit; a network load balancer
        Example("python", """\
from cdktf_cdktf_provider_aws.lb import Lb

Lb(self, "alb", subnets=subnet_ids, enable_deletion_protection=is_prod)
Lb(self, "nlb", load_balancer_type="network", subnets=subnet_ids)
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return _CFN_TYPE in text
        return any(t in text for t in _provider.TRIGGERS) and bool(_TRIGGER.search(text))

    def _check(self, doc, constructs, py: bool):
        literal = ra.py_literal if py else ra.ts_literal
        key, type_key = ("enable_deletion_protection", "load_balancer_type") if py else \
            ("enableDeletionProtection", "loadBalancerType")
        for c in constructs:
            if c.opaque or key in c.args:
                continue
            if type_key in c.args and literal(c.args[type_key]) != "application":
                continue
            start, end = doc.span(c.node)
            yield doc.source.finding(self, start, end, f"application load balancer without `{key}`: the default "
                                     "false lets a destroy or replacement delete it; decide per environment "
                                     "(true for production)")

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
            if props.get("Type", "application") != "application":
                continue
            attrs = props.get("LoadBalancerAttributes")
            keys = [a.get("Key") for a in attrs if isinstance(a, dict)] if isinstance(attrs, list) else []
            if "deletion_protection.enabled" in keys or (attrs is not None and not isinstance(attrs, list)):
                continue
            key = doc.entry(("Resources", name))[0]
            yield doc.source.finding(self, doc.start(key), doc.end(key),
                                     f"application load balancer `{name}` without the "
                                     "`deletion_protection.enabled` attribute: the default false lets a stack "
                                     "deletion or replacement delete it; decide per environment")
