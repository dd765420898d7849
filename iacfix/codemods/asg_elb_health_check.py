"""IAC315 asg-elb-health-check."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _provider
from iacfix.codemods import _resource_args as ra
from iacfix.rules import Example, Rule

ASG = ("autoscalingGroup", "AutoscalingGroup")
ATTACHMENTS = {("autoscalingAttachment", "AutoscalingAttachment"): "attachment",
               ("autoscalingTrafficSourceAttachment", "AutoscalingTrafficSourceAttachment"): "attachment"}
# arguments that make a group serve a load balancer, per language spelling
_SERVES_PY = ("target_group_arns", "load_balancers", "traffic_source")
_SERVES_TS = ("targetGroupArns", "loadBalancers", "trafficSource")
_TRIGGER = re.compile(r"AutoscalingGroup|autoscalingGroup|autoscaling_group")
_CFN_TYPE = "AWS::AutoScaling::AutoScalingGroup"
_ATTACHED = re.compile(r"autoscaling_?[gG]roup_?[nN]ame\s*[=:]\s*([\w$.]+)\.(?:name|id)\b")


def _project_attached(ctx, suffix: str) -> set[str]:
    """Attribute names (`autoScalingGroup` of `ec2Module.autoScalingGroup.id`) that an attachment
    anywhere in the project names as its group: a group assigned to `this.<name>` / `self.<name>`
    in a construct class is served by it (the attachment usually sits in the stack file)."""
    def build():
        found = set()
        for _, text in ctx.sources.files(suffix):
            found.update(m.group(1).rsplit(".", 1)[-1] for m in _ATTACHED.finditer(text))
        return found
    return ctx.sources.memo(("asg-elb-health-check", suffix), build)


def _non_empty(value) -> bool:
    """False only for a literal empty list (`[]`); anything else may hold a target group."""
    if isinstance(value, (ast.List, ast.Tuple)):
        return bool(value.elts)
    if hasattr(value, "kind") and value.kind() == "array":
        return any(c.is_named() and c.kind() != "comment" for c in value.children())
    return value is not None


class AsgElbHealthCheck(Rule):
    """An Auto Scaling group behind a load balancer that still uses EC2 health checks.

    A group that serves a target group (`target_group_arns` / `targetGroupArns`, `load_balancers`,
    `traffic_source`, or an `AutoscalingAttachment` / `AutoscalingTrafficSourceAttachment` naming
    the group's variable — in the same file, or anywhere in the project for a group kept in a
    construct's attribute (`this.autoScalingGroup`, attached as `ec2Module.autoScalingGroup.id`); CloudFormation `TargetGroupARNs` / `LoadBalancerNames`)
    but has no `health_check_type` keeps the default `EC2`: an instance whose application stopped
    answering stays in service while the load balancer routes around it, and is never replaced
    (seed 003 #10). The fix adds `health_check_type="ELB"` and, when missing,
    `health_check_grace_period` (option `grace_period`, default 300 seconds, the seed's value) so
    a booting instance is not killed before it can pass its first check.

    In CloudFormation the API default grace period is 0, so a group with `HealthCheckType: ELB`
    and no `HealthCheckGracePeriod` also gets the grace period; in CDKTF the provider already
    defaults it to 300, so it is only added together with the type.

    Safe: it is an in-place update of the group (no instance is replaced by the change itself),
    and health checks from the load balancer the group was attached to are what the author meant;
    the grace period protects instances that are still starting.

    Left alone: a group whose `health_check_type` is set to anything (an explicit `"EC2"` is
    reported, not changed — maybe the application has no health endpoint), a group with no
    load-balancer connection, `**kwargs` / `...spread` arguments (what they hold is unknown), and
    an empty `target_group_arns=[]`.
    """

    id = "IAC315"
    slug = "asg-elb-health-check"
    summary = "Auto Scaling group serving a target group without ELB health checks: health_check_type=\"ELB\" + grace period added"
    rationale = "seed 003 #10 (ASG with no health_check_type / grace period behind an ALB)"
    seeds = ("003#10",)
    languages = ("python", "typescript", "cloudformation")
    options = {"grace_period": 300}
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.autoscaling_group import AutoscalingGroup

asg = AutoscalingGroup(self, "asg",
    min_size=1,
    max_size=3,
    target_group_arns=[tg.arn],
)
""", """\
from cdktf_cdktf_provider_aws.autoscaling_group import AutoscalingGroup

asg = AutoscalingGroup(self, "asg",
    min_size=1,
    max_size=3,
    target_group_arns=[tg.arn],
    health_check_type="ELB",
    health_check_grace_period=300,
)
"""),
        Example("typescript", """\
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';

new AutoscalingGroup(this, 'asg', { minSize: 1, maxSize: 3, targetGroupArns: [tg.arn] });
""", """\
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';

new AutoscalingGroup(this, 'asg', { minSize: 1, maxSize: 3, targetGroupArns: [tg.arn], healthCheckType: 'ELB', healthCheckGracePeriod: 300 });
"""),
        Example("cloudformation", """\
Resources:
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '3'
      TargetGroupARNs:
        - !Ref TargetGroup
""", """\
Resources:
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '3'
      TargetGroupARNs:
        - !Ref TargetGroup
      HealthCheckType: ELB
      HealthCheckGracePeriod: 300
"""),
        # valid: no load balancer; type already set
        Example("python", """\
from cdktf_cdktf_provider_aws.autoscaling_group import AutoscalingGroup

AutoscalingGroup(self, "workers", min_size=1, max_size=3)
AutoscalingGroup(self, "web", min_size=1, max_size=3, target_group_arns=[tg.arn], health_check_type="ELB")
"""),
        # reported: an explicit EC2 type behind a target group
        Example("typescript", """\
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';

new AutoscalingGroup(this, 'asg', { minSize: 1, maxSize: 3, targetGroupArns: [tg.arn], healthCheckType: 'EC2' });
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return _CFN_TYPE in text
        return any(t in text for t in _provider.TRIGGERS) and bool(_TRIGGER.search(text))

    def _grace(self, ctx) -> int:
        return int(ctx.option(self, "grace_period"))

    def _check(self, doc, ctx, constructs, serves, type_key, grace_key, render, insert, literal, suffix):
        groups = [c for c in constructs if c.kind == "asg"]
        elsewhere = _project_attached(ctx, suffix)
        attached = set()
        for c in constructs:
            if c.kind == "attachment":
                for key in ("autoscaling_group_name", "autoscalingGroupName"):
                    ref = c.args.get(key)
                    text = _text(doc, ref)
                    if text and "." in text:
                        attached.add(text.rsplit(".", 1)[0])
        for c in groups:
            if c.opaque:
                continue
            by_arg = [k for k in serves if k in c.args and _non_empty(c.args[k])]
            member = c.variable.split(".", 1)[1] if c.variable and c.variable.startswith(("self.", "this.")) else None
            if not by_arg and not (c.variable and c.variable in attached) and not (member and member in elsewhere):
                continue
            start, end = doc.span(c.node)
            via = f"`{by_arg[0]}`" if by_arg else "an AutoscalingAttachment"
            if type_key in c.args:
                if literal(c.args[type_key]) == "EC2":
                    yield doc.source.finding(self, start, end, f"Auto Scaling group serves a load balancer ({via}) "
                                             f"but uses `{type_key}` EC2: instances failing the target group's "
                                             "health check are never replaced; set it to \"ELB\" with a grace period")
                continue
            items = [render(type_key, "ELB", c.quote)]
            if grace_key not in c.args:
                items.append(render(grace_key, self._grace(ctx), c.quote))
            edits = insert(doc, c.container, items)
            message = (f"Auto Scaling group serves a load balancer ({via}) without `{type_key}`: EC2 health checks "
                       f"keep unhealthy instances in service; add {type_key} ELB and a grace period")
            yield doc.source.finding(self, start, end, message, edits or None)

    def check_python(self, doc, ctx):
        wanted = {ASG: "asg", **ATTACHMENTS}
        constructs = ra.py_constructs(doc, ctx.provider, wanted)
        yield from self._check(doc, ctx, constructs, _SERVES_PY, "health_check_type", "health_check_grace_period",
                               lambda k, v, q: f"{k}={_quote(v, q)}", ra.py_insert, ra.py_literal, ".py")

    def check_typescript(self, doc, ctx):
        wanted = {ASG: "asg", **ATTACHMENTS}
        constructs = ra.ts_constructs(doc, ctx.provider, wanted)
        yield from self._check(doc, ctx, constructs, _SERVES_TS, "healthCheckType", "healthCheckGracePeriod",
                               lambda k, v, q: f"{k}: {_quote(v, q)}", ra.ts_insert, ra.ts_literal, ".ts")

    def check_cloudformation(self, doc, ctx):
        for name, resource in doc.resources.items():
            if not isinstance(resource, dict) or resource.get("Type") != _CFN_TYPE:
                continue
            props = resource.get("Properties")
            if not isinstance(props, dict):
                continue
            serves = [k for k in ("TargetGroupARNs", "LoadBalancerNames") if props.get(k)]
            if not serves:
                continue
            path = ("Resources", name, "Properties")
            kind = props.get("HealthCheckType")
            key = doc.entry(("Resources", name))[0]
            start, end = doc.start(key), doc.end(key)
            if kind is None:
                edits = []
                first = doc.insert_entry(path, "HealthCheckType", "ELB")
                if first is None:
                    continue
                edits.append(first)
                message = (f"Auto Scaling group `{name}` serves a load balancer (`{serves[0]}`) without "
                           "`HealthCheckType`: EC2 health checks keep unhealthy instances in service; add ELB")
                if "HealthCheckGracePeriod" not in props:
                    # two insertions at one point apply in order; a replacement (end of file)
                    # would overlap, and then the next pass adds the grace period
                    second = doc.insert_entry(path, "HealthCheckGracePeriod", self._grace(ctx))
                    if second is not None and first.start == first.end and second.start == second.end:
                        edits.append(second)
                    message += " and a grace period"
                yield doc.source.finding(self, start, end, message, edits)
            elif isinstance(kind, str) and kind == "ELB" and "HealthCheckGracePeriod" not in props:
                edit = doc.insert_entry(path, "HealthCheckGracePeriod", self._grace(ctx))
                yield doc.source.finding(self, start, end, f"Auto Scaling group `{name}` uses ELB health checks "
                                         "without `HealthCheckGracePeriod` (CloudFormation default 0): booting "
                                         "instances are replaced before they can pass a check", [edit] if edit else None)
            elif isinstance(kind, str) and kind == "EC2":
                yield doc.source.finding(self, start, end, f"Auto Scaling group `{name}` serves a load balancer "
                                         f"(`{serves[0]}`) but uses `HealthCheckType: EC2`: instances failing the "
                                         "target group's health check are never replaced; set ELB with a grace period")


def _text(doc, node) -> str | None:
    if node is None:
        return None
    if isinstance(node, ast.AST):
        s, e = doc.span(node)
        return doc.text[s:e]
    return node.text()


def _quote(value, quote: str) -> str:
    if isinstance(value, str):
        return f"{quote}{value}{quote}"
    return str(value)
