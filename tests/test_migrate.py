"""`iacfix migrate` unit tests: task lists, the state file, git handling, reports and the command.

Repositories are made here from a golden case (its `before/` tree committed; its reviewed `after/`
tree is what the migration must commit), so every expectation comes from outside the migration code.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import types
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iacfix import api, migrate
from iacfix.cli import app
from iacfix.migrate import RepoResult, RepoTask, state
from iacfix.migrate import report as migrate_report
from conftest import ROOT, tree, write_tree

CASE = ROOT / "golden" / "provider-class-name" / "py-seed-004-sse-config"
SELECT = ["IAC101"]
BRANCH = "iacfix/test"
IDENTITY = ["-c", "user.name=Repo Owner", "-c", "user.email=owner@example.com"]


@pytest.fixture(autouse=True)
def isolated_git(tmp_path, monkeypatch):
    """No global or system git config: the tests must not depend on the machine's identity."""
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


def make_repo(path: Path, files: dict | Path, configure_user: bool = True) -> Path:
    """A git repository at `path` with `files` (a dict, or a folder to copy) in one commit."""
    path.mkdir(parents=True)
    if isinstance(files, Path):
        files = tree(files)
    write_tree(path, files)
    git(path, "init", "-q", "-b", "main")
    if configure_user:
        git(path, "config", "user.name", "Repo Owner")
        git(path, "config", "user.email", "owner@example.com")
    git(path, "add", "-A")
    git(path, *IDENTITY, "commit", "-q", "-m", "initial")
    return path


def task(repo: Path | str, **options) -> RepoTask:
    options = {"branch": BRANCH, "select": SELECT, "workdir": str(Path.cwd() / "work"), **options}
    return RepoTask(source=str(repo), name=Path(str(repo)).name, **options)


def files(repo: Path) -> dict[str, bytes]:
    """The checkout's files, without git's own folder."""
    return {rel: data for rel, data in tree(repo).items() if not rel.startswith(".git/")}


def branches(repo: Path) -> list[str]:
    return git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads").splitlines()


@pytest.fixture
def fixable(tmp_path) -> Path:
    return make_repo(tmp_path / "fixable", CASE / "before")


# --- task lists ---------------------------------------------------------------------------------


def test_sources_from_folders_urls_and_listing_files(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "lists" / "two").mkdir(parents=True)
    listing = tmp_path / "lists" / "repos.txt"
    listing.write_text("# our services\n\ntwo   # relative to this file\nhttps://git.example.com/org/api.git\n"
                       f"{tmp_path / 'one'}\n")
    sources = migrate.expand_sources([str(tmp_path / "one"), str(listing), "git@example.com:org/web.git"])
    assert sources == [str(tmp_path / "one"), str(tmp_path / "lists" / "two"), "https://git.example.com/org/api.git",
                       str(tmp_path / "one"), "git@example.com:org/web.git"]
    with pytest.raises(ValueError, match="missing"):
        migrate.expand_sources([str(tmp_path / "missing")])


def test_tasks_have_unique_names_and_each_source_once(tmp_path):
    (tmp_path / "a" / "api").mkdir(parents=True)
    (tmp_path / "b" / "api").mkdir(parents=True)
    sources = [str(tmp_path / "a" / "api"), str(tmp_path / "b" / "api"), str(tmp_path / "a" / "api"),
               "https://git.example.com/org/api.git", "git@example.com:org/web.git"]
    tasks = migrate.make_tasks(sources, branch=BRANCH)
    assert [t.name for t in tasks] == ["api", "api-2", "api-3", "web"]
    assert all(t.branch == BRANCH and not t.write for t in tasks)


# --- state file ---------------------------------------------------------------------------------


def test_state_round_trip_ignores_a_torn_last_line(tmp_path):
    path = tmp_path / "state.jsonl"
    first = RepoResult("a", "/r/a", "changed", files_changed=["x.py"], fixed={"IAC101": 2}, commit="abc")
    state.append(path, "k1", first.to_dict())
    with open(path, "a") as handle:
        handle.write('{"key": "k2", "result": {"name": "b", "sta')  # killed mid-write
    assert {k: RepoResult.from_dict(v) for k, v in state.load(path).items()} == {"k1": first}
    state.append(path, "k3", RepoResult("c", "/r/c", "unchanged").to_dict())  # the next run appends
    assert sorted(state.load(path)) == ["k1", "k3"]
    assert state.load(tmp_path / "absent.jsonl") == {}


def test_state_key_depends_on_source_and_options(tmp_path):
    base = task(tmp_path / "r")
    assert state.task_key(base) == state.task_key(task(str(tmp_path / "x" / ".." / "r")))
    assert state.task_key(base) != state.task_key(task(tmp_path / "r", write=True))
    assert state.task_key(base) != state.task_key(task(tmp_path / "r", select=["IAC102"]))
    assert state.task_key(base) != state.task_key(task(tmp_path / "other"))


# --- commit message -----------------------------------------------------------------------------


def test_commit_message_lists_rules_and_counts():
    result = RepoResult("a", "a", "changed", fixed={"IAC102": 3, "IAC101": 1},
                        slugs={"IAC101": "provider-class-name", "IAC102": "nested-block-shape"})
    assert migrate.commit_message(result) == (
        "iacfix: fix 4 findings (2 rules)\n\n"
        "IAC101 provider-class-name: 1\n"
        "IAC102 nested-block-shape: 3\n\n"
        f"Generated by iacfix {migrate.__version__} (iacfix migrate).\n")
    single = RepoResult("a", "a", "changed", fixed={"IAC101": 1}, slugs={"IAC101": "provider-class-name"})
    assert migrate.commit_message(single).startswith("iacfix: fix 1 finding (1 rule)\n")


# --- skips --------------------------------------------------------------------------------------


def test_not_a_git_repository_is_skipped(tmp_path):
    plain = write_tree(tmp_path / "plain", tree(CASE / "before"))
    result = migrate.migrate_one(task(plain, write=True))
    assert (result.status, result.reason) == ("skipped", "not a git repository")
    assert tree(plain) == tree(CASE / "before")


def test_uncommitted_changes_are_skipped_untracked_included(fixable):
    (fixable / "notes.txt").write_text("draft\n")
    result = migrate.migrate_one(task(fixable, write=True))
    assert result.status == "skipped" and "uncommitted changes" in result.reason and "notes.txt" in result.reason
    assert branches(fixable) == ["main"]


def test_existing_branch_not_made_by_iacfix_is_skipped(fixable):
    git(fixable, "branch", BRANCH)
    result = migrate.migrate_one(task(fixable, write=True))
    assert result.status == "skipped" and "already exists" in result.reason
    assert git(fixable, "rev-parse", BRANCH) == git(fixable, "rev-parse", "main")


def test_a_missing_source_fails_with_the_reason(tmp_path):
    result = migrate.migrate_one(task("file:///nonexistent/repo.git"))
    assert result.status == "failed" and "clone" in result.reason


# --- dry run and --write ------------------------------------------------------------------------


def test_dry_run_writes_nothing_and_reports_what_would_change(fixable):
    before = files(fixable)
    head = git(fixable, "rev-parse", "HEAD")
    result = migrate.migrate_one(task(fixable))
    assert result.status == "would-change"
    assert result.files_changed == ["lib/tap_stack.py"]  # the only file golden before/after differ in
    expected = Counter(f.rule for f in api.run([CASE / "before"], select=SELECT).findings)
    assert result.fixed == dict(expected) and result.remaining == {}
    assert (result.branch, result.commit) == (None, None)
    assert files(fixable) == before and git(fixable, "rev-parse", "HEAD") == head and branches(fixable) == ["main"]


def test_write_makes_one_commit_on_a_new_branch_and_leaves_the_checkout(fixable):
    before = files(fixable)
    head = git(fixable, "rev-parse", "HEAD")
    result = migrate.migrate_one(task(fixable, write=True))
    assert result.status == "changed", result.reason
    assert result.branch == BRANCH and result.commit == git(fixable, "rev-parse", BRANCH)
    assert git(fixable, "rev-list", "--count", f"main..{BRANCH}") == "1"
    assert git(fixable, "rev-parse", f"{BRANCH}^") == head
    assert git(fixable, "diff", "--name-only", "main", BRANCH).splitlines() == ["lib/tap_stack.py"]
    committed = git(fixable, "show", f"{BRANCH}:lib/tap_stack.py") + "\n"
    assert committed == (CASE / "after" / "lib" / "tap_stack.py").read_text()
    assert git(fixable, "log", "-1", "--format=%an <%ae>", BRANCH) == "Repo Owner <owner@example.com>"
    assert git(fixable, "log", "-1", "--format=%s", BRANCH).startswith("iacfix: fix ")
    # the user's checkout, HEAD and current branch are as they were, and no worktree is left
    assert files(fixable) == before and git(fixable, "rev-parse", "HEAD") == head
    assert git(fixable, "symbolic-ref", "--short", "HEAD") == "main"
    assert len(git(fixable, "worktree", "list").splitlines()) == 1
    assert git(fixable, "status", "--porcelain") == ""


def test_write_without_a_configured_author_uses_the_iacfix_identity(tmp_path):
    repo = make_repo(tmp_path / "anon", CASE / "before", configure_user=False)
    result = migrate.migrate_one(task(repo, write=True))
    assert result.status == "changed", result.reason
    assert git(repo, "log", "-1", "--format=%an <%ae>", BRANCH) == "iacfix <iacfix@localhost>"
    # and nothing was configured on the user's behalf
    assert subprocess.run(["git", "-C", str(repo), "config", "user.name"], capture_output=True).returncode == 1


def test_the_repositorys_hooks_do_not_run(fixable, tmp_path):
    hooks = fixable / ".git" / "hooks"
    marker = tmp_path / "hook-ran"
    for hook in ("pre-commit", "commit-msg", "post-checkout", "post-commit"):
        (hooks / hook).write_text(f"#!/bin/sh\necho {hook} >> {marker}\nexit 1\n")
        (hooks / hook).chmod(0o755)
    result = migrate.migrate_one(task(fixable, write=True))
    assert result.status == "changed", result.reason
    assert not marker.exists()


def test_a_repository_without_changes_gets_no_branch(tmp_path):
    repo = make_repo(tmp_path / "clean", {"README.md": "# nothing to fix\n"})
    result = migrate.migrate_one(task(repo, write=True))
    assert result.status == "unchanged" and result.files_changed == []
    assert branches(repo) == ["main"]


def test_a_branch_made_by_an_earlier_run_is_reported_not_redone(fixable):
    first = migrate.migrate_one(task(fixable, write=True))
    again = migrate.migrate_one(task(fixable, write=True))
    assert again.status == "changed" and again.commit == first.commit
    assert again.files_changed == ["lib/tap_stack.py"]
    assert git(fixable, "rev-list", "--count", f"main..{BRANCH}") == "1"


def test_a_worktree_left_by_a_killed_run_is_cleared(fixable):
    stale = migrate._worktree_path(task(fixable), fixable.resolve())
    stale.parent.mkdir(parents=True)
    git(fixable, "worktree", "add", "--detach", str(stale), "HEAD")
    (stale / "lib" / "tap_stack.py").write_text("half-done\n")
    result = migrate.migrate_one(task(fixable, write=True))
    assert result.status == "changed", result.reason
    committed = git(fixable, "show", f"{BRANCH}:lib/tap_stack.py") + "\n"
    assert committed == (CASE / "after" / "lib" / "tap_stack.py").read_text()
    assert len(git(fixable, "worktree", "list").splitlines()) == 1 and not stale.exists()


def test_a_worktree_killed_while_being_added_is_cleared(fixable):
    # `git worktree add` locks the worktree while it initialises: killed then, it stays registered,
    # locked, maybe without its folder, and prune alone keeps it
    stale = migrate._worktree_path(task(fixable), fixable.resolve())
    stale.parent.mkdir(parents=True)
    git(fixable, "worktree", "add", "--detach", str(stale), "HEAD")
    git(fixable, "worktree", "lock", "--reason", "initializing", str(stale))
    shutil.rmtree(stale)
    result = migrate.migrate_one(task(fixable, write=True))
    assert result.status == "changed", result.reason
    assert len(git(fixable, "worktree", "list").splitlines()) == 1 and not stale.exists()


def test_a_git_url_is_cloned_into_the_workdir(fixable, tmp_path):
    url = fixable.resolve().as_uri()
    result = migrate.migrate_one(RepoTask(source=url, name="cloned", branch=BRANCH, select=SELECT, write=True,
                                          workdir=str(tmp_path / "clones")))
    assert result.status == "changed", result.reason
    clone = tmp_path / "clones" / "cloned"
    assert git(clone, "rev-parse", BRANCH) == result.commit
    assert branches(fixable) == ["main"]  # nothing pushed without --push


def test_push_sends_the_branch_to_origin(fixable, tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(fixable, "remote", "add", "origin", str(remote))
    git(fixable, "push", "-q", "origin", "main")
    result = migrate.migrate_one(task(fixable, write=True, push=True))
    assert result.status == "changed", result.reason
    assert git(remote, "rev-parse", BRANCH) == result.commit
    assert git(fixable, "rev-parse", "--abbrev-ref", f"{BRANCH}@{{upstream}}") == f"origin/{BRANCH}"


def test_verify_sees_the_fixed_tree(fixable, monkeypatch):
    seen = {}

    def fake_verify(repo_dir: Path, changed_files: list[str]) -> dict[str, str]:
        seen["text"] = (repo_dir / "lib" / "tap_stack.py").read_text()
        seen["files"] = changed_files
        return {"python-import": "failed: ImportError: boom"}

    fake = types.SimpleNamespace(verify=fake_verify)
    monkeypatch.setitem(sys.modules, "iacfix.migrate.verify", fake)
    monkeypatch.setattr(migrate, "verify", fake, raising=False)  # in case the real one was imported
    result = migrate.migrate_one(task(fixable, verify=True))
    assert result.status == "would-change" and result.verification == {"python-import": "failed: ImportError: boom"}
    assert result.verification_failed
    assert seen == {"text": (CASE / "after" / "lib" / "tap_stack.py").read_text(), "files": ["lib/tap_stack.py"]}
    assert branches(fixable) == ["main"]


# --- many repositories --------------------------------------------------------------------------


def test_a_failing_repository_does_not_stop_the_others(fixable, tmp_path):
    clean = make_repo(tmp_path / "clean", {"README.md": "hello\n"})
    tasks = [task("file:///nonexistent/broken.git"), task(fixable, write=True), task(clean, write=True)]
    tasks[0].name = "broken"
    results = migrate.run(tasks, jobs=2, state_path=tmp_path / "state.jsonl", progress=True)
    assert [(r.name, r.status) for r in results] == [("broken", "failed"), ("fixable", "changed"),
                                                      ("clean", "unchanged")]
    assert len(state.load(tmp_path / "state.jsonl")) == 3


def test_resume_reuses_recorded_results_and_retries_failures(fixable, tmp_path, monkeypatch):
    path = tmp_path / "state.jsonl"
    calls = []
    real = migrate.migrate_one

    def counting(t):
        calls.append(t.name)
        return real(t)

    monkeypatch.setattr(migrate, "migrate_one", counting)
    broken = task("file:///nonexistent/broken.git")
    broken.name = "broken"
    first = migrate.run([task(fixable), broken], jobs=1, state_path=path, progress=False)
    (fixable / "later.txt").write_text("dirty now\n")  # a re-run would skip it: the recorded result must win
    second = migrate.run([task(fixable), broken], jobs=1, state_path=path, progress=False)
    assert calls == ["fixable", "broken", "broken"]
    assert second[0] == first[0] and second[0].status == "would-change"
    fresh = migrate.run([task(fixable), broken], jobs=1, state_path=path, progress=False, fresh=True)
    assert fresh[0].status == "skipped"
    assert [RepoResult.from_dict(r).status for r in state.load(path).values()] == ["skipped", "failed"]


# --- reports and the command --------------------------------------------------------------------


def test_report_files_hold_every_repository(tmp_path):
    results = [RepoResult("api", "/r/api", "changed", files_changed=["main.py"], fixed={"IAC101": 2},
                          slugs={"IAC101": "provider-class-name"}, branch=BRANCH, commit="c0ffee",
                          verification={"tsc": "passed"}),
               RepoResult("web", "/r/web", "skipped", reason="not a git repository")]
    json_path, md_path = migrate_report.write(results, tmp_path / "out" / "report.json")
    assert (json_path.name, md_path.name) == ("report.json", "report.md")
    data = json.loads(json_path.read_text())
    assert data["summary"] == {"changed": 1, "would-change": 0, "unchanged": 0, "skipped": 1, "failed": 0}
    assert [RepoResult.from_dict(r) for r in data["repositories"]] == results
    markdown = md_path.read_text()
    assert "## api" in markdown and "## web" in markdown
    assert "- IAC101 provider-class-name: 2" in markdown and "not a git repository" in markdown
    assert "| api | changed | 1 | IAC101×2 | tsc: passed |" in markdown


def test_cli_usage_errors_exit_2(fixable):
    runner = CliRunner()
    assert runner.invoke(app, ["migrate", str(fixable), "--push"]).exit_code == 2
    assert runner.invoke(app, ["migrate", str(fixable), "--select", "NOPE999"]).exit_code == 2
    assert runner.invoke(app, ["migrate", "no/such/thing"]).exit_code == 2
    assert runner.invoke(app, ["migrate", str(fixable), "--executor", "dask"]).exit_code == 2


def test_cli_dry_run_then_write_with_reports(fixable, tmp_path):
    runner = CliRunner()
    listing = tmp_path / "repos.txt"
    listing.write_text(f"# one repository\n{fixable}\n")
    common = ["--select", "IAC101", "--branch", BRANCH, "--no-progress", "--jobs", "1"]
    dry = runner.invoke(app, ["migrate", str(listing), *common, "--report", str(tmp_path / "dry")])
    assert dry.exit_code == 0, dry.output
    assert json.loads((tmp_path / "dry.json").read_text())["summary"]["would-change"] == 1
    assert branches(fixable) == ["main"]
    wrote = runner.invoke(app, ["migrate", str(fixable), *common, "--write"])
    assert wrote.exit_code == 0, wrote.output
    assert json.loads(Path("iacfix-migrate-report.json").read_text())["summary"]["changed"] == 1
    assert Path(".iacfix-migrate-state.jsonl").is_file() and Path("iacfix-migrate-report.md").is_file()
    assert git(fixable, "rev-list", "--count", f"main..{BRANCH}") == "1"
    failing = runner.invoke(app, ["migrate", "file:///nonexistent/x.git", *common])
    assert failing.exit_code == 1


def test_cli_default_branch_is_dated(fixable):
    result = CliRunner().invoke(app, ["migrate", str(fixable), "--select", "IAC101", "--write", "--no-progress",
                                      "--jobs", "1"])
    assert result.exit_code == 0, result.output
    import datetime
    assert branches(fixable) == [f"iacfix/{datetime.date.today():%Y-%m-%d}", "main"]
