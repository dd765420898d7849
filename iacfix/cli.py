"""`iacfix` on the command line: thin — parse options, call `api`, render.

Exit codes: 0 nothing found (check) / nothing left (apply); 1 findings, or with --dry-run a change
would be made; 2 usage or input error.
"""
from __future__ import annotations

import difflib
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from iacfix import __version__, api, config as config_mod, report as report_mod, rules as rules_mod

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Rewrite flawed Infrastructure-as-Code (CDKTF Python/TypeScript, CloudFormation, "
                       "CI workflows) into its correct, deployable form.")


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


def _split(values: Optional[List[str]]) -> list[str]:
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _load_config(config_file: Optional[Path], paths: list[Path]):
    try:
        return config_mod.load(config_file, start=paths[0] if paths else None)
    except config_mod.ConfigError as exc:
        typer.echo(f"iacfix: error: {exc}", err=True)
        raise typer.Exit(2)


def _run(paths, config_file, select, ignore, fix, dry_run, unsafe):
    config = _load_config(config_file, paths)
    try:
        return api.run(paths, config, fix=fix, dry_run=dry_run, unsafe=unsafe or None,
                       select=_split(select), ignore=_split(ignore))
    except KeyError as exc:
        typer.echo(f"iacfix: error: unknown rule {exc.args[0]!r} (see `iacfix rules`)", err=True)
        raise typer.Exit(2)


PathsArg = typer.Argument(..., help="Files or folders to process.", exists=False)
SelectOpt = typer.Option(None, "--select", help="Only these rules (ids, slugs or id prefixes; comma-separated).")
IgnoreOpt = typer.Option(None, "--ignore", help="Skip these rules.")
FormatOpt = typer.Option(Format.text, "--format", help="Output format.")
ConfigOpt = typer.Option(None, "--config", help="Config file (default: nearest .iacfix.toml / pyproject.toml).")


@app.command()
def check(paths: List[Path] = PathsArg, select: Optional[List[str]] = SelectOpt,
          ignore: Optional[List[str]] = IgnoreOpt, format: Format = FormatOpt,
          config: Optional[Path] = ConfigOpt) -> None:
    """Report findings; change nothing."""
    report = _run(paths, config, select, ignore, fix=False, dry_run=False, unsafe=False)
    _emit(report, format, fixing=False)
    raise typer.Exit(2 if report.errors else 1 if report.findings else 0)


@app.command()
def apply(paths: List[Path] = PathsArg, dry_run: bool = typer.Option(False, "--dry-run", "--diff",
                                                                         help="Print a unified diff; write nothing."),
          unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="Also apply fixes that change behaviour."),
          select: Optional[List[str]] = SelectOpt, ignore: Optional[List[str]] = IgnoreOpt,
          format: Format = FormatOpt, config: Optional[Path] = ConfigOpt) -> None:
    """Apply fixes in place (safe ones; unsafe ones with --unsafe-fixes)."""
    report = _run(paths, config, select, ignore, fix=True, dry_run=dry_run, unsafe=unsafe_fixes)
    if dry_run and format is Format.text:
        _print_diffs(report)
    _emit(report, format, fixing=True, dry_run=dry_run)
    if report.errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if report.findings or (dry_run and report.changed) else 0)


@app.command("rules")
def list_rules(format: Format = typer.Option(Format.text, "--format", help="text or json")) -> None:
    """List every rule: id, name, languages, fix applicability."""
    rules = rules_mod.all_rules()
    if format is Format.json:
        typer.echo(report_mod.rules_json(rules))
        return
    console = _console()
    for rule in rules:
        console.print(f"[bold]{rule.id}[/]  {rule.slug:<28} {','.join(rule.languages):<24} "
                      f"{rule.fix_label():<7} {escape(rule.summary)}")


@app.command()
def explain(rule: str = typer.Argument(..., help="Rule id or slug.")) -> None:
    """Show a rule's documentation with a before/after example."""
    found = rules_mod.lookup(rule)
    if found is None:
        typer.echo(f"iacfix: error: unknown rule {rule!r} (see `iacfix rules`)", err=True)
        raise typer.Exit(2)
    typer.echo(report_mod.explain(found))


@app.command()
def lsp() -> None:
    """Run the language server on stdin/stdout: diagnostics and quick fixes in any LSP editor."""
    from iacfix import lsp as lsp_mod  # pygls loads only for editors
    lsp_mod.serve()


@app.command()
def migrate(
    repos: List[str] = typer.Argument(..., help="Git repositories: folders, git URLs, or files listing them."),
    select: Optional[List[str]] = SelectOpt, ignore: Optional[List[str]] = IgnoreOpt,
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="Also apply fixes that change behaviour."),
    branch: Optional[str] = typer.Option(None, "--branch", help="Branch to create (default iacfix/<YYYY-MM-DD>)."),
    write: bool = typer.Option(False, "--write", help="Commit on the new branch (default: dry run, report only)."),
    push: bool = typer.Option(False, "--push", help="With --write: git push -u origin <branch>."),
    verify: bool = typer.Option(False, "--verify", help="Run the project's oracles (cfn-lint, tsc, a Python "
                                                        "import, which runs the project's code)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Repositories at once (default: cores)."),
    executor: str = typer.Option("local", "--executor", help="local (process pool) or ray."),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="Ray cluster (default: a local Ray)."),
    workdir: Path = typer.Option(Path(".iacfix-migrate"), "--workdir", help="Where git URLs are cloned."),
    state: Path = typer.Option(Path(".iacfix-migrate-state.jsonl"), "--state", help="Resumable state file."),
    fresh: bool = typer.Option(False, "--fresh", help="Ignore the state file and start over."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write PATH.json and PATH.md "
                                                                 "(default iacfix-migrate-report)."),
    no_progress: bool = typer.Option(False, "--no-progress", help="No progress bar."),
) -> None:
    """Apply the rules across many git repositories: one new branch and one commit per changed repository."""
    import datetime
    from iacfix import migrate as migrate_mod
    from iacfix.migrate import report as migrate_report

    def usage(message: str):
        typer.echo(f"iacfix: error: {message}", err=True)
        raise typer.Exit(2)

    if push and not write:
        usage("--push needs --write")
    if executor not in ("local", "ray"):
        usage(f"unknown executor {executor!r} (local or ray)")
    select_, ignore_ = _split(select), _split(ignore)
    try:
        rules_mod.select(select_, ignore_)
    except KeyError as exc:
        usage(f"unknown rule {exc.args[0]!r} (see `iacfix rules`)")
    try:
        sources = migrate_mod.expand_sources(repos)
    except (ValueError, OSError) as exc:
        usage(str(exc))
    if not sources:
        usage("no repositories given")
    tasks = migrate_mod.make_tasks(sources, branch=branch or f"iacfix/{datetime.date.today():%Y-%m-%d}",
                                   select=select_, ignore=ignore_, unsafe=unsafe_fixes, write=write, push=push,
                                   verify=verify, workdir=str(workdir.expanduser().resolve()))
    try:
        results = migrate_mod.run(tasks, executor=executor, jobs=jobs, state_path=state, fresh=fresh,
                                  progress=not no_progress, ray_address=ray_address)
    except (ImportError, NotImplementedError, RuntimeError, ConnectionError) as exc:
        usage(str(exc))  # the executor could not start (ray missing, no cluster at --ray-address)
    migrate_report.print_table(results, _console())
    json_path, md_path = migrate_report.write(results, report)
    typer.echo(f"report: {json_path} {md_path}")
    failed = any(r.status == "failed" or r.verification_failed for r in results)
    raise typer.Exit(1 if failed else 0)


@app.command(hidden=True)
def version() -> None:
    typer.echo(__version__)


def _print_diffs(report: api.Report) -> None:
    color = sys.stdout.isatty()
    console = _console()
    for result in report.changed:
        before = result.original.decode("utf-8").splitlines(keepends=True)
        after = result.fixed.decode("utf-8").splitlines(keepends=True)
        for line in difflib.unified_diff(before, after, f"a/{result.path}", f"b/{result.path}"):
            if not line.endswith("\n"):
                line += "\n\\ No newline at end of file\n"
            if not color:
                sys.stdout.write(line)
                continue
            style = ("bold" if line.startswith(("---", "+++")) else "green" if line.startswith("+")
                     else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else "")
            console.print(f"[{style}]{escape(line.rstrip(chr(10)))}[/]" if style else escape(line.rstrip("\n")))
    sys.stdout.flush()


def _emit(report: api.Report, format: Format, fixing: bool, dry_run: bool = False) -> None:
    if format is Format.json:
        typer.echo(report_mod.to_json(report))
    elif format is Format.sarif:
        typer.echo(report_mod.to_sarif(report))
    elif format is Format.github:
        for line in report_mod.to_github(report):
            typer.echo(line)
    else:
        report_mod.print_text(report, _console(), fixing=fixing, dry_run=dry_run)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
