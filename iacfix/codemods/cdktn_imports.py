"""IAC601 cdktn-imports."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _cdktn
from iacfix.fixes import Applicability
from iacfix.languages.typescript import string_value
from iacfix.rules import NAMES, Example, Rule

_FROM_KEYWORD = re.compile(r"from(?:\s|\\\r?\n)+")  # `from` and what separates it from the module
_TS_MODULE_SUFFIX = re.compile(r"(?:/index)?(?:\.js)?$")


class _Check:
    """Whether a qualified name of the old family exists in the fork: `ok`, `rename` (the fork's
    name for it) or `missing` (with `known_before`: the old family has it, so the fork dropped it)."""

    def __init__(self):
        self.old, self.new = _cdktn.families()
        self.core, self.provider = _cdktn.fork_indexes()
        self.old_core, self.old_provider = _cdktn.old_indexes()
        # `cdktf_cdktf_provider_` of the other prebuilt providers (random, archive, …)
        self.other_providers = self.old.provider_module.rpartition("_")[0] + "_"

    def checked_length(self, qualified: str) -> int:
        """How many dotted parts a use of the old family names down to the class it needs:
        `cdktf.App`, `cdktf.testing_matchers.AssertionReturn`, `cdktf_cdktf_provider_aws.vpc.Vpc`
        (the longer chains are members of those classes; 0: not the old family)."""
        root, _, rest = qualified.partition(".")
        if root == self.old.core:
            return 3 if rest.partition(".")[0] in self.core_submodules() else 2
        return 3 if root == self.old.provider_module else 0

    def core_submodules(self) -> dict[str, dict]:
        """Python leaf (`testing_matchers`) → its types, for the core library's submodules."""
        return {py.rpartition(".")[2]: types for py, types in self.core._data["submodules"].values()}

    def core_name(self, parts: list[str], python: bool) -> tuple[str, str | None, bool]:
        """`parts` after the core module: a root export, or (Python) a submodule and its type."""
        if not parts:
            return "ok", None, True
        submodules = self.core_submodules()
        if python and parts[0] in submodules:
            if len(parts) == 1 or parts[1] in submodules[parts[0]]:
                return "ok", None, True
            return "missing", None, False
        if self.core.kind_of(parts[0]) is not None:
            return "ok", None, True
        return "missing", None, self.old_core.kind_of(parts[0]) is not None

    def provider_name(self, submodule: str | None, name: str | None,
                      old_submodule: str | None = None) -> tuple[str, str | None, bool]:
        """A provider submodule key (None: the leaf is not a module of the fork, `old_submodule`: what
        the old bindings make of it) and a type in it."""
        if submodule is None:
            return "missing", None, old_submodule is not None
        if name is None or self.provider.has_type(submodule, name):
            return "ok", None, True
        renamed = self.provider.rename(submodule, name)
        if renamed is not None:
            return "rename", renamed, True
        return "missing", None, self.old_provider.has_type(submodule, name)


class CdktnImports(Rule):
    """CDKTF imports moved to CDK Terrain (`cdktn`), the community fork that continues CDKTF after
    HashiCorp archived it (December 2025). Opt-in (select `IAC601` or `cdktn-imports`), unsafe: the
    project then needs the fork's packages, which IAC602 `cdktn-manifests` puts in its manifests.

    Python: the module `cdktf` → `cdktn` and `cdktf_cdktf_provider_aws` → `cdktn_provider_aws`, in
    every import form (`import cdktf`, `import cdktf as cf`, `import cdktf.testing_matchers`,
    `from cdktf import App`, `from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket`,
    `import cdktf_cdktf_provider_aws.vpc as vpc`), imports inside functions included, and the
    uses of a module bound by a plain `import cdktf` (`cdktf.App()` → `cdktn.App()`). TypeScript:
    the module specifiers `"cdktf"`, `"cdktf/…"`, `"@cdktf/provider-aws"` and
    `"@cdktf/provider-aws/lib/…"` in import declarations, `import x = require(…)`, `require(…)`,
    dynamic `import(…)` and `export … from`. Only the module name changes, byte for byte: comments,
    quotes and layout stay.

    Every imported name is checked against the fork's shipped indexes (core `cdktn` 0.24.0,
    `cdktn-provider-aws` 25.8.1). A class the fork renamed (its generator adds an `A` or `Struct`
    suffix where names collide) is imported under the fork's name, aliased to the old one
    (`from cdktn_provider_aws.m import NewA as New`, TS `{ NewA as New }`) so the code using it
    keeps working. A name that the old bindings export but the fork does not is reported, and the
    file is left unmigrated (a half-migrated file mixes two core libraries, which fails at synth).
    A name that neither family has is a defect of its own (IAC101/IAC110 repair those): it is
    reported and the file is still migrated. Other `@cdktf/provider-*` packages and
    `cdktf_cdktf_provider_*` modules are reported: only the AWS provider's fork is indexed.
    Namespace uses in TypeScript (`aws.s3Bucket.S3Bucket`) are not checked: every submodule of the
    old bindings exists in the fork.
    """

    id = "IAC601"
    slug = "cdktn-imports"
    summary = "CDKTF imports moved to CDK Terrain (cdktn, cdktn_provider_aws, @cdktn/provider-aws)"
    rationale = "issue 8: bulk migration from the archived CDKTF to its community fork CDK Terrain"
    languages = ("python", "typescript")
    applicability = Applicability.UNSAFE
    opt_in = True
    rule_set = "cdktn"
    phase = NAMES
    triggers = ("cdktf",)
    examples = (
        Example("python", """\
import cdktf  # the core library
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

app = cdktf.App()
""", """\
import cdktn  # the core library
from cdktn_provider_aws.s3_bucket import S3Bucket

app = cdktn.App()
"""),
        Example("typescript", """\
import { App, TerraformStack } from "cdktf";
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
""", """\
import { App, TerraformStack } from "cdktn";
import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
"""),
        # already on the fork
        Example("python", """\
from cdktn import App
from cdktn_provider_aws.provider import AwsProvider
"""),
    )

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        check = _Check()
        roots = {check.old.core: check.new.core, check.old.provider_module: check.new.provider_module}
        source, edits, findings, blocked = doc.source, [], [], False

        def verdict(node_span, qualified: str, rename_at=None):
            """Check one qualified name; record a rename edit or a finding."""
            nonlocal blocked
            root, _, rest = qualified.partition(".")
            parts = rest.split(".") if rest else []
            if root == check.old.core:
                status, new_name, known = check.core_name(parts, python=True)
            else:
                leaf = parts[0] if parts else None
                sub = check.provider.module_for_python(leaf) if leaf else "root"
                if sub == "root":
                    status, new_name, known = "ok", None, True
                else:
                    status, new_name, known = check.provider_name(sub, parts[1] if len(parts) > 1 else None,
                                                                  check.old_provider.module_for_python(leaf))
            if status == "rename" and rename_at is not None:
                edits.append(rename_at(new_name))
            elif status == "missing":
                blocked = blocked or known
                findings.append(self._missing(source, *node_span, qualified, known))

        bound_roots = set()  # an old root bound by `import cdktf[.x]`: its uses are renamed
        for stmt in doc.import_statements:
            if isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    root = alias.name.partition(".")[0]
                    if root in roots:
                        start, end = doc.span(alias)
                        edits.append(source.edit(start, start + len(root), roots[root]))
                        verdict((start, end), alias.name)
                        if alias.asname is None:
                            bound_roots.add(root)
                    elif root.startswith(check.other_providers):
                        findings.append(self._other_provider(source, *doc.span(alias), root))
            elif isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module:
                root = stmt.module.partition(".")[0]
                if root not in roots:
                    if root.startswith(check.other_providers):
                        findings.append(self._other_provider(source, *doc.span(stmt), root))
                    continue
                start = doc.span(stmt)[0]
                keyword = _FROM_KEYWORD.match(source.text, start)
                module_at = keyword.end() if keyword else start + len("from ")
                edits.append(source.edit(module_at, module_at + len(root), roots[root]))
                for alias in stmt.names:
                    if alias.name == "*":
                        continue
                    a_start, a_end = doc.span(alias)
                    local = alias.asname or alias.name
                    verdict((a_start, a_end), f"{stmt.module}.{alias.name}",
                            lambda new, s=a_start, e=a_end, local=local: source.edit(s, e, f"{new} as {local}"))
        for name in doc.names:
            if name.id in bound_roots:
                start, end = doc.span(name)
                edits.append(source.edit(start, end, roots[name.id]))
        for node in doc.attributes:
            qualified = doc.imports.resolve(node)
            if qualified and len(qualified.split(".")) == check.checked_length(qualified):
                span = doc.attr_span(node)
                verdict(doc.span(node), qualified, lambda new, s=span: source.edit(s[0], s[1], new))
        yield from self._result(source, edits, findings, blocked)

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        check = _Check()
        old, new = check.old, check.new
        source, edits, findings, blocked = doc.source, [], [], False
        for string in self._module_strings(doc):
            module = string_value(string)
            start, end = doc.span(string)
            if module == old.core or module.startswith(old.core + "/"):
                renamed, submodule = new.core + module[len(old.core):], None
            elif module == old.provider_npm or module.startswith(old.provider_npm + "/"):
                renamed = new.provider_npm + module[len(old.provider_npm):]
                leaf = _TS_MODULE_SUFFIX.sub("", module[len(old.provider_npm):]).removeprefix("/lib/")
                submodule = check.provider.module_for_ts(leaf) if leaf else "root"
                if submodule is None:
                    known = check.old_provider.module_for_ts(leaf) is not None
                    blocked = blocked or known
                    findings.append(self._missing(source, start, end, module, known))
            elif module.startswith(old.npm_scope + "provider-"):
                findings.append(self._other_provider(source, start, end, module))
                continue
            else:
                continue
            edits.append(source.edit(start + 1, end - 1, renamed))
            for spec, name, alias in self._specifiers(string.parent()):
                s_start, s_end = doc.span(spec)
                if module == old.core:
                    status, new_name, known = check.core_name([name], python=False)
                elif submodule not in (None, "root") and name != "default":
                    status, new_name, known = check.provider_name(submodule, name)
                else:
                    continue
                if status == "rename":
                    edits.append(source.edit(s_start, s_end, f"{new_name} as {alias or name}"))
                elif status == "missing":
                    blocked = blocked or known
                    findings.append(self._missing(source, s_start, s_end, f"{module}: {name}", known))
        yield from self._result(source, edits, findings, blocked)

    @staticmethod
    def _module_strings(doc):
        """The module specifier strings of imports, re-exports, `require(…)` and `import(…)`."""
        for kind in ("import_statement", "export_statement"):
            for stmt in doc.find_all(kind):
                source = stmt.field("source")
                if source is None and kind == "import_statement":
                    clause = stmt.find(kind="import_require_clause")
                    source = clause.find(kind="string") if clause is not None else None
                if source is not None and source.kind() == "string":
                    yield source
        for call in doc.find_all("call_expression"):
            function, args = call.field("function"), call.field("arguments")
            if function is not None and function.text() in ("import", "require") and args is not None:
                strings = [c for c in args.children() if c.is_named()]
                if len(strings) == 1 and strings[0].kind() == "string":
                    yield strings[0]

    @staticmethod
    def _specifiers(stmt):
        """(node, name, alias) of the named imports / exports of a statement."""
        if stmt is None:
            return
        for kind in ("import_specifier", "export_specifier"):
            for spec in stmt.find_all(kind=kind):
                name, alias = spec.field("name"), spec.field("alias")
                if name is not None:
                    yield spec, name.text(), alias.text() if alias is not None else None

    # -- findings ----------------------------------------------------------------------------
    def _result(self, source, edits, findings, blocked):
        yield from findings
        if edits and not blocked:
            yield _cdktn.migration_finding(self, source, edits, f"CDKTF imports moved to CDK Terrain ({len(edits)} "
                                           "edit(s); unsafe: the project needs the fork's packages, see IAC602)")

    def _missing(self, source, start, end, name, known_before):
        why = ("exists in CDKTF but not in CDK Terrain; this file is not migrated" if known_before
               else "exists neither in CDKTF nor in CDK Terrain (see IAC101/IAC110)")
        return source.finding(self, start, end, f"`{name}` {why}")

    def _other_provider(self, source, start, end, name):
        return source.finding(self, start, end, f"`{name}`: iacfix indexes only the AWS provider of CDK Terrain; "
                                                "move this provider by hand (its fork is @cdktn/provider-…)")
