"""Python front end: the standard library's `ast`, with byte-exact positions.

iacfix edits bytes, never regenerates code, so it needs positions, not a lossless tree. `ast`
gives both start and end positions in UTF-8 bytes and parses about ten times faster than LibCST,
whose positions (PositionProvider) cost a further three parses; on files with defects that made the
difference between 0.4× and 8× a LibCST parse (bench/README.md).

Qualified names come from the module's own import statements, every form: `from m import A as B`,
`import m.x as y`, `from pkg import mod`, `import pkg.mod`, `from m import *` (top-level
definitions shadow star imports). Provider class names are not rebound locally in IaC code, so
full scope analysis would buy nothing here.
"""
from __future__ import annotations

import ast
from functools import cached_property
import re
import sys
from dataclasses import dataclass, field

from iacfix.languages.base import Document, ParseError, Source

NAME = "python"
EXTENSIONS = (".py",)
_CDKTF_IMPORT = re.compile(r"^\s*(?:from|import)\s+(?:cdktf\w*|cdktn\w*|constructs|imports)\b", re.M)


def detect(path: str, text: str) -> bool:
    """A CDKTF Python file imports cdktf, cdktn or their provider bindings; a test module of an IaC
    project (`test_*.py`, `*_test.py`, or under `tests/`, with a `def test_…`) is ours too."""
    if not path.endswith(EXTENSIONS):
        return False
    return ("cdktf" in text or "cdktn" in text) and bool(_CDKTF_IMPORT.search(text)) or is_test_module(path, text)


_TEST_DEF = re.compile(r"^\s*(?:async\s+)?def\s+test", re.M)


def is_test_module(path: str, text: str) -> bool:
    """A pytest/unittest module: named `test_*.py` / `*_test.py` or in a `tests`/`test` folder, with a test function."""
    norm = "/" + path.replace("\\", "/")
    name = norm.rsplit("/", 1)[-1]
    named = name.startswith("test_") or name.endswith("_test.py") or "/tests/" in norm or "/test/" in norm
    return named and bool(_TEST_DEF.search(text))


def verify(text: str, path: str = "x.py") -> list[str]:
    """Syntax problems of `text` (checked after every fix pass)."""
    try:
        ast.parse(text)
    except SyntaxError as exc:
        return [f"line {exc.lineno}: {exc.msg}"]
    except (ValueError, RecursionError, MemoryError) as exc:
        return [str(exc) or type(exc).__name__]
    return []


def parse(source: Source) -> "PythonDocument":
    try:
        tree = ast.parse(source.text)
    except SyntaxError as exc:
        if _valid_in_newer_python(source.text):
            raise NewerSyntax(f"uses syntax newer than the Python iacfix runs on "
                              f"({sys.version_info.major}.{sys.version_info.minor}); not checked") from None
        raise ParseError(exc.msg, exc.lineno) from None
    except (RecursionError, MemoryError, ValueError) as exc:
        raise ParseError(str(exc) or type(exc).__name__) from None
    return PythonDocument(source, tree)


class NewerSyntax(ParseError):
    """Valid Python, but for a newer grammar than this interpreter's `ast` (PEP 695, PEP 701 …)."""

    skip = True


def _valid_in_newer_python(text: str) -> bool:
    """LibCST's parser knows the grammar up to 3.14 whatever Python runs it; ask it only when
    `ast` has already refused the file, so valid modern code is skipped, not reported broken."""
    try:
        import libcst
        libcst.parse_module(text)
    except Exception:  # noqa: BLE001 - any failure means: not valid in any grammar we know
        return False
    return True


def dotted(expr) -> str:
    """`a.b.c` for a Name / Attribute chain, else ''."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        base = dotted(expr.value)
        return f"{base}.{expr.attr}" if base else ""
    return ""


@dataclass
class Imports:
    """Local name → dotted qualified name, from every import statement in the module."""

    names: dict[str, str] = field(default_factory=dict)
    star_modules: list[str] = field(default_factory=list)
    local_names: set[str] = field(default_factory=set)  # bound by top-level def/class/assign
    from_imports: list[ast.ImportFrom] = field(default_factory=list)  # top level only
    top_level: list[ast.stmt] = field(default_factory=list)  # top-level import statements

    def resolve(self, expr) -> str | None:
        """The qualified name of a Name / Attribute chain, if it is rooted in an import."""
        if isinstance(expr, ast.Name):
            return self.names.get(expr.id)
        if isinstance(expr, ast.Attribute):
            base = self.resolve(expr.value)
            return f"{base}.{expr.attr}" if base else None
        return None

    def star_candidates(self, name: str) -> list[str]:
        """Modules a bare `name` may come from through `from m import *`."""
        if name in self.names or name in self.local_names:
            return []
        return self.star_modules


class PythonDocument(Document):
    language = NAME

    def __init__(self, source: Source, tree: ast.Module):
        super().__init__(source)
        self.tree = tree
        self.imports = Imports()
        self.calls: list[ast.Call] = []
        self.names: list[ast.Name] = []
        self.attributes: list[ast.Attribute] = []
        self.import_statements: list[ast.stmt] = []
        self._collect()

    @cached_property
    def nodes(self) -> list[ast.AST]:
        """Every node, in `ast.walk` order, walked once for all the rules that scan the whole tree."""
        return list(ast.walk(self.tree))

    def _collect(self) -> None:
        """One walk that gathers what the rules look at, so no rule walks the tree again."""
        imports = self.imports
        for stmt in self.tree.body:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                imports.top_level.append(stmt)
                if isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module and stmt.names[0].name != "*":
                    imports.from_imports.append(stmt)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                imports.local_names.add(stmt.name)
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                for target in stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]:
                    if isinstance(target, ast.Name):
                        imports.local_names.add(target.id)
        stack = [self.tree]
        while stack:
            node = stack.pop()
            kind = type(node)
            if kind is ast.Call:
                self.calls.append(node)
            elif kind is ast.Name:
                self.names.append(node)
                continue
            elif kind is ast.Attribute:
                self.attributes.append(node)
            elif kind is ast.Import:
                self.import_statements.append(node)
                for alias in node.names:
                    if alias.asname is not None:
                        imports.names[alias.asname] = alias.name
                    else:
                        root = alias.name.split(".")[0]
                        imports.names.setdefault(root, root)
                continue
            elif kind is ast.ImportFrom:
                self.import_statements.append(node)
                if node.level == 0 and node.module:
                    for alias in node.names:
                        if alias.name == "*":
                            imports.star_modules.append(node.module)
                        else:
                            imports.names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                continue
            elif kind is ast.JoinedStr:
                continue  # before 3.12, positions inside f-strings are not reliable
            stack.extend(ast.iter_child_nodes(node))
        # the walk above is depth first from the end; rules want source order
        key = lambda n: (n.lineno, n.col_offset)  # noqa: E731
        self.calls.sort(key=key)
        self.names.sort(key=key)
        self.attributes.sort(key=key)

    # -- positions -------------------------------------------------------------------------
    def span(self, node) -> tuple[int, int]:
        """Character range of a node (ast positions are UTF-8 byte columns)."""
        return (self.source.offset_of_byte(node.lineno, node.col_offset),
                self.source.offset_of_byte(node.end_lineno, node.end_col_offset))

    def attr_span(self, node: ast.Attribute) -> tuple[int, int]:
        """Character range of the attribute name in `value.attr`."""
        _, end = self.span(node)
        return end - len(node.attr), end

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
        if any(isinstance(s, ast.Import) and any(a.name == module and a.asname is None for a in s.names)
               for s in self.import_statements):
            return f"{module}.{name}", []  # `import pkg.mod` makes pkg.mod.Name reachable
        if module in self.imports.star_modules:
            return name, []
        for stmt in self.imports.from_imports:
            if stmt.module == module:
                return name, self._append_to_from_import(stmt, name)
        return name, [self._new_import_line(module, name)]

    def _append_to_from_import(self, stmt: ast.ImportFrom, name: str) -> list:
        text = self.text
        stmt_start, stmt_end = self.span(stmt)
        first_start, _ = self.span(stmt.names[0])
        _, name_end = self.span(stmt.names[-1])
        head = text[stmt_start:first_start]
        if "(" not in head or "\n" not in head:
            return [self.source.edit(name_end, name_end, f", {name}")]
        line, _ = self.source.linecol(name_end)
        line_text = self.source.line_text(line)
        indent = line_text[: len(line_text) - len(line_text.lstrip())]
        line_end = self.source.offset(line, len(line_text))
        has_comma = text[name_end:stmt_end].lstrip(" \t\\\n").startswith(",")
        edits = [] if has_comma else [self.source.edit(name_end, name_end, ",")]
        return edits + [self.source.edit(line_end, line_end, f"{self.source.newline}{indent}{name},")]

    def _new_import_line(self, module: str, name: str):
        package = module.split(".")[0]
        anchor = None
        for stmt in self.imports.top_level:
            target = stmt.module if isinstance(stmt, ast.ImportFrom) else stmt.names[0].name
            if (target or "").split(".")[0] == package:
                anchor = stmt
        if anchor is None and self.imports.top_level:
            anchor = self.imports.top_level[-1]
        nl = self.source.newline
        text = f"from {module} import {name}{nl}"
        if anchor is None:
            return self.source.edit(0, 0, text)
        _, end = self.span(anchor)
        newline = self.text.find("\n", end)
        if newline == -1:
            return self.source.edit(len(self.text), len(self.text), nl + text[:-len(nl)])
        return self.source.edit(newline + 1, newline + 1, text)
