"""Classes, imports and instantiations across a CDKTF project, for IAC103 nested-stack-construct.

A stack class is defined in one file and created in another (`lib/education-stack.ts` /
`lib/tap-stack.ts`, `lib/stacks/vpc_stack.py` / `lib/tap_stack.py`). This module parses the
project's files of one language lazily (only those that mention a class name being looked for),
once per run, and answers: which class does this expression name (through every import form and
re-exports), which classes extend a given class, where is it instantiated and with which scope,
and what does a class body construct with `this`/`self` (providers, backends) or call on itself.

Targets are `(Path, class name)` for classes of the project and `("pkg", "cdktf.TerraformStack")`
for library classes.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

from iacfix.languages import python as py_lang
from iacfix.languages import typescript as ts_lang
from iacfix.languages.base import ParseError, Source

STACK = ("pkg", "cdktf.TerraformStack")
_STACK_MODULES = ("cdktf", "cdktn")
# members a TerraformStack has and a Construct does not (cdktf 0.21 terraform-stack.d.ts)
TS_STACK_API = frozenset({
    "addDependency", "addOverride", "allProviders", "dependencies", "dependsOn", "ensureBackendExists",
    "getLogicalId", "allocateLogicalId", "hasResourceMove", "moveTargets", "prepareStack",
    "registerIncomingCrossStackReference", "registerOutgoingCrossStackReference", "runAllValidations",
    "synthesizer", "toHclTerraform", "toTerraform", "stackName",
})
PY_STACK_API = frozenset(re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower() for name in TS_STACK_API)
MAX_DEPTH = 8


@dataclass
class Construction:
    """`new X(this, …)` / `X(self, …)` inside a class body: a provider or a backend."""

    name: str  # the class name as written, last segment (`AwsProvider`, `S3Backend`)
    kind: str  # "provider" | "backend"
    aliased: bool  # a provider with `alias` is not a duplicate of the default one
    start: int  # character range of the whole statement (lines), when it can be deleted
    end: int
    removable: bool
    line: int
    bare: bool = False  # the callee is a bare imported name (its import may go with the statement)


@dataclass
class ClassInfo:
    name: str
    base: object = None  # the base class expression node
    constructions: list[Construction] = field(default_factory=list)
    stack_api: list[tuple[str, int]] = field(default_factory=list)  # (member, line)


@dataclass
class Instantiation:
    target: tuple
    path: Path
    line: int
    nested: bool  # scope is `this` / `self`
    scope: str  # the scope argument as written
    enclosing: str | None  # class the call is in


class FileModel:
    """What one file defines, imports, re-exports and instantiates."""

    def __init__(self, path: Path):
        self.path = path
        self.classes: dict[str, ClassInfo] = {}
        self.calls: list[tuple[object, object | None, str | None, int]] = []  # (callee, scope arg, enclosing, line)


def _statement_lines(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """The whole lines [start, end) sit on, and whether deleting them deletes only this statement."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end + 1
    alone = not text[line_start:start].strip() and not text[end:line_end].strip().rstrip(";").strip()
    body = text[start:end]
    return line_start, line_end, alone and "//" not in body and "/*" not in body and "#" not in body


# -- TypeScript -------------------------------------------------------------------------------
class TsModel(FileModel):
    def __init__(self, path: Path, doc):
        super().__init__(path)
        self.doc = doc
        self.imports = doc.imports.names  # local → (specifier, exported name | '' | 'default')
        self.default_class: str | None = None
        self.reexports: list[tuple[str, str, str]] = []  # (exported as, original name, specifier)
        self.star_reexports: list[str] = []
        text = doc.text
        for kind in ("class_declaration", "abstract_class_declaration"):
            for node in doc.root.find_all(kind=kind):
                name = node.field("name")
                if name is None:
                    continue
                info = ClassInfo(name.text())
                heritage = next((c for c in node.children() if c.kind() == "class_heritage"), None)
                extends = next((c for c in heritage.children() if c.kind() == "extends_clause"), None) if heritage else None
                if extends is not None:
                    info.base = next((c for c in extends.children() if c.is_named() and c.kind() != "type_arguments"), None)
                self.classes[info.name] = info
                parent = node.parent()
                if parent is not None and parent.kind() == "export_statement" and \
                        any(c.kind() == "default" for c in parent.children()):
                    self.default_class = info.name
        for stmt in doc.root.find_all(kind="export_statement"):
            spec = ts_lang.string_value(stmt.field("source"))
            if spec is None:
                continue
            clause = next((c for c in stmt.children() if c.kind() == "export_clause"), None)
            if clause is None:
                if any(c.kind() == "*" for c in stmt.children()):
                    self.star_reexports.append(spec)
                continue
            for sp in clause.find_all(kind="export_specifier"):
                name, alias = sp.field("name"), sp.field("alias")
                if name is not None:
                    self.reexports.append(((alias or name).text(), name.text(), spec))
        for node in doc.root.find_all(kind="new_expression"):
            callee = node.field("constructor")
            args = node.field("arguments")
            if callee is None:
                continue
            first = next((c for c in args.children() if c.is_named()), None) if args is not None else None
            enclosing = _ts_enclosing_class(node)
            line = node.range().start.line + 1
            self.calls.append((callee, first, enclosing, line))
            if enclosing in self.classes and first is not None and first.kind() == "this":
                self._construction(self.classes[enclosing], node, callee, args, text)
        for node in doc.root.find_all(kind="member_expression"):
            obj, prop = node.field("object"), node.field("property")
            if obj is not None and prop is not None and obj.kind() == "this" and prop.text() in TS_STACK_API:
                enclosing = _ts_enclosing_class(node)
                if enclosing in self.classes:
                    self.classes[enclosing].stack_api.append((f"this.{prop.text()}", node.range().start.line + 1))

    def _construction(self, info: ClassInfo, node, callee, args, text: str) -> None:
        name = callee.text().rsplit(".", 1)[-1]
        kind = "provider" if name.endswith("Provider") else "backend" if name.endswith("Backend") else None
        if kind is None:
            return
        start, end = self.doc.span(node)
        parent = node.parent()
        removable = parent is not None and parent.kind() == "expression_statement"
        if removable:
            start, end = self.doc.span(parent)
        line_start, line_end, alone = _statement_lines(text, start, end)
        aliased = bool(re.search(r"\balias\s*:", args.text()))
        info.constructions.append(Construction(name, kind, aliased, line_start, line_end, removable and alone,
                                               node.range().start.line + 1, callee.kind() == "identifier"))


def _ts_enclosing_class(node) -> str | None:
    for anc in node.ancestors():
        if anc.kind() in ("class_declaration", "abstract_class_declaration"):
            name = anc.field("name")
            return name.text() if name is not None else None
    return None


def _ts_module_file(graph: "Graph", origin: Path, spec: str) -> Path | None:
    if not spec.startswith("."):
        return None
    base = (origin.parent / spec)
    stem = str(base)
    for suffix in (".js", ".mjs", ".cjs"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    for candidate in (stem + ".ts", stem + ".tsx", stem + "/index.ts", stem + "/index.tsx", stem):
        path = Path(candidate).resolve()
        if path in graph.texts:
            return path
    return None


# -- Python -----------------------------------------------------------------------------------
class PyModel(FileModel):
    def __init__(self, path: Path, doc, root: Path | None):
        super().__init__(path)
        self.doc = doc
        # local name → ("sym", file, name) | ("mod", file) | ("ext", "qual.name")
        self.bindings: dict[str, tuple] = {}
        self.dotted: dict[str, tuple] = {}  # `import a.b` → {"a.b": ("mod", file) | ("ext", "a.b")}
        self.stars: list[tuple] = []
        self.root = root
        self._parents = {id(n): p for p in doc.nodes for n in ast.iter_child_nodes(p)}
        text = doc.text
        for stmt in doc.tree.body:
            if isinstance(stmt, ast.ClassDef):
                info = ClassInfo(stmt.name, stmt.bases[0] if stmt.bases else None)
                for kw in stmt.keywords:
                    if kw.arg is None:
                        info.base = None
                self.classes[stmt.name] = info
                for node in ast.walk(stmt):
                    if isinstance(node, ast.Call):
                        scope = _py_scope(node)
                        self.calls.append((node.func, scope, stmt.name, node.lineno))
                        if isinstance(scope, ast.Name) and scope.id == "self":
                            self._construction(info, node, text)
                    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                            node.value.id == "self" and node.attr in PY_STACK_API:
                        info.stack_api.append((f"self.{node.attr}", node.lineno))
            else:
                for node in ast.walk(stmt):
                    if isinstance(node, ast.Call):
                        self.calls.append((node.func, _py_scope(node), None, node.lineno))

    def _construction(self, info: ClassInfo, node: ast.Call, text: str) -> None:
        name = py_lang.dotted(node.func).rsplit(".", 1)[-1]
        kind = "provider" if name.endswith("Provider") else "backend" if name.endswith("Backend") else None
        if kind is None:
            return
        start, end = self.doc.span(node)
        line_start, line_end, alone = _statement_lines(text, start, end)
        aliased = any(kw.arg == "alias" for kw in node.keywords)
        statement = isinstance(self._parents.get(id(node)), ast.Expr)
        info.constructions.append(Construction(name, kind, aliased, line_start, line_end, statement and alone,
                                               node.lineno, isinstance(node.func, ast.Name)))

    def finish(self, graph: "Graph") -> None:
        """Resolve the import statements against the project's files (needs the graph's file set)."""
        for stmt in self.doc.tree.body:
            if isinstance(stmt, ast.ImportFrom):
                module_file = graph.py_module(self.path, stmt.module, stmt.level)
                for alias in stmt.names:
                    if alias.name == "*":
                        self.stars.append(("mod", module_file) if module_file else ("ext", stmt.module or ""))
                        continue
                    local = alias.asname or alias.name
                    if module_file is not None:
                        sub = graph.py_module(self.path, f"{stmt.module}.{alias.name}" if stmt.module else alias.name,
                                              stmt.level)
                        self.bindings[local] = ("mod", sub) if sub else ("sym", module_file, alias.name)
                    elif stmt.level == 0 and stmt.module:
                        self.bindings[local] = ("ext", f"{stmt.module}.{alias.name}")
            elif isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    module_file = graph.py_module(self.path, alias.name, 0)
                    value = ("mod", module_file) if module_file else ("ext", alias.name)
                    if alias.asname:
                        self.bindings[alias.asname] = value
                    else:
                        self.dotted[alias.name] = value
                        root = alias.name.split(".")[0]
                        if root == alias.name:
                            self.bindings[root] = value


def _py_scope(call: ast.Call):
    if call.args:
        return call.args[0]
    for kw in call.keywords:
        if kw.arg == "scope":
            return kw.value
    return None


# -- the graph ----------------------------------------------------------------------------------
class Graph:
    """The project's files of one language, parsed on demand; `current` is the live document."""

    def __init__(self, language: str, files: list[tuple[Path, str]], root: Path | None):
        self.language = language
        self.root = root.resolve() if root is not None else None
        self.texts: dict[Path, str] = {}
        for path, text in files:
            self.texts[path.resolve()] = text
        self.models: dict[Path, FileModel | None] = {}

    def with_current(self, path: Path, doc) -> "Graph":
        """A view of this graph where `path` is the live document (the text being fixed)."""
        view = Graph.__new__(Graph)
        view.language, view.root = self.language, self.root
        view.texts = dict(self.texts)
        view.texts[path] = doc.text
        view.models = dict(self.models)
        view.models[path] = self._build(path, doc)
        view._shared = self.models
        return view

    def _build(self, path: Path, doc) -> FileModel:
        if self.language == "typescript":
            return TsModel(path, doc)
        model = PyModel(path, doc, self.root)
        model.finish(self)
        return model

    def model(self, path: Path) -> FileModel | None:
        if path not in self.models:
            model = None
            text = self.texts.get(path)
            if text is not None:
                try:
                    source = Source(str(path), text.encode("utf-8"), text)
                    doc = ts_lang.parse(source) if self.language == "typescript" else py_lang.parse(source)
                    model = self._build(path, doc)
                except (ParseError, RecursionError, ValueError):
                    model = None
            self.models[path] = model
            shared = getattr(self, "_shared", None)
            if shared is not None:
                shared[path] = model
        return self.models[path]

    # -- Python modules -----------------------------------------------------------------------
    def py_module(self, origin: Path, module: str | None, level: int) -> Path | None:
        """The project file a Python module name refers to from `origin` (relative or through any
        folder between the file and the project root being on sys.path)."""
        parts = module.split(".") if module else []
        if level:
            bases = [origin.parent]
            for _ in range(level - 1):
                bases = [bases[0].parent]
        else:
            bases, folder = [], origin.parent
            while True:
                bases.append(folder)
                if self.root is None or folder == self.root or folder.parent == folder:
                    break
                folder = folder.parent
        for base in bases:
            target = base.joinpath(*parts)
            for candidate in (target.with_name(target.name + ".py") if parts else None, target / "__init__.py"):
                if candidate is not None and candidate in self.texts:
                    return candidate
        return None

    # -- resolution -----------------------------------------------------------------------------
    def export(self, path: Path, name: str, depth: int = 0):
        """The class `name` exported by the file at `path` (following re-exports)."""
        model = self.model(path)
        if model is None or depth > MAX_DEPTH:
            return None
        if isinstance(model, TsModel):
            if name == "default":
                return (path, model.default_class) if model.default_class else None
            if name in model.classes:
                return path, name
            for exported, original, spec in model.reexports:
                if exported == name:
                    target = _ts_module_file(self, path, spec)
                    return self.export(target, original, depth + 1) if target else None
            if name in model.imports:  # `import { X } from './x'; export { X }`
                spec, original = model.imports[name]
                target = _ts_module_file(self, path, spec)
                if target is not None and original:
                    return self.export(target, original, depth + 1)
            for spec in model.star_reexports:
                target = _ts_module_file(self, path, spec)
                found = self.export(target, name, depth + 1) if target else None
                if found:
                    return found
            return None
        if name in model.classes:
            return path, name
        binding = model.bindings.get(name)
        if binding and binding[0] == "sym":
            return self.export(binding[1], binding[2], depth + 1)
        if binding and binding[0] == "ext":
            return ("pkg", binding[1])
        return None

    def resolve(self, path: Path, expr):
        """The class an expression names in the file at `path`: a project target, STACK-like
        ("pkg", "module.Name") for a library class, or None."""
        model = self.model(path)
        if model is None or expr is None:
            return None
        if isinstance(model, TsModel):
            kind = expr.kind()
            if kind in ("identifier", "type_identifier"):
                name = expr.text()
                if name in model.imports:
                    spec, original = model.imports[name]
                    target = _ts_module_file(self, path, spec)
                    if target is not None:
                        return self.export(target, original) if original else None
                    return ("pkg", f"{spec}.{original}") if original else None
                if name in model.classes:
                    return path, name
                return None
            if kind in ("member_expression", "nested_type_identifier"):
                obj, prop = (expr.field("object"), expr.field("property")) if kind == "member_expression" else \
                    tuple([c for c in expr.children() if c.is_named()] + [None, None])[:2]
                if obj is None or prop is None or obj.kind() != "identifier" or obj.text() not in model.imports:
                    return None
                spec, original = model.imports[obj.text()]
                if original:
                    return None
                target = _ts_module_file(self, path, spec)
                if target is not None:
                    return self.export(target, prop.text())
                return "pkg", f"{spec}.{prop.text()}"
            return None
        if isinstance(expr, ast.Name):
            binding = model.bindings.get(expr.id)
            if binding is not None:
                if binding[0] == "sym":
                    return self.export(binding[1], binding[2])
                return ("pkg", binding[1]) if binding[0] == "ext" else None
            if expr.id in model.classes:
                return path, expr.id
            for star in model.stars:
                if star[0] == "mod":
                    found = self.export(star[1], expr.id)
                    if found:
                        return found
                elif star[1] in _STACK_MODULES and expr.id == "TerraformStack":
                    return ("pkg", f"{star[1]}.TerraformStack")
            return None
        if isinstance(expr, ast.Attribute):
            base = py_lang.dotted(expr.value)
            binding = model.dotted.get(base) or (model.bindings.get(base) if "." not in base else None)
            if binding is None:
                return None
            if binding[0] == "mod":
                return self.export(binding[1], expr.attr)
            if binding[0] == "ext":
                return "pkg", f"{binding[1]}.{expr.attr}"
        return None

    # -- questions ------------------------------------------------------------------------------
    def is_stack_base(self, target) -> bool:
        return isinstance(target, tuple) and target[0] == "pkg" and \
            target[1] in {f"{m}.TerraformStack" for m in _STACK_MODULES}

    def class_info(self, target) -> ClassInfo | None:
        if not target or target[0] == "pkg":
            return None
        model = self.model(target[0])
        return model.classes.get(target[1]) if model else None

    def base_of(self, target):
        info = self.class_info(target)
        return self.resolve(target[0], info.base) if info is not None and info.base is not None else None

    def extends_stack(self, target, depth: int = 0) -> bool:
        base = self.base_of(target)
        if base is None or depth > MAX_DEPTH:
            return False
        return self.is_stack_base(base) or self.extends_stack(base, depth + 1)

    def _candidates(self, name: str) -> list[Path]:
        word = re.compile(r"\b%s\b" % re.escape(name))
        return [p for p, text in self.texts.items() if word.search(text)]

    def subclasses(self, target) -> list[tuple]:
        """Every project class deriving from `target`, transitively."""
        found, todo = [], [target]
        while todo and len(found) < 200:
            current = todo.pop()
            for path in self._candidates(current[1]):
                model = self.model(path)
                for info in (model.classes.values() if model else ()):
                    sub = (path, info.name)
                    if sub != current and sub not in found and info.base is not None and \
                            self.resolve(path, info.base) == current:
                        found.append(sub)
                        todo.append(sub)
        return found

    def instantiations(self, target) -> list[Instantiation]:
        out = []
        for path in self._candidates(target[1]):
            model = self.model(path)
            for callee, scope, enclosing, line in (model.calls if model else ()):
                if self.resolve(path, callee) != target:
                    continue
                nested = _is_self(scope)
                out.append(Instantiation(target, path, line, nested, _text(model, scope), enclosing))
        return out

    def lineage(self, target, depth: int = 0) -> list[ClassInfo]:
        """The class and its project base classes."""
        info = self.class_info(target)
        if info is None or depth > MAX_DEPTH:
            return []
        base = self.base_of(target)
        return [info] + (self.lineage(base, depth + 1) if base and base[0] != "pkg" else [])

    def enclosing_constructions(self, inst: Instantiation, depth: int = 0, seen=None) -> tuple[list[Construction], bool]:
        """Providers and backends of the constructs above a nested instantiation, up to its stack;
        the flag says whether the chain was followed to a stack everywhere (else: unknown)."""
        seen = set() if seen is None else seen
        if inst.enclosing is None or depth > MAX_DEPTH:
            return [], False
        owner = (inst.path, inst.enclosing)
        if owner in seen:
            return [], False
        seen.add(owner)
        found = [c for info in self.lineage(owner) for c in info.constructions]
        if self.extends_stack(owner):
            return found, True
        complete = True
        above = [i for i in self.instantiations(owner) if i.nested]
        for sub in self.subclasses(owner):
            above.extend(i for i in self.instantiations(sub) if i.nested)
        if not above:
            return found, False
        for parent in above:
            more, ok = self.enclosing_constructions(parent, depth + 1, seen)
            found.extend(more)
            complete = complete and ok
        return found, complete


def _is_self(scope) -> bool:
    if scope is None:
        return False
    if isinstance(scope, ast.AST):
        return isinstance(scope, ast.Name) and scope.id == "self"
    return scope.kind() == "this"


def _text(model, node) -> str:
    if node is None:
        return "(none)"
    if isinstance(node, ast.AST):
        return ast.unparse(node)
    return node.text()
