"""IAC502 test-infrastructure."""
from __future__ import annotations

import ast
import os
import re
from pathlib import Path

from iacfix.codemods import _checks
from iacfix.rules import Example, Rule

_FIXTURE = re.compile(r"\.(?:json|ya?ml|template)$")
_DEPLOY_OUTPUTS = re.compile(r"(?:^|/)(?:cfn-outputs|cdktf\.out|outputs?)(?:/|\.json$)|flat-outputs|all-outputs")
_TS_RUNNERS = ("jest", "ts-jest", "@jest/", "vitest", "mocha", "ava", "jasmine", "@types/jest", "tap", "uvu")
_TS_READERS = ("readFileSync", "fs.readFileSync", "require", "readFile", "fs.promises.readFile", "loadTemplate")


class TestInfrastructure(Rule):
    """Tests that cannot run as the project stands: a fixture file they read does not exist, or
    no test runner is declared.

    Seed 001 #5: the unit tests loaded `lib/TapStack.json`, but only `lib/TapStack.yml` existed
    (the correction generated the JSON with `cfn-flip`), and nothing set the tests up to run.

    Reported in test files (`*.test.ts`, `*.spec.ts`, `test_*.py`, `*_test.py`, `test/`, `tests/`):
    - a JSON/YAML file read with a literal path (`fs.readFileSync(path.join(__dirname,
      '../lib/TapStack.json'))`, `require('../lib/x.json')`, `open("lib/TapStack.json")`,
      `os.path.join(os.path.dirname(__file__), …)`) that does not exist in the project and
      that no script of the project (package.json, Makefile, shell scripts, Pipfile) names; the
      message says when a YAML template of the same name exists (generate the JSON with
      `cfn-flip`, or load the YAML with a CloudFormation-aware loader). Deployment outputs
      (`cfn-outputs/flat-outputs.json`, `outputs.json`) are written by the deployment, not the
      project, and are left alone;
    - a TypeScript test in a project whose package.json declares no test runner (jest, ts-jest,
      vitest, mocha …) and that has no jest/vitest config file;
    - a Python test importing `pytest` when none of the project's requirements files, Pipfile,
      pyproject.toml or setup files mention pytest.
    Diagnostic only: how the fixtures are produced is the project's build decision.
    """

    id = "IAC502"
    slug = "test-infrastructure"
    summary = "Test reads a fixture that does not exist, or the project declares no test runner"
    rationale = "seed 001 #5 (lib/TapStack.json missing for the unit tests, no test set-up)"
    seeds = ("001#5",)
    languages = ("python", "typescript")
    examples = (
        Example("typescript", """\
import fs from 'fs';
import path from 'path';

const template = JSON.parse(fs.readFileSync(path.join(__dirname, '../lib/TapStack-missing.json'), 'utf8'));

describe('TapStack', () => {
  test('has a bucket', () => {
    expect(template.Resources.Bucket.Type).toBe('AWS::S3::Bucket');
  });
});
""", path="test/tap-stack.unit.test.ts", reported=True),
        Example("python", """\
import json


def test_template_has_bucket():
    with open("lib/TapStack-missing.json") as f:
        template = json.load(f)
    assert template["Resources"]["Bucket"]["Type"] == "AWS::S3::Bucket"
""", path="tests/unit/test_template.py", reported=True),
        Example("typescript", """\
import fs from 'fs';

const outputs = JSON.parse(fs.readFileSync('cfn-outputs/flat-outputs.json', 'utf8'));

test('bucket exists', () => {
  expect(outputs.BucketName).toBeDefined();
});
""", path="test/tap-stack.int.test.ts"),
    )

    def triggered(self, text, ctx, language):
        if language == "python":
            return "def test" in text
        return "expect(" in text

    # -- fixtures ------------------------------------------------------------------------------
    def _fixture(self, doc, ctx, base, rel, span):
        if not _FIXTURE.search(rel) or _DEPLOY_OUTPUTS.search(rel) or "${" in rel or os.path.isabs(rel):
            return
        here = Path(doc.source.path).resolve().parent
        root = Path(ctx.project).resolve() if ctx.project is not None else Path.cwd()
        target = Path(os.path.normpath((here if base == "file" else root) / rel))
        if target.exists():
            return
        if ctx.project is not None and self._generated(ctx, target.name):
            return
        yaml_twins = [target.with_suffix(s) for s in (".yml", ".yaml") if target.suffix == ".json"]
        twin = next((t for t in yaml_twins if t.exists()), None)
        how = (f"generate it from `{twin.name}` before the tests (e.g. `cfn-flip {twin.name} {target.name}` in a "
               "pretest script) or load the YAML with a CloudFormation-aware loader") if twin else \
            "add it, or the step that generates it, to the project"
        yield doc.source.finding(self, *span, f"the test reads `{rel}`, which does not exist in the project and no "
                                              f"script creates: {how}")

    def _generated(self, ctx, name: str) -> bool:
        def scripts():
            return [t for p, t in _checks.project_files(ctx, "package.json", "Makefile", ".sh", "Pipfile", ".mk",
                                                        "pyproject.toml", "tox.ini")
                    if "node_modules" not in p.parts]
        return any(name in t for t in ctx.sources.memo("IAC502-scripts", scripts))

    # -- TypeScript ----------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        if not _checks.is_test_path(doc.source.path):
            return
        for call in doc.root.find_all(kind="call_expression"):
            func = call.field("function")
            args = call.field("arguments")
            if func is None or args is None:
                continue
            name = func.text()
            named = [a for a in args.children() if a.is_named() and a.kind() != "comment"]
            where = None
            if name in ("path.join", "path.resolve", "join", "resolve"):
                where = _ts_join(named)
            elif name in _TS_READERS and named and named[0].kind() == "string":
                where = ("file" if name == "require" else "root", named[0].text()[1:-1])
            if where is not None:
                yield from self._fixture(doc, ctx, where[0], where[1], doc.span(call))
        yield from self._ts_runner(doc, ctx)

    def _ts_runner(self, doc, ctx):
        manifest = _checks.package_json(ctx)
        if manifest is None:
            return
        deps = {}
        for key in ("dependencies", "devDependencies", "peerDependencies"):
            if isinstance(manifest.get(key), dict):
                deps.update(manifest[key])
        if any(d == r or d.startswith(r) for d in deps for r in _TS_RUNNERS if r.endswith("/")) or \
                any(r in deps for r in _TS_RUNNERS) or "jest" in manifest:
            return
        root = Path(ctx.project)
        if any((root / f"{tool}.config.{ext}").exists() for tool in ("jest", "vitest")
               for ext in ("js", "ts", "cjs", "mjs", "json")):
            return
        m = re.search(r"\b(?:describe|test|it)\s*\(", doc.text)
        start = m.start() if m else 0
        yield doc.source.finding(
            self, start, start + (len(m.group(0)) - 1 if m else 0),
            "package.json declares no test runner (no jest/ts-jest, vitest or mocha dependency, no jest config): "
            "`npm test` cannot run this file; add the runner and its TypeScript preset (e.g. jest + ts-jest + "
            "@types/jest with a jest.config.js)")

    # -- Python --------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        if not _checks.is_test_path(doc.source.path):
            return
        for call in doc.calls:
            func = ast.unparse(call.func)
            where = None
            if func in ("open", "Path", "pathlib.Path") and call.args and isinstance(call.args[0], ast.Constant):
                where = _py_join(call.args[0])  # a joined path is judged at its os.path.join
            elif func == "os.path.join":
                where = _py_join(call)
            if where is not None:
                yield from self._fixture(doc, ctx, where[0], where[1], doc.span(call))
        yield from self._py_runner(doc, ctx)

    def _py_runner(self, doc, ctx):
        if ctx.project is None:
            return
        pytest_import = next((s for s in doc.import_statements if any(
            (getattr(s, "module", None) or a.name).split(".")[0] == "pytest" for a in s.names)), None)
        if pytest_import is None:
            return
        root = Path(ctx.project)
        manifests = [root / n for n in ("requirements.txt", "requirements-dev.txt", "dev-requirements.txt",
                                        "Pipfile", "pyproject.toml", "setup.py", "setup.cfg", "tox.ini")]
        if (root / "pytest.ini").exists() or (root / "conftest.py").exists():
            return
        existing = [m for m in manifests if m.exists()]
        if not existing:
            return  # nothing declares dependencies at all: not ours to guess the tooling
        for m in existing:
            try:
                if "pytest" in m.read_text(encoding="utf-8"):
                    return
            except (OSError, UnicodeDecodeError):
                return
        start, end = doc.span(pytest_import)
        yield doc.source.finding(
            self, start, end,
            f"the test imports pytest but no dependency file of the project ({', '.join(m.name for m in existing)}) "
            "declares it: add pytest to the dev dependencies")


def _ts_join(named):
    parts = []
    for a in named:
        if a.kind() == "identifier" and a.text() == "__dirname":
            if parts:
                return None
            parts.append(("file", ""))
        elif a.kind() == "string":
            parts.append(("root", a.text()[1:-1]))
        elif a.kind() == "call_expression" and a.text().replace(" ", "") == "process.cwd()":
            if parts:
                return None
            parts.append(("root", ""))
        else:
            return None
    if not parts:
        return None
    return parts[0][0], "/".join(p[1] for p in parts if p[1])


def _py_join(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return "root", node.value
    if isinstance(node, ast.Call):
        func = ast.unparse(node.func)
        if func == "os.path.dirname" and node.args and "__file__" in ast.unparse(node.args[0]):
            return "file", ""
        if func == "os.path.join" and node.args:
            parts = [_py_join(a) for a in node.args]
            if any(p is None for p in parts) or any(p[0] == "file" for p in parts[1:]):
                return None
            return parts[0][0], "/".join(p[1] for p in parts if p[1])
    return None
