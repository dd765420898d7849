"""E3002 — a property the resource schema does not declare at that place.

Did-you-mean (`iacfix.knowledge.names`: case and separators, singular/plural, a small edit
distance) against the properties the schema declares at the match's path, read through cfn-lint's
schema manager. One candidate that is not already a sibling → a safe rename of the key text only;
several → a diagnostic listing them; none → None (cfn-lint's own message is reported).
Moves to another level and removals are later families of issue 7.
"""
from __future__ import annotations

import re

from ruamel.yaml.nodes import MappingNode, ScalarNode

from iacfix.cfn_repairs import Outcome, declared_properties, key_name_span, locate, schema_at
from iacfix.fixes import Applicability
from iacfix.knowledge import names
from iacfix.cfn_repairs._e3002_move import move_or_remove

RULE_ID = "E3002"
_UNEXPECTED = re.compile(r"^Additional properties are not allowed \('(?P<name>[^']+)' was unexpected")


def repair(doc, match, schemas=schema_at) -> Outcome | None:
    m = _UNEXPECTED.match(match.message)
    path = match.path
    if m is None or len(path) < 4 or path[0] != "Resources" or path[2] != "Properties" or path[-1] != m["name"]:
        return None
    resource = doc.resources.get(path[1])
    rtype = resource.get("Type") if isinstance(resource, dict) else None
    if not isinstance(rtype, str):
        return None
    nodes = schemas(rtype, tuple(path[3:-1]))
    if not nodes:
        return None
    declared, open_ = declared_properties(nodes)
    if open_ or not declared:
        return None
    name = path[-1]
    found = names.suggestions(name, declared)
    if not found:
        return move_or_remove(doc, match, schemas)
    where = "/".join(str(p) for p in path[:-1])
    if len(found) > 1:
        listed = ", ".join(f"`{c}`" for c in found)
        return Outcome(f"E3002: `{name}` is not a property of {rtype} at {where}; did you mean one of {listed}?")
    target = found[0]
    key, _ = locate(doc, path)
    _, parent = locate(doc, path[:-1])
    if key is None or not isinstance(parent, MappingNode):
        return None
    siblings = {k.value for k, _ in parent.value if isinstance(k, ScalarNode)}
    if target in siblings:
        return Outcome(f"E3002: `{name}` is not a property of {rtype} at {where}; `{target}` is, but is already set")
    span = key_name_span(doc, key)
    if span is None:
        return Outcome(f"E3002: `{name}` is not a property of {rtype} at {where}; did you mean `{target}`?")
    return Outcome(f"E3002: `{name}` is not a property of {rtype} at {where}; renamed to `{target}`",
                   (doc.source.edit(span[0], span[1], target),), Applicability.SAFE)
