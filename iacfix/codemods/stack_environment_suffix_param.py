"""IAC107 stack-environment-suffix-param."""
from __future__ import annotations

import ast
import re

from iacfix.rules import Example, Rule

_PY_ENV_READ = re.compile(r"""os\.(?:environ\.get|getenv)\(\s*['"]ENVIRONMENT_SUFFIX['"]|os\.environ\[\s*['"]ENVIRONMENT_SUFFIX['"]\s*\]""")
_TS_ENV_READ = re.compile(r"""process\.env(?:\.ENVIRONMENT_SUFFIX\b|\[\s*['"]ENVIRONMENT_SUFFIX['"]\s*\])""")
_STACK_BASES = ("TerraformStack",)


class StackEnvironmentSuffixParam(Rule):
    """A stack class that reads its environment suffix from the process environment instead of
    taking it as a constructor parameter.

    Seed 003 #17: `MultiEnvStack.__init__(self, scope, id, config)` read `ENVIRONMENT_SUFFIX`
    from `os.environ` inside the stack; the IDEAL takes `environment: str, environment_suffix: str`
    as parameters and keeps them on `self`. A stack that reads the environment cannot be
    instantiated twice with different suffixes in one app or in a unit test (`Testing.synth`),
    and the suffix its names use is invisible at the call site.

    Reported (no fix) for a class deriving from `TerraformStack` whose constructor has no
    `environment_suffix` / `environmentSuffix` parameter (nor `**kwargs`, nor a props parameter
    that mentions it) while its body reads `ENVIRONMENT_SUFFIX` (`os.environ.get`, `os.getenv`,
    `os.environ[…]`, `process.env.ENVIRONMENT_SUFFIX`). The fix is not determined by the code:
    the parameter's position, its default and every caller (the app, the tests) must change
    together, and the read must move to the app entry point — a human decides. Reading the
    variable in the app (`tap.py`, `bin/tap.ts`) and passing it in is the correct form and is left
    alone, as are stacks that already take the parameter.
    """

    id = "IAC107"
    slug = "stack-environment-suffix-param"
    summary = "Stack reads ENVIRONMENT_SUFFIX from the process environment instead of taking an environment_suffix parameter"
    rationale = "seed 003 #17 (environment_suffix only in an environment variable, not a stack parameter)"
    seeds = ("003#17",)
    languages = ("python", "typescript")
    examples = (
        Example("python", """\
import os
from cdktf import TerraformStack


class MultiEnvStack(TerraformStack):
    def __init__(self, scope, id: str, config: dict):
        super().__init__(scope, id)
        environment_suffix = os.environ.get("ENVIRONMENT_SUFFIX", "dev")
""", reported=True),
        Example("typescript", """\
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const environmentSuffix = process.env.ENVIRONMENT_SUFFIX || 'dev';
  }
}
""", reported=True),
        # valid: the suffix is a parameter (the seed's IDEAL)
        Example("python", """\
import os
from cdktf import TerraformStack


class MultiEnvStack(TerraformStack):
    def __init__(self, scope, id: str, environment: str, environment_suffix: str, config: dict):
        super().__init__(scope, id)
        self.environment_suffix = environment_suffix or os.environ.get("ENVIRONMENT_SUFFIX", "dev")
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return "ENVIRONMENT_SUFFIX" in text and "TerraformStack" in text

    def check_python(self, doc, ctx):
        for cls in doc.tree.body:
            if not isinstance(cls, ast.ClassDef):
                continue
            if not any(_base_name(doc, b) for b in cls.bases):
                continue
            init = next((s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
            if init is None:
                continue
            args = init.args
            names = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
            if "environment_suffix" in names or args.kwarg is not None:
                continue
            start, end = doc.span(init)
            body = doc.text[start:end]
            m = _PY_ENV_READ.search(body)
            if m is None:
                continue
            at = start + m.start()
            yield doc.source.finding(
                self, at, at + len(m.group(0)),
                f"`{cls.name}` reads ENVIRONMENT_SUFFIX from the process environment: take `environment_suffix` "
                f"as a constructor parameter and pass it from the app (and the tests)")

    def check_typescript(self, doc, ctx):
        for cls in doc.root.find_all(kind="class_declaration"):
            heritage = cls.find(kind="class_heritage")
            if heritage is None or not any(b in heritage.text() for b in _STACK_BASES):
                continue
            body = cls.field("body")
            ctor = None
            for member in body.children() if body is not None else []:
                name = member.field("name") if member.kind() == "method_definition" else None
                if name is not None and name.text() == "constructor":
                    ctor = member
            if ctor is None:
                continue
            params = ctor.field("parameters")
            if params is not None and re.search(r"environmentSuffix|Props\b|props", params.text()):
                continue
            m = _TS_ENV_READ.search(ctor.text())
            if m is None:
                continue
            at = doc.span(ctor)[0] + m.start()
            name = cls.field("name").text() if cls.field("name") is not None else "stack"
            yield doc.source.finding(
                self, at, at + len(m.group(0)),
                f"`{name}` reads ENVIRONMENT_SUFFIX from the process environment: take `environmentSuffix` "
                f"as a constructor prop and pass it from the app (and the tests)")


def _base_name(doc, base) -> bool:
    qualified = doc.imports.resolve(base)
    if qualified:
        return qualified.split(".")[-1] in _STACK_BASES and qualified.split(".")[0] in ("cdktf", "cdktn")
    return isinstance(base, ast.Name) and base.id in _STACK_BASES and bool(doc.imports.star_modules)
