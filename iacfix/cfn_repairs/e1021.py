"""E1021 — the `Fn::Sub` and `Ref` findings of E1019 / E1020 inside a `Fn::Base64` (UserData).

cfn-lint reports an unknown `${Name}` of a `Fn::Sub`, or an unknown `Ref` target, under
`Fn::Base64` with this id; the repair is the one of E1019 (path ending in `Fn::Sub`: IAM policy
variables and variables the script assigns escaped as `${!Name}`, a did-you-mean rename, an
upper-case environment-like name escaped as an unsafe fix) or of E1020 (path ending in `Ref`:
did-you-mean rename), with the same policy and refusals.
"""
from __future__ import annotations

from iacfix.cfn_repairs import Outcome, e1019, e1020

RULE_ID = "E1021"


def repair(doc, match, schemas=None) -> Outcome | None:
    if match.path and match.path[-1] == "Fn::Sub":
        return e1019.repair(doc, match, schemas)
    if match.path and match.path[-1] == "Ref":
        return e1020.repair(doc, match, schemas)
    return None
