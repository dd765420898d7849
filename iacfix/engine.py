"""One file through the rules: detect, parse, find, fix to a fixpoint, verify.

Nothing here touches the file system; `api` reads and writes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from iacfix import languages
from iacfix.config import Config, Target
from iacfix.fixes import Applicability, Finding, apply_fixes
from iacfix.languages.base import ParseError, Source

MAX_PASSES = 16
_DIRECTIVE = re.compile(r"(?:#|//)\s*iacfix:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?")


@dataclass
class Context:
    """What a rule may know besides the file: the target versions and the provider facts."""

    target: Target = field(default_factory=Target)
    config: Config = field(default_factory=Config)
    project: Path | None = None

    def option(self, rule, name: str):
        return self.config.option(rule, name)

    @cached_property
    def sources(self):
        """The project's other files, for cross-file rules (`iacfix.project`)."""
        from iacfix.project import ProjectSources
        return ProjectSources(self.project, self.config.max_file_size)

    @cached_property
    def provider(self):
        from iacfix.knowledge.provider import ProviderIndex
        return ProviderIndex.load(self.target.provider, self.target.family)

    @cached_property
    def core(self):
        """cdktf's (or cdktn's) own API: exported types, static members, config structs
        (`iacfix.knowledge.core`); the newest shipped version of the target's family."""
        from iacfix.knowledge.core import CoreIndex
        return CoreIndex.load(getattr(self.target, "core", None), self.target.family)


@dataclass
class FileResult:
    path: str
    language: str | None = None
    original: bytes = b""
    fixed: bytes | None = None  # the new content, when a fix changed the file
    findings: list[Finding] = field(default_factory=list)  # what remains
    applied: list[Finding] = field(default_factory=list)  # what was fixed
    error: str | None = None  # input error: the file could not be read, decoded or parsed
    internal_error: str | None = None  # a fix broke the file or did not converge; nothing written
    notice: str | None = None  # valid input iacfix could not check (e.g. newer Python syntax)

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed != self.original


def decode(data: bytes) -> str:
    """UTF-8 text, or ValueError naming why the bytes are not a source file."""
    if b"\0" in data[:8192]:
        raise ValueError("binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte {exc.start})") from None


class Suppressions:
    """`# iacfix: ignore[RULE, …]` on a line or the line before; `ignore-file[…]` before the code."""

    def __init__(self, text: str):
        self.lines: dict[int, set[str] | None] = {}
        self.file: set[str] | None = set()
        if "iacfix:" not in text:
            return
        seen_code = False
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.strip()
            m = _DIRECTIVE.search(line)
            if m:
                rules = {r.strip().lower() for r in m.group(2).split(",") if r.strip()} if m.group(2) else None
                if m.group(1) == "ignore-file":
                    if not seen_code:
                        self.file = None if rules is None or self.file is None else self.file | rules
                else:
                    self.lines[number] = None if rules is None else rules
            if stripped and not stripped.startswith(("#", "//", "/*", "*", "---")):
                seen_code = True

    def __contains__(self, finding: Finding) -> bool:
        keys = {finding.rule.lower(), finding.slug}
        if self.file is None or keys & self.file:
            return True
        for line in (finding.line, finding.line - 1):
            if line in self.lines and (self.lines[line] is None or keys & self.lines[line]):
                return True
        return False


class RuleCrash(Exception):
    """A rule raised on a file: reported as that file's internal error, the run goes on."""


def _checked(rule, doc, ctx) -> list[Finding]:
    try:
        return list(rule.check(doc, ctx))
    except Exception as exc:  # noqa: BLE001 - a rule bug must not end the run for every file
        raise RuleCrash(f"rule {rule.id} ({rule.slug}) crashed: {type(exc).__name__}: {exc}") from exc


def process(path: str, data: bytes, rules, ctx: Context, fix: bool = False, unsafe: bool = False,
            explicit: bool = False) -> FileResult:
    """Run `rules` on one file; with `fix`, apply their fixes pass after pass until nothing changes.

    A file that cannot be decoded is an input error when it was named on the command line or
    looks like IaC; anything else that is not IaC is silently not ours.
    """
    result = FileResult(path, original=data)
    try:
        text = decode(data)
    except ValueError as exc:
        if explicit or languages.detect(path, data.decode("latin-1")) is not None:
            result.error = str(exc)
        return result
    front_end = languages.detect(path, text)
    if front_end is None:
        return result
    result.language = front_end.NAME
    candidates = [r for r in rules if front_end.NAME in r.languages]
    active = [r for r in candidates if r.triggered(text, ctx, front_end.NAME)]
    if not active:
        return result
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    current = data
    baseline: list[str] | None = None  # problems the parser already sees in the original
    for number in range(1, MAX_PASSES + 1):
        source = Source(path, current, current.decode("utf-8"))
        try:
            doc = front_end.parse(source)
        except ParseError as exc:
            if number == 1 and getattr(exc, "skip", False):
                result.notice = str(exc)
            elif number == 1:
                result.error = f"cannot parse: {exc}" + (f" (line {exc.line})" if exc.line else "")
            else:
                result.internal_error = f"fixed text no longer parses ({exc}); file left unchanged"
                result.fixed = None
            return result
        suppressed = Suppressions(source.text)
        try:
            findings = [f for rule in active for f in _checked(rule, doc, ctx) if f not in suppressed]
        except RuleCrash as exc:
            result.internal_error = f"{exc}; file left unchanged"
            result.fixed, result.findings, result.applied = None, [], []
            return result
        result.findings = findings
        if not fix:
            return result
        fixable = [f for f in findings if f.fix and f.fix.applicability in allowed]
        if not fixable:
            break
        phases = {r.id: r.phase for r in active}
        first = min(phases.get(f.rule, 1) for f in fixable)
        fixable = [f for f in fixable if phases.get(f.rule, 1) == first]  # names settle first
        outcome = apply_fixes(current, fixable)
        if outcome.data == current:
            break
        new_text = outcome.data.decode("utf-8")
        problems = front_end.verify(new_text, path)
        if problems and baseline is None:
            baseline = front_end.verify(text, path)
        if problems and len(problems) > len(baseline) and len(outcome.applied) > 1:
            # fixes that are each fine can clash when applied together (two arguments appended
            # after the same last one share its comma): take the first alone, the rest next pass
            outcome = apply_fixes(current, outcome.applied[:1])
            new_text = outcome.data.decode("utf-8")
            problems = front_end.verify(new_text, path)
        if problems and len(problems) > len(baseline):
            rules_used = ", ".join(sorted({f.rule for f in outcome.applied}))
            result.internal_error = (f"a fix by {rules_used} would break the file ({problems[0]}); "
                                     "file left unchanged")
            result.fixed, result.findings, result.applied = None, findings, []
            return result
        result.applied.extend(outcome.applied)
        current = outcome.data
        # the next pass runs the rules whose trigger matches the new text: a fix may have made
        # work for a rule the original did not trigger (a secret added, then ordered)
        active = [r for r in candidates if r.triggered(new_text, ctx, front_end.NAME)]
        if not active:  # a rule whose trigger fails cannot find anything: this is the fixpoint
            result.findings = []
            break
    else:
        result.internal_error = f"fixes did not converge after {MAX_PASSES} passes; file left unchanged"
        result.fixed, result.applied = None, []
        return result
    if current != data:
        result.fixed = current
    return result
