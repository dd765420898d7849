"""E1041 — a `Ref` whose value has not the format the property needs (`Role: !Ref TaskRole`
where an `AWS::IAM::Role.Arn` is expected, while `Ref` of a role gives its name).

cfn-lint names the format the property expects; the referenced resource type's attributes are
read from cfn-lint's schema (`get_type_getatts`, each attribute's `format`). When exactly one
attribute has that format, the `Ref` becomes a `Fn::GetAtt` of it — `!Ref TaskRole` →
`!GetAtt TaskRole.Arn`, `{"Ref": "TaskRole"}` → `{"Fn::GetAtt": ["TaskRole", "Arn"]}` — a safe
fix: the property receives the value its format says, from the resource the author named. No
attribute or several with that format, a `Ref` to a parameter, or a `Ref` written in a shape the
repair does not rewrite (a block long form with a comment inside): cfn-lint's message is reported.
"""
from __future__ import annotations

import re

from ruamel.yaml.nodes import MappingNode, ScalarNode

from iacfix.cfn_repairs import Outcome, getatts, locate, resource_schema, tag_of
from iacfix.fixes import Applicability
from iacfix.languages.cloudformation import render_inline

RULE_ID = "E1041"
MESSAGE = re.compile(r"^\{'Ref': '(?P<name>[^']+)'\}(?: with formats .*)? "
                     r"does not match destination format of '(?P<format>[^']+)'")


def attributes_with_format(resource_type: str, fmt: str) -> list[str]:
    schema = resource_schema(resource_type)
    atts = getatts(resource_type)
    if schema is None:
        return []
    out = []
    for name, pointer in atts.items():
        node = schema.schema
        for step in str(pointer).strip("/").split("/"):
            node = node.get(step, {}) if isinstance(node, dict) else {}
        if isinstance(node, dict) and node.get("format") == fmt:
            out.append(name)
    return out


def repair(doc, match, schemas=None) -> Outcome | None:
    m = MESSAGE.match(match.message)
    path = match.path
    if m is None or not path:
        return None
    name = m["name"]
    resource = doc.resources.get(name)
    rtype = resource.get("Type") if isinstance(resource, dict) else None
    if not isinstance(rtype, str):
        return None
    found = attributes_with_format(rtype, m["format"])
    if len(found) != 1:
        return None
    _, whole = locate(doc, path[:-1] if path[-1] == "Ref" else path)  # the Ref: tagged or a mapping
    short = isinstance(whole, ScalarNode) and tag_of(whole) == "!Ref"
    inline = isinstance(whole, MappingNode) and len(whole.value) == 1 and (doc.is_json or whole.flow_style)
    if not (short or inline):
        return None
    value = {"Fn::GetAtt": [name, found[0]]}
    text = render_inline(value, "json" if doc.is_json else "short")
    return Outcome(f"E1041: `Ref {name}` gives no {m['format']}; `Fn::GetAtt {name}.{found[0]}` does",
                   (doc.source.edit(doc.start(whole), doc.end(whole), text),), Applicability.SAFE)
