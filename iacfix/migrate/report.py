"""What `iacfix migrate` did: a table on the terminal, and JSON + Markdown report files."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from iacfix import __version__
from iacfix.migrate import STATUSES, RepoResult

DEFAULT_BASE = "iacfix-migrate-report"
_STYLE = {"changed": "green", "would-change": "yellow", "unchanged": "", "skipped": "dim", "failed": "red"}


def summary(results: list[RepoResult]) -> dict[str, int]:
    """Repositories per status (every status present, zero when none)."""
    counts = Counter(r.status for r in results)
    return {status: counts[status] for status in STATUSES}


def _fixes(result: RepoResult) -> str:
    return ", ".join(f"{rule}×{count}" for rule, count in result.fixed.items())


def _verification(result: RepoResult) -> str:
    first_lines = {oracle: (value.splitlines() or [""])[0] for oracle, value in result.verification.items()}
    return ", ".join(f"{oracle}: {line}" for oracle, line in first_lines.items())


def print_table(results: list[RepoResult], console: Console) -> None:
    table = Table(title=f"iacfix migrate: {len(results)} repositories")
    for column in ("repository", "status", "files", "fixes per rule", "verification"):
        table.add_column(column, overflow="fold")
    for result in results:
        status = result.status + (f" ({result.reason})" if result.reason else "")
        style = _STYLE.get(result.status, "")
        table.add_row(escape(result.name), f"[{style}]{escape(status)}[/]" if style else escape(status),
                      str(len(result.files_changed)), escape(_fixes(result)), escape(_verification(result)))
    console.print(table)
    console.print(", ".join(f"{count} {status}" for status, count in summary(results).items() if count))


def to_json(results: list[RepoResult]) -> str:
    return json.dumps({"tool": "iacfix migrate", "version": __version__, "summary": summary(results),
                       "repositories": [r.to_dict() for r in results]}, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(results: list[RepoResult]) -> str:
    lines = ["# iacfix migrate report", "",
             "Repositories: " + ", ".join(f"{count} {status}" for status, count in summary(results).items()), "",
             "| repository | status | files | fixes per rule | verification |", "|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {_cell(r.name)} | {_cell(r.status)} | {len(r.files_changed)} | {_cell(_fixes(r))} "
                     f"| {_cell(_verification(r))} |")
    for r in results:
        lines += ["", f"## {r.name}", "", f"- source: `{r.source}`", f"- status: {r.status}"
                  + (f" ({r.reason})" if r.reason else "")]
        if r.branch:
            lines.append(f"- branch: `{r.branch}`" + (f", commit `{r.commit}`" if r.commit else ""))
        lines.append(f"- time: {r.seconds:.1f} s")
        if r.files_changed:
            lines += ["", "Files changed:", ""] + [f"- `{path}`" for path in r.files_changed]
        if r.fixed:
            lines += ["", "Fixed:", ""] + [f"- {rule} {r.slugs.get(rule, '')}: {n}".replace(" :", ":")
                                           for rule, n in r.fixed.items()]
        if r.remaining:
            lines += ["", "Remaining (not fixed):", ""] + [f"- {rule} {r.slugs.get(rule, '')}: {n}".replace(" :", ":")
                                                           for rule, n in r.remaining.items()]
        if r.verification:
            lines += ["", "Verification:", ""] + [f"- {oracle}: {value}" for oracle, value in r.verification.items()]
        if r.errors:
            lines += ["", "Input errors:", ""] + [f"- {error}" for error in r.errors]
    return "\n".join(lines) + "\n"


def report_paths(base: str | Path | None) -> tuple[Path, Path]:
    """`--report PATH` → PATH.json and PATH.md (a .json or .md suffix on PATH is dropped)."""
    base = Path(base or DEFAULT_BASE)
    if base.suffix in (".json", ".md"):
        base = base.with_suffix("")
    return base.with_name(base.name + ".json"), base.with_name(base.name + ".md")


def write(results: list[RepoResult], base: str | Path | None = None) -> tuple[Path, Path]:
    json_path, md_path = report_paths(base)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(to_json(results), encoding="utf-8")
    md_path.write_text(to_markdown(results), encoding="utf-8")
    return json_path, md_path
