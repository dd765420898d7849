"""E3021 — a property that another one depends on is missing (`'SSEType' is a dependency of
'KMSMasterKeyId'`, the schema's `dependentRequired`).

Repair: when the schema (read through cfn-lint at run time) leaves the dependency one value — a
`const`, an `enum` of one value, or an object whose required members all have one — the property
is inserted with it right after the property that needs it (YAML block or flow, JSON): a safe fix,
the value being the only one there is (DynamoDB `SSESpecification` with `KMSMasterKeyId` →
`SSEType: KMS`, the only type that uses a customer key). Otherwise a diagnostic naming the
dependency with the schema's description and allowed values. Refused (`None`): a dependency whose
absence is a misspelt or misplaced sibling (left to E3002, as for E3003), paths through `Fn::If`.
"""
from __future__ import annotations

import re

from iacfix.cfn_repairs import Outcome, schema_at
from iacfix.cfn_repairs.e3003 import deferred_to_e3002, describe, resource_target, single_value
from iacfix.fixes import Applicability

RULE_ID = "E3021"
_DEPENDENCY = re.compile(r"^'(?P<name>[^']+)' is a dependency of '(?P<of>[^']+)'$")


def repair(doc, match, schemas=schema_at) -> Outcome | None:
    m = _DEPENDENCY.match(match.message)
    target = resource_target(doc, match.path)
    if m is None or target is None:
        return None
    rtype, inner = target
    name, of = m["name"], m["of"]
    if deferred_to_e3002(doc, match.path, [name], rtype, inner, schemas):
        return None
    where = "/".join(str(p) for p in match.path)
    value = single_value(lambda p: schemas(rtype, p), inner + (name,))
    edit = None
    if value is not None:
        anchor = of if doc.entry(tuple(match.path) + (of,)) else None
        edit = doc.insert_entry(tuple(match.path), name, value, after=anchor)
    if edit is None:
        return Outcome(f"E3021: `{of}` at {where} needs `{name}`{describe(schemas(rtype, inner + (name,)))}")
    return Outcome(f"E3021: added `{name}` at {where}, which `{of}` needs (the only value the schema allows)",
                   (edit,), Applicability.SAFE)
