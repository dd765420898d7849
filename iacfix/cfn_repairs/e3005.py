"""E3005 — `DependsOn` names a resource the template does not have.

Did-you-mean (`iacfix.knowledge.names`: case and separators, singular/plural, a small edit
distance) over the template's own resource names, the resource itself excluded:

- one candidate → the name is replaced by it (only the scalar's text: quotes, comments and the
  list's layout stay), a **safe** fix; when that resource is already in the same `DependsOn` the
  misspelt entry is a duplicate and is removed instead, also safe (the order asked for is kept);
- several candidates → a diagnostic listing them, no edit;
- none → the name is removed from `DependsOn` (the key when nothing is left), an **unsafe** fix:
  the template cannot deploy with it, but the author asked for an order against something that
  does not exist (a resource forgotten or deleted) and removing it silently accepts that. All
  such names of one resource go in one fix.

Not handled (cfn-lint's message is reported): "will not exist when condition …" (a dependency on
a conditional resource: the fix is a condition or an `Fn::If`, a design choice), tagged values.
"""
from __future__ import annotations

import re

from ruamel.yaml.nodes import ScalarNode

from iacfix import cfn_repairs
from iacfix.cfn_repairs import Outcome, key_name_span, locate
from iacfix.fixes import Applicability
from iacfix.knowledge import names
from iacfix.rules import Example

RULE_ID = "E3005"
_MISSING = re.compile(r"^'(?P<name>[^']+)' is not one of ")


def _missing(match) -> str | None:
    m = _MISSING.match(match.message)
    path = match.path
    if m is None or len(path) < 3 or path[0] != "Resources" or path[2] != "DependsOn":
        return None
    return m["name"]


def repair(doc, match, schemas=None) -> Outcome | None:
    name = _missing(match)
    if name is None:
        return None
    resource = match.path[1]
    others = [r for r in doc.resources if r != resource]
    found = names.suggestions(name, others)
    if len(found) > 1:
        listed = ", ".join(f"`{c}`" for c in found)
        return Outcome(f"E3005: `{resource}` depends on `{name}`, which is no resource; did you mean one of {listed}?")
    present = doc.depends_on(resource)
    if found and found[0] in present:
        edits = doc.remove_depends_on(resource, [name])
        if not edits:
            return None
        return Outcome(f"E3005: `{name}` is no resource; `{found[0]}` meant and already in the DependsOn of "
                       f"`{resource}`, so the misspelt entry is removed", tuple(edits), Applicability.SAFE)
    if found:
        _, node = locate(doc, match.path)
        span = key_name_span(doc, node) if isinstance(node, ScalarNode) and node.value == name else None
        if span is None:
            return Outcome(f"E3005: `{resource}` depends on `{name}`, which is no resource; did you mean `{found[0]}`?")
        return Outcome(f"E3005: `{resource}` depends on `{name}`, which is no resource; renamed to `{found[0]}`",
                       (doc.source.edit(span[0], span[1], found[0]),), Applicability.SAFE)
    # no candidate: every such name of this resource goes in one removal
    unknown = [n for n in (_missing(m) for m in cfn_repairs.lint(doc.source.text)
                           if m.rule == RULE_ID and m.path[1:2] == (resource,)) if n]
    unknown = list(dict.fromkeys(n for n in unknown if not names.suggestions(n, others)))
    if name not in unknown:
        unknown.append(name)
    edits = doc.remove_depends_on(resource, unknown)
    if not edits:
        return None
    listed = ", ".join(f"`{n}`" for n in unknown)
    return Outcome(f"E3005: {listed} removed from the DependsOn of `{resource}`: no resource of that name "
                   f"and none close to it", tuple(edits), Applicability.UNSAFE)


EXAMPLES = (
    Example("cloudformation", """\
Resources:
  AppBucket:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: [AppBuckett]  # created after the bucket
""", """\
Resources:
  AppBucket:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: [AppBucket]  # created after the bucket
"""),
)
