"""IAC105 provider-default-tags."""
from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path

from iacfix.codemods import _companions, _provider
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

_MODULE = "provider"
_FUNCTIONS = ("method_definition", "function_declaration", "arrow_function", "function_expression",
              "function", "generator_function_declaration")


class ProviderDefaultTags(Rule):
    """An AWS provider without `default_tags` gets the project's common tags.

    Tags set on the provider reach every resource it creates, which is how cost allocation,
    governance and environment identification get a tag on everything (seed 003 #2: the IDEAL
    moved `Environment`, `Project`, `ManagedBy` and `EnvironmentSuffix` into
    `AwsProvider(default_tags=…)`). Every `AwsProvider` (aliased ones too: each provider
    configuration has its own default tags) with no `default_tags` / `defaultTags` gets them, in
    the shape the target provider version declares (`default_tags` is a list of
    `AwsProviderDefaultTags` structs in every version shipped; Python gets the struct class, the
    import added, never a dict, which jsii refuses):
    `default_tags=[AwsProviderDefaultTags(tags={…})]`, `defaultTags: [{ tags: { … } }]`.

    The tags, in this order (deterministic, from the code and the project only):
    - `Environment`: the variable `environment` if one is in scope at the provider (a parameter of
      the enclosing function or a local assigned before it), else `environment_suffix`
      (`environmentSuffix` in TypeScript); left out when neither is;
    - `EnvironmentSuffix`: `environment_suffix` when both are in scope (as in the seed);
    - `Project`: the project's name from `package.json` (`name`) or `pyproject.toml`
      (`[project]` / `[tool.poetry]` `name`), left out when there is none;
    - `ManagedBy`: `"cdktf"`.
    Option `tags` (a table of tag → literal string) replaces that set entirely.

    Unsafe: every resource of the provider gets new tags on the next apply (and a tag set both here
    and on a resource with another value changes meaning), so it is applied only with
    `--unsafe-fixes`. Left alone: a provider given `default_tags` in any form (even `None` or a
    variable), a call with `**kwargs` or a TypeScript config that is not an object literal or has a
    spread, providers of other clouds.
    """

    id = "IAC105"
    slug = "provider-default-tags"
    summary = "AWS provider without default_tags; the project's common tags added"
    rationale = "seed 003 #2 (tagging strategy through the provider's default_tags)"
    seeds = ("003#2",)
    languages = ("python", "typescript")
    applicability = Applicability.UNSAFE
    options = {"tags": {}}
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.provider import AwsProvider


def build(self, environment_suffix: str):
    AwsProvider(self, "aws",
        region="us-east-1"  # primary
    )
""", """\
from cdktf_cdktf_provider_aws.provider import AwsProvider, AwsProviderDefaultTags


def build(self, environment_suffix: str):
    AwsProvider(self, "aws",
        region="us-east-1",  # primary
        default_tags=[AwsProviderDefaultTags(tags={"Environment": environment_suffix, "ManagedBy": "cdktf"})]
    )
"""),
        Example("typescript", """\
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

new AwsProvider(this, 'aws', { region: 'us-east-1' });
""", """\
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

new AwsProvider(this, 'aws', { region: 'us-east-1', defaultTags: [{ tags: { Team: 'platform' } }] });
""", options={"rules": {"provider-default-tags": {"tags": {"Team": "platform"}}}}),
        # valid: default tags given through a variable; not the AWS provider
        Example("typescript", """\
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

new AwsProvider(this, 'aws', { region: awsRegion, defaultTags: defaultTags });
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return "AwsProvider" in text and any(t in text for t in _provider.TRIGGERS)

    # -- tags ----------------------------------------------------------------------------------
    def _tags(self, ctx, scope: set[str], names: tuple[str, str], string) -> list[tuple[str, str]]:
        """[(key, value source text)] of the tags to add."""
        configured = ctx.option(self, "tags")
        if isinstance(configured, dict) and configured:
            return [(str(k), string(str(v))) for k, v in configured.items()]
        environment, suffix = names
        tags = []
        if environment in scope:
            tags.append(("Environment", environment))
            if suffix in scope:
                tags.append(("EnvironmentSuffix", suffix))
        elif suffix in scope:
            tags.append(("Environment", suffix))
        project = _project_name(ctx.project)
        if project:
            tags.append(("Project", string(project)))
        tags.append(("ManagedBy", string("cdktf")))
        return tags

    @staticmethod
    def _is_list(index) -> bool:
        prop = index.prop(f"{_MODULE}.AwsProviderConfig", "defaultTags")
        return prop is None or prop.kind != "struct"

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        for call in doc.calls:
            if _provider.python_resolve(index, doc, call.func) != (_MODULE, "AwsProvider"):
                continue
            if any(k.arg in (None, "default_tags") for k in call.keywords) or len(call.args) > 2 or \
                    any(isinstance(a, ast.Starred) for a in call.args) or not (call.args or call.keywords):
                continue
            items = [*call.args, *call.keywords]
            last = max(items, key=lambda n: (n.lineno, n.col_offset))
            last_start, last_end = doc.span(last)
            _, call_end = doc.span(call)
            scope = _python_scope(doc.tree, call)
            tags = self._tags(ctx, scope, ("environment", "environment_suffix"), json.dumps)
            struct, imports = doc.reference(index.python_module(_MODULE), "AwsProviderDefaultTags")
            mapping = "{" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in tags) + "}"
            value = f"{struct}(tags={mapping})"
            item = f"default_tags=[{value}]" if self._is_list(index) else f"default_tags={value}"
            edits = _companions.append_item(doc.source, last_start, last_end, call_end - 1, item)
            start, end = doc.span(call.func)
            yield doc.source.finding(self, start, end, "AWS provider without default_tags; unsafe fix: "
                                     f"default tags {', '.join(k for k, _ in tags)}", imports + edits)

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        for new in doc.root.find_all(kind="new_expression"):
            ctor, args = new.field("constructor"), new.field("arguments")
            if ctor is None or args is None or \
                    _provider.ts_type(index, doc.imports.resolve(ctor)) != (_MODULE, "AwsProvider"):
                continue
            arguments = [a for a in args.children() if a.is_named() and a.kind() != "comment"]
            if len(arguments) < 2 or len(arguments) > 3:
                continue
            quote = _quote(doc, arguments[1].text())
            string = lambda s: quote + s.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote  # noqa: E731
            scope = _ts_scope(doc, new)
            tags = self._tags(ctx, scope, ("environment", "environmentSuffix"), string)
            mapping = "{ " + ", ".join(f"{_ts_key(k, string)}: {v}" for k, v in tags) + " }"
            value = f"{{ tags: {mapping} }}"
            item = f"defaultTags: [{value}]" if self._is_list(index) else f"defaultTags: {value}"
            start, end = doc.span(ctor)
            message = f"AWS provider without defaultTags; unsafe fix: default tags {', '.join(k for k, _ in tags)}"
            if len(arguments) == 2:
                _, last_end = doc.span(arguments[1])
                yield doc.source.finding(self, start, end, message,
                                         [doc.source.edit(last_end, last_end, f", {{ {item} }}")])
                continue
            config = arguments[2]
            if config.kind() != "object":
                continue
            members = [c for c in config.children() if c.is_named() and c.kind() != "comment"]
            if any(m.kind() != "pair" and m.kind() != "shorthand_property_identifier" and m.kind() != "method_definition"
                   for m in members):
                continue  # a spread: the tags may be in it
            keys = {(m.field("key").text().strip("'\"") if m.kind() == "pair" else m.text()) for m in members}
            if "defaultTags" in keys:
                continue
            c_start, c_end = doc.span(config)
            if not members:
                edits = [doc.source.edit(c_start, c_end, f"{{ {item} }}")]
            else:
                m_start, m_end = doc.span(members[-1])
                edits = _companions.append_item(doc.source, m_start, m_end, c_end - 1, item)
            yield doc.source.finding(self, start, end, message, edits)


def _ts_key(key: str, string) -> str:
    return key if re.fullmatch(r"[A-Za-z_$][\w$]*", key) else string(key)


def _quote(doc, id_text: str) -> str:
    for stmt in doc.imports.statements:
        spec = stmt.field("source")
        if spec is not None:
            return spec.text()[0]
    return '"' if id_text.startswith('"') else "'"


def _python_scope(tree: ast.Module, call: ast.Call) -> set[str]:
    """Names visible at `call`: module-level assignments and parameters / assignments before it
    in the enclosing functions."""
    position = (call.lineno, call.col_offset)
    names: set[str] = set()

    def bound_before(body_owner) -> None:
        for node in ast.walk(body_owner):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and \
                    (node.lineno, node.col_offset) < position:
                names.add(node.id)

    for stmt in tree.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and (stmt.lineno, stmt.col_offset) < position:
            bound_before(stmt)
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if not hasattr(child, "lineno") or not (
                    (child.lineno, child.col_offset) <= position <= (child.end_lineno, child.end_col_offset)):
                continue
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                a = child.args
                names.update(p.arg for p in (*a.posonlyargs, *a.args, *a.kwonlyargs))
                bound_before(child)
            stack.append(child)
    return names


def _ts_scope(doc, new) -> set[str]:
    """Names visible at `new`: parameters and declarations before it in the enclosing functions,
    and top-level declarations before it."""
    at, _ = doc.span(new)
    names: set[str] = set()
    owners = [doc.root]
    node = new.parent()
    while node is not None:
        if node.kind() in _FUNCTIONS:
            owners.append(node)
            params = node.field("parameters")
            if params is not None:
                for p in params.children():
                    pattern = p.field("pattern")
                    if pattern is not None and pattern.kind() == "identifier":
                        names.add(pattern.text())
        node = node.parent()
    for owner in owners:
        for decl in owner.find_all(kind="variable_declarator"):
            name = decl.field("name")
            if name is None or doc.span(decl)[1] > at or owner is doc.root and _enclosing_function(decl) is not None:
                continue
            if name.kind() == "identifier":
                names.add(name.text())
            elif name.kind() == "object_pattern":  # const { environmentSuffix } = props
                for part in name.children():
                    if part.kind() == "shorthand_property_identifier_pattern":
                        names.add(part.text())
    return names


def _enclosing_function(node):
    node = node.parent()
    while node is not None:
        if node.kind() in _FUNCTIONS:
            return node
        node = node.parent()
    return None


def _project_name(project: Path | None) -> str | None:
    if project is None:
        return None
    try:
        package = project / "package.json"
        if package.is_file():
            name = json.loads(package.read_text(encoding="utf-8")).get("name")
            if isinstance(name, str) and name.strip():
                return name.strip()
        pyproject = project / "pyproject.toml"
        if pyproject.is_file():
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            for table in (data.get("project", {}), data.get("tool", {}).get("poetry", {})):
                name = table.get("name") if isinstance(table, dict) else None
                if isinstance(name, str) and name.strip():
                    return name.strip()
    except (OSError, ValueError, UnicodeDecodeError, AttributeError):
        return None
    return None
