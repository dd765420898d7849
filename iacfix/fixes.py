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
        # by offset; insertions at one point keep the order given
        unique = list(dict.fromkeys(edits))
        object.__setattr__(self, "edits", tuple(sorted(unique, key=lambda e: (e.start, e.end))))
        object.__setattr__(self, "applicability", Applicability(applicability))


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
    shared; insertions at the same point (two names appended to one import) all apply, in the
    order of their fixes; any other edit touching a taken range defers its whole fix.
    """
    result = Applied(data)
    taken: list[Edit] = []  # in the order taken: ties at one offset keep that order
    # in the order of the findings' own positions (not of their edits: an import added at the top
    # must not make a fix jump ahead of the ones before it)
    for finding in sorted((f for f in findings if f.fix and f.fix.edits), key=lambda f: (f.line, f.column, f.rule)):
        new = [e for e in finding.fix.edits if e not in taken]
        if any(_overlaps(e, t) for e in new for t in taken):
            result.deferred.append(finding)
            continue
        taken.extend(new)
        result.applied.append(finding)
    out, last = [], 0
    for _, edit in sorted(enumerate(taken), key=lambda pair: (pair[1].start, pair[1].end, pair[0])):
        out.append(data[last:edit.start])
        out.append(edit.text.encode("utf-8"))
        last = edit.end
    out.append(data[last:])
    result.data = b"".join(out)
    return result


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        # an insertion composes with anything that starts or ends at its point (it goes before a
        # replacement starting there, after one ending there); only one inside a replaced range
        # conflicts. Two insertions at one point both apply, in the order taken.
        return b.start < a.start < b.end or a.start < b.start < a.end
    return a.start < b.end and b.start < a.end
