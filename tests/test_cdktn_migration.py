"""IAC601 cdktn-imports and IAC602 cdktn-manifests: the CDKTF → CDK Terrain migration rule set."""
import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from iacfix import api, rules
from iacfix.codemods import _cdktn
from iacfix.config import Config, detect_target
from iacfix.fixes import Applicability
from iacfix.knowledge.provider import ProviderIndex

SELECT = ["IAC601", "IAC602", "IAC603"]


def migrate(tmp_path: Path, name: str, text: str, unsafe: bool = True):
    """One file of a project with no config, through `api.check_source` with the rule set."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    result = api.check_source(path, textwrap.dedent(text).encode(), Config(), fix=True, unsafe=unsafe, select=SELECT)
    assert result.error is None and result.internal_error is None, (result.error, result.internal_error)
    return result


def migrated(tmp_path: Path, name: str, text: str) -> str:
    result = migrate(tmp_path, name, text)
    return (result.fixed if result.fixed is not None else result.original).decode()


# -- Python import forms ---------------------------------------------------------------------------

PYTHON_FORMS = [
    ("import cdktf\napp = cdktf.App()\n", "import cdktn\napp = cdktn.App()\n"),
    ("import cdktf as cf  # core\napp = cf.App()\n", "import cdktn as cf  # core\napp = cf.App()\n"),
    ("from cdktf import App, TerraformStack\n", "from cdktn import App, TerraformStack\n"),
    ("from cdktf import (\n    App,  # the app\n    Fn,\n)\n", "from cdktn import (\n    App,  # the app\n    Fn,\n)\n"),
    ("from cdktf import *\n", "from cdktn import *\n"),
    ("import cdktf.testing_matchers\nx = cdktf.testing_matchers.AssertionReturn\n",
     "import cdktn.testing_matchers\nx = cdktn.testing_matchers.AssertionReturn\n"),
    ("from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\n", "from cdktn_provider_aws.s3_bucket import S3Bucket\n"),
    ("from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket as B\n", "from cdktn_provider_aws.s3_bucket import S3Bucket as B\n"),
    ("import cdktf_cdktf_provider_aws.vpc as vpc\nv = vpc.Vpc\n", "import cdktn_provider_aws.vpc as vpc\nv = vpc.Vpc\n"),
    ("import cdktf_cdktf_provider_aws as aws\nv = aws.vpc.Vpc\n", "import cdktn_provider_aws as aws\nv = aws.vpc.Vpc\n"),
    ("import cdktf_cdktf_provider_aws.vpc\nv = cdktf_cdktf_provider_aws.vpc.Vpc\n",
     "import cdktn_provider_aws.vpc\nv = cdktn_provider_aws.vpc.Vpc\n"),
    ("from cdktf_cdktf_provider_aws import vpc, subnet\n", "from cdktn_provider_aws import vpc, subnet\n"),
    # (a file is ours once it imports cdktf/constructs plainly: the second form alone is not detected)
    ("import constructs\nfrom \\\n    cdktf import App\n", "import constructs\nfrom \\\n    cdktn import App\n"),
    ("def f():\n    # late import\n    from cdktf import Testing\n    return Testing\n",
     "def f():\n    # late import\n    from cdktn import Testing\n    return Testing\n"),
]


@pytest.mark.parametrize("before, after", PYTHON_FORMS, ids=[b.splitlines()[0] for b, _ in PYTHON_FORMS])
def test_python_import_forms(tmp_path, before, after):
    assert migrated(tmp_path, "main.py", before) == after


def test_python_names_that_only_start_like_cdktf_are_left_alone(tmp_path):
    text = ("from cdktf import App\nimport cdktf_helpers\ncdktf_version = '0.21'\n"
            "print('run cdktf synth')  # cdktf in a comment\n")
    assert migrated(tmp_path, "main.py", text) == text.replace("from cdktf import", "from cdktn import")


# -- TypeScript module specifiers ------------------------------------------------------------------

TS_FORMS = [
    ('import { App } from "cdktf";\n', 'import { App } from "cdktn";\n'),
    ("import { App } from 'cdktf'; // core\n", "import { App } from 'cdktn'; // core\n"),
    ('import * as aws from "@cdktf/provider-aws";\n', 'import * as aws from "@cdktn/provider-aws";\n'),
    ('import { Vpc } from "@cdktf/provider-aws/lib/vpc";\n', 'import { Vpc } from "@cdktn/provider-aws/lib/vpc";\n'),
    ('import type { VpcConfig } from "@cdktf/provider-aws/lib/vpc";\n',
     'import type { VpcConfig } from "@cdktn/provider-aws/lib/vpc";\n'),
    ('import cdktf = require("cdktf");\n', 'import cdktf = require("cdktn");\n'),
    ('export { Vpc as V } from "@cdktf/provider-aws/lib/vpc";\n', 'export { Vpc as V } from "@cdktn/provider-aws/lib/vpc";\n'),
    ('export * from "cdktf";\n', 'export * from "cdktn";\n'),
    ('import { Testing } from "cdktf";\nimport "cdktf/lib/testing/adapters/jest";\n',
     'import { Testing } from "cdktn";\nimport "cdktn/lib/testing/adapters/jest";\n'),
    ('import { App } from "cdktf";\nconst m = import("@cdktf/provider-aws/lib/s3-bucket");\n',
     'import { App } from "cdktn";\nconst m = import("@cdktn/provider-aws/lib/s3-bucket");\n'),
]


@pytest.mark.parametrize("before, after", TS_FORMS, ids=[b.splitlines()[0] for b in (f[0] for f in TS_FORMS)])
def test_typescript_module_specifiers(tmp_path, before, after):
    assert migrated(tmp_path, "lib/stack.ts", before) == after


# -- names checked against the fork's index --------------------------------------------------------

def test_a_class_the_fork_names_differently_is_imported_under_its_name(tmp_path):
    index = ProviderIndex.load(family="cdktn")
    wrong = "S3BucketVersioning"
    right = index.rename("s3BucketVersioning", wrong)
    assert right and right != wrong  # the premise comes from the shipped data
    text = f"from cdktf_cdktf_provider_aws.s3_bucket_versioning import {wrong}\n{wrong}(None, 'v')\n"
    assert migrated(tmp_path, "main.py", text) == (
        f"from cdktn_provider_aws.s3_bucket_versioning import {right} as {wrong}\n{wrong}(None, 'v')\n")
    ts = f'import {{ {wrong} }} from "@cdktf/provider-aws/lib/s3-bucket-versioning";\n'
    assert migrated(tmp_path, "lib/stack.ts", ts) == (
        f'import {{ {right} as {wrong} }} from "@cdktn/provider-aws/lib/s3-bucket-versioning";\n')


def test_a_class_the_fork_dropped_is_reported_and_the_file_left_alone(tmp_path, monkeypatch):
    _, fork = _cdktn.fork_indexes()
    has_type = fork.has_type
    monkeypatch.setattr(fork, "has_type", lambda sub, name: name != "S3Bucket" and has_type(sub, name))
    text = "from cdktf import App\nfrom cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\n"
    result = migrate(tmp_path, "main.py", text)
    assert result.fixed is None or result.fixed == result.original
    messages = [f.message for f in result.findings]
    assert any("S3Bucket" in m and "not in CDK Terrain" in m for m in messages), messages
    ts = migrate(tmp_path, "lib/stack.ts", 'import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";\n')
    assert ts.fixed is None or ts.fixed == ts.original
    assert any("not in CDK Terrain" in f.message for f in ts.findings)


def test_a_name_neither_family_has_is_reported_and_the_file_still_migrated(tmp_path):
    text = "from cdktf_cdktf_provider_aws.s3_bucket import NoSuchBucket\n"
    assert migrated(tmp_path, "main.py", text) == "from cdktn_provider_aws.s3_bucket import NoSuchBucket\n"
    checked = api.check_source(tmp_path / "main.py", text.encode(), Config(), select=SELECT)
    assert any("neither in CDKTF nor in CDK Terrain" in f.message for f in checked.findings)
    assert any(f.fixable for f in checked.findings)


def test_other_prebuilt_providers_are_reported_not_renamed(tmp_path):
    result = migrate(tmp_path, "lib/stack.ts", 'import { App } from "cdktf";\n'
                                                'import { RandomProvider } from "@cdktf/provider-random/lib/provider";\n')
    assert result.fixed.decode() == ('import { App } from "cdktn";\n'
                                     'import { RandomProvider } from "@cdktf/provider-random/lib/provider";\n')
    assert any("@cdktf/provider-random" in f.message for f in result.findings)


# -- manifests ---------------------------------------------------------------------------------------

def test_requirements_keep_operator_style_and_take_versions_from_the_index(tmp_path):
    core = _cdktn.fork_indexes()[0].version
    provider = ProviderIndex.load(family="cdktn").index_version
    text = ("cdktf==0.21.0  # pinned\ncdktf_cdktf_provider_aws>=19.0,<22\nconstructs>=10.4.2\n"
            "Cdktf-Cdktf-Provider-Aws\n")
    assert migrated(tmp_path, "requirements.txt", text) == (
        f"cdktn=={core}  # pinned\ncdktn-provider-aws>={provider}\nconstructs>=10.4.2\ncdktn-provider-aws\n")


def test_package_json_uses_npm_versions_and_renames_cli_commands(tmp_path):
    npm = json.loads((ROOT / "iacfix/knowledge/data/cdktn-npm.json").read_text())
    text = """\
    {
      "name": "cdktf-app",
      "scripts": {"synth": "npx cdktf synth", "clean": "rm -rf cdktf.out", "x": "cdktf-foo cdktf",
                  "pinned": "npx cdktf-cli@0.21.0 get"},
      "dependencies": {"@cdktf/provider-aws": "21.22.1", "cdktf": "latest"},
      "devDependencies": {"cdktf-cli": ">=0.20.0"}
    }
    """
    out = json.loads(migrated(tmp_path, "package.json", text))
    assert out["name"] == "cdktf-app"
    assert out["scripts"] == {"synth": "npx cdktn synth", "clean": "rm -rf cdktf.out", "x": "cdktf-foo cdktn",
                              "pinned": f"npx cdktn-cli@{npm['cdktn-cli']} get"}
    assert out["dependencies"] == {"@cdktn/provider-aws": npm["@cdktn/provider-aws"], "cdktn": "latest"}
    assert out["devDependencies"] == {"cdktn-cli": ">=" + npm["cdktn-cli"]}
    # the two ecosystems publish the provider under different versions; each manifest gets its own
    assert npm["@cdktn/provider-aws"] != ProviderIndex.load(family="cdktn").index_version


def test_pipfile_sections_only(tmp_path):
    text = '[packages]\ncdktf = "==0.21.0"\n\n[scripts]\ncdktf = "echo"\n'
    assert migrated(tmp_path, "Pipfile", text) == '[packages]\ncdktn = "==0.24.0"\n\n[scripts]\ncdktf = "echo"\n'


def test_cdktf_json_is_what_the_fork_reads_and_stays(tmp_path):
    text = '{\n  "language": "typescript",\n  "app": "npx ts-node main.ts",\n  "output": "cdktf.out"\n}\n'
    result = migrate(tmp_path, "cdktf.json", text)
    assert result.fixed in (None, result.original) and not result.findings


# -- rule-set properties -----------------------------------------------------------------------------

def test_opt_in_and_unsafe():
    by_id = {r.id: r for r in rules.all_rules()}
    for rule_id in SELECT:
        assert by_id[rule_id].opt_in and by_id[rule_id].applicability is Applicability.UNSAFE
    default = {r.id for r in rules.select()} | {r.id for r in rules.select(["ALL"])}
    assert not default & set(SELECT)
    assert {r.id for r in rules.select(["IAC60"])} >= set(SELECT)
    assert {r.id for r in rules.select(["cdktn-imports"])} == {"IAC601"}


def test_not_applied_without_unsafe_or_selection(tmp_path):
    text = "from cdktf import App\n"
    safe_only = migrate(tmp_path, "main.py", text, unsafe=False)
    assert safe_only.fixed in (None, safe_only.original)
    [finding] = [f for f in safe_only.findings if f.rule == "IAC601"]
    assert finding.fix.applicability is Applicability.UNSAFE
    default = api.check_source(tmp_path / "main.py", text.encode(), Config(), fix=True, unsafe=True)
    assert not [f for f in default.findings + default.applied if f.rule in SELECT]


def test_idempotent_and_already_migrated_code_untouched(tmp_path):
    for name, _, after in [("main.py", *PYTHON_FORMS[0]), ("lib/stack.ts", *TS_FORMS[2])]:
        again = migrate(tmp_path, name, after)
        assert again.fixed in (None, again.original) and not again.findings


def test_mixed_project_through_run_ends_on_the_fork(copy_tree):
    work = copy_tree(ROOT / "golden/cdktn-migration/mixed-partial/before")
    assert detect_target(work).family == "cdktn"  # cdktn + a cdktf provider: detection already says cdktn
    report = api.run([work], Config(), fix=True, unsafe=True, select=["IAC6"])
    assert not report.errors
    texts = "".join(p.read_text() for p in work.rglob("*") if p.is_file())
    assert "cdktf_cdktf_provider_aws" not in texts and "cdktf-cdktf-provider-aws" not in texts


def test_migrated_project_is_detected_as_cdktn(copy_tree):
    work = copy_tree(ROOT / "golden/cdktn-migration/py-project/before")
    assert detect_target(work).family == "cdktf"
    api.run([work], Config(), fix=True, unsafe=True, select=SELECT)
    detect_target.cache_clear()
    assert detect_target(work).family == "cdktn"


# -- oracle: the golden after/ projects against the fork's real packages ---------------------------

TOOLCHAINS = Path(os.environ.get("EVAL_TOOLCHAINS", Path.home() / ".cache" / "iacfix-eval"))
CDKTN_PY = TOOLCHAINS / ".venv-cdktn" / "bin" / "python"
CDKTN_NODE = TOOLCHAINS / ".node-cdktn" / "node_modules"
GOLDEN = ROOT / "golden" / "cdktn-migration"


def _fork_toolchain():
    if CDKTN_PY.exists() and (CDKTN_NODE / "typescript").exists():
        return
    if os.environ.get("IACFIX_REQUIRE_ORACLES") == "1":
        raise AssertionError(f"cdktn toolchain missing in {TOOLCHAINS}: run tests/cdktn_toolchain.sh")
    pytest.skip("cdktn toolchain not installed (run tests/cdktn_toolchain.sh)")


@pytest.mark.oracle
@pytest.mark.parametrize("case", sorted(p.parent.name for p in GOLDEN.glob("*/case.toml")
                                        if (p.parent / "after" / "cdktf.json").is_file()))
def test_golden_after_runs_on_the_fork(case, tmp_path):
    """Python after/ synthesizes with PyPI cdktn + cdktn-provider-aws; TypeScript after/ type-checks
    against npm cdktn + @cdktn/provider-aws (tsc --noEmit, strict)."""
    _fork_toolchain()
    work = tmp_path / case
    shutil.copytree(GOLDEN / case / "after", work)
    settings = json.loads((work / "cdktf.json").read_text())
    # what cdktn-cli passes the app: cdktf.json's context plus its targetVersions, which cdktn checks
    # S3 `useLockfile` against
    context = {**settings.get("context", {}), **({"targetVersions": settings["targetVersions"]}
                                                  if "targetVersions" in settings else {})}
    env = dict(os.environ, JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION="1", CI="true",
               CDKTF_CONTEXT_JSON=json.dumps(context))
    if settings["language"] == "python":
        entry = next(word for word in reversed(settings["app"].split()) if word.endswith(".py"))
        proc = subprocess.run([str(CDKTN_PY), entry], cwd=work, env=env, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert list((work / "cdktf.out" / "stacks").iterdir()), "no stack synthesized"
    else:
        (work / "node_modules").symlink_to(CDKTN_NODE, target_is_directory=True)
        (work / "tsconfig.json").write_text(json.dumps({
            "compilerOptions": {"target": "ES2020", "module": "commonjs", "strict": True, "noEmit": True,
                                "skipLibCheck": True, "types": ["node"]},
            "include": ["**/*.ts"], "exclude": ["node_modules"]}))
        proc = subprocess.run(["node", str(CDKTN_NODE / "typescript" / "bin" / "tsc"), "-p", "."], cwd=work,
                              env=env, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stdout[-2000:]


# -- IAC603: the use_lockfile override becomes the fork's S3Backend argument --------------------------

def test_one_run_migrates_imports_then_the_backend_override(tmp_path):
    (tmp_path / "cdktf.json").write_text('{"language": "python", "targetVersions": {"terraform": "^1.11.0"}}')
    before = """\
    from cdktf import S3Backend, TerraformStack


    class Stack(TerraformStack):
        def __init__(self, scope, id):
            super().__init__(scope, id)
            S3Backend(self, bucket="states", key="k")  # remote state
            self.add_override("terraform.backend.s3.use_lockfile", True)
            self.add_override("terraform.backend.s3.encrypt", True)
    """
    after = """\
    from cdktn import S3Backend, TerraformStack


    class Stack(TerraformStack):
        def __init__(self, scope, id):
            super().__init__(scope, id)
            S3Backend(self, bucket="states", key="k", use_lockfile=True)  # remote state
            self.add_override("terraform.backend.s3.encrypt", True)
    """
    assert migrated(tmp_path, "main.py", before) == textwrap.dedent(after)


def test_typescript_backend_on_several_lines(tmp_path):
    (tmp_path / "cdktf.json").write_text('{"language": "typescript", "targetVersions": {"terraform": ">=1.10.0 <2.0.0"}}')
    before = """\
    import { S3Backend, TerraformStack } from "cdktf";
    export class S extends TerraformStack {
      constructor(scope: any, id: string) {
        super(scope, id);
        new S3Backend(this, {
          bucket: "states",
          key: "k", // per stack
        });
        this.addOverride("terraform.backend.s3.use_lockfile", false);
      }
    }
    """
    after = """\
    import { S3Backend, TerraformStack } from "cdktn";
    export class S extends TerraformStack {
      constructor(scope: any, id: string) {
        super(scope, id);
        new S3Backend(this, {
          bucket: "states",
          key: "k", // per stack
          useLockfile: false,
        });
      }
    }
    """
    assert migrated(tmp_path, "stack.ts", before)  # beside cdktf.json: its project == textwrap.dedent(after)


@pytest.mark.parametrize("body", [
    'S3Backend(self, bucket="b", use_lockfile=False)\nself.add_override("terraform.backend.s3.use_lockfile", True)',
    'S3Backend(self, bucket="b")\nS3Backend(self, bucket="c")\nself.add_override("terraform.backend.s3.use_lockfile", True)',
    'S3Backend(self, bucket="b")\nother.add_override("terraform.backend.s3.use_lockfile", True)',
    'S3Backend(self, bucket="b")\nself.add_override("terraform.backend.s3.use_lockfile", flag)',
    'S3Backend(self, **settings)\nself.add_override("terraform.backend.s3.use_lockfile", True)',
])
def test_backend_cases_left_alone(tmp_path, body):
    text = "from cdktn import S3Backend\n\n\ndef build(self, other, flag, settings):\n" + \
        textwrap.indent(body, "    ") + "\n"
    assert migrated(tmp_path, "main.py", text) == text


def test_backend_override_stays_for_a_terraform_older_than_1_10(tmp_path):
    text = ('from cdktn import S3Backend\n\n\ndef build(self):\n    S3Backend(self, bucket="b")\n'
            '    self.add_override("terraform.backend.s3.use_lockfile", True)\n')
    (tmp_path / "cdktf.json").write_text('{"language": "python", "app": "python3 main.py", "terraformVersion": "1.9.8"}')
    result = api.check_source(tmp_path / "main.py", text.encode(), Config(), fix=True, unsafe=True, select=["IAC603"])
    assert result.fixed in (None, result.original)


@pytest.mark.parametrize("targets", ['{"terraform": ">=1.5.7"}', '{"terraform": ">=1.10.0", "opentofu": ">=1.6.0"}', "{}"])
def test_backend_override_stays_when_declared_targets_are_older_than_1_10(tmp_path, targets):
    text = ('from cdktn import S3Backend\n\n\ndef build(self):\n    S3Backend(self, bucket="b")\n'
            '    self.add_override("terraform.backend.s3.use_lockfile", True)\n')
    (tmp_path / "cdktf.json").write_text('{"language": "python", "targetVersions": %s}' % targets)
    result = migrate(tmp_path, "main.py", text)
    assert result.fixed in (None, result.original)
    [finding] = [f for f in result.findings if f.rule == "IAC603"]
    assert finding.fix is None and "targetVersions" in finding.message


def test_undeclared_targets_are_declared_in_cdktf_json(tmp_path):
    (tmp_path / "cdktf.json").write_text('{\n    "language": "python",\n    "app": "python3 main.py"\n}\n')
    (tmp_path / "main.py").write_text(
        'from cdktf import S3Backend\n\n\ndef build(self):\n    S3Backend(self, bucket="b")\n'
        '    self.add_override("terraform.backend.s3.use_lockfile", True)\n')
    report = api.run([tmp_path], Config(), fix=True, unsafe=True, select=["IAC6"])
    assert not report.errors
    assert json.loads((tmp_path / "cdktf.json").read_text())["targetVersions"] == {
        "terraform": ">=1.10.0", "opentofu": ">=1.10.0"}
    assert (tmp_path / "cdktf.json").read_text().startswith('{\n    "language": "python",\n')  # indentation kept
    assert "use_lockfile=True" in (tmp_path / "main.py").read_text()
    assert not api.run([tmp_path], Config(), fix=True, unsafe=True, select=["IAC6"]).changed


def test_cdktf_json_without_lockfile_use_stays(tmp_path):
    (tmp_path / "main.py").write_text("from cdktf import App\n")
    text = '{"language": "python", "app": "python3 main.py"}\n'
    (tmp_path / "cdktf.json").write_text(text)
    api.run([tmp_path], Config(), fix=True, unsafe=True, select=["IAC6"])
    assert (tmp_path / "cdktf.json").read_text() == text


def test_a_class_imported_from_the_provider_root_is_an_old_defect_not_a_fork_gap(tmp_path):
    text = "from cdktf_cdktf_provider_aws import S3Bucket\n"
    checked = api.check_source(tmp_path / "main.py", text.encode(), Config(), select=["IAC601"])
    assert any("neither in CDKTF nor in CDK Terrain" in f.message for f in checked.findings)
    assert migrated(tmp_path, "main.py", text) == "from cdktn_provider_aws import S3Bucket\n"
