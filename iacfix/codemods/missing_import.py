"""IAC111 missing-import."""
from __future__ import annotations

import ast
import builtins
import re
import symtable

from iacfix.codemods._secrets import ts_reference
from iacfix.knowledge.provider import ROOT_KINDS, python_root, ts_package
from iacfix.rules import NAMES, Example, Rule

CORE_PACKAGES = ("cdktf", "cdktn")
_BUILTINS = frozenset(dir(builtins))
_CAPITALISED = re.compile(r"(?<![\w.$])([A-Z][A-Za-z0-9_]*)\b")
_NAMESPACED = re.compile(r"(?<![\w.$])([a-z][A-Za-z0-9_]*)\s*\.\s*([A-Z][A-Za-z0-9_]*)\b")
_TRIGGER = re.compile(r"\b(?:cdktf|cdktn|constructs)\b")
# TypeScript constructs that declare the identifiers in their `name`/`pattern`/… field
_TS_DECLARING = {
    "variable_declarator": "name", "required_parameter": "pattern", "optional_parameter": "pattern",
    "function_declaration": "name", "generator_function_declaration": "name", "function_expression": "name",
    "function_signature": "name", "class_declaration": "name", "abstract_class_declaration": "name",
    "class": "name", "interface_declaration": "name", "type_alias_declaration": "name",
    "enum_declaration": "name", "internal_module": "name", "module": "name", "type_parameter": "name",
    "arrow_function": "parameter", "catch_clause": "parameter", "for_in_statement": "left",
    "import_alias": None, "import_require_clause": None,
}
_TS_GLOBAL_DECL = re.compile(r"\bdeclare\s+(?:global\s*\{[^}]*?)?(?:const|let|var|function|class|namespace|module|enum)\s+([A-Za-z_$][\w$]*)")
_TS_DTS_DECL = re.compile(r"\b(?:const|let|var|function|class|namespace|enum|interface|type)\s+([A-Za-z_$][\w$]*)")


class MissingImport(Rule):
    """A cdktf or provider class used but never imported (`NameError`, TS2304 "Cannot find name").

    Generated code often uses `TerraformOutput`, `Fn`, `Token`, `S3Backend` or a provider class
    (`DataAwsCallerIdentity`, `S3Bucket`) without importing it, or writes an AWS-CDK-style
    namespace that nothing binds (`new sns.SnsTopic(…)`). The import is added in the file's idiom:
    the name appended to an existing `from cdktf import …` / `import { … } from 'cdktf'` (multi-line
    lists keep their layout), `cdktf.Fn` when the file has `import cdktf` / `import * as cdktf`,
    the provider's root namespace when the file imports namespaces from the package root
    (`import { s3Bucket } from '@cdktf/provider-aws'`), else a new import line after the
    package's last import.

    Where a name comes from is read from the indexes, never from a table: the exported types of
    the core library (`ctx.core`, cdktf's jsii assembly) and the provider classes of the target
    provider version (`ctx.provider`), where a resource/data source/provider class wins over
    same-named structs and the name must have exactly one home; a struct name that is also the
    plain name of a renamed resource (`S3BucketVersioning`: an inline struct of `s3_bucket`, and
    the resource `S3BucketVersioningA`) is only reported. `X.Name` with an unbound `X` is
    rewritten to the class only when `Name` is a resource, data source or provider class with
    one home.

    Safe only when nothing could bind the name. Python: scopes come from the compiler's own
    symbol table (`symtable`): a name bound at module level, or used only where a function or
    class binds it, is left alone; a star import from a module iacfix cannot see (`from .x import
    *`, `from imports.aws import *`) makes it a report instead; builtins are never imported.
    TypeScript: a top-level declaration (an import, class, function, variable, type, enum,
    namespace, `declare …`) binds the name for the whole file: nothing to do. A declaration in an
    inner scope (a parameter, a local variable, a type parameter, a catch or loop variable) or a
    global `declare` in the project's other files could bind it: reported, not fixed; so is a name
    with several homes (listed). Members of qualified names (`aws.subnet.Subnet`) are not uses.
    """

    id = "IAC111"
    slug = "missing-import"
    summary = "cdktf or provider class used but never imported (`TerraformOutput`, `Fn`, `DataAwsCallerIdentity`)"
    rationale = "issue 6 family 1c: symbols used but never imported; the home comes from the core and provider indexes"
    languages = ("python", "typescript")
    phase = NAMES
    examples = (
        Example("python", """\
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider


class Stack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")
        me = DataAwsCallerIdentity(self, "me")
        TerraformOutput(self, "account", value=me.account_id)
""", """\
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity


class Stack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")
        me = DataAwsCallerIdentity(self, "me")
        TerraformOutput(self, "account", value=me.account_id)
"""),
        Example("typescript", """\
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

export class Stack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const topic = new sns.SnsTopic(this, 'alarms', { name: 'alarms' });
    new TerraformOutput(this, 'arn', { value: Fn.lower(topic.arn) });
  }
}
""", """\
import { TerraformStack, TerraformOutput, Fn } from 'cdktf';
import { Construct } from 'constructs';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';

export class Stack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const topic = new SnsTopic(this, 'alarms', { name: 'alarms' });
    new TerraformOutput(this, 'arn', { value: Fn.lower(topic.arn) });
  }
}
"""),
        Example("python", """\
import cdktf

def outputs(stack, bucket):
    TerraformOutput(stack, "bucket", value=Fn.lower(bucket.bucket))
""", """\
import cdktf

def outputs(stack, bucket):
    cdktf.TerraformOutput(stack, "bucket", value=cdktf.Fn.lower(bucket.bucket))
"""),
        # a star import iacfix cannot see into could bind it: reported, not fixed
        Example("python", """\
from cdktf import TerraformStack
from .helpers import *

value = Fn.lower("X")
""", reported=True),
        # bound: a parameter, a local class, a module-level assignment
        Example("python", """\
from cdktf import TerraformStack

def build(Fn, stack):
    return Fn.lower("x")

class Token:
    pass

S3Bucket = None
"""),
        Example("typescript", """\
import { TerraformStack } from 'cdktf';

function f(Fn: any) {
  return Fn.lower('x');
}
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return bool(_TRIGGER.search(text)) and bool(_CAPITALISED.search(text))

    # -- where a name lives --------------------------------------------------------------------
    def _home(self, ctx, name: str, roots_only: bool = False):
        """[(kind, submodule or None)] of the places `name` may come from: ("core", None) for a
        core export, ("provider", submodule) for provider types (root classes win)."""
        homes = []
        if not roots_only and ctx.core.kind_of(name) is not None:
            homes.append(("core", None))
        provider = ctx.provider
        subs = provider.modules_with_type(name)
        roots = [s for s in subs if provider.kind_of(s, name) in ROOT_KINDS]
        if roots_only:
            subs = roots
        homes.extend(("provider", s) for s in (roots or subs))
        if not roots and not roots_only and name in provider.wrong_names():
            # `S3BucketVersioning`: an inline struct of s3_bucket, and the plain name of the
            # resource S3BucketVersioningA: which one is meant is not ours to guess
            homes.extend(("renamed", s) for s in provider.submodules() if provider.rename(s, name))
        return homes

    def _where(self, ctx, home, language: str) -> str:
        kind, sub = home
        if kind == "core":
            return f"`{ctx.core.package}`"
        index = ctx.provider
        if kind == "renamed":
            module = index.python_module(sub) if language == "python" else index.ts_module(sub)
            return f"`{module}` (where the class is named differently)"
        return f"`{index.python_module(sub)}`" if language == "python" else f"`{index.ts_module(sub)}`"

    def _message(self, ctx, name, homes, language, why=None) -> str:
        places = " or ".join(self._where(ctx, h, language) for h in homes)
        if len(homes) > 1:
            return f"`{name}` is used but never imported; it may come from {places}"
        text = f"`{name}` is used but never imported; it is exported by {places}"
        return f"{text} ({why}; not imported automatically)" if why else text

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        text = doc.text
        words = set(_CAPITALISED.findall(text)) | {m.group(2) for m in _NAMESPACED.finditer(text)}
        words -= _BUILTINS
        if not words:
            return
        try:
            table = symtable.symtable(text, doc.source.path or "<file>", "exec")
        except (SyntaxError, ValueError, RecursionError):
            return
        module_bound, locally_bound, free_uses = _python_scopes(table)
        stars = _python_stars(doc.tree)
        source = doc.source
        uses: dict[str, list[ast.Name]] = {}
        namespaced: list[ast.Attribute] = []
        for node in doc.names:
            if isinstance(node.ctx, ast.Load) and node.id in free_uses and node.id not in module_bound \
                    and node.id not in _BUILTINS:
                uses.setdefault(node.id, []).append(node)
        for node in doc.attributes:
            if isinstance(node.value, ast.Name) and isinstance(node.ctx, ast.Load) and node.value.id in uses \
                    and node.attr[:1].isupper():
                namespaced.append(node)
        for name, nodes in uses.items():
            homes = self._home(ctx, name)
            if homes:
                yield from self._python_fix(doc, ctx, name, homes, nodes, stars, locally_bound)
        for node in namespaced:  # `sns.SnsTopic` with `sns` bound nowhere
            root = node.value.id
            if self._home(ctx, root):
                continue
            homes = self._home(ctx, node.attr, roots_only=True)
            if len(homes) != 1:
                continue
            unseen = [m for m in stars if not self._star_provides(ctx, m, root)]
            start, end = doc.span(node)
            if unseen or root in locally_bound:
                why = "a star import could bind it" if unseen else f"`{root}` is bound in another scope"
                yield source.finding(self, start, end, self._message(ctx, node.attr, homes, "python", why)
                                     .replace(f"`{node.attr}` is used", f"`{root}.{node.attr}` is used"))
                continue
            ref, edits = doc.reference(ctx.provider.python_module(homes[0][1]), node.attr)
            message = (f"`{root}` is not defined; `{node.attr}` is exported by "
                       f"{self._where(ctx, homes[0], 'python')}")
            yield source.finding(self, start, end, message, edits + [source.edit(start, end, ref)])

    def _python_fix(self, doc, ctx, name, homes, nodes, stars, locally_bound):
        source = doc.source
        start, end = doc.span(nodes[0])
        if len(homes) > 1:
            yield source.finding(self, start, end, self._message(ctx, name, homes, "python"))
            return
        if any(self._star_provides(ctx, m, name) for m in stars):
            return  # bound after all
        unseen = [m for m in stars if m is None or not self._known_module(ctx, m)]
        if unseen:
            yield source.finding(self, start, end, self._message(ctx, name, homes, "python",
                                                                 "a star import could bind it"))
            return
        kind, sub = homes[0]
        module = _core_module(doc, ctx) if kind == "core" else ctx.provider.python_module(sub)
        ref, edits = doc.reference(module, name)
        if ref != name:
            if name in locally_bound:
                yield source.finding(self, start, end, self._message(ctx, name, homes, "python",
                                                                     "it is bound in another scope"))
                return
            edits = edits + [source.edit(*doc.span(n), ref) for n in nodes]
        yield source.finding(self, start, end, self._message(ctx, name, homes, "python"), edits)

    def _known_module(self, ctx, module: str) -> bool:
        root = module.split(".")[0]
        return root in CORE_PACKAGES or root in (python_root("cdktf"), python_root("cdktn"))

    def _star_provides(self, ctx, module: str | None, name: str) -> bool:
        if module is None:
            return False
        if module in CORE_PACKAGES:
            return ctx.core.kind_of(name) is not None
        parts = module.split(".")
        if len(parts) == 2 and parts[0] == python_root(ctx.provider.family):
            sub = ctx.provider.module_for_python(parts[1])
            return bool(sub) and ctx.provider.has_type(sub, name)
        return False

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        text = doc.text
        words = set(_CAPITALISED.findall(text)) - set(doc.imports.names)
        roots = {m.group(1): m.group(2) for m in _NAMESPACED.finditer(text)}
        candidates = {w: self._home(ctx, w) for w in words}
        candidates = {w: h for w, h in candidates.items() if h}
        namespaced = {r: c for r, c in roots.items() if r not in doc.imports.names and self._home(ctx, c, True)}
        if not candidates and not namespaced:
            return
        top, declared = _ts_declared(doc)
        globals_ = _ts_project_globals(ctx)
        source = doc.source
        quote = doc.import_quote()
        for name, homes in sorted(candidates.items()):
            uses = [n for n in _ts_identifiers(doc, name)]
            if not uses:
                continue
            start, end = doc.span(uses[0])
            why = None
            if name in top:
                continue  # a top-level declaration binds it for the whole file
            if name in declared:
                why = "it is declared in an inner scope of this file"
            elif name in globals_:
                why = f"it is declared globally in {globals_[name]}"
            if why or len(homes) > 1:
                yield source.finding(self, start, end, self._message(ctx, name, homes, "typescript", why))
                continue
            ref, edits = self._ts_reference(doc, ctx, homes[0], name, quote)
            if ref != name:
                edits = edits + [source.edit(*doc.span(n), ref) for n in uses]
            yield source.finding(self, start, end, self._message(ctx, name, homes, "typescript"), edits)
        for root in sorted(namespaced):
            if root in top or root in declared or root in globals_ or self._home(ctx, root):
                continue
            for node in _ts_identifiers(doc, root):
                parent = node.parent()
                if parent is None or parent.kind() not in ("member_expression", "nested_type_identifier"):
                    continue
                children = [c for c in parent.children() if c.is_named()]
                if parent.kind() == "member_expression":
                    prop = parent.field("property")
                    if parent.field("object") != node or prop is None:
                        continue
                else:
                    if len(children) != 2 or children[0] != node:
                        continue
                    prop = children[1]
                homes = self._home(ctx, prop.text(), roots_only=True)
                if len(homes) != 1:
                    continue
                ref, edits = self._ts_reference(doc, ctx, homes[0], prop.text(), quote)
                start, end = doc.span(parent)
                message = (f"`{root}` is not defined; `{prop.text()}` is exported by "
                           f"{self._where(ctx, homes[0], 'typescript')}")
                yield source.finding(self, start, end, message, edits + [source.edit(start, end, ref)])

    def _ts_reference(self, doc, ctx, home, name, quote):
        kind, sub = home
        if kind == "core":
            return doc.reference(_ts_core_module(doc, ctx), name, quote)
        index = ctx.provider
        return ts_reference(doc, ts_package(index.family), index.ts_leaf(sub), index.ts_namespace(sub), name, quote)


# -- Python scopes ------------------------------------------------------------------------------

def _python_scopes(top: symtable.SymbolTable) -> tuple[set[str], set[str], set[str]]:
    """(names bound at module level, names bound in some function/class scope, names some scope
    reads as a global without the module binding them)."""
    module_bound, locally_bound, global_reads = set(), set(), set()
    for sym in top.get_symbols():
        if sym.is_assigned() or sym.is_imported() or sym.is_namespace() or sym.is_parameter():
            module_bound.add(sym.get_name())
        elif sym.is_referenced():
            global_reads.add(sym.get_name())
    stack = list(top.get_children())
    while stack:
        table = stack.pop()
        stack.extend(table.get_children())
        for sym in table.get_symbols():
            name = sym.get_name()
            if sym.is_declared_global() and sym.is_assigned():
                module_bound.add(name)
            elif sym.is_global() and sym.is_referenced():
                global_reads.add(name)
            elif sym.is_assigned() or sym.is_imported() or sym.is_namespace() or sym.is_parameter():
                locally_bound.add(name)
    return module_bound, locally_bound, global_reads - module_bound


def _python_stars(tree: ast.Module) -> list[str | None]:
    """Modules of the file's star imports, anywhere; None for a relative one."""
    return [node.module if node.level == 0 else None for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names)]


def _core_module(doc, ctx) -> str:
    """`cdktf` or `cdktn`: the one the file already imports, else the target's."""
    for qual in doc.imports.names.values():
        root = qual.split(".")[0]
        if root in CORE_PACKAGES:
            return root
    return ctx.core.package


def _ts_core_module(doc, ctx) -> str:
    for spec, _ in doc.imports.names.values():
        if spec in CORE_PACKAGES:
            return spec
    return ctx.core.package


# -- TypeScript declarations ----------------------------------------------------------------------

_TS_INNER_KINDS = frozenset({"required_parameter", "optional_parameter", "type_parameter", "arrow_function",
                              "catch_clause", "for_in_statement", "function_expression", "class"})
_TS_TOP_LEVEL_PARENTS = frozenset({"program", "export_statement", "lexical_declaration", "variable_declaration",
                                   "ambient_declaration"})


def _ts_declared(doc) -> tuple[set[str], set[str]]:
    """(names a top-level declaration binds for the whole file, names some inner scope binds)."""
    top, inner = set(doc.imports.names), set()
    for kind, field in _TS_DECLARING.items():
        for node in doc.root.find_all(kind=kind):
            target = node.field(field) if field else node
            if target is None:
                continue
            if target.kind() in ("identifier", "type_identifier"):
                names = {target.text()}
            else:
                names = {n.text() for inner_kind in ("identifier", "shorthand_property_identifier_pattern", "type_identifier")
                         for n in target.find_all(kind=inner_kind)}
            (inner if kind in _TS_INNER_KINDS or not _ts_top_level(node) else top).update(names)
    return top, inner - top


def _ts_top_level(node) -> bool:
    parent = node.parent()
    while parent is not None and parent.kind() != "program":
        if parent.kind() not in _TS_TOP_LEVEL_PARENTS:
            return False
        parent = parent.parent()
    return True


def _ts_project_globals(ctx) -> dict[str, str]:
    """name → file, for globals the project declares: `declare …` anywhere, everything in a `.d.ts`."""
    def build():
        found: dict[str, str] = {}
        for path, text in ctx.sources.files(".ts", ".tsx", ".mts", ".cts"):
            if "declare" not in text and not path.name.endswith(".d.ts"):
                continue
            pattern = _TS_DTS_DECL if path.name.endswith(".d.ts") else _TS_GLOBAL_DECL
            for m in pattern.finditer(text):
                found.setdefault(m.group(1), path.name)
        return found
    return ctx.sources.memo(("missing-import", "ts-globals"), build)


def _ts_identifiers(doc, name: str):
    """Uses of `name` as a value or a type (not property names, not import specifiers)."""
    pattern = f"^{re.escape(name)}$"
    found = []
    for kind in ("identifier", "type_identifier"):
        for node in doc.root.find_all(kind=kind, regex=pattern):
            parent = node.parent()
            pkind = parent.kind() if parent is not None else ""
            if pkind in ("import_specifier", "export_specifier"):
                continue
            if pkind in ("nested_type_identifier", "nested_identifier") and \
                    next((c for c in parent.children() if c.is_named()), None) != node:
                continue  # the member in `aws.subnet.Subnet`, not a use of a bare name
            found.append(node)
    found.sort(key=lambda n: n.range().start.index)
    return found
