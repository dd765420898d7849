"""E3045 — an S3 bucket sets `AccessControl` (a canned ACL other than the private ones) but no
`OwnershipControls`.

Why it breaks: since April 2023 a new bucket defaults to Object Ownership `BucketOwnerEnforced`,
which disables ACLs, so a bucket created with `AccessControl: LogDeliveryWrite` / `PublicRead`
fails to deploy. cfn-lint's rule (its extension schema `aws_s3_bucket/ownershipcontrols.json`)
asks for `OwnershipControls` with at least one rule.

Repair: `OwnershipControls: {Rules: [{ObjectOwnership: ObjectWriter}]}` inserted right after
`AccessControl` (YAML block or flow, JSON). `ObjectWriter` is the ownership every bucket had before
the change, so the ACL the author set works as it did when such templates were written. The
schema (read through cfn-lint at run time) also allows `BucketOwnerPreferred`, which keeps ACLs
working too, so this picks among two: an **unsafe** fix. Refused (a diagnostic): a bucket that
already has `OwnershipControls` (its rules need a look, not a second key), `ObjectWriter` not in
the installed schema's allowed values.
"""
from __future__ import annotations

from iacfix.cfn_repairs import Outcome, schema_at
from iacfix.cfn_repairs.e3003 import resource_target
from iacfix.fixes import Applicability

RULE_ID = "E3045"
OWNERSHIP = "ObjectWriter"  # the pre-April-2023 default: ACLs enabled, as the template assumed


def repair(doc, match, schemas=schema_at) -> Outcome | None:
    target = resource_target(doc, match.path)
    if target is None or target[1] or "OwnershipControl" not in match.message:
        return None
    rtype, _ = target
    where = "/".join(str(p) for p in match.path)
    nodes = schemas(rtype, ("OwnershipControls", "Rules", 0, "ObjectOwnership")) or []
    allowed = [a for n in nodes for a in n.get("enum") or ()]
    acl_ones = [a for a in allowed if a != "BucketOwnerEnforced"]
    listed = ", ".join(f"`{a}`" for a in acl_ones) or f"`{OWNERSHIP}`"
    need = f"E3045: {rtype} at {where} sets `AccessControl`, so it needs `OwnershipControls` with a rule whose `ObjectOwnership` keeps ACLs enabled ({listed})"
    if OWNERSHIP not in allowed or doc.entry(tuple(match.path) + ("OwnershipControls",)) is not None:
        return Outcome(need)
    anchor = "AccessControl" if doc.entry(tuple(match.path) + ("AccessControl",)) else None
    edit = doc.insert_entry(tuple(match.path), "OwnershipControls",
                            {"Rules": [{"ObjectOwnership": OWNERSHIP}]}, after=anchor)
    if edit is None:
        return Outcome(need)
    return Outcome(f"E3045: added `OwnershipControls` with `ObjectOwnership: {OWNERSHIP}` at {where} so the "
                   f"bucket's `AccessControl` ACL keeps working (alternatives: {listed})", (edit,), Applicability.UNSAFE)
