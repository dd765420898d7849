"""Issue 5, group 1: S3 backend lockfile (IAC104), @ts-nocheck (IAC401), CI commands (IAC402), SDK v3 (IAC403)."""
import pytest

from conftest import write_tree
from iacfix import api
from iacfix.codemods._remove import removal_range
from iacfix.codemods.s3_backend_lockfile import terraform_version
from iacfix.config import Config, Target
from iacfix.engine import Context, process
from iacfix.languages.workflow import run_scripts
from iacfix.rules import lookup


def _fix(rule_id, path, text, unsafe=True, **target):
    ctx = Context(Target().merged(**target), Config())
    result = process(path, text.encode(), [lookup(rule_id)], ctx, fix=True, unsafe=unsafe)
    assert result.error is None and result.internal_error is None, (result.error, result.internal_error)
    out = (result.fixed or result.original).decode()
    again = process(path, out.encode(), [lookup(rule_id)], ctx, fix=True, unsafe=unsafe)
    assert not again.changed, "not idempotent"
    return out, again.findings


# -- the statement remover -------------------------------------------------------------------

@pytest.mark.parametrize("text,stmt,comment,sep,expected", [
    ("a\n    x()\nb\n", "x()", "#", ";", "a\nb\n"),
    ("a\r\n    x()\r\nb\r\n", "x()", "#", ";", "a\r\nb\r\n"),
    ("a\nx()", "x()", "#", ";", "a"),  # last line without a line end
    ("    x()  # why\n", "x()", "#", ";", "    # why\n"),
    ("a(); x()\n", "x()", "#", ";", "a()\n"),
    ("x(); a()\n", "x()", "#", ";", "a()\n"),
    ("  a(); x();\n", "x();", "//", "", "  a();\n"),
    ("  x(); // lock\n", "x();", "//", "", "  // lock\n"),
])
def test_removal_range(text, stmt, comment, sep, expected):
    start = text.index(stmt)
    a, b = removal_range(text, start, start + len(stmt), comment, sep)
    assert text[:a] + text[b:] == expected


@pytest.mark.parametrize("spec,expected", [
    (None, None), ("", None), ("1.9", (1, 9)), ("1.9.8", (1, 9, 8)), ("v1.10.0", (1, 10, 0)),
    ("~1.9.0", (1, 9, 999)), ("^1.5", (1, 999, 999)), (">= 1.5", None),
])
def test_terraform_version(spec, expected):
    assert terraform_version(spec) == expected


# -- IAC104 ----------------------------------------------------------------------------------

PY_LOCK = """\
from cdktf import TerraformStack

class S(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        self.add_override("terraform.backend.s3.key", "k"); self.add_override("terraform.backend.s3.use_lockfile", True)
"""


def test_lockfile_python_semicolon_and_versions():
    out, left = _fix("IAC104", "lib/stack.py", PY_LOCK, terraform="1.9.0")
    assert out.endswith('self.add_override("terraform.backend.s3.key", "k")\n') and not left
    for version in ("1.10.0", "1.11", None):
        out, _ = _fix("IAC104", "lib/stack.py", PY_LOCK, terraform=version)
        assert out == PY_LOCK


def test_lockfile_typescript_unbraced_if_is_reported_only():
    text = """\
import { TerraformStack } from 'cdktf';
export class S extends TerraformStack {
  constructor(scope: any, id: string, lock: boolean) {
    super(scope, id);
    if (lock) this.addOverride('terraform.backend.s3.use_lockfile', true);
  }
}
"""
    out, left = _fix("IAC104", "lib/stack.ts", text, terraform="1.6")
    assert out == text and len(left) == 1 and left[0].fix is None


# -- IAC401 ----------------------------------------------------------------------------------

def test_ts_nocheck_after_code_and_safe_mode():
    text = "import { App } from 'cdktf';\nconst app = new App(); // @ts-nocheck\n"
    out, _ = _fix("IAC401", "main.ts", text)
    assert out == "import { App } from 'cdktf';\nconst app = new App();\n"
    out, left = _fix("IAC401", "main.ts", text, unsafe=False)
    assert out == text and left and left[0].fix is not None  # offered, not applied


def test_ts_nocheck_in_a_plain_typescript_file_is_not_ours():
    text = "// @ts-nocheck\nexport const x: number = 'a';\n"
    result = process("src/util.ts", text.encode(), [lookup("IAC401")], Context(), fix=True, unsafe=True)
    assert result.language is None and not result.changed


# -- IAC402 ----------------------------------------------------------------------------------

WORKFLOW = """\
jobs:
  ci:
    runs-on: ubuntu-latest
    steps:
      - run: npx cdk synth
      - run: npx aws-cdk@2 deploy MyStack --require-approval=never --context env=dev
      - run: npm run cdk deploy
      - run: npx cdk bootstrap
"""


def test_ci_commands_follow_the_project(tmp_path):
    cdktf = write_tree(tmp_path / "tf", {"cdktf.json": "{}", ".github/workflows/ci.yml": WORKFLOW})
    cdk = write_tree(tmp_path / "cdk", {"cdk.json": "{}", ".github/workflows/ci.yml": WORKFLOW})
    api.run([tmp_path], Config(), fix=True, select=["IAC402"])
    fixed = (cdktf / ".github/workflows/ci.yml").read_text()
    assert fixed == WORKFLOW.replace("run: npx cdk synth", "run: npx cdktf synth").replace(
        "npx aws-cdk@2 deploy MyStack --require-approval=never", "npx cdktf deploy MyStack --auto-approve")
    assert (cdk / ".github/workflows/ci.yml").read_text() == WORKFLOW  # an AWS CDK project


def test_ci_commands_workflow_named_directly(tmp_path):
    root = write_tree(tmp_path, {"cdktf.json": "{}", ".github/workflows/ci.yml": WORKFLOW})
    api.run([root / ".github/workflows/ci.yml"], Config(), fix=True, select=["IAC402"])
    assert "npx cdktf synth" in (root / ".github/workflows/ci.yml").read_text()


def test_ci_commands_need_a_cdktf_project_signal():
    out, left = _fix("IAC402", ".github/workflows/ci.yml", WORKFLOW)
    assert out == WORKFLOW and not left  # no project folder and nothing in the file says cdktf


def test_run_scripts_offsets_with_crlf_and_non_ascii():
    text = "jobs:\r\n  é:\r\n    steps:\r\n      - run: |\r\n          é\r\n          x\r\n      - {run: 'y z'}\r\n"
    found = run_scripts(text)
    assert [(text[a:b], style) for a, b, style in found] == [
        ("|\r\n          é\r\n          x\r\n", "|"), ("'y z'", "'")]


# -- IAC403 ----------------------------------------------------------------------------------

def test_sdk_seed_finish_step_is_reported_and_keeps_the_import():
    text = """\
import { SecretsManagerClient, UpdateSecretCommand } from '@aws-sdk/client-secrets-manager';

const c = new SecretsManagerClient({});
export const create = (id: string, s: string) =>
  c.send(new UpdateSecretCommand({ SecretId: id, SecretString: s, VersionStages: ['AWSPENDING'] }));
export const finish = (id: string) =>
  c.send(new UpdateSecretCommand({ SecretId: id, VersionStages: ['AWSCURRENT'] }));
"""
    out, left = _fix("IAC403", "lib/lambda/rotate.ts", text)
    assert "import { SecretsManagerClient, UpdateSecretCommand, PutSecretValueCommand } from" in out
    assert "new PutSecretValueCommand({ SecretId: id, SecretString: s" in out
    assert [f.fix for f in left] == [None] and "DescribeSecret" in left[0].message


def test_sdk_suppressed_call_keeps_the_import():
    text = """\
import { UpdateSecretCommand } from '@aws-sdk/client-secrets-manager';

export const a = new UpdateSecretCommand({ SecretId: 'a', SecretString: 'x', VersionStages: ['AWSPENDING'] });
// iacfix: ignore[IAC403]
export const b = new UpdateSecretCommand({ SecretId: 'b', SecretString: 'y', VersionStages: ['AWSPENDING'] });
"""
    out, _ = _fix("IAC403", "lib/lambda/x.ts", text)
    assert out.startswith("import { UpdateSecretCommand, PutSecretValueCommand } from")
    assert "export const a = new PutSecretValueCommand(" in out and "export const b = new UpdateSecretCommand(" in out


def test_sdk_new_name_already_imported_drops_the_old_one():
    text = """\
import {
  PutSecretValueCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';

export const a = new UpdateSecretCommand({ SecretId: 'a', SecretString: 'x', VersionStages: ['AWSPENDING'] });
export const b = new PutSecretValueCommand({ SecretId: 'b', SecretString: 'y' });
"""
    out, left = _fix("IAC403", "lib/lambda/x.ts", text)
    assert out.startswith("import {\n  PutSecretValueCommand,\n} from") and not left
    assert "export const a = new PutSecretValueCommand(" in out


def test_sdk_extra_members_are_reported_only():
    text = """\
import { UpdateSecretCommand } from '@aws-sdk/client-secrets-manager';

export const a = new UpdateSecretCommand({ SecretId: 'a', SecretString: 'x', KmsKeyId: 'k', VersionStages: ['AWSPENDING'] });
"""
    out, left = _fix("IAC403", "lib/lambda/x.ts", text)
    assert out == text and len(left) == 1 and left[0].fix is None


def test_ci_commands_leave_messages_and_scripts_alone():
    text = """\
jobs:
  ci:
    runs-on: ubuntu-latest
    steps:
      - run: npm i -g cdktf-cli
      - run: |
          echo "now: npx cdk deploy"
          npm run cdk deploy
          npx cdk8s synth
          ./node_modules/.bin/cdk deploy
"""
    out, left = _fix("IAC402", ".github/workflows/ci.yml", text)
    assert out == text and not left
