import json
import os
import pty
import subprocess
import sys

from typer.testing import CliRunner

from conftest import tree, write_tree
from iacfix.cli import app

runner = CliRunner()

PY_BAD = """\
from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning


class Stack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        S3BucketVersioning(self, "v", bucket="b", versioning_configuration={"status": "Enabled"})
"""
PY_GOOD = PY_BAD.replace("S3BucketVersioning(", "S3BucketVersioningA(").replace("import S3BucketVersioning\n", "import S3BucketVersioningA\n")


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_check_reports_and_exits_1(tmp_path):
    write_tree(tmp_path, {"lib/stack.py": PY_BAD})
    result = invoke("check", tmp_path)
    assert result.exit_code == 1
    assert "IAC101" in result.stdout and "lib/stack.py:3:" in result.stdout


def test_check_clean_exits_0(tmp_path):
    write_tree(tmp_path, {"lib/stack.py": PY_GOOD})
    assert invoke("check", tmp_path).exit_code == 0


def test_dry_run_writes_nothing_and_exits_1(tmp_path):
    write_tree(tmp_path, {"lib/stack.py": PY_BAD})
    before = tree(tmp_path)
    result = invoke("apply", "--dry-run", tmp_path)
    assert result.exit_code == 1
    assert "-from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning\n" in result.stdout
    assert "+from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA\n" in result.stdout
    assert tree(tmp_path) == before


def test_apply_fixes_then_check_is_clean_and_second_apply_is_noop(tmp_path):
    write_tree(tmp_path, {"lib/stack.py": PY_BAD})
    os.chmod(tmp_path / "lib/stack.py", 0o640)
    assert invoke("apply", tmp_path).exit_code == 0
    assert (tmp_path / "lib/stack.py").read_text() == PY_GOOD
    assert oct((tmp_path / "lib/stack.py").stat().st_mode & 0o777) == oct(0o640), "file mode kept"
    assert invoke("check", tmp_path).exit_code == 0
    snapshot = tree(tmp_path)
    assert invoke("apply", tmp_path).exit_code == 0
    assert tree(tmp_path) == snapshot
    assert not [p for p in (tmp_path / "lib").iterdir() if p.name.endswith(".iacfix")], "no temp files left"


def test_select_and_ignore(tmp_path):
    write_tree(tmp_path, {"lib/stack.py": PY_BAD})
    assert invoke("check", "--select", "IAC102", tmp_path).exit_code == 0
    assert invoke("check", "--ignore", "provider-class-name", tmp_path).exit_code == 0
    assert invoke("check", "--select", "IAC1", tmp_path).exit_code == 1
    bad = invoke("check", "--select", "NOPE999", tmp_path)
    assert bad.exit_code == 2


def test_json_and_sarif(tmp_path):
    write_tree(tmp_path, {"lib/stack.py": PY_BAD})
    data = json.loads(invoke("check", "--format", "json", tmp_path).stdout)
    assert data["findings"][0]["rule"] == "IAC101"
    assert data["findings"][0]["fix"]["applicability"] == "safe"
    sarif = json.loads(invoke("check", "--format", "sarif", tmp_path).stdout)
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["results"][0]["ruleId"] == "IAC101"
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    gh = invoke("check", "--format", "github", tmp_path).stdout
    assert gh.startswith("::error file=")


def test_suppression_comments(tmp_path):
    line = "from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning"
    write_tree(tmp_path, {"a.py": PY_BAD.replace(line, line + "  # iacfix: ignore[IAC101]"),
                          "b.py": PY_BAD.replace(line, "# iacfix: ignore[provider-class-name]\n" + line),
                          "c.py": "# iacfix: ignore-file\n" + PY_BAD,
                          "d.py": PY_BAD.replace(line, line + "  # iacfix: ignore[IAC102]")})
    result = invoke("check", "--format", "json", tmp_path)
    paths = {os.path.basename(f["path"]) for f in json.loads(result.stdout)["findings"]}
    assert paths == {"d.py"}


def test_config_file_select(tmp_path):
    write_tree(tmp_path, {"lib/stack.py": PY_BAD, ".iacfix.toml": 'ignore = ["IAC101"]\n'})
    assert invoke("check", tmp_path / "lib").exit_code == 0
    write_tree(tmp_path, {".iacfix.toml": 'bogus = 1\n'})
    assert invoke("check", tmp_path).exit_code == 2


def test_rules_and_explain():
    listing = invoke("rules")
    assert listing.exit_code == 0 and "IAC101" in listing.stdout and "provider-class-name" in listing.stdout
    explained = invoke("explain", "IAC102")
    assert explained.exit_code == 0 and "before:" in explained.stdout and "after:" in explained.stdout
    assert invoke("explain", "nope").exit_code == 2


def _diff_output(tmp_path, tty: bool) -> bytes:
    cmd = [sys.executable, "-m", "iacfix", "apply", "--dry-run", str(tmp_path)]
    if not tty:
        return subprocess.run(cmd, capture_output=True).stdout
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.executable, cmd)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out


def test_diff_is_coloured_on_a_tty_and_plain_when_piped(tmp_path):
    write_tree(tmp_path, {"lib/stack.py": PY_BAD})
    plain = _diff_output(tmp_path, tty=False)
    assert b"\x1b[" not in plain and b"+from cdktf_cdktf_provider_aws" in plain
    coloured = _diff_output(tmp_path, tty=True)
    assert b"\x1b[" in coloured
