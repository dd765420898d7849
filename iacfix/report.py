"""Rendering findings (text, JSON, SARIF, GitHub annotations) and rule documentation."""
from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.markup import escape

from iacfix import __version__
from iacfix.fixes import Applicability, Finding


def _marker(finding: Finding) -> str:
    if finding.fix is None or finding.fix.applicability is Applicability.DISPLAY:
        return ""
    return "[*] " if finding.fix.applicability is Applicability.SAFE else "[unsafe fix] "


def print_text(report, console: Console, fixing: bool, dry_run: bool = False) -> None:
    for finding in sorted(report.findings, key=lambda f: (f.path, f.line, f.column, f.rule)):
        console.print(f"[bold]{escape(finding.path)}[/]:{finding.line}:{finding.column}: "
                      f"[red bold]{finding.rule}[/] {escape(_marker(finding))}{escape(finding.message)}")
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for error in report.errors:
        err.print(f"[red]error[/]: {escape(error.path)}: {escape(error.message)}")
    for notice in report.notices:
        err.print(f"[yellow]note[/]: {escape(notice.path)}: {escape(notice.message)}")
    remaining = report.findings
    fixable = sum(1 for f in remaining if f.fixable and f.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for f in remaining if f.fixable and f.fix.applicability is Applicability.UNSAFE)
    applied = sum(len(r.applied) for r in report.results)
    parts = []
    if fixing:
        verb = "Would fix" if dry_run else "Fixed"
        parts.append(f"{verb} {applied} finding{'s' * (applied != 1)} in {len(report.changed)} "
                     f"file{'s' * (len(report.changed) != 1)}.")
        if remaining:
            parts.append(f"{len(remaining)} remaining" + (f" ({unsafe} fixable with --unsafe-fixes)" if unsafe else "") + ".")
    elif remaining:
        parts.append(f"Found {len(remaining)} finding{'s' * (len(remaining) != 1)}"
                     + (f" ({fixable} fixable with `iacfix apply`" + (f", {unsafe} more with --unsafe-fixes" if unsafe else "") + ")"
                        if fixable or unsafe else "") + ".")
    else:
        parts.append("All checks passed.")
    if report.errors:
        parts.append(f"{len(report.errors)} file{'s' * (len(report.errors) != 1)} could not be processed.")
    Console(stderr=dry_run, highlight=False, soft_wrap=True).print(" ".join(parts))


def _finding_dict(f: Finding) -> dict:
    return {"rule": f.rule, "slug": f.slug, "path": f.path, "line": f.line, "column": f.column,
            "end_line": f.end_line, "end_column": f.end_column, "message": f.message,
            "fix": None if f.fix is None else {
                "applicability": f.fix.applicability.value,
                "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in f.fix.edits]}}


def to_json(report) -> str:
    return json.dumps({
        "findings": [_finding_dict(f) for f in report.findings],
        "fixed": [_finding_dict(f) for r in report.results for f in r.applied],
        "changed_files": [r.path for r in report.changed],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        "notices": [{"path": e.path, "message": e.message} for e in report.notices],
    }, indent=2)


def to_sarif(report) -> str:
    from iacfix.rules import all_rules
    rules = all_rules()
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for f in report.findings:
        result = {"ruleId": f.rule, "ruleIndex": index.get(f.rule, 0), "level": "error",
                  "message": {"text": f.message},
                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path.replace("\\", "/")},
                                                      "region": {"startLine": f.line, "startColumn": f.column,
                                                                 "endLine": f.end_line, "endColumn": f.end_column}}}]}
        results.append(result)
    notifications = [{"level": "error", "message": {"text": e.message},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": e.path}}}]} for e in report.errors]
    return json.dumps({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{"tool": {"driver": {"name": "iacfix", "version": __version__, "rules": [
            {"id": r.id, "name": r.slug, "shortDescription": {"text": r.summary},
             "fullDescription": {"text": r.documentation()},
             "properties": {"languages": list(r.languages), "applicability": r.fix_label()}}
            for r in rules]}},
            "results": results,
            "invocations": [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}]}],
    }, indent=2)


def to_github(report) -> list[str]:
    lines = [f"::error file={f.path},line={f.line},col={f.column},endLine={f.end_line},"
             f"endColumn={f.end_column},title={f.rule} {f.slug}::{f.message}" for f in report.findings]
    lines += [f"::error file={e.path}::{e.message}" for e in report.errors]
    return lines


def rules_json(rules) -> str:
    return json.dumps([{"id": r.id, "slug": r.slug, "summary": r.summary, "languages": list(r.languages),
                        "applicability": r.fix_label(), "rationale": r.rationale} for r in rules], indent=2)


_FENCE = {"python": "python", "typescript": "ts", "cloudformation": "yaml", "workflow": "yaml"}


def explain(rule) -> str:
    """Plain-text documentation with the first bad→good example of each language."""
    out = [f"{rule.id} {rule.slug}: {rule.summary}", "",
           f"Languages: {', '.join(rule.languages)}   Fix: {rule.fix_label()}"
           + ("   Opt-in: runs only when selected" if rule.opt_in else ""), "", rule.documentation()]
    if rule.rationale:
        out += ["", f"Generalises: {rule.rationale}"]
    out += _options(rule)
    for ex in _showcase(rule):
        out += ["", f"Example ({ex.language}) — before:", _indent(ex.before), "after:", _indent(ex.after)]
    return "\n".join(out)


def _options(rule) -> list[str]:
    if not rule.options:
        return []
    lines = ["", f"Options ([tool.iacfix.rules.{rule.slug}]):"]
    for name, default in rule.options.items():
        choices = rule.option_choices.get(name)
        lines.append(f"- {name} = {default!r}" + (f" (one of {', '.join(map(repr, choices))})" if choices else ""))
    return lines


def _showcase(rule):
    """The first bad→good example of each language."""
    shown = {}
    for ex in rule.examples:
        if ex.after is not None:
            shown.setdefault(ex.language, ex)
    return list(shown.values())


def _indent(code: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in code.strip("\n").splitlines())


def rules_markdown(rules) -> str:
    """docs/rules.md, generated; a test fails when the committed file is stale."""
    out = ["# iacfix rules", "", "Generated by `python -m iacfix.report > docs/rules.md`; do not edit by hand.", "",
           "| id | name | languages | fix | summary |", "|---|---|---|---|---|"]
    for r in rules:
        opt_in = " *(opt-in)*" if r.opt_in else ""
        out.append(f"| {r.id} | {r.slug} | {', '.join(r.languages)} | {r.fix_label()} | {r.summary}{opt_in} |")
    for r in rules:
        out += ["", f"## {r.id} {r.slug}", "", f"*{r.summary}*", "",
                f"Languages: {', '.join(r.languages)}. Fix applicability: **{r.fix_label()}**.", "",
                r.documentation()]
        if r.rationale:
            out += ["", f"Generalises: {r.rationale}"]
        out += _options(r)
        for ex in _showcase(r):
            fence = _FENCE.get(ex.language, "")
            out += ["", f"Before ({ex.language}):", "", f"```{fence}", ex.before.strip("\n"), "```", "",
                    "After:", "", f"```{fence}", ex.after.strip("\n"), "```"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    from iacfix.rules import all_rules
    sys.stdout.write(rules_markdown(all_rules()))
