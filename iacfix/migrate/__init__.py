"""`iacfix migrate`: the rules applied across many git repositories, one branch and commit each.

    tasks = [RepoTask(source="../svc-a", name="svc-a", branch="iacfix/2026-12-01", write=True)]
    for result in run(tasks, jobs=4): ...

`migrate_one` is the unit of work an executor runs (in a process pool or on Ray); it never raises.
With `write`, the user's checkout is never touched: fixes are applied and committed in a detached
worktree, and the branch is created at that commit as the last step, so a kill leaves no branch.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Iterable

from iacfix import __version__

STATUSES = ("changed", "would-change", "unchanged", "skipped", "failed")
TRAILER = "(iacfix migrate)."
# the user's hooks are for the user's commits: iacfix's worktree and commit run none of them
NO_HOOKS = ("-c", "core.hooksPath=/dev/null")
_COMMENT = re.compile(r"(?:^|\s)#.*$")  # a whole-line or trailing comment
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|[\w.-]+@[\w.-]+:)", re.IGNORECASE)


@dataclass
class RepoTask:
    source: str  # a local path or a git URL
    name: str  # unique display name; also the clone's folder name under `workdir`
    branch: str
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    unsafe: bool = False
    write: bool = False
    push: bool = False
    verify: bool = False
    workdir: str = ".iacfix-migrate"  # where URLs are cloned and worktrees live


@dataclass
class RepoResult:
    name: str
    source: str
    status: str  # one of STATUSES
    reason: str = ""
    files_changed: list[str] = field(default_factory=list)  # repo-relative, posix
    fixed: dict[str, int] = field(default_factory=dict)  # rule id → findings fixed
    remaining: dict[str, int] = field(default_factory=dict)  # rule id → findings left
    errors: list[str] = field(default_factory=list)  # input errors (unparsable files, …)
    verification: dict[str, str] = field(default_factory=dict)  # oracle → "passed" / "failed: …" / "skipped: …"
    branch: str | None = None
    commit: str | None = None
    seconds: float = 0.0
    slugs: dict[str, str] = field(default_factory=dict)  # rule id → slug, for messages and reports

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> RepoResult:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def verification_failed(self) -> bool:
        return any(value.startswith("failed") for value in self.verification.values())


class GitError(Exception):
    """A git command failed; the message is git's own first error line."""


def is_url(source: str) -> bool:
    return bool(_URL.match(source))


# ---------------------------------------------------------------------------------------------
# Task lists


def expand_sources(arguments: Iterable[str]) -> list[str]:
    """Each argument is a directory, a git URL, or a file listing those one per line (`#` comments
    and blank lines ignored; relative paths are relative to the listing file's folder).
    Raises ValueError for an argument that is none of these."""
    sources: list[str] = []
    for argument in arguments:
        path = Path(argument).expanduser()
        if is_url(argument) or path.is_dir():
            sources.append(argument)
        elif path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                entry = _COMMENT.sub("", line).strip()
                if not entry:
                    continue
                if not is_url(entry) and not Path(entry).expanduser().is_absolute():
                    entry = str(path.parent / entry)
                sources.append(entry)
        else:
            raise ValueError(f"{argument}: not a directory, a git URL or a file listing repositories")
    return sources


def repo_name(source: str) -> str:
    """The folder's name, or the URL's last part without `.git`."""
    if not is_url(source):
        return Path(source).expanduser().resolve().name or "repo"
    return source.rstrip("/").replace(":", "/").rsplit("/", 1)[-1].removesuffix(".git") or "repo"


def make_tasks(sources: Iterable[str], **options) -> list[RepoTask]:
    """One task per distinct source, with unique names (`api`, `api-2`, …); `options` are the
    remaining RepoTask fields."""
    tasks: list[RepoTask] = []
    seen_sources: set[str] = set()
    names: Counter[str] = Counter()
    from iacfix.migrate.state import resolved_source

    for source in sources:
        resolved = resolved_source(source)
        if resolved in seen_sources:
            continue
        seen_sources.add(resolved)
        base = repo_name(source)
        names[base] += 1
        name = base if names[base] == 1 else f"{base}-{names[base]}"
        # absolute: a worker (another process, a Ray node) may start in another folder
        tasks.append(RepoTask(source=resolved, name=name, **options))
    return tasks


# ---------------------------------------------------------------------------------------------
# One repository


def migrate_one(task: RepoTask) -> RepoResult:
    """Migrate one repository; never raises (any error is a "failed" result naming it)."""
    started = time.monotonic()
    try:
        result = _migrate(task)
    except Exception as exc:  # noqa: BLE001 - one repository must never stop the others
        result = RepoResult(task.name, task.source, "failed", reason=f"{type(exc).__name__}: {exc}")
    result.seconds = round(time.monotonic() - started, 3)
    return result


def _git_env() -> dict[str, str]:
    """Never wait for a password or a host-key answer: a worker has no terminal."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    return env


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    completed = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                               stdin=subprocess.DEVNULL, env=_git_env())
    if check and completed.returncode != 0:
        message = (completed.stderr or completed.stdout).strip().splitlines()
        raise GitError(f"git {args[0]}: {message[0] if message else f'exit {completed.returncode}'}")
    return completed


def _out(repo: Path, *args: str) -> str:
    return _git(repo, *args).stdout.strip()


def _checkout(task: RepoTask) -> Path:
    """The repository's folder: the local path, or a clone of the URL under `workdir` (an
    existing clone is reused as it is)."""
    if not is_url(task.source):
        return Path(task.source).expanduser().resolve()
    dest = Path(task.workdir).expanduser().resolve() / task.name
    if not (dest / ".git").exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        completed = subprocess.run(["git", "clone", "--quiet", "--", task.source, str(dest)], capture_output=True,
                                   text=True, stdin=subprocess.DEVNULL, env=_git_env())
        if completed.returncode != 0:
            lines = completed.stderr.strip().splitlines()
            raise GitError(f"git clone: {lines[-1] if lines else f'exit {completed.returncode}'}")
    return dest


def _skip(task: RepoTask, reason: str) -> RepoResult:
    return RepoResult(task.name, task.source, "skipped", reason=reason)


def _migrate(task: RepoTask) -> RepoResult:
    folder = _checkout(task)
    if not folder.is_dir():
        return _skip(task, "no such directory")
    probe = _git(folder, "rev-parse", "--show-toplevel", check=False)
    if probe.returncode != 0:
        return _skip(task, "not a git repository")
    top = Path(probe.stdout.strip()).resolve()
    subdir = folder.relative_to(top)  # a folder inside a repository migrates that folder only
    # a run killed mid-repository (even after its branch was made) left its worktree behind
    _remove_worktree(top, _worktree_path(task, top))
    head = _git(top, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
    if head.returncode != 0:
        if head.stderr.strip():  # --quiet is silent for an unborn HEAD; git speaks when HEAD is corrupt
            raise GitError(f"git rev-parse: {head.stderr.strip().splitlines()[-1]}")
        return _skip(task, "the repository has no commit yet")
    if _git(top, "check-ref-format", "--branch", task.branch, check=False).returncode != 0:
        return RepoResult(task.name, task.source, "failed", reason=f"invalid branch name {task.branch!r}")
    dirty = _out(top, "status", "--porcelain", "--untracked-files=normal").splitlines()
    if dirty:
        return _skip(task, f"uncommitted changes ({len(dirty)} path{'s' if len(dirty) != 1 else ''}, "
                           f"first: {dirty[0][3:]})")
    base = _out(top, "rev-parse", "HEAD")
    existing = _git(top, "rev-parse", "--verify", "--quiet", f"refs/heads/{task.branch}", check=False).stdout.strip()
    if existing and not _ours(top, existing, base):
        return _skip(task, f"branch {task.branch} already exists and was not made by iacfix from this commit")
    if existing and task.write:
        # a previous run committed this already (its state line was lost): report, do not redo
        result = _analyse(task, top, subdir, in_place=True)
        files = _out(top, "diff", "--name-only", base, existing).splitlines()
        result.status, result.files_changed = "changed", files
        result.branch, result.commit = task.branch, existing
        result.reason = "branch already made by iacfix from this commit"
        return _push(task, top, result)
    if not task.write and not task.verify:
        return _analyse(task, top, subdir, in_place=True)
    return _in_worktree(task, top, subdir, base)


def _ours(top: Path, commit: str, base: str) -> bool:
    """Was `commit` made by `iacfix migrate` directly on top of `base`?"""
    parents, _, message = _out(top, "log", "-1", "--format=%P%n%B", commit).partition("\n")
    return parents.split() == [base] and TRAILER in message


def _analyse(task: RepoTask, top: Path, subdir: Path, in_place: bool) -> RepoResult:
    """Run the rules on `top/subdir`; with `in_place` nothing is written (dry run)."""
    from iacfix import api, config as config_mod

    target = top / subdir
    config = config_mod.load(start=target)
    report = api.run([target], config, fix=True, dry_run=in_place, unsafe=task.unsafe,
                     select=task.select, ignore=task.ignore)
    result = RepoResult(task.name, task.source, "unchanged")
    result.files_changed = sorted(Path(r.path).resolve().relative_to(top.resolve()).as_posix() for r in report.changed)
    fixed = Counter(f.rule for r in report.results for f in r.applied)
    remaining = Counter(f.rule for f in report.findings)
    result.fixed, result.remaining = dict(sorted(fixed.items())), dict(sorted(remaining.items()))
    result.slugs = {f.rule: f.slug for r in report.results for f in (*r.applied, *r.findings)}
    result.errors = [f"{_relative(e.path, top)}: {e.message}" for e in report.errors]
    if result.files_changed:
        result.status = "would-change"
    return result


def _relative(path: str, top: Path) -> str:
    try:
        return Path(path).resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return path


def _worktree_path(task: RepoTask, top: Path) -> Path:
    digest = hashlib.sha1(str(top).encode()).hexdigest()[:10]
    return Path(task.workdir).expanduser().resolve() / "worktrees" / f"{task.name}-{digest}"


def _remove_worktree(top: Path, worktree: Path) -> None:
    # a run killed inside `git worktree add` leaves it locked ("initializing"), which prune keeps
    _git(top, "worktree", "unlock", str(worktree), check=False)
    if worktree.exists():
        _git(top, "worktree", "remove", "--force", str(worktree), check=False)
        shutil.rmtree(worktree, ignore_errors=True)
    _git(top, "worktree", "prune", check=False)


def _in_worktree(task: RepoTask, top: Path, subdir: Path, base: str) -> RepoResult:
    """Fix in a detached worktree at HEAD; verify there when asked; with `write`, commit there and
    then create the branch at that commit (the last step)."""
    worktree = _worktree_path(task, top)
    worktree.parent.mkdir(parents=True, exist_ok=True)
    _git(top, *NO_HOOKS, "worktree", "add", "--detach", str(worktree), base)
    try:
        result = _analyse(task, worktree, subdir, in_place=False)
        if task.verify:
            result.verification = _verify(worktree, result.files_changed)
        if not task.write or not result.files_changed:
            return result
        _git(worktree, "add", "--", *result.files_changed)
        _git(worktree, *NO_HOOKS, *_identity(top), "commit", "--quiet", "-m", commit_message(result))
        commit = _out(worktree, "rev-parse", "HEAD")
        _git(top, "branch", task.branch, commit)
        result.status, result.branch, result.commit = "changed", task.branch, commit
        return _push(task, top, result)
    finally:
        _remove_worktree(top, worktree)


def _identity(top: Path) -> list[str]:
    """The repository's own author when configured, else a stand-in iacfix identity."""
    name = _git(top, "config", "user.name", check=False).stdout.strip()
    email = _git(top, "config", "user.email", check=False).stdout.strip()
    if name and email:
        return []
    return ["-c", f"user.name={name or 'iacfix'}", "-c", f"user.email={email or 'iacfix@localhost'}"]


def _push(task: RepoTask, top: Path, result: RepoResult) -> RepoResult:
    if task.push and result.commit:
        pushed = _git(top, "push", "--quiet", "-u", "origin", task.branch, check=False)
        if pushed.returncode != 0:
            lines = (pushed.stderr or pushed.stdout).strip().splitlines()
            result.status = "failed"
            result.reason = f"committed on {task.branch} but push failed: {lines[-1] if lines else pushed.returncode}"
    return result


def _verify(worktree: Path, changed: list[str]) -> dict[str, str]:
    from iacfix.migrate import verify as verify_mod  # cfn-lint and subprocess plumbing: only when asked

    return verify_mod.verify(worktree, changed)


def commit_message(result: RepoResult) -> str:
    """Subject `iacfix: fix N findings (K rules)`, one body line per rule, then the generator."""
    total, rules = sum(result.fixed.values()), len(result.fixed)
    subject = (f"iacfix: fix {total} finding{'s' if total != 1 else ''} "
               f"({rules} rule{'s' if rules != 1 else ''})")
    body = [f"{rule} {result.slugs.get(rule, '')}: {count}".replace(" :", ":")
            for rule, count in sorted(result.fixed.items())]
    return "\n".join([subject, "", *body, "", f"Generated by iacfix {__version__} {TRAILER}"]) + "\n"


# ---------------------------------------------------------------------------------------------
# Many repositories


def run(tasks: list[RepoTask], *, executor: str = "local", jobs: int | None = None,
        state_path: str | Path | None = None, progress: bool = True, ray_address: str | None = None,
        fresh: bool = False) -> list[RepoResult]:
    """Migrate every task, `jobs` at a time, recording each finished repository in the state file.

    Repositories already recorded there (under the same options) are not run again, except those
    that failed; their recorded results are part of the returned list, which follows `tasks`' order.
    """
    from iacfix.migrate import executors, state

    keys = {task.name: state.task_key(task) for task in tasks}
    if state_path is not None and fresh:
        Path(state_path).unlink(missing_ok=True)
    recorded = state.load(state_path) if state_path is not None else {}
    done: dict[str, RepoResult] = {}
    for task in tasks:
        previous = recorded.get(keys[task.name])
        if previous is not None and previous.get("status") != "failed":
            done[task.name] = RepoResult.from_dict(previous)
    pending = [task for task in tasks if task.name not in done]
    if executor == "local":
        results = executors.local(migrate_one, pending, jobs)
    elif executor == "ray":
        results = executors.ray(migrate_one, pending, jobs, address=ray_address)
    else:
        raise ValueError(f"unknown executor {executor!r} (local or ray)")
    with _progress(progress, len(tasks), len(done)) as advance:
        for result in results:
            if state_path is not None:
                state.append(state_path, keys[result.name], result.to_dict())
            done[result.name] = result
            advance(result)
    return [done[task.name] for task in tasks if task.name in done]


@contextlib.contextmanager
def _progress(enabled: bool, total: int, completed: int):
    """A rich progress bar on stderr; yields the function to call as each repository finishes."""
    if not enabled:
        yield lambda result: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("migrate"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task_id = bar.add_task("", total=total, completed=completed)
        yield lambda result: bar.update(task_id, advance=1, description=f"{result.name}: {result.status}")
