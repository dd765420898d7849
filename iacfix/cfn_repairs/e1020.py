"""E1020 — a `Ref` to a name the template does not define.

Did-you-mean (`iacfix.knowledge.names`: case and separators, singular/plural, a small edit
distance) over the names a `Ref` can target: the template's parameters, its resources and the
pseudo parameters cfn-lint knows (`cfnlint.helpers.PSEUDOPARAMS`); inside `Conditions` only
parameters and pseudo parameters. One candidate → the name in the `Ref` is replaced, a safe fix
(only the name's text changes: `!Ref Envv` → `!Ref Env`, `{"Ref": "Envv"}` → `{"Ref": "Env"}`).
Several → a diagnostic listing them. None → cfn-lint's message is reported: a `Ref` to a resource
the author never wrote (`!Ref LambdaExecutionRole` with no such role) needs that resource, which
no schema can supply. cfn-lint has no E1012 any more: a missing `Ref` target is this rule.
"""
from __future__ import annotations

from iacfix.cfn_repairs import Outcome, locate, scalar_content_span
from iacfix.fixes import Applicability
from iacfix.cfn_repairs.e1010 import NOT_ONE_OF
from iacfix.knowledge import names

RULE_ID = "E1020"


def pseudo_parameters() -> list[str]:
    from cfnlint.helpers import PSEUDOPARAMS
    return sorted(PSEUDOPARAMS)


def section_names(doc, section: str) -> list[str]:
    node = doc.data.get(section) if isinstance(doc.data, dict) else None
    return [str(k) for k in node] if isinstance(node, dict) else []


def ref_targets(doc, in_conditions: bool = False) -> list[str]:
    """What a `Ref` (or a `${Name}` of a `Fn::Sub`) may name in this template."""
    resources = [] if in_conditions else section_names(doc, "Resources")
    return section_names(doc, "Parameters") + resources + pseudo_parameters()


def repair(doc, match, schemas=None) -> Outcome | None:
    m = NOT_ONE_OF.match(match.message)
    if m is None or not match.path or match.path[-1] != "Ref":
        return None
    name = m["name"]
    _, node = locate(doc, match.path)
    span = scalar_content_span(doc, node) if node is not None else None
    if span is None or node.value != name:
        return None
    candidates = ref_targets(doc, in_conditions=match.path[0] == "Conditions")
    found = names.suggestions(name, candidates)
    if not found:
        return None
    if len(found) > 1:
        listed = ", ".join(f"`{c}`" for c in found)
        return Outcome(f"{match.rule}: `Ref {name}` names nothing in the template; did you mean one of {listed}?")
    return Outcome(f"{match.rule}: `Ref {name}` names nothing in the template; renamed to `{found[0]}`",
                   (doc.source.edit(span[0], span[1], found[0]),), Applicability.SAFE)
