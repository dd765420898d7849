"""IAC321 asg-tag-propagation."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _provider
from iacfix.codemods import _resource_args as ra
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

WANTED = {("autoscalingGroup", "AutoscalingGroup"): "asg"}
TAG_STRUCT = ("autoscalingGroup", "AutoscalingGroupTag")
_TRIGGER = re.compile(r"AutoscalingGroup|autoscalingGroup")
_CFN_TYPE = "AWS::AutoScaling::AutoScalingGroup"
_TAG_SPECS = re.compile(r"tag_specifications|tagSpecifications")


class AsgTagPropagation(Rule):
    """Auto Scaling group tags that do not reach the instances it launches.

    An Auto Scaling group's `tag` entries (`AutoscalingGroupTag` structs, dicts, TypeScript object
    literals; CloudFormation `Tags` items) carry `propagate_at_launch` / `PropagateAtLaunch`;
    only tags with it true are copied onto the EC2 instances. Provider `default_tags` never reach
    them. Without it instances have no `Name`, no cost-allocation tags (seed 003 #16: the IDEAL
    adds `AutoscalingGroupTag(key="Name", …, propagate_at_launch=True)`).

    - An entry without the flag: it is required (the jsii struct and the CloudFormation schema,
      E3003), so the code does not synthesise / deploy as it is; the fix adds it as true — safe.
    - An entry with a literal false: the fix sets it to true — unsafe, the instances launched from
      then on carry the tag (maybe it was deliberate).
    - A group with no tags at all, in a file with no launch-template `tag_specifications`: reported
      without a fix (which tags is a human choice).

    Left alone: entries built by expressions (`...map(...)`, comprehensions, `**kwargs`), a
    non-literal flag, `tag_specifications` on launch templates.
    """

    id = "IAC321"
    slug = "asg-tag-propagation"
    summary = "Auto Scaling group tags not propagated to instances: propagate_at_launch set to true"
    rationale = "seed 003 #16 (ASG tags not propagated to its instances)"
    seeds = ("003#16",)
    languages = ("python", "typescript", "cloudformation")
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.autoscaling_group import AutoscalingGroup, AutoscalingGroupTag

AutoscalingGroup(self, "asg", min_size=1, max_size=2,
                 tag=[AutoscalingGroupTag(key="Name", value="web", propagate_at_launch=False)])
""", """\
from cdktf_cdktf_provider_aws.autoscaling_group import AutoscalingGroup, AutoscalingGroupTag

AutoscalingGroup(self, "asg", min_size=1, max_size=2,
                 tag=[AutoscalingGroupTag(key="Name", value="web", propagate_at_launch=True)])
"""),
        Example("typescript", """\
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';

new AutoscalingGroup(this, 'asg', { minSize: 1, maxSize: 2, tag: [{ key: 'Name', value: 'web' }] });
""", """\
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';

new AutoscalingGroup(this, 'asg', { minSize: 1, maxSize: 2, tag: [{ key: 'Name', value: 'web', propagateAtLaunch: true }] });
"""),
        Example("cloudformation", """\
Resources:
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '2'
      Tags:
        - Key: Name
          Value: web
""", """\
Resources:
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '2'
      Tags:
        - Key: Name
          Value: web
          PropagateAtLaunch: true
"""),
        # valid
        Example("cloudformation", """\
Resources:
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '2'
      Tags: [{Key: Name, Value: web, PropagateAtLaunch: true}]
"""),
        # reported: no tags at all
        Example("python", """\
from cdktf_cdktf_provider_aws.autoscaling_group import AutoscalingGroup

AutoscalingGroup(self, "asg", min_size=1, max_size=2)
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return _CFN_TYPE in text
        return any(t in text for t in _provider.TRIGGERS) and bool(_TRIGGER.search(text))

    def _check(self, doc, ctx, constructs, py: bool):
        literal = ra.py_literal if py else ra.ts_literal
        key = "propagate_at_launch" if py else "propagateAtLaunch"
        true = "True" if py else "true"
        for c in constructs:
            if c.opaque:
                continue
            start, end = doc.span(c.node)
            tags = c.args.get("tag")
            if tags is None:
                if "tags" not in c.args and not _TAG_SPECS.search(doc.text):
                    yield doc.source.finding(self, start, end, "Auto Scaling group has no `tag` entries with "
                                             f"`{key}`: the instances it launches carry no tags (provider "
                                             "default_tags do not reach them); add tags such as Name")
                continue
            for item in _elements(tags) or []:
                args, container, insert = self._entry(doc, ctx, item, py)
                if args is None:
                    continue
                s, e = doc.span(item)
                value = args.get(key)
                if value is None:
                    q = _quote_of(doc, item, py)
                    text = f"{key}={true}" if py and container is item else \
                        (f"{q}{key}{q}: {true}" if py else f"{key}: {true}")
                    yield doc.source.finding(self, s, e, f"Auto Scaling group tag without `{key}` (required): "
                                             "set to true so instances carry the tag",
                                             insert(doc, container, [text]) or None, Applicability.SAFE)
                elif literal(value) is False:
                    vs, ve = doc.span(value)
                    yield doc.source.finding(self, s, e, f"Auto Scaling group tag with `{key}` false: the "
                                             "instances it launches do not carry it",
                                             [doc.source.edit(vs, ve, true)], Applicability.UNSAFE)

    def _entry(self, doc, ctx, item, py):
        """(arguments, node to insert into, insert function) of one tag entry, or (None, …)."""
        if py:
            if isinstance(item, ast.Call):
                if _provider.python_resolve(ctx.provider, doc, item.func) != TAG_STRUCT or \
                        any(k.arg is None for k in item.keywords):
                    return None, None, None
                return {k.arg: k.value for k in item.keywords}, item, ra.py_insert
            if isinstance(item, ast.Dict) and item.keys and all(isinstance(k, ast.Constant) for k in item.keys):
                return {k.value: v for k, v in zip(item.keys, item.values)}, item, ra.py_insert_dict
            return None, None, None
        if item.kind() != "object":
            return None, None, None
        args, opaque = ra.ts_pairs(item)
        return (None, None, None) if opaque else (args, item, ra.ts_insert)

    def check_python(self, doc, ctx):
        yield from self._check(doc, ctx, ra.py_constructs(doc, ctx.provider, WANTED), True)

    def check_typescript(self, doc, ctx):
        yield from self._check(doc, ctx, ra.ts_constructs(doc, ctx.provider, WANTED), False)

    def check_cloudformation(self, doc, ctx):
        for name, resource in doc.resources.items():
            if not isinstance(resource, dict) or resource.get("Type") != _CFN_TYPE:
                continue
            props = resource.get("Properties")
            tags = props.get("Tags") if isinstance(props, dict) else None
            if not isinstance(tags, list):
                continue
            for i, tag in enumerate(tags):
                if not isinstance(tag, dict) or "Key" not in tag:
                    continue
                path = ("Resources", name, "Properties", "Tags", i)
                node = doc.node(path)
                s, e = doc.start(node), doc.end(node)
                value = tag.get("PropagateAtLaunch")
                if "PropagateAtLaunch" not in tag:
                    edit = doc.insert_entry(path, "PropagateAtLaunch", True)
                    yield doc.source.finding(self, s, e, f"tag of Auto Scaling group `{name}` without "
                                             "`PropagateAtLaunch` (required): set to true",
                                             [edit] if edit else None, Applicability.SAFE)
                elif value is False or isinstance(value, str) and value.lower() == "false":
                    vnode = doc.node(path + ("PropagateAtLaunch",))
                    raw = doc.text[doc.start(vnode):doc.end(vnode)]
                    new = "true" if doc.is_json or not raw.startswith(("'", '"')) else f"{raw[0]}true{raw[0]}"
                    if doc.is_json and raw.startswith('"'):
                        new = '"true"'
                    yield doc.source.finding(self, s, e, f"tag of Auto Scaling group `{name}` with "
                                             "`PropagateAtLaunch: false`: the instances do not carry it",
                                             [doc.source.edit(doc.start(vnode), doc.end(vnode), new)],
                                             Applicability.UNSAFE)


def _elements(value):
    if isinstance(value, (ast.List, ast.Tuple)):
        return list(value.elts)
    if hasattr(value, "kind") and value.kind() == "array":
        return [c for c in value.children() if c.is_named() and c.kind() != "comment"]
    return None


def _quote_of(doc, item, py) -> str:
    if py and isinstance(item, ast.Dict) and item.keys:
        start, _ = doc.span(item.keys[0])
        return doc.text[start]
    return '"'
