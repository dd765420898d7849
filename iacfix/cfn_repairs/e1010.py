"""E1010 — a `Fn::GetAtt` naming a resource the template does not have, or an attribute its type
does not have.

- **Unknown resource** (`!GetAtt Topicc.TopicArn`): did-you-mean (`iacfix.knowledge.names`) over
  the template's resources; one candidate → the resource name is replaced (safe), several → a
  diagnostic listing them, none → cfn-lint's message (the author has to write the resource).
- **Unknown attribute**: the type's attributes are read from cfn-lint
  (`PROVIDER_SCHEMA_MANAGER.get_type_getatts`). Candidates: the attribute written with the type's
  own name in front or left out (`HostedZone.HostedZoneId` on `AWS::Route53::HostedZone` → `Id`,
  `Vpc.Id` on `AWS::EC2::VPC` → `VpcId`, `Queue.QueueArn` → `Arn`), else the did-you-mean over the
  attributes. One → the attribute is replaced (safe); several → a diagnostic listing them; none →
  cfn-lint's message, which lists the attributes.
- **Known values no schema states** (a table, `KNOWN_VALUES`): `HostedZoneId` of an
  `AWS::CloudFront::Distribution` is not an attribute; the hosted zone of every CloudFront alias
  target is the constant `Z2FDTNDATAQYW2` (AWS documentation of `AWS::Route53::RecordSet
  AliasTarget`: "Specify Z2FDTNDATAQYW2. This is always the hosted zone ID when you create an
  alias record that routes traffic to a CloudFront distribution"; the aws partition, the one
  iacfix lints for). The whole `Fn::GetAtt` becomes that string (safe).

Only the name's text changes (`!GetAtt A.B`, `!GetAtt [A, B]`, `{"Fn::GetAtt": ["A", "B"]}`);
a quoted or escaped name that is not its text verbatim is reported instead.
"""
from __future__ import annotations

import re

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from iacfix import cfn_repairs
from iacfix.cfn_repairs import Outcome, locate, scalar_content_span
from iacfix.fixes import Applicability
from iacfix.knowledge import names

RULE_ID = "E1010"
NOT_ONE_OF = re.compile(r"^'(?P<name>[^']+)' is not one of \[")
# (resource type, attribute written) → the value it stands for (see the docstring: source, why)
KNOWN_VALUES = {("AWS::CloudFront::Distribution", "HostedZoneId"): "Z2FDTNDATAQYW2"}


def getatts(resource_type: str) -> list[str]:
    return list(cfn_repairs.getatts(resource_type))


def attribute_candidates(resource_type: str, attribute: str, attributes: list[str]) -> list[str]:
    """Attributes `attribute` was meant to be: the type's name prefixed or dropped, else did-you-mean."""
    type_name = names.normalise(resource_type.rsplit("::", 1)[-1])
    key = names.normalise(attribute)
    found = [a for a in attributes if names.normalise(a) in (type_name + key,)
             or (key.startswith(type_name) and names.normalise(a) == key[len(type_name):])]
    return found or names.suggestions(attribute, attributes)


def parts(doc, node):
    """[(text, span or None)] for the resource and the attribute of a GetAtt argument node."""
    if isinstance(node, ScalarNode):
        span = scalar_content_span(doc, node)
        resource, _, attribute = node.value.partition(".")
        if span is None:
            return [(resource, None), (attribute, None)]
        cut = span[0] + len(resource)
        return [(resource, (span[0], cut)), (attribute, (cut + 1, span[1]))]
    if isinstance(node, SequenceNode) and len(node.value) == 2:
        out = []
        for item in node.value:
            if not isinstance(item, ScalarNode):
                return None
            out.append((item.value, scalar_content_span(doc, item)))
        return out
    return None


def repair(doc, match, schemas=None) -> Outcome | None:
    m = NOT_ONE_OF.match(match.message)
    path = match.path
    if m is None or len(path) < 3 or path[-2] != "Fn::GetAtt" or path[-1] not in (0, 1):
        return None
    _, whole = locate(doc, path[:-2])  # the GetAtt: a tagged node or a {Fn::GetAtt: …} mapping
    _, arg = locate(doc, path[:-1])
    found = parts(doc, arg) if arg is not None else None
    if not found:
        return None
    (resource, resource_span), (attribute, attribute_span) = found
    if path[-1] == 0:
        if resource != m["name"]:
            return None
        candidates = names.suggestions(resource, [str(k) for k in doc.resources])
        what, span = f"`{resource}` is not a resource of the template", resource_span
    else:
        rtype = (doc.resources.get(resource) or {}).get("Type")
        if not isinstance(rtype, str) or attribute != m["name"]:
            return None
        known = KNOWN_VALUES.get((rtype, attribute))
        if known is not None and whole is not None and (isinstance(whole, MappingNode) or whole is arg):
            text = f'"{known}"' if doc.is_json else known
            return Outcome(f"E1010: {rtype} has no attribute `{attribute}`; its value is always `{known}`",
                           (doc.source.edit(doc.start(whole), doc.end(whole), text),), Applicability.SAFE)
        candidates = attribute_candidates(rtype, attribute, getatts(rtype))
        what, span = f"{rtype} has no attribute `{attribute}`", attribute_span
    if not candidates:
        return None
    if len(candidates) > 1 or span is None:
        listed = ", ".join(f"`{c}`" for c in candidates)
        return Outcome(f"E1010: {what}; did you mean {'one of ' if len(candidates) > 1 else ''}{listed}?")
    return Outcome(f"E1010: {what}; replaced by `{candidates[0]}`",
                   (doc.source.edit(span[0], span[1], candidates[0]),), Applicability.SAFE)
