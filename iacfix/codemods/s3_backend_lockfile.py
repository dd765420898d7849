"""IAC104 s3-backend-lockfile."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _remove
from iacfix.config import effective_version
from iacfix.rules import Example, Rule

PATH = "terraform.backend.s3.use_lockfile"
SINCE = (1, 10)  # S3-native locking (`use_lockfile`) arrived in Terraform 1.10.0, GA in 1.11.0
_TRIGGER = re.compile(r"(?:add_override|addOverride)\s*\(\s*['\"`]terraform\.backend\.s3\.use_lockfile['\"`]")
_BODIES = ("body", "orelse", "finalbody")


def terraform_version(spec: str | None) -> tuple[int, ...] | None:
    """The target Terraform as a tuple (`"1.9"` → (1, 9)); None when unknown (= the newest)."""
    if not spec:
        return None
    spec = str(spec).strip()
    version = spec if re.fullmatch(r"v?\d+(?:\.\d+)*", spec) else effective_version(spec)
    if not version:
        return None
    return tuple(int(p) for p in version.lstrip("v").split("."))


def _lone_python_statement(tree: ast.AST, stmt: ast.stmt) -> bool:
    """Whether `stmt` is the only statement of the block holding it (deleting it empties the block)."""
    for node in ast.walk(tree):
        for field in _BODIES:
            body = getattr(node, field, None)
            if isinstance(body, list) and any(s is stmt for s in body):
                return len(body) == 1 and not isinstance(node, ast.Module)
        for handler in getattr(node, "handlers", ()) or ():
            if any(s is stmt for s in handler.body):
                return len(handler.body) == 1
        for case in getattr(node, "cases", ()) or ():
            if any(s is stmt for s in case.body):
                return len(case.body) == 1
    return False


class S3BackendLockfile(Rule):
    """An `use_lockfile` override on the S3 backend for a Terraform that does not know the argument.

    CDKTF 0.21's `S3Backend` has no `use_lockfile` field (FACTS A3), so projects turn on S3-native
    state locking with an escape hatch: `self.add_override("terraform.backend.s3.use_lockfile", True)`
    (TypeScript `this.addOverride('terraform.backend.s3.use_lockfile', true)`). The argument exists
    from Terraform **1.10** (opt-in; generally available in 1.11, which deprecates `dynamodb_table`).
    On an older Terraform `terraform init` rejects the backend block (seed 002 #2: "Extraneous JSON
    object property"; seed 000 #6 removed the same line).

    Policy: the target Terraform is `ctx.target.terraform` — `terraformVersion` in `cdktf.json`, or
    `[tool.iacfix.target] terraform`. Only when it is known and older than 1.10 is the override
    statement removed (safe: on that Terraform it cannot lock anything, it only breaks `init`),
    whatever its value (`false` is rejected just the same). For 1.10 and later, or when the version
    is unknown (the newest is assumed), the override is valid and stays. It is never turned into an
    `S3Backend(use_lockfile=…)` argument: HashiCorp cdktf's `S3BackendConfig` has no such field
    (only the cdktn fork has `useLockfile`).

    DynamoDB locking (`dynamodb_table`) is not offered as a replacement: it needs a table that
    exists, whose name the code does not contain, and it is deprecated from Terraform 1.11; the
    message points to it instead. The receiver (`self`, `this`, a stack variable) does not matter;
    the path must be the literal string. A comment inside the call, or a call that is not a
    statement of its own (`if (x) this.addOverride(...)` without braces, part of an expression) is
    reported without a fix. When the call is the only statement of a Python block it becomes `pass`.
    Comments before and after the line are kept.
    """

    id = "IAC104"
    slug = "s3-backend-lockfile"
    summary = "S3 backend `use_lockfile` override removed when the target Terraform is older than 1.10"
    rationale = "seed 000 #6 and seed 002 #2 (`addOverride('terraform.backend.s3.use_lockfile', true)` broke `terraform init`)"
    seeds = ("000#6", "002#2")
    languages = ("python", "typescript")
    examples = (
        Example("python", """\
from cdktf import S3Backend, TerraformStack


class TapStack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        S3Backend(self, bucket="states", key="tap.tfstate", region="us-east-1", encrypt=True)
        # S3-native state locking
        self.add_override("terraform.backend.s3.use_lockfile", True)
        self.add_override("terraform.backend.s3.encrypt", True)
""", """\
from cdktf import S3Backend, TerraformStack


class TapStack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        S3Backend(self, bucket="states", key="tap.tfstate", region="us-east-1", encrypt=True)
        # S3-native state locking
        self.add_override("terraform.backend.s3.encrypt", True)
""", options={"target": {"terraform": "1.9.8"}}),
        Example("typescript", """\
import { S3Backend, TerraformStack } from 'cdktf';

export class TapStack extends TerraformStack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new S3Backend(this, { bucket: 'states', key: 'tap.tfstate', region: 'us-east-1' });
    this.addOverride('terraform.backend.s3.use_lockfile', true); // lock
  }
}
""", """\
import { S3Backend, TerraformStack } from 'cdktf';

export class TapStack extends TerraformStack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new S3Backend(this, { bucket: 'states', key: 'tap.tfstate', region: 'us-east-1' });
    // lock
  }
}
""", options={"target": {"terraform": "1.5"}}),
        # valid: Terraform 1.10+ knows the argument
        Example("typescript", """\
import { S3Backend, TerraformStack } from 'cdktf';

export class TapStack extends TerraformStack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new S3Backend(this, { bucket: 'states', key: 'tap.tfstate', region: 'us-east-1' });
    this.addOverride('terraform.backend.s3.use_lockfile', true);
  }
}
""", options={"target": {"terraform": "1.10.0"}}),
        # valid: unknown Terraform = the newest
        Example("python", """\
from cdktf import TerraformStack

class TapStack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        self.add_override("terraform.backend.s3.use_lockfile", True)
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        version = terraform_version(ctx.target.terraform)
        return version is not None and version < SINCE and bool(_TRIGGER.search(text))

    def _message(self, ctx) -> str:
        return (f"`use_lockfile` is an S3 backend argument from Terraform 1.10; the target is Terraform "
                f"{ctx.target.terraform}, whose `terraform init` rejects it: the override is removed "
                "(to lock state on this Terraform, give the S3Backend a `dynamodb_table` that exists)")

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        text = doc.text
        for call in doc.calls:
            func = call.func
            if not (isinstance(func, ast.Attribute) and func.attr == "add_override" and call.args):
                continue
            first = call.args[0]
            if not (isinstance(first, ast.Constant) and first.value == PATH):
                continue
            start, end = doc.span(call)
            stmt = _statement(doc.tree, call)
            if stmt is None or "#" in text[start:end]:
                yield doc.source.finding(self, start, end, self._message(ctx) + "; remove it by hand")
                continue
            if _lone_python_statement(doc.tree, stmt):
                edits = [doc.source.edit(start, end, "pass")]
            else:
                a, b = _remove.removal_range(text, start, end, "#")
                edits = [doc.source.edit(a, b, "")]
            yield doc.source.finding(self, start, end, self._message(ctx), edits)

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        text = doc.text
        for call in doc.find_all("call_expression"):
            func, args = call.field("function"), call.field("arguments")
            if func is None or args is None or func.kind() != "member_expression":
                continue
            prop = func.field("property")
            if prop is None or prop.text() != "addOverride":
                continue
            named = [c for c in args.children() if c.is_named() and c.kind() != "comment"]
            if not named or named[0].kind() not in ("string", "template_string") or named[0].text()[1:-1] != PATH:
                continue
            start, end = doc.span(call)
            stmt = call.parent()
            if (stmt is None or stmt.kind() != "expression_statement" or stmt.parent() is None
                    or stmt.parent().kind() not in ("statement_block", "program", "switch_case")):
                yield doc.source.finding(self, start, end, self._message(ctx) + "; remove it by hand")
                continue
            s_start, s_end = doc.span(stmt)
            body = text[s_start:s_end]
            if "//" in body or "/*" in body:
                yield doc.source.finding(self, start, end, self._message(ctx) + "; remove it by hand")
                continue
            a, b = _remove.removal_range(text, s_start, s_end, "//", separator="")
            yield doc.source.finding(self, start, end, self._message(ctx), [doc.source.edit(a, b, "")])


def _statement(tree: ast.AST, call: ast.Call) -> ast.stmt | None:
    """The expression statement whose value is `call`, else None."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and node.value is call:
            return node
    return None
