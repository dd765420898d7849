"""E3014 — exactly one of a set of properties is required (`Only one of ['CidrBlock',
'Ipv4IpamPoolId'] is a required property`, the schema's `requiredXor`).

None of them set: the choice is the author's (an address range, a pool, a peer group), so this is
a diagnostic listing the candidates with what the schema says of them — with two exceptions:

- a key cfn-lint rejects (E3002) in the same mapping that is a misspelling of a candidate or a
  member of one is left to the E3002 repair (`None`), never answered with a second key;
- a rejected key that is a candidate with its direction swapped (`Source…` ↔ `Destination…`, a
  table of two words no schema states: an egress rule written with `SourceSecurityGroupId`, an
  ingress rule with `DestinationSecurityGroupId`) is renamed to that one candidate. Only the key's
  text changes; **unsafe**, since the author may instead have put the rule in the wrong list.

Several of them set (the match is on one of the keys): a diagnostic naming the keys that are set;
which to drop is the author's choice.
"""
from __future__ import annotations

import ast
import re

from iacfix import cfn_repairs
from iacfix.cfn_repairs import Outcome, key_name_span, locate, schema_at
from iacfix.cfn_repairs.e3003 import deferred_to_e3002, first_sentence, resource_target
from iacfix.fixes import Applicability

RULE_ID = "E3014"
_ONLY_ONE = re.compile(r"^Only one of (?P<names>\[[^\]]*\]) is a required property$")
DIRECTIONS = (("Source", "Destination"), ("Destination", "Source"))


def repair(doc, match, schemas=schema_at) -> Outcome | None:
    m = _ONLY_ONE.match(match.message)
    if m is None:
        return None
    try:
        candidates = [str(c) for c in ast.literal_eval(m["names"])]
    except (ValueError, SyntaxError):
        return None
    path = tuple(match.path)
    several = bool(path) and path[-1] in candidates
    mapping_path = path[:-1] if several else path
    target = resource_target(doc, mapping_path)
    if target is None:
        return None
    rtype, inner = target
    where = "/".join(str(p) for p in mapping_path)
    listed = ", ".join(f"`{c}`" for c in candidates)
    if several:
        mapping = doc.node(mapping_path)
        present = [k.value for k, _ in mapping.value if k.value in candidates]
        return Outcome(f"E3014: {rtype} at {where} takes only one of {listed}; "
                       f"{' and '.join(f'`{p}`' for p in present)} are set — keep the one meant")
    if deferred_to_e3002(doc, mapping_path, candidates, rtype, inner, schemas):
        return None
    renamed = _direction_swap(doc, mapping_path, candidates)
    if renamed is not None:
        return renamed
    details = [(c, first_sentence(schemas(rtype, inner + (c,)))) for c in candidates]
    said = "; ".join(f"`{c}`: {d}" for c, d in details if d)
    return Outcome(f"E3014: {rtype} at {where} needs exactly one of {listed}" + (f" — {said}" if said else ""))


def _direction_swap(doc, mapping_path, candidates) -> Outcome | None:
    hits = []
    for other in cfn_repairs.lint(doc.source.text):
        if other.rule != "E3002" or not other.path or tuple(other.path[:-1]) != mapping_path:
            continue
        stray = other.path[-1]
        for old, new in DIRECTIONS:
            if isinstance(stray, str) and stray.startswith(old) and new + stray[len(old):] in candidates:
                hits.append((stray, new + stray[len(old):]))
    if len(hits) != 1:
        return None
    stray, wanted = hits[0]
    key, _ = locate(doc, mapping_path + (stray,))
    span = key_name_span(doc, key) if key is not None else None
    if span is None:
        return None
    where = "/".join(str(p) for p in mapping_path)
    return Outcome(f"E3014: `{stray}` is not a property at {where}, which needs one of its candidates; "
                   f"renamed to `{wanted}` (the same key with the direction swapped)",
                   (doc.source.edit(span[0], span[1], wanted),), Applicability.UNSAFE)
