"""IAC122 struct-class-position."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _construct_args, _provider
from iacfix.codemods._remove import remove_list_item
from iacfix.rules import Example, Rule

# `name=` / `"name":` followed (through an optional `[`) by a capitalised call, possibly module-qualified
_PY_STRUCT_CALL = re.compile(r"\b[a-z][a-zA-Z0-9_]*[\"']?\s*[=:]\s*\[?\s*(?:[A-Za-z_]\w*\.)*[A-Z]\w*\s*\(")


class StructClassPosition(Rule):
    """A provider struct class built for another position: `visibility_config=Wafv2WebAclVisibilityConfig(...)` inside a `Wafv2WebAclRule`.

    The Python bindings generate one struct class per block position, even when two blocks have
    the same fields: the web ACL's own `visibility_config` is `Wafv2WebAclVisibilityConfig`, a
    rule's is `Wafv2WebAclRuleVisibilityConfig`; a CodeBuild project's `artifacts` is
    `CodebuildProjectArtifacts`, its `secondary_artifacts` `CodebuildProjectSecondaryArtifacts`.
    Generated code often reuses the top-level struct in the nested block, and synth fails with
    jsii's type check: `TypeError: type of argument visibility_config must be one of
    (…Wafv2WebAclRuleVisibilityConfig, Dict[str, Any]); got …Wafv2WebAclVisibilityConfig instead`.
    TypeScript is not concerned: its structs are interfaces and object literals type-check
    structurally.

    The rule resolves every provider class call through the file's imports (every import form:
    `from m import X`, aliases, `import m`, module aliases, star imports) and walks its keyword
    arguments the way IAC102/IAC114 do: a keyword whose declared kind (provider index, target
    version) is `struct`, `list_struct` or `map_struct` with struct S, whose value (a list element,
    a dict value of a struct map) is a call of another provider struct class T:

    - every keyword the call passes is declared by S → the class is renamed to S's class — safe:
      the fields are the same, only the class carrying them is wrong. S is imported in the file's
      idiom (an existing import, the module already imported, a name appended to the module's
      `from … import`). When no use of T's name is left in the file (outside imports, counting
      strings and comments), its import goes too: renamed in place to S when it is a plain
      `from S's module import T`, else removed when that is mechanical (no comment on its lines,
      and S does not have to be appended to that same statement); otherwise it is left. The
      renames of such a name and the import edit are one fix, applied together or not at all.
    - otherwise → reported, naming S and the keywords S does not declare.

    Keywords inside the call are walked with S as their parent, so a wrong class two levels down
    is found in the same pass. Dict literals at struct positions are walked too.

    Never touched: calls with positional arguments or `**kwargs`, classes that are not provider
    struct classes (a resource class at a block position is another mistake), values that are not
    calls (variables, function results), free-form maps.
    """

    id = "IAC122"
    slug = "struct-class-position"
    summary = "Provider struct class of another block position (the resource's top-level struct reused in a nested block)"
    rationale = "issue 6: Pr7956 passes `Wafv2WebAclVisibilityConfig` where a rule declares `Wafv2WebAclRuleVisibilityConfig` (jsii TypeError at synth)"
    languages = ("python",)
    triggers = _provider.PY_ROOTS
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclVisibilityConfig

rule = Wafv2WebAclRule(name="r", priority=1, visibility_config=Wafv2WebAclVisibilityConfig(
    cloudwatch_metrics_enabled=True, metric_name="r", sampled_requests_enabled=True))
""", """\
from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclRuleVisibilityConfig

rule = Wafv2WebAclRule(name="r", priority=1, visibility_config=Wafv2WebAclRuleVisibilityConfig(
    cloudwatch_metrics_enabled=True, metric_name="r", sampled_requests_enabled=True))
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws import codebuild_project as cb

cb.CodebuildProject(self, "p", name="p", service_role=role.arn,
                    artifacts=cb.CodebuildProjectArtifacts(type="NO_ARTIFACTS"),
                    secondary_artifacts=[cb.CodebuildProjectArtifacts(type="S3", artifact_identifier="out")])
""", """\
from cdktf_cdktf_provider_aws import codebuild_project as cb

cb.CodebuildProject(self, "p", name="p", service_role=role.arn,
                    artifacts=cb.CodebuildProjectArtifacts(type="NO_ARTIFACTS"),
                    secondary_artifacts=[cb.CodebuildProjectSecondaryArtifacts(type="S3", artifact_identifier="out")])
"""),
        # valid: each block gets its own class
        Example("python", """\
from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclRuleVisibilityConfig

Wafv2WebAclRule(name="r", priority=1, visibility_config=Wafv2WebAclRuleVisibilityConfig(
    cloudwatch_metrics_enabled=True, metric_name="r", sampled_requests_enabled=True))
"""),
        # reported: a web ACL's default action cannot count
        Example("python", """\
from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAcl, Wafv2WebAclRuleAction

Wafv2WebAcl(self, "acl", name="acl", scope="REGIONAL", default_action=Wafv2WebAclRuleAction(count={}))
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return super().triggered(text, ctx, language) and _PY_STRUCT_CALL.search(text) is not None

    def check_python(self, doc, ctx):
        root = _construct_args.py_provider_root(doc, ctx.target.family)
        return _Walker(self, doc, ctx.provider, root).run()


class _Wrong:
    """One call of struct class T at a position declaring struct S."""

    def __init__(self, call, parent_label, key, actual, expected, undeclared):
        self.call, self.parent_label, self.key = call, parent_label, key
        self.actual, self.expected, self.undeclared = actual, expected, undeclared


class _Walker:
    def __init__(self, rule, doc, index, root):
        self.rule, self.doc, self.index, self.root = rule, doc, index, root
        self.source = doc.source
        self.wrong: list[_Wrong] = []
        self.seen: set[int] = set()  # calls visited as a value of a typed position

    def run(self):
        roots = []
        for call in self.doc.calls:
            resolved = _provider.python_resolve(self.index, self.doc, call.func)
            struct = self.index.params_struct(*resolved) if resolved else None
            if struct:
                roots.append((call, struct, resolved[1]))
        # walk the outermost calls first; a call reached from a parent's position is typed by it
        for call, struct, label in roots:
            if id(call) not in self.seen:
                self.arguments(struct, [(k.arg, k.value) for k in call.keywords if k.arg is not None], label)
        return self.findings()

    # -- walking -----------------------------------------------------------------------------
    def arguments(self, struct: str, pairs, label: str) -> None:
        """Walk keyword (or dict) `pairs` given to `struct`; `label` names the owner in messages."""
        for key, value in pairs:
            prop = self.index.prop(struct, key)
            if prop is None or prop.struct is None or prop.kind not in ("struct", "list_struct", "map_struct"):
                continue
            if prop.kind == "map_struct" and isinstance(value, ast.Dict):
                values = list(value.values)
            elif isinstance(value, (ast.List, ast.Tuple)):
                values = list(value.elts)
            else:
                values = [value]
            for item in values:
                self.value(label, key, prop.struct, item)

    def value(self, parent: str, key: str, expected: str, node) -> None:
        exp_sub, exp_name = expected.rsplit(".", 1)
        if isinstance(node, ast.Dict):
            self.arguments(expected, [(k.value, v) for k, v in zip(node.keys, node.values)
                                      if isinstance(k, ast.Constant) and isinstance(k.value, str)], exp_name)
            return
        if not isinstance(node, ast.Call):
            return
        resolved = _provider.python_resolve(self.index, self.doc, node.func)
        if not resolved:
            return
        keywords = [(k.arg, k.value) for k in node.keywords if k.arg is not None]
        actual = f"{resolved[0]}.{resolved[1]}"
        if actual != expected and self.index.kind_of(*resolved) != "struct":
            return  # not a struct class (a resource at a block position): another mistake
        self.seen.add(id(node))
        if actual == expected:
            self.arguments(expected, keywords, exp_name)
            return
        if not self.index.has_type(exp_sub, exp_name):
            return
        if node.args or len(keywords) != len(node.keywords):
            self.wrong.append(_Wrong(node, parent, key, resolved, expected, None))
            self.arguments(expected, keywords, exp_name)
            return
        undeclared = [k for k, _ in keywords if self.index.prop(expected, k) is None]
        self.wrong.append(_Wrong(node, parent, key, resolved, expected, undeclared))
        self.arguments(expected, [(k, v) for k, v in keywords if k not in undeclared], exp_name)

    # -- findings ----------------------------------------------------------------------------
    def _message(self, w: _Wrong) -> str:
        parent = w.parent_label
        exp = w.expected.rsplit(".", 1)[-1]
        head = (f"`{w.key}` of `{parent}` takes `{exp}` (provider-aws {self.index.version}), "
                f"not `{w.actual[1]}`")
        if w.undeclared is None:
            return head + " (not renamed: positional or `**` arguments)"
        if w.undeclared:
            listed = ", ".join(f"`{k}`" for k in w.undeclared)
            return head + f"; `{exp}` does not declare {listed}"
        return head + f"; use `{exp}`"

    def findings(self):
        out = []
        fixable = [w for w in self.wrong if w.undeclared == []]
        for w in self.wrong:
            if w.undeclared != []:
                start, end = self.doc.span(w.call.func)
                out.append(self.source.finding(self.rule, start, end, self._message(w)))
        # renames of a bare imported name that would leave the import unused go together with it
        by_name: dict[str, list[_Wrong]] = {}
        single = []
        for w in fixable:
            if isinstance(w.call.func, ast.Name) and w.call.func.id in self.doc.imports.names:
                by_name.setdefault(w.call.func.id, []).append(w)
            else:
                single.append(w)
        for local, group in by_name.items():
            import_edits = self._retire_import(local, group)
            if import_edits is None:
                single.extend(group)
                continue
            edits = list(import_edits)
            for w in group:
                edits += self._rename(w, retired=local)
            start, end = self.doc.span(group[0].call.func)
            message = self._message(group[0])
            if len(group) > 1:
                message += f" (and {len(group) - 1} more use(s) of `{local}`; its import goes)"
            out.append(self.source.finding(self.rule, start, end, message, edits))
        for w in single:
            start, end = self.doc.span(w.call.func)
            out.append(self.source.finding(self.rule, start, end, self._message(w), self._rename(w)))
        out.sort(key=lambda f: (f.line, f.column))
        return out

    def _module(self, struct: str) -> str:
        """S's Python module, under the provider package the file imports (cdktf or cdktn)."""
        return f"{self.root}.{self.index.python_leaf(struct.rsplit('.', 1)[0])}"

    def _rename(self, w: _Wrong, retired: str | None = None) -> list:
        name = w.expected.rsplit(".", 1)[1]
        start, end = self.doc.span(w.call.func)
        if retired is not None and self._renamed_in_place(retired, w.expected):
            return [self.source.edit(start, end, name)]
        reference, import_edits = self.doc.reference(self._module(w.expected), name)
        return [self.source.edit(start, end, reference), *import_edits]

    def _plain_import(self, local: str):
        """(statement, alias index) of `from m import local` (no alias), else None."""
        for stmt in self.doc.imports.from_imports:
            for i, alias in enumerate(stmt.names):
                if (alias.asname or alias.name) == local:
                    return stmt, i
        return None

    def _renamed_in_place(self, local: str, expected: str) -> bool:
        found = self._plain_import(local)
        if found is None:
            return False
        stmt, i = found
        name = expected.rsplit(".", 1)[1]
        return (stmt.names[i].asname is None and stmt.module == self._module(expected)
                and len({w.expected for w in self._group_of(local)}) == 1
                and name not in self.doc.imports.names
                and not any(a.name == name for a in stmt.names))

    def _group_of(self, local: str) -> list[_Wrong]:
        return [w for w in self.wrong if w.undeclared == [] and isinstance(w.call.func, ast.Name)
                and w.call.func.id == local]

    def _retire_import(self, local: str, group: list[_Wrong]):
        """Edits retiring the import of `local` once every use is renamed; None when it stays
        (other uses, several imports of it, a comment in the way)."""
        text = self.source.text
        statements = [self.doc.span(s) for s in self.doc.import_statements]
        uses = sum(1 for m in re.finditer(r"(?<![\w.])%s(?!\w)" % re.escape(local), text)
                   if not any(s <= m.start() < e for s, e in statements))
        if uses != len(group):
            return None
        found = self._plain_import(local)
        if found is None:
            return None
        bound = sum(1 for s in self.doc.import_statements for a in s.names if (a.asname or a.name) == local)
        if bound != 1:
            return None
        stmt, i = found
        if self._renamed_in_place(local, group[0].expected):
            start, end = self.doc.span(stmt.names[i])
            return [self.source.edit(start, end, group[0].expected.rsplit(".", 1)[1])]
        if any(stmt.module == self._module(w.expected)
               and f"{stmt.module}.{w.expected.rsplit('.', 1)[1]}" not in self.doc.imports.names.values()
               for w in group):
            return None  # S would be appended to the statement losing T: left for clarity
        start, end = self.doc.span(stmt)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        if "#" in text[line_start:len(text) if line_end == -1 else line_end]:
            return None  # a comment on the import's lines: not a trivial removal
        items = [self.doc.span(a) for a in stmt.names]
        return remove_list_item(self.source, items, i, (start, end), "#")
