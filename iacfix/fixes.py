"""The one fix model shared by every language: byte edits plus an applicability.

A rule reports a `Finding`; its optional `Fix` is a list of `Edit`s into the bytes of the file as it
was parsed. `apply_fixes` applies fixes sorted by offset; a fix that overlaps one already taken is
left for the next pass, when the rule sees the new text and reports it again.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Applicability(str, enum.Enum):
    SAFE = "safe"  # keeps the meaning, or is clearly what the author meant: applied by default
    UNSAFE = "unsafe"  # changes behaviour: applied only with --unsafe-fixes
    DISPLAY = "display"  # shown as a suggestion, never applied

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Edit:
    start: int  # byte offset into the original file
    end: int  # exclusive; start == end is an insertion
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit range {self.start}..{self.end}")


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    def __init__(self, edits, applicability: Applicability = Applicability.SAFE):
        object.__setattr__(self, "edits", tuple(sorted(set(edits))))
        object.__setattr__(self, "applicability", Applicability(applicability))

    @property
    def start(self) -> int:
        return self.edits[0].start if self.edits else 0


@dataclass(frozen=True)
class Finding:
    rule: str  # rule id, e.g. IAC101
    path: str
    line: int  # 1-based
    column: int  # 1-based, in characters
    end_line: int
    end_column: int
    message: str
    fix: Fix | None = None
    slug: str = ""

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability is not Applicability.DISPLAY


@dataclass
class Applied:
    data: bytes
    applied: list[Finding] = field(default_factory=list)
    deferred: list[Finding] = field(default_factory=list)  # overlapped a fix taken in this pass


def apply_fixes(data: bytes, findings: list[Finding]) -> Applied:
    """Apply the findings' fixes to `data`, earliest first, skipping any that overlap.

    Identical edits from different fixes (two wraps that both need the same import line) are
    shared, not counted as overlap; any other edit touching a taken range defers its whole fix.
    """
    result = Applied(data)
    taken: list[Edit] = []
    for finding in sorted((f for f in findings if f.fix and f.fix.edits), key=lambda f: (f.fix.start, f.rule)):
        new = [e for e in finding.fix.edits if e not in taken]
        if any(_overlaps(e, t) for e in new for t in taken):
            result.deferred.append(finding)
            continue
        taken.extend(new)
        result.applied.append(finding)
    out, last = [], 0
    for edit in sorted(taken):
        out.append(data[last:edit.start])
        out.append(edit.text.encode("utf-8"))
        last = edit.end
    out.append(data[last:])
    result.data = b"".join(out)
    return result


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        # insertions conflict with anything that starts, ends or spans at their point
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end
