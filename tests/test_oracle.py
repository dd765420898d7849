"""Oracle tier: every golden after/ (and the shipped examples, once fixed) passes the real toolchain.

cfn-lint for CloudFormation, `tsc` + synth against @cdktf/provider-aws 21.22.1 for TypeScript,
compile + import + synth against cdktf-cdktf-provider-aws 21.22.1 for Python — through the oracle
scripts in ../shared/eval (toolchains installed by its setup_env.sh). Skipped when the toolchains are
absent, unless IACFIX_REQUIRE_ORACLES=1 (as in CI), where that is a failure.
"""
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT
from iacfix import api

pytestmark = pytest.mark.oracle

EVAL = Path(os.environ.get("IACFIX_EVAL", ROOT.parent / "shared" / "eval"))
TOOLCHAINS = Path(os.environ.get("EVAL_TOOLCHAINS", Path.home() / ".cache" / "iacfix-eval"))
READY = EVAL.is_dir() and (TOOLCHAINS / ".venv-cdktf" / "bin" / "python").exists() and \
    (TOOLCHAINS / ".node-cdktf" / "node_modules" / "typescript").exists()

if not READY:
    if os.environ.get("IACFIX_REQUIRE_ORACLES") == "1":
        raise RuntimeError(f"oracle toolchains missing ({EVAL}, {TOOLCHAINS}); run ../shared/eval/setup_env.sh")
    pytest.skip("oracle toolchains not installed (run ../shared/eval/setup_env.sh)", allow_module_level=True)


def oracle(project: Path) -> dict:
    files = [p.suffix for p in project.rglob("*") if p.is_file()]
    if ".py" in files:
        cmd = ["oracle_cdktf_py.py", str(project), "--stages", "compile,import,synth"]
    elif ".ts" in files:
        cmd = ["oracle_cdktf_ts.py", str(project), "--synth"]
    else:
        cmd = ["oracle_cfn.py", str(project)]
    proc = subprocess.run([sys.executable, str(EVAL / cmd[0]), *cmd[1:]], capture_output=True, text=True,
                          timeout=900)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, proc.stderr[-2000:]
    return json.loads(lines[-1])


CASES = sorted(p.parent for p in (ROOT / "golden").glob("*/*/case.toml"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_golden_after_passes_the_oracle(case):
    meta = tomllib.loads((case / "case.toml").read_text())
    if str(meta.get("oracle", "")).startswith("skip"):
        pytest.skip(f"case.toml: oracle = {meta['oracle']!r}")
    result = oracle(case / "after")
    assert result["ok"], result["errors"][:5]
    before_expect = str(meta.get("before_oracle", ""))
    if before_expect.startswith("fails"):
        before = oracle(case / "before")
        assert not before["ok"], "before/ is declared broken but passes the oracle"


@pytest.mark.parametrize("example", ["cdktf-python", "cdktf-typescript", "cloudformation"])
def test_examples_pass_the_oracle_once_fixed(example, tmp_path):
    work = tmp_path / example
    shutil.copytree(ROOT / "examples" / example, work)
    assert not oracle(work)["ok"], "the shipped example should be broken before the fix"
    report = api.run([work], fix=True, unsafe=True)
    assert report.changed and not report.errors
    result = oracle(work)
    assert result["ok"], result["errors"][:5]


MIXED = ROOT / "tests" / "fixtures" / "mixed-defects"


@pytest.mark.parametrize("project", ["cdktf-python", "cdktf-typescript"])
def test_a_project_with_every_family_mixed_is_repaired(project, tmp_path):
    """Issue 6: a realistic project with 15+ defects from the repair families and the seed families
    (listed in its README) synthesizes after one `apply --unsafe-fixes`, and nothing fixable is left."""
    work = tmp_path / project
    shutil.copytree(MIXED / project, work)
    assert not oracle(work)["ok"], "the fixture should be broken before the fix"
    report = api.run([work], fix=True, unsafe=True)
    assert report.changed and not report.errors
    result = oracle(work)
    assert result["ok"], result["errors"][:5]
    left = api.run([work], unsafe=True)
    assert not [f for f in left.findings if f.fixable], [f"{f.rule} {f.message}" for f in left.findings if f.fixable]
