"""Python front end: LibCST for the tree, a light import resolver, byte positions on demand.

Qualified names come from the module's own import statements (every form: `from m import A as B`,
`import m.x as y`, `from pkg import mod`, `import pkg.mod`, `from m import *`). We resolve them here
rather than with LibCST's QualifiedNameProvider because that provider runs full scope analysis,
which costs several times the parse itself; shadowing of provider names is not a pattern IaC code
uses.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from iacfix.languages.base import Document, ParseError, Source

NAME = "python"
EXTENSIONS = (".py",)
_CDKTF_IMPORT = re.compile(r"^\s*(?:from|import)\s+(?:cdktf\w*|cdktn\w*|constructs|imports)\b", re.M)


def detect(path: str, text: str) -> bool:
    """A CDKTF Python file imports cdktf, cdktn or their provider bindings."""
    return path.endswith(EXTENSIONS) and ("cdktf" in text or "cdktn" in text) and bool(_CDKTF_IMPORT.search(text))


def verify(text: str, path: str = "x.py") -> list[str]:
    """Syntax problems of `text` (checked after every fix pass; ast is ~10× faster than LibCST)."""
    try:
        ast.parse(text)
    except SyntaxError as exc:
        return [f"line {exc.lineno}: {exc.msg}"]
    return []


def parse(source: Source) -> "PythonDocument":
    try:
        module = cst.parse_module(source.text)
    except cst.ParserSyntaxError as exc:
        raise ParseError(exc.message, exc.raw_line) from None
    except (RecursionError, MemoryError, ValueError) as exc:
        raise ParseError(str(exc) or type(exc).__name__) from None
    return PythonDocument(source, module)


@dataclass
class Imports:
    """Local name → dotted qualified name, from every import statement in the module."""

    names: dict[str, str] = field(default_factory=dict)
    star_modules: list[str] = field(default_factory=list)
    local_names: set[str] = field(default_factory=set)  # bound by top-level def/class/assign
    from_imports: list[cst.ImportFrom] = field(default_factory=list)  # top level only
    top_level_imports: list[cst.CSTNode] = field(default_factory=list)  # statement lines

    def resolve(self, expr: cst.BaseExpression) -> str | None:
        """The qualified name of a Name / Attribute chain, if it is rooted in an import."""
        if isinstance(expr, cst.Name):
            return self.names.get(expr.value)
        if isinstance(expr, cst.Attribute):
            base = self.resolve(expr.value)
            return f"{base}.{expr.attr.value}" if base else None
        return None

    def star_candidates(self, name: str) -> list[str]:
        """Modules a bare `name` may come from through `from m import *`."""
        if name in self.names or name in self.local_names:
            return []
        return self.star_modules


def dotted(expr) -> str:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return f"{dotted(expr.value)}.{expr.attr.value}"
    return ""


class _Collector(cst.CSTVisitor):
    """One walk that gathers what the rules look at, so no rule walks the tree again."""

    def __init__(self, doc: "PythonDocument"):
        self.doc = doc
        self.depth = 0

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            name = dotted(alias.name)
            if alias.asname is not None:
                self.doc.imports.names[alias.asname.name.value] = name
            else:
                root = name.split(".")[0]
                self.doc.imports.names.setdefault(root, root)
        self.doc.import_statements.append(node)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        self.doc.import_statements.append(node)
        if node.relative or node.module is None:
            return False
        module = dotted(node.module)
        if isinstance(node.names, cst.ImportStar):
            self.doc.imports.star_modules.append(module)
        else:
            for alias in node.names:
                local = alias.asname.name.value if alias.asname else dotted(alias.name)
                self.doc.imports.names[local] = f"{module}.{dotted(alias.name)}"
            if self.depth == 0:
                self.doc.imports.from_imports.append(node)
        return False

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        if self.depth == 0:
            if any(isinstance(s, (cst.Import, cst.ImportFrom)) for s in node.body):
                self.doc.imports.top_level_imports.append(node)
            for small in node.body:
                if isinstance(small, (cst.Assign, cst.AnnAssign)):
                    targets = small.targets if isinstance(small, cst.Assign) else [small]
                    for target in targets:
                        if isinstance(target.target, cst.Name):
                            self.doc.imports.local_names.add(target.target.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if self.depth == 0:
            self.doc.imports.local_names.add(node.name.value)
        self.depth += 1

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.depth -= 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self.depth == 0:
            self.doc.imports.local_names.add(node.name.value)
        self.depth += 1

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.depth -= 1

    def visit_If(self, node: cst.If) -> None:
        self.depth += 1  # imports under `if TYPE_CHECKING:` are not the place to add new ones

    def leave_If(self, node: cst.If) -> None:
        self.depth -= 1

    def visit_Try(self, node: cst.Try) -> None:
        self.depth += 1

    def leave_Try(self, node: cst.Try) -> None:
        self.depth -= 1

    def visit_Call(self, node: cst.Call) -> None:
        self.doc.calls.append(node)

    def visit_Name(self, node: cst.Name) -> None:
        self.doc.names.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        self.doc.attributes.append(node)
        node.value.visit(self)  # the attr Name is not a free name
        return False


class PythonDocument(Document):
    language = NAME

    def __init__(self, source: Source, module: cst.Module):
        super().__init__(source)
        self.module = module
        self.imports = Imports()
        self.calls: list[cst.Call] = []
        self.names: list[cst.Name] = []
        self.attributes: list[cst.Attribute] = []
        self.import_statements: list[cst.CSTNode] = []
        self._positions = None
        module.visit(_Collector(self))

    # -- positions -------------------------------------------------------------------------
    def span(self, node: cst.CSTNode) -> tuple[int, int]:
        """Character range of a node (computed for the whole module on first use)."""
        if self._positions is None:
            wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
            self._positions = wrapper.resolve(PositionProvider)
        rng = self._positions[node]
        return (self.source.offset(rng.start.line, rng.start.column),
                self.source.offset(rng.end.line, rng.end.column))

    # -- imports ---------------------------------------------------------------------------
    def reference(self, module: str, name: str) -> tuple[str, list]:
        """How to refer to `module.name` here, and the edits (if any) that make it importable.

        In order: an existing import of the name; an existing module import (`m.Name`); a star
        import; a name appended to an existing `from module import ...`; a new import line after
        the last import of the same package (or the last top-level import).
        """
        wanted = f"{module}.{name}"
        for local, qual in self.imports.names.items():
            if qual == wanted:
                return local, []
        for local, qual in self.imports.names.items():
            if qual == module:
                return f"{local}.{name}", []
        for local, qual in self.imports.names.items():
            if module.startswith(qual + ".") and qual and "." not in local:
                # `import pkg.mod` binds `pkg`; the module is reachable as pkg.mod.Name
                if any(isinstance(s, cst.Import) and any(dotted(a.name) == module and a.asname is None
                                                       for a in s.names) for s in self.import_statements):
                    return f"{module}.{name}", []
        if module in self.imports.star_modules:
            return name, []
        for stmt in self.imports.from_imports:
            if dotted(stmt.module) == module and not isinstance(stmt.names, cst.ImportStar):
                return name, self._append_to_from_import(stmt, name)
        return name, [self._new_import_line(module, name)]

    def _append_to_from_import(self, stmt: cst.ImportFrom, name: str):
        last = stmt.names[-1]
        _, name_end = self.span(last.asname.name if last.asname else last.name)
        first_start, _ = self.span(stmt.names[0])
        multiline = stmt.lpar is not None and "\n" in self.text[self.span(stmt)[0]:first_start]
        if not multiline:
            return [self.source.edit(name_end, name_end, f", {name}")]
        line, _ = self.source.linecol(name_end)
        line_text = self.source.line_text(line)
        indent = line_text[: len(line_text) - len(line_text.lstrip())]
        line_end = self.source.offset(line, len(line_text))
        edits = [] if isinstance(last.comma, cst.Comma) else [self.source.edit(name_end, name_end, ",")]
        return edits + [self.source.edit(line_end, line_end, f"\n{indent}{name},")]

    def _new_import_line(self, module: str, name: str):
        package = module.split(".")[0]
        anchor = None
        for line in self.imports.top_level_imports:
            for small in line.body:
                target = dotted(small.module) if isinstance(small, cst.ImportFrom) and small.module else (
                    dotted(small.names[0].name) if isinstance(small, cst.Import) else "")
                if target.split(".")[0] == package:
                    anchor = line
        if anchor is None and self.imports.top_level_imports:
            anchor = self.imports.top_level_imports[-1]
        text = f"from {module} import {name}\n"
        if anchor is None:
            return self.source.edit(0, 0, text)
        _, end = self.span(anchor)
        newline = self.text.find("\n", end - 1)
        at = len(self.text) if newline == -1 else newline + 1
        if newline == -1:
            text = "\n" + text.rstrip("\n")
        return self.source.edit(at, at, text)
