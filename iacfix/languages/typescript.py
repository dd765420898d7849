"""TypeScript front end: ast-grep (tree-sitter) for the tree, an import resolver, char ranges."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import tree_sitter
import tree_sitter_typescript
from ast_grep_py import SgNode, SgRoot

from iacfix.languages.base import Document, ParseError, Source

NAME = "typescript"
EXTENSIONS = (".ts", ".tsx", ".mts", ".cts")
# AWS SDK v3 imports: the Lambda handlers that live in a CDKTF project (IAC401, IAC403)
_CDKTF = re.compile(r"""from\s+['"](?:cdktf|cdktn|@cdktf/|@cdktn/|constructs|@aws-sdk/)|require\(\s*['"](?:cdktf|cdktn|@cdktf/|@cdktn/|@aws-sdk/)""")
# ast-grep edits well but hides tree-sitter's zero-width "missing" tokens (an unclosed brace parses
# without an ERROR node), so validity is asked of tree-sitter itself
_PARSERS = {
    "typescript": tree_sitter.Parser(tree_sitter.Language(tree_sitter_typescript.language_typescript())),
    "tsx": tree_sitter.Parser(tree_sitter.Language(tree_sitter_typescript.language_tsx())),
}


def detect(path: str, text: str) -> bool:
    """A CDKTF file imports cdktf/cdktn/constructs; a test file of an IaC project (`*.test.ts`,
    `*.spec.ts`, or under `test/`/`__tests__/`, calling `expect(`) is ours too."""
    return path.endswith(EXTENSIONS) and not path.endswith(".d.ts") and \
        (bool(_CDKTF.search(text)) or is_test_file(path, text))


_TEST_NAME = re.compile(r"\.(?:test|spec)\.[cm]?tsx?$")


def is_test_file(path: str, text: str) -> bool:
    """A jest/vitest/mocha test file: by name or folder, and it calls `expect(`."""
    norm = "/" + path.replace("\\", "/")
    named = bool(_TEST_NAME.search(norm)) or "/test/" in norm or "/tests/" in norm or "/__tests__/" in norm
    return named and "expect(" in text


def _dialect(path: str) -> str:
    return "tsx" if path.endswith(".tsx") else "typescript"


def _problems(text: str, dialect: str, limit: int = 50) -> list[tuple[str, int]]:
    """(what, line) for tree-sitter's error and missing nodes, depth first."""
    tree = _PARSERS[dialect].parse(text.encode("utf-8"))
    if not tree.root_node.has_error:
        return []
    found, stack = [], [tree.root_node]
    while stack and len(found) < limit:
        node = stack.pop()
        if node.is_error or node.is_missing:
            found.append((f"missing {node.type!r}" if node.is_missing else "syntax error", node.start_point[0] + 1))
            if node.is_missing:
                continue
        stack.extend(reversed([c for c in node.children if c.has_error or c.is_missing]))
    return found


def verify(text: str, path: str = "x.ts") -> list[str]:
    """Problems tree-sitter sees. The grammar lags TypeScript in places (`import('m').T` types
    parse with a "missing" token), so the engine only rejects a fix that adds problems."""
    return [f"line {line}: {what}" for what, line in _problems(text, _dialect(path))]


def parse(source: Source) -> "TypeScriptDocument":
    dialect = _dialect(source.path)
    errors = [(what, line) for what, line in _problems(source.text, dialect) if what == "syntax error"]
    if errors:
        raise ParseError(errors[0][0], errors[0][1])
    return TypeScriptDocument(source, SgRoot(source.text, dialect).root())


def string_value(node: SgNode | None) -> str | None:
    """The value of a string literal node without its quotes (no escapes: module paths only)."""
    if node is None or node.kind() not in ("string", "template_string"):
        return None
    text = node.text()
    return text[1:-1] if len(text) >= 2 else None


@dataclass
class Imports:
    """Local name → (module specifier, exported path). A namespace import has path ''."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    statements: list[SgNode] = field(default_factory=list)
    specifiers: list[tuple[SgNode, str]] = field(default_factory=list)  # (import_specifier, module)

    def resolve(self, node: SgNode) -> tuple[str, str] | None:
        """(module, dotted path) for an identifier or a member/nested-type chain rooted in an import."""
        kind = node.kind()
        if kind in ("identifier", "type_identifier"):
            return self.names.get(node.text())
        if kind == "member_expression":
            base, prop = node.field("object"), node.field("property")
        elif kind in ("nested_type_identifier", "nested_identifier"):
            children = [c for c in node.children() if c.is_named()]
            if len(children) != 2:
                return None
            base, prop = children
        else:
            return None
        if base is None or prop is None:
            return None
        resolved = self.resolve(base)
        if resolved is None:
            return None
        module, path = resolved
        return module, f"{path}.{prop.text()}" if path else prop.text()


def module_of(stmt: SgNode) -> str | None:
    """The module specifier of an import statement, without quotes."""
    node = stmt.field("source")
    return node.text()[1:-1] if node is not None else None


def same_module(spec: str | None, module: str) -> bool:
    """`spec` names `module` (ignoring a `.js` or `/index` suffix)."""
    return spec is not None and spec.removesuffix(".js").removesuffix("/index") == module


class TypeScriptDocument(Document):
    language = NAME

    def __init__(self, source: Source, root: SgNode):
        super().__init__(source)
        self.root = root
        self.imports = Imports()
        for stmt in root.find_all(kind="import_statement"):
            self._add_import(stmt)

    def _add_import(self, stmt: SgNode) -> None:
        self.imports.statements.append(stmt)
        module = string_value(stmt.field("source"))
        require = stmt.find(kind="import_require_clause")
        if require is not None:
            ident = require.find(kind="identifier")
            spec = string_value(require.find(kind="string"))
            if ident is not None and spec is not None:
                self.imports.names[ident.text()] = (spec, "")
            return
        if module is None:
            return
        clause = next((c for c in stmt.children() if c.kind() == "import_clause"), None)
        if clause is None:
            return
        for child in clause.children():
            kind = child.kind()
            if kind == "identifier":  # default import
                self.imports.names[child.text()] = (module, "default")
            elif kind == "namespace_import":
                ident = child.find(kind="identifier")
                if ident is not None:
                    self.imports.names[ident.text()] = (module, "")
            elif kind == "named_imports":
                for spec in child.find_all(kind="import_specifier"):
                    name, alias = spec.field("name"), spec.field("alias")
                    if name is None:
                        continue
                    self.imports.names[(alias or name).text()] = (module, name.text())
                    self.imports.specifiers.append((spec, module))

    def span(self, node: SgNode) -> tuple[int, int]:
        rng = node.range()
        return rng.start.index, rng.end.index

    def find_all(self, kind: str) -> list[SgNode]:
        return self.root.find_all(kind=kind)

    def import_quote(self) -> str:
        """The quote character the file's imports use (`'` when there are none)."""
        for stmt in self.imports.statements:
            source = stmt.field("source")
            if source is not None:
                return source.text()[0]
        return "'"

    def reference(self, module: str, name: str, quote: str | None = None) -> tuple[str, list]:
        """How to refer to export `name` of `module` here, and the import edits it needs.

        In order: an existing import of the name; a namespace import of the module (`ns.name`); the
        name appended to an existing value import `{ … }` of the module; a new
        `import { name } from 'module';` line after the last import of the same package (else the
        last import, else the top of the file), in that import's quotes."""
        names = self.imports.names
        for local, (spec, path) in names.items():
            if same_module(spec, module) and path == name:
                return local, []
        for local, (spec, path) in names.items():
            if same_module(spec, module) and path == "":
                return f"{local}.{name}", []
        for stmt in self.imports.statements:
            named = stmt.find(kind="named_imports")
            if named is not None and same_module(module_of(stmt), module) and \
                    not stmt.text().split("{")[0].split()[1:2] == ["type"]:
                return name, self.append_specifier(named, name)
        package = module.split("/")[0] if not module.startswith("@") else "/".join(module.split("/")[:2])
        anchor = None
        for stmt in self.imports.statements:
            if (module_of(stmt) or "").startswith(package):
                anchor = stmt
        if anchor is None and self.imports.statements:
            anchor = self.imports.statements[-1]
        nl = self.source.newline
        q = quote or (anchor.field("source").text()[0] if anchor is not None else "'")
        line = f"import {{ {name} }} from {q}{module}{q};"
        if anchor is None:
            return name, [self.source.edit(0, 0, line + nl)]
        _, end = self.span(anchor)
        return name, [self.source.edit(end, end, nl + line)]

    def append_specifier(self, named: SgNode, name: str) -> list:
        """Edits adding `name` to a `{ … }` import list, on its own line when the list is multi-line."""
        source, text = self.source, self.text
        specs = named.find_all(kind="import_specifier")
        start, end = self.span(named)
        if not specs:
            return [source.edit(start + 1, end - 1, f" {name} ")]
        _, last_end = self.span(specs[-1])
        tail = text[last_end:end - 1]
        if "\n" not in text[start:end]:
            return [source.edit(last_end, last_end, f", {name}")]
        spec_start, _ = self.span(specs[-1])
        indent = text[text.rfind("\n", 0, spec_start) + 1:spec_start]
        nl = self.source.newline
        eol = text.find("\n", last_end)
        eol = end - 1 if eol == -1 or eol > end - 1 else eol
        if eol > 0 and text[eol - 1] == "\r":
            eol -= 1
        if tail.lstrip().startswith(","):  # a trailing comma (and maybe a comment) stays on its line
            return [source.edit(eol, eol, f"{nl}{indent}{name},")]
        if text[last_end:eol].strip():  # a comment after the last name: the comma goes before it
            return [source.edit(last_end, last_end, ","), source.edit(eol, eol, f"{nl}{indent}{name}")]
        return [source.edit(last_end, last_end, f",{nl}{indent}{name}")]
