"""E3031 — a string that does not match the `pattern` the schema gives at that place.

The pattern is the one cfn-lint reports (its message, i.e. the schema it validated with at run
time). A literal value written in the template is tried in a few spellings that differ only in
case or word separators, fewest changes first: lower or upper case; then each of ` `, `_`, `-`,
`.` replaced by each other one; then both. When exactly one spelling of the first tier that has
any matches the pattern it is
written in place of the value (quotes and the rest of the line kept), **safe**: the name was
evidently meant, only its spelling is what the service accepts (`MyBucket` → `mybucket` for an
S3 bucket name). Several spellings that match (`x y` → `x-y` or `x_y`) → a diagnostic listing
them. Refused: values written by an intrinsic (`!Sub`, `!Ref`) and values with `${…}`, whose
final text is not in the template; anything that needs more than case or separators (a length
limit, a missing suffix) stays cfn-lint's message.
"""
from __future__ import annotations

import ast
import re

from iacfix.cfn_repairs import Outcome, locate, schema_at
from iacfix.cfn_repairs._values import is_plain_scalar, replace_scalar, resource_type
from iacfix.fixes import Applicability

RULE_ID = "E3031"
_NO_MATCH = re.compile(r"^(?P<value>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\") does not match (?P<pattern>'.*'|\".*\")$", re.S)
_SEPARATORS = (" ", "_", "-", ".")


def repair(doc, match, schemas=schema_at) -> Outcome | None:
    m = _NO_MATCH.match(match.message)
    path = match.path
    rtype = resource_type(doc, path)
    if m is None or rtype is None:
        return None
    try:
        pattern = ast.literal_eval(m["pattern"])
        compiled = re.compile(pattern)
    except (ValueError, SyntaxError, re.error):
        return None
    _, node = locate(doc, path)
    if not is_plain_scalar(node) or "${" in node.value or compiled.search(node.value):
        return None
    value = node.value
    found = []
    for tier in _spellings(value):  # fewest changes first: case, separators, both
        found = [s for s in dict.fromkeys(tier) if s != value and compiled.search(s)]
        if found:
            break
    where = f"{rtype} {'/'.join(str(p) for p in path[3:])}"
    if not found:
        return None
    if len(found) > 1:
        listed = ", ".join(f"`{s}`" for s in found[:6])
        return Outcome(f"E3031: `{value}` does not match the pattern of {where}; it would as {listed}")
    return Outcome(f"E3031: `{value}` does not match the pattern of {where}; `{found[0]}` does",
                   (replace_scalar(doc, node, found[0]),), Applicability.SAFE)


def _spellings(value: str):
    """Tiers of other spellings of the value: case only; separators only; both."""
    cases = [value.lower(), value.upper()]
    yield cases
    yield list(_separators(value))
    yield [s for cased in cases for s in _separators(cased)]


def _separators(value: str):
    present = [s for s in _SEPARATORS if s in value]
    for old in present:
        for new in _SEPARATORS:
            if new != old:
                yield value.replace(old, new)
    if len(present) > 1:
        for new in _SEPARATORS:
            yield re.sub("[" + re.escape("".join(present)) + "]", new, value)
