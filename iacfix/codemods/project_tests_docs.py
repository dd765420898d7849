"""IAC507 project-tests-docs."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from iacfix.codemods import _checks
from iacfix.rules import Example, Rule

_MANIFESTS = ("cdktf.json", "package.json", "Pipfile", "pyproject.toml", "requirements.txt", "setup.py")
_CFN = re.compile(r"AWSTemplateFormatVersion|^\s*[\"']?Type[\"']?\s*:\s*[\"']?AWS::", re.M)


class ProjectTestsDocs(Rule):
    """An IaC project with no test files, or with no README.

    Seed 003 #19: the generated project had no tests at all (the correction added unit tests
    on `Testing.synth` output: resources, Multi-AZ, naming with the suffix, tags, encryption,
    outputs); seed 003 #20: the README did not say how to deploy, test or operate it.

    Reported once per project, on its first stack (the first file, in path order, that defines a
    class extending `TerraformStack`, or the first CloudFormation template): "no tests" when no
    file of the project is a test (`test/`, `tests/`, `__tests__/`, `*.test.ts`, `*.spec.ts`,
    `test_*.py`, `*_test.py`); "no README" when no `README*` file is at the project root or one
    level below. The project is the nearest folder with a manifest (`cdktf.json`, `package.json`,
    `Pipfile`, `pyproject.toml`, `requirements.txt`, `setup.py`); loose templates or stack files
    in a folder without one are not judged. Diagnostic only: the tests and the documentation
    have to be written.
    """

    id = "IAC507"
    slug = "project-tests-docs"
    opt_in = True  # a hygiene check, not a defect in the code: on when selected (--select IAC507)
    summary = "Project without tests or without a README"
    rationale = "seed 003 #19 (no tests), 003 #20 (documentation)"
    seeds = ("003#19", "003#20")
    languages = ("python", "typescript", "cloudformation")
    examples = (
        Example("python", """\
from cdktf import TerraformStack


class TapStack(TerraformStack):
    pass
""", reported=True),
        Example("typescript", """\
import { TerraformStack } from 'cdktf';

export class TapStack extends TerraformStack {}
""", reported=True),
        Example("cloudformation", """\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
""", reported=True),
        Example("python", """\
from constructs import Construct


class Network(Construct):
    pass
"""),
    )

    def triggered(self, text, ctx, language):
        if language == "cloudformation":
            return "Resources" in text
        return "TerraformStack" in text

    def _first_stack(self, doc, ctx) -> bool:
        """Whether this file is the project's first stack file (so the project is reported once)."""
        if ctx.project is None:
            return True

        def first():
            candidates = []
            for path, text in _checks.project_files(ctx, ".py", ".ts", ".yaml", ".yml", ".json", ".template"):
                if _checks.is_test_path(path) or "node_modules" in path.parts:
                    continue
                if path.suffix in (".py", ".ts"):
                    if re.search(r"class\s+\w+\s*(?:\(|extends)\s*[\w.]*TerraformStack\b", text):
                        candidates.append(path)
                elif path.name not in ("package.json", "cdktf.json", "tsconfig.json") and _CFN.search(text) \
                        and "Resources" in text:
                    candidates.append(path)
            return str(min(candidates, key=lambda p: (len(p.parts), str(p)))) if candidates else None
        chosen = ctx.sources.memo("IAC507-first", first)
        return chosen is None or Path(chosen).resolve() == Path(doc.source.path).resolve()

    def _problems(self, ctx) -> list[str]:
        if ctx.project is None:
            return ["no tests", "no README"]
        if not any((Path(ctx.project) / m).is_file() for m in _MANIFESTS):
            return []  # loose files, not a project someone set up: nothing to expect

        def scan():
            paths = _checks.project_paths(ctx)
            root = Path(ctx.project)
            out = []
            if not any(_checks.is_test_path(p.relative_to(root).as_posix()) for p in paths
                       if "node_modules" not in p.parts):
                out.append("no tests")
            if not any(p.name.lower().startswith("readme") and len(p.relative_to(root).parts) <= 2 for p in paths):
                out.append("no README")
            return out
        return ctx.sources.memo("IAC507-problems", scan)

    def _findings(self, doc, ctx, start, end):
        problems = self._problems(ctx)
        if not problems or not self._first_stack(doc, ctx):
            return
        if "no tests" in problems:
            yield doc.source.finding(
                self, start, end,
                "the project has no tests: add unit tests on the synthesized stack or template (resources, key "
                "properties, naming with the environment suffix, tags, encryption, outputs) and integration tests "
                "on the deployed outputs")
        if "no README" in problems:
            yield doc.source.finding(
                self, start, end,
                "the project has no README: document the architecture, prerequisites, how to deploy, test and "
                "destroy it, and its parameters and outputs")

    def check_python(self, doc, ctx):
        if _checks.is_test_path(doc.source.path):
            return
        for node in doc.tree.body:
            if isinstance(node, ast.ClassDef) and any((doc.imports.resolve(b) or "").endswith("TerraformStack")
                                                      for b in node.bases):
                start = doc.source.offset_of_byte(node.lineno, node.col_offset)
                yield from self._findings(doc, ctx, start, start + len("class ") + len(node.name))
                return

    def check_typescript(self, doc, ctx):
        if _checks.is_test_path(doc.source.path):
            return
        for cls in doc.root.find_all(kind="class_declaration"):
            heritage = cls.find(kind="class_heritage")
            extends = heritage.find(kind="extends_clause") if heritage else None
            value = extends.field("value") if extends else None
            resolved = doc.imports.resolve(value) if value is not None else None
            if resolved and resolved[1].split(".")[-1] == "TerraformStack":
                name = cls.field("name")
                yield from self._findings(doc, ctx, *doc.span(name if name is not None else cls))
                return

    def check_cloudformation(self, doc, ctx):
        if not doc.resources:
            return
        start = doc.key_offset(("Resources",))
        yield from self._findings(doc, ctx, start, start + len("Resources"))
