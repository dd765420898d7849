"""E3003 — a required property is missing (`'IsLogging' is a required property`).

The property is added to the mapping cfn-lint names (`doc.insert_entry`, at the end of that mapping,
in its own style: YAML block or flow, JSON) when one value follows from the schema or the template:

- the schema (read through cfn-lint at run time) leaves one value: a `const`, an `enum` of one
  value, or an object whose required members all have such a value (built recursively) — safe;
- a free-text `…Description` string (`GroupDescription`, `Description`,
  `DBSubnetGroupDescription`, …) → the resource's logical name, when it fits the schema's
  pattern and length — safe (a description changes no deployed behaviour);
- a `<Stem>Type` enum whose sibling `<Stem>Id` is a `!Ref`/`!GetAtt` of a resource of this
  template, and exactly one allowed value is that resource type's last segment
  (`AWS::EC2::FlowLog` `ResourceId: !Ref Vpc` → `ResourceType: VPC`) — safe;
- a small table of values no schema states (what, why):
  `AWS::CloudTrail::Trail` `IsLogging: true`. The schema allows `true` and `false`, but a trail's
  only function is logging: every other property the author set (bucket, prefix, selectors, log
  validation) configures what it records, and `false` would leave all of them dead. The template
  could not deploy without the key, so nothing deployed changes. Safe, as the evident intent;
- the `Id` of a list item whose `Arn` is a `!Ref`/`!GetAtt` of a resource of this template
  (`AWS::Events::Rule` `Targets`) → that logical name, when no sibling item uses it — safe (an
  identifier with no deployed behaviour, like a description);
- AWS WAFv2 `VisibilityConfig` (a web ACL's or a rule's) → `SampledRequestsEnabled: true`,
  `CloudWatchMetricsEnabled: true` and `MetricName` = the rule's `Name` (or the resource's logical
  name), as the WAF console fills it in — **unsafe**: each boolean could be `false`, and metrics
  and samples are observable behaviour.

Refused (`None`: cfn-lint's own message is reported): a required key whose absence is a symptom
of a misspelt or misplaced sibling (`RoleArn` for `RoleARN`, `ResourceIds` for `ResourceId`, the
`HealthCheckConfig` members written one level too high) — an E3002 on that mapping whose name is a
did-you-mean of the missing key, or a member of its schema, is left to the E3002 repair, never
answered with a conflicting key; paths outside `Resources/<name>/Properties` or through `Fn::If`;
`Properties` itself missing. Anything else (a free string, a number, a boolean other than the
table's, an enum of several values) becomes a diagnostic naming the property with the schema's
description and allowed values. (A parameter without `Type` is cfn-lint's E2001, not E3003.)
"""
from __future__ import annotations

import re

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from iacfix import cfn_repairs
from iacfix.cfn_repairs import Outcome, tag_of, schema_at
from iacfix.fixes import Applicability
from iacfix.knowledge import names

RULE_ID = "E3003"
_REQUIRED = re.compile(r"^'(?P<name>[^']+)' is a required property$")

# (resource type, property) → value no schema states; see the module docstring for why
KNOWN_VALUES = {("AWS::CloudTrail::Trail", "IsLogging"): True}
WAF_PREFIX = "AWS::WAFv2::"  # VisibilityConfig defaults: see the module docstring


def repair(doc, match, schemas=schema_at) -> Outcome | None:
    m = _REQUIRED.match(match.message)
    target = resource_target(doc, match.path)
    if m is None or target is None:
        return None
    rtype, inner = target
    name = m["name"]
    if deferred_to_e3002(doc, match.path, [name], rtype, inner, schemas):
        return None
    where = "/".join(str(p) for p in match.path)
    nodes = schemas(rtype, inner + (name,))
    value, why, applicability = canonical_value(doc, match.path, rtype, inner, name, nodes, schemas)
    if value is None:
        return Outcome(f"E3003: {rtype} needs `{name}` at {where}{describe(nodes)}")
    edit = doc.insert_entry(match.path, name, value)
    if edit is None:
        return Outcome(f"E3003: {rtype} needs `{name}` at {where}{describe(nodes)}")
    return Outcome(f"E3003: added the required `{name}` at {where} ({why})", (edit,), applicability)


# ---- shared by the E3003 family (E3014, E3021 import these) ---------------------------------------

def resource_target(doc, path) -> tuple[str, tuple] | None:
    """(resource type, path inside Properties) for a match on a mapping inside a resource's
    Properties, the mapping present in the text; None otherwise (and for `Fn::If` paths)."""
    if len(path) < 3 or path[0] != "Resources" or path[2] != "Properties":
        return None
    if any(isinstance(p, str) and (p.startswith("Fn::") or p == "Ref") for p in path):
        return None
    resource = doc.resources.get(path[1])
    rtype = resource.get("Type") if isinstance(resource, dict) else None
    if not isinstance(rtype, str) or not isinstance(doc.node(tuple(path)), MappingNode):
        return None
    return rtype, tuple(path[3:])


def deferred_to_e3002(doc, path, wanted, rtype, inner, schemas) -> bool:
    """True when a key cfn-lint rejects (E3002) in the mapping at `path` is a misspelling of one
    of the `wanted` names, or a member of a wanted property's own schema (misplaced one level up):
    the E3002 repair renames or moves it, and adding the wanted key would conflict."""
    for other in cfn_repairs.lint(doc.source.text):
        if other.rule != "E3002" or tuple(other.path[:-1]) != tuple(path) or not other.path:
            continue
        stray = other.path[-1]
        if not isinstance(stray, str):
            continue
        if names.suggestions(stray, wanted):
            return True
        for name in wanted:
            members, _ = cfn_repairs.declared_properties(schemas(rtype, inner + (name,)) or [])
            if stray in members:
                return True
    return False


def single_value(lookup, path: tuple, depth: int = 0):
    """The one value the schema allows at `path` (`lookup(path)` → schema nodes): a const, a
    one-value enum, or an object whose required members all have one; else None."""
    nodes = lookup(path) or []
    if not nodes or depth > 4:
        return None
    found = []
    for node in nodes:
        if "const" in node:
            found.append(node["const"])
        elif isinstance(node.get("enum"), list):
            if len(node["enum"]) != 1:
                return None
            found.append(node["enum"][0])
    if found:
        return found[0] if all(f == found[0] for f in found) else None
    if any(n.get("oneOf") or n.get("anyOf") for n in nodes):
        return None
    required = list(dict.fromkeys(r for n in nodes for r in n.get("required") or ()))
    if not required or not any(n.get("type") == "object" or n.get("properties") for n in nodes):
        return None
    out = {}
    for name in required:
        value = single_value(lookup, path + (name,), depth + 1)
        if value is None:
            return None
        out[name] = value
    return out


def describe(nodes) -> str:
    """`: <first sentence of the description> (allowed: …)` from the schema nodes."""
    if not nodes:
        return ""
    sentence = first_sentence(nodes)
    allowed = next((n["enum"] for n in nodes if isinstance(n.get("enum"), list)), None)
    kind = next((n["type"] for n in nodes if isinstance(n.get("type"), str)), None)
    parts = []
    if sentence:
        parts.append(sentence)
    if allowed:
        parts.append("allowed: " + ", ".join(f"`{a}`" for a in allowed[:12]) + (", …" if len(allowed) > 12 else ""))
    elif kind == "object":
        required = list(dict.fromkeys(r for n in nodes for r in n.get("required") or ()))
        parts.append("an object" + (" with " + ", ".join(f"`{r}`" for r in required) if required else ""))
    elif kind:
        parts.append(f"an {kind}" if kind[0] in "aeiou" else f"a {kind}")
    return (": " + "; ".join(parts)) if parts else ""


def first_sentence(nodes) -> str:
    """The first sentence of the schema's description of these nodes ("" when none)."""
    text = next((n["description"] for n in nodes or () if isinstance(n.get("description"), str)), "")
    text = " ".join(text.split())
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0] if text else ""
    return sentence[:197] + "…" if len(sentence) > 200 else sentence


# ---- values ---------------------------------------------------------------------------------------

def canonical_value(doc, path, rtype, inner, name, nodes, schemas=schema_at):
    """(value, why, applicability) for the missing property; value None when the template does
    not settle it."""
    safe = Applicability.SAFE
    if (rtype, name) in KNOWN_VALUES and not inner:
        return KNOWN_VALUES[(rtype, name)], "a trail exists to log: the evident intent", safe
    if not nodes:
        return None, "", safe
    lookup = lambda p: schemas(rtype, p)  # noqa: E731
    value = single_value(lookup, inner + (name,))
    if value is not None:
        return value, "the only value the schema allows", safe
    if name.endswith("Description") and _free_string(nodes, path[1]):
        return path[1], "from the resource's logical name", safe
    value = _type_of_sibling(doc, path, name, nodes)
    if value is not None:
        return value, f"the type of the resource `{name[:-4]}Id` refers to", safe
    value = _target_id(doc, path, name, nodes)
    if value is not None:
        return value, "the logical name of the resource the item's `Arn` refers to", safe
    if rtype.startswith(WAF_PREFIX) and name == "VisibilityConfig":
        value = _visibility(doc, path, lookup, inner + (name,))
        if value is not None:
            return value, "sampled requests and CloudWatch metrics on, as the WAF console creates them", \
                Applicability.UNSAFE
    return None, "", safe


def _target_id(doc, path, name, nodes):
    """`Id` of a list item whose `Arn` is a `!Ref`/`!GetAtt` of a resource → that logical name,
    when it fits the schema and no sibling item uses it."""
    if name != "Id" or not path or not isinstance(path[-1], int):
        return None
    target = referenced_resource(doc, doc.node(tuple(path) + ("Arn",)))
    if not target or target not in doc.resources or not _free_string(nodes, target):
        return None
    items = doc.node(tuple(path[:-1]))
    for item in getattr(items, "value", ()):
        if isinstance(item, MappingNode) and any(k.value == "Id" and getattr(v, "value", None) == target
                                                 for k, v in item.value):
            return None
    return target


def _visibility(doc, path, lookup, at):
    """WAFv2 `VisibilityConfig`: booleans true, the free string (`MetricName`) the rule's plain
    `Name` (in a rule) or the resource's logical name."""
    name_node = doc.node(tuple(path) + ("Name",)) if isinstance(path[-1], int) else None
    label = name_node.value if isinstance(name_node, ScalarNode) and tag_of(name_node) is None else path[1]
    out = {}
    for n in lookup(at)[0].get("required") or ():
        member = lookup(at + (n,)) or []
        kinds = {m.get("type") for m in member}
        if kinds == {"boolean"}:
            out[n] = True
        elif kinds == {"string"} and _free_string(member, str(label)):
            out[n] = str(label)
        else:
            return None
    return out or None


def _free_string(nodes, text: str) -> bool:
    for node in nodes:
        if node.get("type") not in (None, "string") or "enum" in node or "const" in node:
            return False
        if len(text) < int(node.get("minLength", 0)) or len(text) > int(node.get("maxLength", 1 << 30)):
            return False
        pattern = node.get("pattern")
        if pattern:
            try:
                if not re.search(pattern, text):
                    return False
            except re.error:
                return False
    return any(node.get("type") == "string" for node in nodes)


def _type_of_sibling(doc, path, name, nodes):
    if not name.endswith("Type") or len(name) <= 4:
        return None
    allowed = next((n["enum"] for n in nodes if isinstance(n.get("enum"), list)), None)
    target = referenced_resource(doc, doc.node(tuple(path) + (name[:-4] + "Id",)))
    resource = doc.resources.get(target) if target else None
    rtype = resource.get("Type") if isinstance(resource, dict) else None
    if not allowed or not isinstance(rtype, str):
        return None
    last = names.normalise(rtype.rsplit("::", 1)[-1])
    hits = [a for a in allowed if isinstance(a, str) and names.normalise(a) == last]
    return hits[0] if len(hits) == 1 else None


def referenced_resource(doc, node) -> str | None:
    """The logical name a `!Ref X` / `!GetAtt X.Attr` value (short or long form) refers to."""
    if node is None:
        return None
    tag = tag_of(node)
    if tag in ("!Ref", "!GetAtt") and isinstance(node, ScalarNode):
        return str(node.value).split(".")[0] or None
    if tag == "!GetAtt" and isinstance(node, SequenceNode) and node.value and isinstance(node.value[0], ScalarNode):
        return node.value[0].value
    if isinstance(node, MappingNode) and len(node.value) == 1 and tag is None:
        key, value = node.value[0]
        if key.value == "Ref" and isinstance(value, ScalarNode):
            return value.value
        if key.value == "Fn::GetAtt":
            if isinstance(value, ScalarNode):
                return value.value.split(".")[0] or None
            if isinstance(value, SequenceNode) and value.value and isinstance(value.value[0], ScalarNode):
                return value.value[0].value
    return None
