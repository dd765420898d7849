"""IAC603 cdktn-s3-backend-lockfile."""
from __future__ import annotations

import ast
import json
import re

from iacfix.codemods import _cdktn, _remove
from iacfix.codemods.s3_backend_lockfile import SINCE, terraform_version
from iacfix.fixes import Applicability
from iacfix.languages.python import dotted
from iacfix.rules import Example, Rule

PATH = "terraform.backend.s3.use_lockfile"
_PY_VALUES = {True: "True", False: "False"}
# an npm semver range with a lower bound: `>=1.10.0`, `^1.10`, `~1.11.0`, `1.10.x`, `>=1.10.0 <2.0.0`
_RANGE_FLOOR = re.compile(r"\s*(?:>=|\^|~|=)?\s*v?(\d+)\.(\d+)(?:\.(?:\d+|x|\*))?(?:\s+<=?\s*v?[\d.]+)?\s*")


# S3 lock files asked for, by the override or the fork's argument (`use_lockfile=True`, `useLockfile: true`)
USES_LOCKFILE = re.compile(r"(?:add_override|addOverride)\s*\(\s*['\"`]terraform\.backend\.s3\.use_lockfile['\"`]"
                           r"|\buse_lockfile\s*=\s*True\b|\buseLockfile\s*:\s*true\b")
# what the override already requires: the targetVersions IAC602 declares for a project that sets it
TARGETS = {"terraform": ">=1.10.0", "opentofu": ">=1.10.0"}


def targets_allow_lockfile(targets) -> bool | None:
    """For cdktf.json's `targetVersions`: None when not declared, else whether every range starts at
    1.10 or later (cdktn validates `useLockfile` against them: terraform and opentofu `>=1.10.0`)."""
    if targets is None:
        return None
    if not isinstance(targets, dict) or not targets:
        return False
    for spec in targets.values():
        m = _RANGE_FLOOR.fullmatch(spec) if isinstance(spec, str) else None
        if m is None or (int(m.group(1)), int(m.group(2))) < SINCE:
            return False
    return True


def _project_targets(project):
    """(cdktf.json found, its `targetVersions` or None)."""
    try:
        data = json.loads((project / "cdktf.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False, None
    return isinstance(data, dict), data.get("targetVersions") if isinstance(data, dict) else None


def _insert_argument(source, last_start: int, last_end: int, close: int, argument: str) -> list:
    """The edit adding `argument` after the last argument/property (ending at `last_end`) of a list
    closed at `close`: on a line of its own, with the same indentation, when the last one starts its
    line and is followed by a comma (a comment after that comma stays on its line); else `, argument`
    right after it."""
    text = source.text
    line_start = text.rfind("\n", 0, last_start) + 1
    comma = text.find(",", last_end, close)
    if comma != -1 and not text[line_start:last_start].strip():
        line_end = text.find("\n", comma)
        line_end = close if line_end == -1 or line_end > close else line_end
        if text[line_end - 1:line_end] == "\r":
            line_end -= 1
        indent = text[line_start:last_start]
        return [source.edit(line_end, line_end, f"{source.newline}{indent}{argument},")]
    return [source.edit(last_end, last_end, f", {argument}")]


class CdktnS3BackendLockfile(Rule):
    """On CDK Terrain, the S3 backend's `use_lockfile` escape hatch becomes the backend's own argument.

    HashiCorp cdktf 0.21's `S3Backend` has no `use_lockfile`, so projects set it with an override
    (`self.add_override("terraform.backend.s3.use_lockfile", True)`, TS
    `this.addOverride('terraform.backend.s3.use_lockfile', true)`; see IAC104). The fork's
    `S3BackendConfig` has it (`use_lockfile` / `useLockfile`, read from the shipped cdktn core
    index: the rule does nothing while that index lacks it). In a file whose `S3Backend` comes from
    `cdktn` (after IAC601 `cdktn-imports`), the override on the backend's scope is removed and its
    value passed to the one `S3Backend(...)` call of the file: `S3Backend(self, bucket=…,
    use_lockfile=True)`, TS `new S3Backend(this, { bucket: …, useLockfile: true })`. The synthesized
    backend block is the same. Opt-in with the other migration rules; unsafe like them.

    cdktn 0.24 checks the argument at synth against the project's declared runtimes: `S3Backend`
    adds a validation that the `targetVersions` of cdktf.json (passed by cdktn-cli as context) start
    at Terraform / OpenTofu 1.10; a project that declares none is taken to target Terraform
    `>=1.5.7` and fails ("S3 native state locking requires terraform >=1.10.0"). The override is not
    validated. So the fix is offered when cdktf.json declares `targetVersions` whose ranges all start
    at 1.10 or later, or declares none: IAC602 `cdktn-manifests` then declares
    `{"terraform": ">=1.10.0", "opentofu": ">=1.10.0"}`, what the override already required (select
    the rule set together, `--select IAC6`). With lower declared targets, or no cdktf.json, the
    finding says what to declare instead.

    Only when the target Terraform is unknown or 1.10 and later (below it, IAC104 removes the
    override: `terraform init` rejects the argument in either form). Left alone: files with several `S3Backend` calls, a backend that already sets the argument or
    takes `**kwargs` / a config variable instead of a literal object, an override on another
    receiver, with a non-literal value, with a comment inside, or that is not a statement of its own.
    """

    id = "IAC603"
    slug = "cdktn-s3-backend-lockfile"
    summary = "On CDK Terrain: the S3 backend `use_lockfile` override becomes the S3Backend argument"
    rationale = "issue 8 / FACTS A3: cdktn 0.24 has S3BackendConfig.useLockfile, cdktf 0.21 needs the override"
    languages = ("python", "typescript")
    applicability = Applicability.UNSAFE
    opt_in = True
    rule_set = "cdktn"
    examples = (
        Example("python", """\
from cdktn import S3Backend, TerraformStack


class TapStack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        S3Backend(
            self,
            bucket="states",
            key="tap.tfstate",  # one state per stack
        )
        # S3-native state locking
        self.add_override("terraform.backend.s3.use_lockfile", True)
""", """\
from cdktn import S3Backend, TerraformStack


class TapStack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        S3Backend(
            self,
            bucket="states",
            key="tap.tfstate",  # one state per stack
            use_lockfile=True,
        )
        # S3-native state locking
"""),
        Example("typescript", """\
import { S3Backend, TerraformStack } from 'cdktn';

export class TapStack extends TerraformStack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new S3Backend(this, { bucket: 'states', key: 'tap.tfstate' });
    this.addOverride('terraform.backend.s3.use_lockfile', true);
  }
}
""", """\
import { S3Backend, TerraformStack } from 'cdktn';

export class TapStack extends TerraformStack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new S3Backend(this, { bucket: 'states', key: 'tap.tfstate', useLockfile: true });
  }
}
"""),
        # still on HashiCorp cdktf: the override is the only way there
        Example("python", """\
from cdktf import S3Backend, TerraformStack


class TapStack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        S3Backend(self, bucket="states", key="tap.tfstate")
        self.add_override("terraform.backend.s3.use_lockfile", True)
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        # below Terraform 1.10 the argument breaks `terraform init` either way: IAC104's business
        version = terraform_version(ctx.target.terraform)
        return "use_lockfile" in text and (version is None or version >= SINCE)

    def _argument(self):
        """The fork's S3BackendConfig property, None when the shipped index has none."""
        core, _ = _cdktn.fork_indexes()
        return core.prop("S3BackendConfig", "useLockfile")

    def _finding(self, ctx, source, start, end, edits):
        found, targets = _project_targets(ctx.project) if ctx.project is not None else (True, None)
        # undeclared targets: IAC602 declares them in the same run
        if not found or targets_allow_lockfile(targets) is False:
            return source.finding(self, start, end, (
                "CDK Terrain's S3Backend takes `use_lockfile` itself, but validates it at synth against the "
                "`targetVersions` of cdktf.json (undeclared: terraform >=1.5.7, which fails): declare "
                '`"targetVersions": {"terraform": ">=1.10.0"}` there (and `opentofu` if you use it), then '
                "the override can move into the backend's arguments"))
        return source.finding(self, start, end, "CDK Terrain's S3Backend takes `use_lockfile` itself: the "
                                                "override moves into the backend's arguments", edits)

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        prop = self._argument()
        _, new = _cdktn.families()
        backends = [c for c in doc.calls if doc.imports.resolve(c.func) == f"{new.core}.S3Backend"]
        if prop is None or len(backends) != 1:
            return
        backend = backends[0]
        if not backend.args or any(k.arg in (None, prop.py_name) for k in backend.keywords):
            return
        scope, text, source = dotted(backend.args[0]), doc.text, doc.source
        statements = {id(s.value): s for s in doc.nodes if isinstance(s, ast.Expr)}
        for call in doc.calls:
            func, args = call.func, call.args
            if not (isinstance(func, ast.Attribute) and func.attr == "add_override" and len(args) == 2
                    and not call.keywords and isinstance(args[0], ast.Constant) and args[0].value == PATH
                    and isinstance(args[1], ast.Constant) and args[1].value in _PY_VALUES
                    and dotted(func.value) == scope and scope and id(call) in statements):
                continue
            start, end = doc.span(statements[id(call)])
            if "#" in text[start:end]:
                continue
            last = max([*backend.args, *backend.keywords], key=lambda n: (n.end_lineno, n.end_col_offset))
            last_start, last_end = doc.span(last)
            argument = f"{prop.py_name}={_PY_VALUES[args[1].value]}"
            edits = _insert_argument(source, last_start, last_end, doc.span(backend)[1] - 1, argument)
            edits.append(source.edit(*_remove.removal_range(text, start, end, "#"), ""))
            yield self._finding(ctx, source, *doc.span(call), edits)
            return

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        prop = self._argument()
        _, new = _cdktn.families()
        backends = [n for n in doc.find_all("new_expression")
                    if n.field("constructor") is not None and doc.imports.resolve(n.field("constructor")) == (new.core, "S3Backend")]
        if prop is None or len(backends) != 1:
            return
        args = [c for c in (backends[0].field("arguments") or backends[0]).children() if c.is_named() and c.kind() != "comment"]
        if len(args) != 2 or args[1].kind() != "object":
            return
        scope, config = args[0].text(), args[1]
        pairs = [c for c in config.children() if c.is_named() and c.kind() != "comment"]
        if not pairs or any(p.kind() != "pair" or p.field("key").text().strip("'\"") == prop.name for p in pairs):
            return
        text, source = doc.text, doc.source
        for call in doc.find_all("call_expression"):
            func, call_args = call.field("function"), call.field("arguments")
            if func is None or call_args is None or func.kind() != "member_expression":
                continue
            if func.field("property").text() != "addOverride" or func.field("object").text() != scope:
                continue
            named = [c for c in call_args.children() if c.is_named()]
            if len(named) != 2 or named[0].kind() != "string" or named[0].text()[1:-1] != PATH \
                    or named[1].kind() not in ("true", "false"):
                continue
            stmt = call.parent()
            if stmt is None or stmt.kind() != "expression_statement":
                continue
            start, end = doc.span(stmt)
            if "//" in text[start:end] or "/*" in text[start:end]:
                continue
            last_start, last_end = doc.span(pairs[-1])
            edits = _insert_argument(source, last_start, last_end, doc.span(config)[1] - 1,
                                     f"{prop.name}: {named[1].kind()}")
            edits.append(source.edit(*_remove.removal_range(text, start, end, "//", separator=""), ""))
            yield self._finding(ctx, source, *doc.span(call), edits)
            return
