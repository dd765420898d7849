"""Helpers shared by the secrets rules (IAC302 hardcoded-db-password, IAC303 secret-lookup-not-created).

Where to insert a new statement (before the statement holding a node, above its leading
comments), fresh local names and construct ids, TypeScript imports added in the file's idiom, and
the CDKTF code that creates a generated password kept in Secrets Manager.
"""
from __future__ import annotations

import ast
import re

from iacfix.languages.typescript import module_of, same_module


# random_password's default specials minus the ones RDS refuses in a master password (`/ @ " space`)
RDS_SAFE_SPECIALS = "!#$%&*()-_=+[]{}<>:?"
_RANDOM_PY = {"cdktf": "cdktf_cdktf_provider_random", "cdktn": "cdktn_provider_random"}
_RANDOM_TS = {"cdktf": "@cdktf/provider-random", "cdktn": "@cdktn/provider-random"}


def random_python_root(family: str) -> str:
    return _RANDOM_PY.get(family, _RANDOM_PY["cdktf"])


def random_ts_package(family: str) -> str:
    return _RANDOM_TS.get(family, _RANDOM_TS["cdktf"])


# -- names -----------------------------------------------------------------------------------

def words(text: str) -> list[str]:
    """`db-instance`, `dbInstance`, `db_instance` → ['db', 'instance']."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+", text) if w]


def snake(text: str) -> str:
    name = "_".join(words(text)) or "db"
    return name if not name[0].isdigit() else f"db_{name}"


def camel(text: str) -> str:
    parts = words(text) or ["db"]
    name = parts[0] + "".join(p.capitalize() for p in parts[1:])
    return name if not name[0].isdigit() else f"db{name}"


def kebab(text: str) -> str:
    return "-".join(words(text)) or "db"


def id_join(construct_id: str, *parts: str) -> str:
    """`db_secret` + `value` → `db_secret_value`, `db-secret` + `value` → `db-secret-value`: new
    construct ids written in the style of the id they derive from."""
    sep = "_" if "_" in construct_id and "-" not in construct_id else "-"
    return sep.join((construct_id, *parts))


def unique(name: str, taken: set[str]) -> str:
    """`name`, else `name2`, `name3` … whichever is not in `taken` (and record it)."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}{n}"
    taken.add(candidate)
    return candidate


# -- where to insert a statement ---------------------------------------------------------------

def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def insertion_point(text: str, stmt_start: int, comment_prefixes=("#",)) -> tuple[int, str] | None:
    """(offset, indent) to insert lines before the statement starting at `stmt_start`: above the
    comment lines that lead it at the same indent. None when the statement does not start its line."""
    start = line_start(text, stmt_start)
    indent = text[start:stmt_start]
    if indent.strip():
        return None
    while start > 0:
        prev = line_start(text, start - 1)
        line = text[prev:start - 1].rstrip("\r")
        if line.strip().startswith(comment_prefixes) and line[:len(line) - len(line.lstrip())] == indent:
            start = prev
        else:
            break
    return start, indent


def python_statement(tree: ast.AST, node: ast.AST) -> ast.stmt | None:
    """The innermost statement sitting in a statement list (a body) that contains `node`."""
    best = None
    stack = [tree]
    target = (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
    while stack:
        current = stack.pop()
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            stmts = getattr(current, field, None)
            if not isinstance(stmts, list):
                continue
            for stmt in stmts:
                if not hasattr(stmt, "lineno"):
                    continue
                span = (stmt.lineno, stmt.col_offset, stmt.end_lineno, stmt.end_col_offset)
                if span[:2] <= target[:2] and target[2:] <= span[2:]:
                    if isinstance(stmt, ast.stmt):
                        best = stmt
                    stack.append(stmt)
    return best


def ts_statement(node):
    """The statement (a child of a block or the program) that contains `node`, else None."""
    current = node
    while current is not None:
        parent = current.parent()
        if parent is None:
            return None
        if parent.kind() in ("statement_block", "program", "switch_case") and current.kind() != "comment":
            return current
        if parent.kind() in ("class_body", "arrow_function") and current.kind() != "statement_block":
            return None  # a field initialiser or an expression-bodied arrow: no statement to precede
        current = parent
    return None


# -- TypeScript imports ------------------------------------------------------------------------

def ts_reference(doc, package: str, leaf: str, namespace: str, name: str, quote: str = "'") -> tuple[str, list]:
    """How to refer to `name` of `<package>/lib/<leaf>` (root namespace `namespace`) here, and the
    import edits needed: an existing import of it; a namespace import of the module or of the
    package root; a name added to an existing named import of the module; a namespace name added to
    a named import from the package root (`import { rds, vpc } from '@cdktf/provider-aws'`); else
    a new `import { name } from '<package>/lib/<leaf>';` line after the package's last import."""
    module = f"{package}/lib/{leaf}"
    names = doc.imports.names
    for local, (spec, path) in names.items():
        if same_module(spec, module) and path == name:
            return local, []
    for local, (spec, path) in names.items():
        if same_module(spec, module) and path == "":
            return f"{local}.{name}", []
        if spec == package and path == namespace:
            return f"{local}.{name}", []
        if spec == package and path == "":
            return f"{local}.{namespace}.{name}", []
    root_named = None
    for stmt in doc.imports.statements:
        spec = module_of(stmt)
        named = stmt.find(kind="named_imports")
        if named is None:
            continue
        if same_module(spec, module):
            return name, doc.append_specifier(named, name)
        if spec == package and any(s.field("name") is not None and s.field("name").text()[:1].islower()
                                   for s in named.find_all(kind="import_specifier")):
            root_named = named
    if root_named is not None:
        return f"{namespace}.{name}", doc.append_specifier(root_named, namespace)
    return doc.reference(module, name, quote)  # nothing to reuse: a new import line
