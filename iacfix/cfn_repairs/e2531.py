"""E2531 / E2533 — a Lambda runtime whose creation (E2531) or update too (E2533) is blocked.

The runtime is replaced by the **lowest supported runtime of the same language above it**:
`nodejs16.x` → the lowest `nodejsN.x` with a higher N, `python3.7` → the lowest `python3.x`
above 3.7 (never across a major version: `python2.7` is reported, not moved to Python 3),
`java8` → the lowest higher `javaN`, keeping the suffix (`.x`, `.al2`, none). Supported means
listed in the `Runtime` enum of the Lambda schema and not deprecated today according to the
lifecycle data cfn-lint itself checks with (`cfnlint/data/AdditionalSpecs/
LmbdRuntimeLifecycle.json`: deprecation, create-block and update-block dates) — both read at
run time, so the answer moves with the installed cfn-lint. **Unsafe**: a new runtime version
can change how the code behaves. No such runtime (`go1.x`, `provided`, `dotnetcore3.1`, whose
successors are other runtimes) → a diagnostic naming cfn-lint's suggested successor.
Deprecated runtimes that can still be created (W2531) are left to cfn-lint's warning: the
template deploys, and upgrading is a choice, not a repair.
"""
from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from iacfix.cfn_repairs import Outcome, locate, schema_at
from iacfix.cfn_repairs._values import is_plain_scalar, replace_scalar
from iacfix.fixes import Applicability

RULE_ID = "E2531"
_RUNTIME = re.compile(r"^(?P<family>[a-z]+)(?P<version>\d+(?:\.\d+)?)(?P<suffix>(?:\.[a-z]\w*)?)$")
_FUNCTIONS = ("AWS::Lambda::Function", "AWS::Serverless::Function")


@lru_cache(maxsize=1)
def lifecycle() -> dict:
    """cfn-lint's Lambda runtime lifecycle data (runtime → dates and successor)."""
    from cfnlint.data import AdditionalSpecs
    from cfnlint.helpers import load_resource
    try:
        return load_resource(AdditionalSpecs, "LmbdRuntimeLifecycle.json")
    except Exception:  # noqa: BLE001 - an older cfn-lint without the data: no repair
        return {}


def _parse(runtime: str):
    m = _RUNTIME.match(runtime)
    if m is None:
        return None
    version = tuple(int(p) for p in m["version"].split("."))
    return m["family"], version, m["suffix"]


def _supported(runtime: str, today: datetime) -> bool:
    data = lifecycle().get(runtime)
    if not data or not data.get("deprecated"):
        return True
    return datetime.strptime(data["deprecated"], "%Y-%m-%d") > today


def replacement(runtime: str, allowed, today: datetime | None = None) -> str | None:
    """The lowest supported runtime of the same language (same major for Python) above `runtime`."""
    today = today or datetime.today()
    parsed = _parse(runtime)
    if parsed is None:
        return None
    family, version, suffix = parsed
    found = []
    for other in allowed:
        p = _parse(other) if isinstance(other, str) else None
        if p is None or p[0] != family or p[2] != suffix or p[1] <= version:
            continue
        if family == "python" and p[1][0] != version[0]:
            continue
        if _supported(other, today):
            found.append((p[1], other))
    return min(found)[1] if found else None


def repair(doc, match, schemas=schema_at) -> Outcome | None:
    path = match.path
    if len(path) != 4 or path[0] != "Resources" or path[2] != "Properties" or path[3] != "Runtime":
        return None
    resource = doc.resources.get(path[1])
    if not isinstance(resource, dict) or resource.get("Type") not in _FUNCTIONS:
        return None
    _, node = locate(doc, path)
    if not is_plain_scalar(node):
        return None
    runtime = node.value
    allowed = [v for n in (schemas("AWS::Lambda::Function", ("Runtime",)) or []) for v in n.get("enum") or ()]
    target = replacement(runtime, allowed)
    if target is None:
        successor = (lifecycle().get(runtime) or {}).get("successor")
        hint = f"; cfn-lint suggests `{successor}`" if successor else ""
        return Outcome(f"{match.rule}: Lambda runtime `{runtime}` can no longer be deployed and no supported "
                       f"runtime of the same language version line follows it{hint}")
    return Outcome(f"{match.rule}: Lambda runtime `{runtime}` can no longer be deployed; `{target}` is the lowest "
                   f"supported runtime of the same language above it (check the code runs on it)",
                   (replace_scalar(doc, node, target),), Applicability.UNSAFE)
