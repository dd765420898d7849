"""IAC316 asg-target-group-attachment."""
from __future__ import annotations

import re

from iacfix.codemods import _provider, _secrets
from iacfix.codemods import _resource_args as ra
from iacfix.fixes import Applicability
from iacfix.knowledge.provider import python_root, ts_package
from iacfix.rules import Example, Rule

WANTED = {("autoscalingGroup", "AutoscalingGroup"): "asg",
          ("lbTargetGroup", "LbTargetGroup"): "tg", ("albTargetGroup", "AlbTargetGroup"): "tg"}
_TRIGGER = re.compile(r"AutoscalingGroup|autoscalingGroup")
_TG = re.compile(r"\b(?:Lb|Alb)TargetGroup\b(?!Attachment)|\b(?:lb|alb)TargetGroup\.(?:Lb|Alb)TargetGroup\b")
# anything that already puts targets into a target group, or an ASG behind a load balancer
_CONNECTED = re.compile(r"target_group_arns|targetGroupArns|lb_target_group_arn|lbTargetGroupArn|"
                        r"AutoscalingAttachment|AutoscalingTrafficSourceAttachment|TargetGroupAttachment|"
                        r"traffic_source|trafficSource|\bload_balancers\s*=|\bloadBalancers\s*:|EcsService|ecsService")
_ASG_CALL = re.compile(r"\bAutoscalingGroup\s*\(")
_TG_CALL = re.compile(r"\b(?:Lb|Alb)TargetGroup\s*\(")


def _project(ctx, suffix: str) -> tuple[bool, int, int]:
    """(something connects targets somewhere, ASG constructions, target group constructions)."""
    def build():
        files = ctx.sources.files(suffix)
        connected = any(_CONNECTED.search(text) for _, text in files)
        return connected, sum(len(_ASG_CALL.findall(t)) for _, t in files), \
            sum(len(_TG_CALL.findall(t)) for _, t in files)
    return ctx.sources.memo(("asg-target-group-attachment", suffix), build)


class AsgTargetGroupAttachment(Rule):
    """An Auto Scaling group and a load-balancer target group that are never connected.

    When a stack creates an `AutoscalingGroup` and an `LbTargetGroup` / `AlbTargetGroup` but
    nothing registers targets in any target group — no `target_group_arns`, `traffic_source` or
    `load_balancers` on a group, no `AutoscalingAttachment`, `AutoscalingTrafficSourceAttachment`,
    `LbTargetGroupAttachment` or `EcsService` anywhere in the project — the load balancer has no
    targets and every request fails (seed 003 #9).

    The fix, when the project constructs exactly one Auto Scaling group and one target group
    (of target type `instance`, the default), both assigned to variables in the same block of this
    file: an `AutoscalingAttachment(scope, "<group id>_attachment",
    autoscaling_group_name=<group>.name, lb_target_group_arn=<target group>.arn)` statement after
    the later of the two (the seed's IDEAL), with the import added in the file's own idiom. It is
    unsafe: the group's instances start receiving traffic. With several groups or target groups,
    or when they are not both visible at one point, the pairing is a human decision: each
    unconnected group is reported without a fix.

    Left alone: projects where anything already connects targets (the pairing may be deliberate,
    e.g. a worker group next to an ECS service), target groups of type `ip`/`lambda`/`alb`, and
    CloudFormation (an `AWS::AutoScaling::AutoScalingGroup` takes `TargetGroupARNs` directly;
    IAC315 covers its health checks).
    """

    id = "IAC316"
    slug = "asg-target-group-attachment"
    summary = "Auto Scaling group and target group never connected: an AutoscalingAttachment added (unsafe)"
    rationale = "seed 003 #9 (ASG and target group created but never attached)"
    seeds = ("003#9",)
    languages = ("python", "typescript")
    applicability = Applicability.UNSAFE
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.autoscaling_group import AutoscalingGroup
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup

tg = LbTargetGroup(self, "tg", port=80, protocol="HTTP", vpc_id=vpc.id)
asg = AutoscalingGroup(self, "asg", min_size=1, max_size=3)
""", """\
from cdktf_cdktf_provider_aws.autoscaling_group import AutoscalingGroup
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup
from cdktf_cdktf_provider_aws.autoscaling_attachment import AutoscalingAttachment

tg = LbTargetGroup(self, "tg", port=80, protocol="HTTP", vpc_id=vpc.id)
asg = AutoscalingGroup(self, "asg", min_size=1, max_size=3)
AutoscalingAttachment(self, "asg_attachment", autoscaling_group_name=asg.name, lb_target_group_arn=tg.arn)
"""),
        Example("typescript", """\
import * as aws from '@cdktf/provider-aws';

const tg = new aws.lbTargetGroup.LbTargetGroup(this, 'tg', { port: 80, protocol: 'HTTP' });
const asg = new aws.autoscalingGroup.AutoscalingGroup(this, 'web-asg', { minSize: 1, maxSize: 3 });
""", """\
import * as aws from '@cdktf/provider-aws';

const tg = new aws.lbTargetGroup.LbTargetGroup(this, 'tg', { port: 80, protocol: 'HTTP' });
const asg = new aws.autoscalingGroup.AutoscalingGroup(this, 'web-asg', { minSize: 1, maxSize: 3 });
new aws.autoscalingAttachment.AutoscalingAttachment(this, 'web-asg-attachment', { autoscalingGroupName: asg.name, lbTargetGroupArn: tg.arn });
"""),
        # valid: already connected
        Example("python", """\
from cdktf_cdktf_provider_aws.autoscaling_group import AutoscalingGroup
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup

tg = LbTargetGroup(self, "tg", port=80, protocol="HTTP", vpc_id=vpc.id)
asg = AutoscalingGroup(self, "asg", min_size=1, max_size=3, target_group_arns=[tg.arn])
"""),
        # reported: two target groups, which one?
        Example("typescript", """\
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';

const blue = new LbTargetGroup(this, 'blue', { port: 80, protocol: 'HTTP' });
const green = new LbTargetGroup(this, 'green', { port: 80, protocol: 'HTTP' });
const asg = new AutoscalingGroup(this, 'asg', { minSize: 1, maxSize: 3 });
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return any(t in text for t in _provider.TRIGGERS) and bool(_TRIGGER.search(text)) \
            and not _CONNECTED.search(text)

    def check_python(self, doc, ctx):
        found = ra.py_constructs(doc, ctx.provider, WANTED)
        yield from self._check(doc, ctx, found, ".py", ra.py_literal, "target_type", self._python_fix,
                               "target_group_arns")

    def check_typescript(self, doc, ctx):
        found = ra.ts_constructs(doc, ctx.provider, WANTED)
        yield from self._check(doc, ctx, found, ".ts", ra.ts_literal, "targetType", self._ts_fix,
                               "targetGroupArns")

    def _check(self, doc, ctx, found, suffix, literal, target_type, make_fix, arns_key):
        groups = [c for c in found if c.kind == "asg"]
        tgs = [c for c in found if c.kind == "tg"]
        connected, asg_count, tg_count = _project(ctx, suffix)
        if connected or not groups:
            return
        tg_count = max(tg_count, len(tgs))
        if not tg_count:
            return
        instance_tgs = [t for t in tgs if target_type not in t.args or literal(t.args[target_type]) == "instance"]
        for asg in groups:
            start, end = doc.span(asg.node)
            edits = None
            if len(groups) == 1 and asg_count <= 1 and len(tgs) == 1 and tg_count <= 1 and instance_tgs \
                    and not asg.opaque:
                edits = make_fix(doc, ctx, asg, instance_tgs[0])
            if edits:
                yield doc.source.finding(self, start, end, "Auto Scaling group and target group are never connected "
                                         "(the load balancer has no targets): attach them with an "
                                         "AutoscalingAttachment", edits)
            else:
                yield doc.source.finding(self, start, end, "Auto Scaling group is not attached to any target group, "
                                         f"while the project creates {tg_count} target group(s) with no targets: "
                                         f"add `{arns_key}` or an AutoscalingAttachment for the right one")

    # -- fixes -------------------------------------------------------------------------------
    def _python_fix(self, doc, ctx, asg, tg):
        if not (asg.variable and tg.variable and asg.construct_id and asg.scope_text):
            return None
        s1 = _secrets.python_statement(doc.tree, asg.node)
        s2 = _secrets.python_statement(doc.tree, tg.node)
        if s1 is None or s2 is None or _py_parent_body(doc.tree, s1) is not _py_parent_body(doc.tree, s2):
            return None
        later = max((s1, s2), key=lambda s: (s.end_lineno, s.end_col_offset))
        aws_root = next((q.split(".")[0] for q in doc.imports.names.values() if q.split(".")[0] in _provider.PY_ROOTS),
                        python_root(ctx.target.family))
        index = ctx.provider
        cls, edits = doc.reference(f"{aws_root}.{index.python_leaf('autoscalingAttachment')}", "AutoscalingAttachment")
        cid = _construct_id(doc.text, asg.construct_id)
        q = asg.quote
        line = (f"{cls}({asg.scope_text}, {q}{cid}{q}, autoscaling_group_name={asg.variable}.name, "
                f"lb_target_group_arn={tg.variable}.arn)")
        edit = _after_statement(doc, *doc.span(later), line)
        return None if edit is None else edits + [edit]

    def _ts_fix(self, doc, ctx, asg, tg):
        if not (asg.variable and tg.variable and asg.construct_id and asg.scope_text):
            return None
        s1, s2 = _secrets.ts_statement(asg.node), _secrets.ts_statement(tg.node)
        if s1 is None or s2 is None or s1.parent() != s2.parent():
            return None
        later = max((s1, s2), key=lambda s: doc.span(s)[1])
        aws = next((spec.split("/lib/")[0] for spec, _ in doc.imports.names.values()
                    if spec.split("/lib/")[0] in _provider.TS_PACKAGES), ts_package(ctx.target.family))
        index = ctx.provider
        q = asg.quote
        cls, edits = _secrets.ts_reference(doc, aws, index.ts_leaf("autoscalingAttachment"),
                                           index.ts_namespace("autoscalingAttachment"), "AutoscalingAttachment", q)
        cid = _construct_id(doc.text, asg.construct_id)
        line = (f"new {cls}({asg.scope_text}, {q}{cid}{q}, {{ autoscalingGroupName: {asg.variable}.name, "
                f"lbTargetGroupArn: {tg.variable}.arn }});")
        start, end = doc.span(later)
        edit = _after_statement(doc, start, end, line)
        return None if edit is None else edits + [edit]


def _construct_id(text: str, base: str) -> str:
    sep = "-" if "-" in base else "_"
    cid = f"{base}{sep}attachment"
    n = 1
    while re.search(r"""["'`]""" + re.escape(cid) + r"""["'`]""", text):
        n += 1
        cid = f"{base}{sep}attachment{n}"
    return cid


def _py_parent_body(tree, stmt):
    import ast
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            body = getattr(node, name, None)
            if isinstance(body, list) and any(s is stmt for s in body):
                return body
    return None


def _after_statement(doc, start: int, end: int, line: str):
    """An insertion of `line` on a new line after the statement [start, end), at its indentation
    (after a comment that ends the statement's last line)."""
    text = doc.text
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start:start]
    if indent.strip():
        return None
    nl = doc.source.newline
    eol = text.find("\n", end)
    if eol == -1:
        return doc.source.edit(len(text), len(text), f"{nl}{indent}{line}")
    return doc.source.edit(eol + 1, eol + 1, f"{indent}{line}{nl}")
