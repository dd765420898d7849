"""`iacfix migrate --verify` (the project's oracles on the fixed tree) and the Ray executor.

The fast tests drive each oracle's mechanics with stand-ins (a stub `cdktf` package, a `tsc` script
that prints tsc's error format); the oracle tier runs the real tsc and cdktf bindings from the
cached toolchains. Ray runs as one local instance per test module. A missing toolchain or a
missing ray skips, except under IACFIX_REQUIRE_ORACLES=1 (CI), where it fails.
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_tree
from iacfix import migrate
from iacfix.migrate import RepoTask, executors
from iacfix.migrate.verify import verify

REQUIRED = os.environ.get("IACFIX_REQUIRE_ORACLES") == "1"
TOOLCHAINS = Path(os.environ.get("EVAL_TOOLCHAINS", Path.home() / ".cache" / "iacfix-eval"))
NODE_MODULES = TOOLCHAINS / ".node-cdktf" / "node_modules"
CDKTF_PYTHON = TOOLCHAINS / ".venv-cdktf" / "bin" / "python"


def need(ready: bool, why: str) -> None:
    """Skip when `why` holds, but fail under IACFIX_REQUIRE_ORACLES=1."""
    if not ready:
        if REQUIRED:
            pytest.fail(f"{why} (IACFIX_REQUIRE_ORACLES=1)")
        pytest.skip(why)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                          check=True, capture_output=True, text=True, timeout=60).stdout.strip()


def git_repo(path: Path, files: dict) -> Path:
    write_tree(path, files)
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-qm", "init")
    return path


TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: my-logs-bucket
"""
# E3012: a string where cfn-lint's schema wants a boolean object
BROKEN_TEMPLATE = TEMPLATE + "      VersioningConfiguration: enabled\n"
# W2001 only (an unused parameter): a warning, not an error
WARNING_TEMPLATE = TEMPLATE.replace("Resources:", "Parameters:\n  Unused:\n    Type: String\nResources:")


# ---- cfn-lint --------------------------------------------------------------------------------


def test_cfn_lint_passes_a_valid_template_and_ignores_warnings(tmp_path):
    write_tree(tmp_path, {"stack.yaml": TEMPLATE, "other.yaml": WARNING_TEMPLATE, "notes.yaml": "a: 1\n"})
    assert verify(tmp_path, ["stack.yaml"])["cfn-lint"] == "passed"


def test_cfn_lint_fails_naming_the_template_line_and_rule(tmp_path):
    write_tree(tmp_path, {"stack.yaml": BROKEN_TEMPLATE})
    verdict = verify(tmp_path, ["stack.yaml"])["cfn-lint"]
    assert verdict.startswith("failed: stack.yaml:7 E3012 "), verdict


def test_errors_in_changed_files_are_quoted_first(tmp_path):
    write_tree(tmp_path, {"a.yaml": BROKEN_TEMPLATE, "b.json": json.dumps({
        "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": "soon"}}}})})
    assert verify(tmp_path, ["a.yaml"])["cfn-lint"].startswith("failed: a.yaml:")
    assert verify(tmp_path, ["b.json"])["cfn-lint"].startswith("failed: b.json:")


def test_every_oracle_says_why_it_was_skipped(tmp_path):
    write_tree(tmp_path, {"README.md": "nothing here\n", "tests/test_x.py": "import cdktf\n"})
    assert verify(tmp_path, []) == {"cfn-lint": "skipped: no CloudFormation template",
                                    "tsc": "skipped: no tsconfig.json",
                                    "python-import": "skipped: no CDKTF Python project"}


# ---- Python import ---------------------------------------------------------------------------


@pytest.fixture
def stub_cdktf(tmp_path, monkeypatch):
    """A stand-in `cdktf` package on PYTHONPATH: the import mechanics without the real bindings."""
    write_tree(tmp_path / "site", {"cdktf/__init__.py": "class App:\n    pass\n\n\nclass TerraformStack:\n    pass\n"})
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "site"))
    monkeypatch.delenv("IACFIX_VERIFY_PYTHON", raising=False)


PY_PROJECT = {
    "cdktf.json": '{"language": "python", "app": "python3 main.py"}',
    # the app script cdktf.json runs: verify must compile it, never import it
    "main.py": "from cdktf import App\nfrom lib.stack import AppStack\nraise SystemExit('the app script was executed')\n",
    "lib/__init__.py": "",
    "lib/stack.py": "from cdktf import TerraformStack\nfrom lib.names import PREFIX\n\n\nclass AppStack(TerraformStack):\n"
                    "    name = PREFIX\n",
    "lib/names.py": "PREFIX = 'app'  # used by the cdktf stack\n",
}


def test_python_import_passes_and_leaves_no_bytecode(tmp_path, stub_cdktf, monkeypatch):
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    repo = write_tree(tmp_path / "repo", PY_PROJECT)
    assert verify(repo, ["lib/stack.py"])["python-import"] == "passed"
    assert not list(repo.rglob("__pycache__"))


def test_a_script_that_synthesizes_at_top_level_is_not_imported(tmp_path, stub_cdktf):
    repo = write_tree(tmp_path / "repo", {"stack.py": "from cdktf import TerraformStack\n",
                                          "app.py": "import cdktf\nraise SystemExit('executed')\ncdktf.App().synth()\n"})
    assert verify(repo, [])["python-import"] == "passed"


def test_python_import_failure_names_the_module_and_error(tmp_path, stub_cdktf):
    repo = write_tree(tmp_path / "repo", {**PY_PROJECT, "lib/names.py": "PREFIX = undefined_name  # cdktf\n"})
    verdict = verify(repo, ["lib/names.py"])["python-import"]
    assert verdict.startswith("failed: lib/names.py:1: NameError: name 'undefined_name' is not defined"), verdict


def test_a_syntax_error_in_the_app_script_fails(tmp_path, stub_cdktf):
    repo = write_tree(tmp_path / "repo", {**PY_PROJECT, "main.py": "from cdktf import App\nfrom lib.stack import (AppStack\n"})
    verdict = verify(repo, ["main.py"])["python-import"]
    assert verdict.startswith("failed: main.py:2: SyntaxError:"), verdict


def test_a_module_importing_cdktf_makes_a_python_project_without_cdktf_json(tmp_path, stub_cdktf):
    repo = write_tree(tmp_path / "repo", {"stack.py": "from cdktf import TerraformStak\n"})
    assert verify(repo, [])["python-import"].startswith("failed: stack.py:1: ImportError: cannot import name")


def test_projects_in_subfolders_are_imported_from_their_own_folder(tmp_path, stub_cdktf):
    repo = write_tree(tmp_path / "repo", {**{f"infra/{k}": v for k, v in PY_PROJECT.items()},
                                          "web/cdktf.json": '{"language": "typescript"}', "web/x.py": "import cdktf_nope\n",
                                          "tools/gen.py": "print('no IaC here')\n"})
    assert verify(repo, [])["python-import"] == "passed"
    (repo / "infra" / "lib" / "names.py").write_text("PREFIX = app_name  # cdktf\n")
    assert verify(repo, [])["python-import"].startswith(
        "failed: infra/lib/names.py:1: NameError: name 'app_name' is not defined; infra/lib/stack.py: NameError")


def test_a_project_with_nothing_to_import_says_it_was_only_compiled(tmp_path, stub_cdktf):
    repo = write_tree(tmp_path / "repo", {"cdktf.json": '{"language": "python"}', "util.py": "X = 1\n"})
    assert verify(repo, [])["python-import"] == "passed: compiled (no IaC module to import)"


def test_long_error_lines_are_cut(tmp_path):
    write_tree(tmp_path, {"stack.yaml": TEMPLATE.replace("my-logs-bucket", "x" * 300)})
    verdict = verify(tmp_path, [])["cfn-lint"]
    assert verdict.startswith("failed: stack.yaml:6 E") and max(len(part) for part in verdict.split("; ")) <= 208


def test_bindings_the_interpreter_lacks_make_the_check_skipped(tmp_path, monkeypatch):
    monkeypatch.delenv("IACFIX_VERIFY_PYTHON", raising=False)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "empty"))
    repo = write_tree(tmp_path / "repo", {"stack.py": "import cdktf_no_such_bindings  # cdktf\nimport cdktf\n"})
    verdict = verify(repo, [])["python-import"]
    assert verdict.startswith("skipped: cdktf_no_such_bindings not installed for "), verdict


def test_the_project_interpreter_comes_from_the_environment(tmp_path, monkeypatch):
    # a stand-in interpreter that reports one import error whatever it is asked
    fake = write_tree(tmp_path / "bin", {"python": "#!/bin/sh\necho 'IACFIX_VERIFY {\"errors\": "
                                                   "[[\"stack.py\", \"stack.py: from the fake\"]], \"missing\": []}'\n"})
    (fake / "python").chmod(0o755)
    monkeypatch.setenv("IACFIX_VERIFY_PYTHON", str(fake / "python"))
    repo = write_tree(tmp_path / "repo", {"stack.py": "import cdktf\n"})
    assert verify(repo, [])["python-import"] == "failed: stack.py: from the fake"


def test_an_import_that_hangs_is_stopped_by_the_timeout(tmp_path, stub_cdktf):
    repo = write_tree(tmp_path / "repo", {"stack.py": "import cdktf\nwhile True:\n    pass\n"})
    assert verify(repo, [], timeout=1)["python-import"] == "failed: importing the modules ran over 1s"


# ---- tsc (mechanics with a stand-in tsc) -----------------------------------------------------

TS_PROJECT = {
    "tsconfig.json": '{"compilerOptions": {"strict": true}}',
    "package.json": '{"dependencies": {"cdktf": "0.21.0"}}',
    "main.ts": "export const x = 1;\n",
}


def fake_tsc(folder: Path, script: str) -> None:
    """`node_modules/.bin/tsc` as a shell script (tsc's output format, without node's start-up)."""
    write_tree(folder, {"node_modules/.bin/tsc": "#!/bin/sh\n" + script})
    (folder / "node_modules" / ".bin" / "tsc").chmod(0o755)


@pytest.fixture
def with_node():
    need(shutil.which("node") is not None, "node is not installed")


def test_tsc_passes_when_it_exits_zero_and_gets_no_emit(tmp_path, with_node):
    repo = write_tree(tmp_path / "repo", TS_PROJECT)
    fake_tsc(repo, 'echo "$@" > args.txt\nexit 0\n')
    assert verify(repo, ["main.ts"])["tsc"] == "passed"
    assert (repo / "args.txt").read_text().split() == ["--noEmit", "-p", "."]


def test_tsc_errors_are_quoted_with_their_files(tmp_path, with_node):
    repo = write_tree(tmp_path / "repo", TS_PROJECT)
    fake_tsc(repo, "echo 'lib/a.ts(3,5): error TS2353: Object literal may only specify known properties'\n"
                   "echo \"main.ts(1,1): error TS2304: Cannot find name 'y'.\"\nexit 2\n")
    assert verify(repo, ["main.ts"])["tsc"] == ("failed: main.ts(1,1): error TS2304: Cannot find name 'y'.; "
                                                 "lib/a.ts(3,5): error TS2353: Object literal may only specify known properties")


def test_tsc_missing_or_dependencies_missing_is_skipped(tmp_path, monkeypatch, with_node):
    repo = write_tree(tmp_path / "repo", TS_PROJECT)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "node").symlink_to(shutil.which("node"))
    monkeypatch.setenv("PATH", str(bin_dir))
    assert verify(repo, [])["tsc"].startswith("skipped: tsc not found")
    (bin_dir / "tsc").symlink_to("/bin/true")
    assert verify(repo, [])["tsc"] == "skipped: dependencies not installed (no node_modules; run npm ci first)"


def test_a_worktree_borrows_the_checkouts_node_modules_only_while_tsc_runs(tmp_path, with_node):
    repo = git_repo(tmp_path / "repo", {**TS_PROJECT, ".gitignore": "node_modules/\n"})
    fake_tsc(repo, "test -d node_modules/.bin || { echo 'main.ts(1,1): error TS2307: no deps'; exit 2; }\n")
    worktree = tmp_path / "wt"
    git(repo, "worktree", "add", "-q", "--detach", str(worktree), "HEAD")
    assert verify(worktree, ["main.ts"])["tsc"] == "passed"
    assert not (worktree / "node_modules").exists()
    assert git(worktree, "status", "--porcelain") == ""


# ---- the real oracles (cached toolchains) ----------------------------------------------------

TS_CDKTF = {
    "tsconfig.json": json.dumps({"compilerOptions": {"target": "ES2020", "module": "commonjs", "strict": True,
                                                     "skipLibCheck": True, "types": []}, "include": ["main.ts"]}),
    "main.ts": 'import { App, TerraformStack } from "cdktf";\n'
               'import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";\n'
               'const stack = new TerraformStack(new App(), "s");\n'
               'new S3Bucket(stack, "b", { bucket: "my-logs-bucket" });\n',
}


@pytest.mark.oracle
def test_real_tsc_passes_and_fails(tmp_path):
    need((NODE_MODULES / "typescript").is_dir() and shutil.which("node") is not None,
         f"TypeScript toolchain missing in {NODE_MODULES} (run ../shared/eval/setup_env.sh)")
    good = write_tree(tmp_path / "good", TS_CDKTF)
    bad = write_tree(tmp_path / "bad", {**TS_CDKTF, "main.ts": TS_CDKTF["main.ts"].replace("bucket:", "bucketName:")})
    for project in (good, bad):
        (project / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    assert verify(good, ["main.ts"])["tsc"] == "passed"
    assert verify(bad, ["main.ts"])["tsc"].startswith("failed: main.ts(4,28): error TS2353: ")


@pytest.mark.oracle
def test_real_cdktf_bindings_import(tmp_path, monkeypatch):
    """One run (the bindings take ~20 s to load): the good module imports, only the bad one is named."""
    need(CDKTF_PYTHON.exists(), f"cdktf virtualenv missing at {CDKTF_PYTHON} (run ../shared/eval/setup_env.sh)")
    monkeypatch.setenv("IACFIX_VERIFY_PYTHON", str(CDKTF_PYTHON))
    repo = write_tree(tmp_path / "repo", {
        "cdktf.json": '{"language": "python", "app": "python3 main.py"}',
        "good.py": "from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\nfrom cdktf import TerraformStack\n",
        "bad.py": "from cdktf import TerraformStack\nfrom cdktf_cdktf_provider_aws.s3 import S3Bucket\n"})
    assert verify(repo, ["bad.py"])["python-import"] == \
        "failed: bad.py:2: ModuleNotFoundError: No module named 'cdktf_cdktf_provider_aws.s3'"


# ---- the Ray executor ------------------------------------------------------------------------


def test_the_ray_executor_without_ray_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` raise ImportError
    with pytest.raises(RuntimeError, match=r"pip install 'iacfix\[ray\]'"):
        executors.ray(str, [1])  # raised at the call, before any progress is drawn


@pytest.fixture(scope="module")
def local_ray():
    try:
        import ray
    except ImportError:
        need(False, "ray is not installed (pip install 'iacfix[ray]')")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


def test_the_ray_executor_yields_every_result_whatever_the_cap(local_ray):
    assert sorted(executors.ray(json.dumps, range(5), jobs=1)) == ["0", "1", "2", "3", "4"]
    assert sorted(executors.ray(json.dumps, ["a", "b"], jobs=None)) == ['"a"', '"b"']
    assert local_ray.is_initialized(), "a Ray session the caller started must be left running"


def test_migrate_on_ray_gives_the_same_results_as_locally(tmp_path, local_ray):
    # TEMPLATE lacks BucketEncryption: IAC314 has a safe fix for it
    sources = [git_repo(tmp_path / "fixable", {"stack.yaml": TEMPLATE}),
               git_repo(tmp_path / "clean", {"README.md": "no IaC here\n"}),
               write_tree(tmp_path / "plain", {"stack.yaml": TEMPLATE}),  # not a git repository
               git_repo(tmp_path / "dirty", {"stack.yaml": TEMPLATE})]
    (tmp_path / "dirty" / "stack.yaml").write_text(TEMPLATE + "# edited\n")
    tasks = [RepoTask(source=str(path), name=path.name, branch="iacfix/test", verify=True,
                      workdir=str(tmp_path / "work")) for path in sources]
    on_ray = migrate.run(tasks, executor="ray", jobs=2, progress=False)
    local = migrate.run(tasks, executor="local", jobs=1, progress=False)

    def comparable(results):
        return [{**r.to_dict(), "seconds": None} for r in results]
    assert comparable(on_ray) == comparable(local)
    assert [r.status for r in on_ray] == ["would-change", "unchanged", "skipped", "skipped"]
    assert on_ray[0].files_changed == ["stack.yaml"] and on_ray[0].verification["cfn-lint"] == "passed"


def test_migrate_write_on_ray_commits_one_branch(tmp_path, local_ray):
    repo = git_repo(tmp_path / "svc", {"stack.yaml": TEMPLATE})
    head = git(repo, "rev-parse", "HEAD")
    task = RepoTask(source=str(repo), name="svc", branch="iacfix/test", write=True, workdir=str(tmp_path / "work"))
    [result] = migrate.run([task], executor="ray", progress=False)
    assert result.status == "changed", result
    assert git(repo, "rev-parse", "iacfix/test^") == head == git(repo, "rev-parse", "HEAD")
    assert (repo / "stack.yaml").read_text() == TEMPLATE
    assert "BucketEncryption" in git(repo, "show", "iacfix/test:stack.yaml")
