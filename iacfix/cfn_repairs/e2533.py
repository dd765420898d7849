"""E2533 — a Lambda runtime whose creation and update are both blocked: repaired as E2531 (the
lowest supported runtime of the same language above it, unsafe)."""
from __future__ import annotations

from iacfix.cfn_repairs.e2531 import repair  # noqa: F401 - the same repair, registered for E2533

RULE_ID = "E2533"
