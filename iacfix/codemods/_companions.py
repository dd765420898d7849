"""Helpers for rules that add companion statements after a CDKTF resource (IAC314, IAC114) or read the
project's common values (IAC105): import edits for several names of one module merged into one
line, the binding of a resource statement, the text after which a new statement goes, and a
regex scan of companion resources that point at a bucket (`bucket=x.id`, `bucket: x.id`), and the
construct id of a companion (the owner's id literal with a suffix inside).
"""
from __future__ import annotations

import ast
import functools
import re

from iacfix.codemods import _secrets
from iacfix.fixes import Edit

# -- imports -----------------------------------------------------------------------------------

_PY_NEW_IMPORT = re.compile(r"from (\S+) import (\w+)(\r?\n)\Z")
_TS_NEW_IMPORT = re.compile(r"(\r?\n)?import \{ (\w+) \} from (['\"])([^'\"]+)\3;(\r?\n)?\Z")


def python_names(doc, module: str, names) -> tuple[list[str], list[Edit]]:
    """How to refer to each of `names` (all from `module`) here, and the import edits: like
    `PythonDocument.reference`, but several new names of one module share one import line."""
    refs, edits = [], []
    for name in names:
        ref, more = doc.reference(module, name)
        refs.append(ref)
        edits.extend(more)
    return refs, _merge_new_lines(edits, _PY_NEW_IMPORT, _py_line)


def ts_names(doc, package: str, leaf: str, namespace: str, names, quote: str) -> tuple[list[str], list[Edit]]:
    """`_secrets.ts_reference` for several names of one module; new imports share one line."""
    refs, edits = [], []
    for name in names:
        ref, more = _secrets.ts_reference(doc, package, leaf, namespace, name, quote)
        refs.append(ref)
        edits.extend(more)
    return refs, _merge_new_lines(edits, _TS_NEW_IMPORT, _ts_line)


def _py_line(match_groups: list[re.Match]) -> str:
    first = match_groups[0]
    names = ", ".join(m.group(2) for m in match_groups)
    return f"from {first.group(1)} import {names}{first.group(3)}"


def _ts_line(match_groups: list[re.Match]) -> str:
    first = match_groups[0]
    names = ", ".join(m.group(2) for m in match_groups)
    return f"{first.group(1) or ''}import {{ {names} }} from {first.group(3)}{first.group(4)}{first.group(3)};{first.group(5) or ''}"


def _merge_new_lines(edits: list[Edit], pattern: re.Pattern, render) -> list[Edit]:
    out: list[Edit] = []
    groups: dict[tuple, list[tuple[int, re.Match]]] = {}
    for edit in dict.fromkeys(edits):
        m = pattern.fullmatch(edit.text) if edit.start == edit.end else None
        if m is None:
            out.append(edit)
            continue
        key = (edit.start, m.group(1) if pattern is _PY_NEW_IMPORT else m.group(4))
        groups.setdefault(key, []).append((len(out), m))
        out.append(edit)
    drop = set()
    for (start, _), items in groups.items():
        if len(items) < 2:
            continue
        first_index = items[0][0]
        out[first_index] = Edit(start, start, render([m for _, m in items]))
        drop.update(i for i, _ in items[1:])
    return [e for i, e in enumerate(out) if i not in drop]


# -- statements --------------------------------------------------------------------------------

def end_of_line(text: str, offset: int) -> int:
    """The offset of the line end (before `\\r\\n` / `\\n`) of the line holding `offset`."""
    nl = text.find("\n", offset)
    if nl == -1:
        return len(text)
    return nl - 1 if nl > 0 and text[nl - 1] == "\r" else nl


def python_binding(doc, call: ast.Call):
    """(statement, binding text or None) for a call that is a whole statement: `x = C(...)`,
    `self.x = C(...)`, `x: T = C(...)` or a bare `C(...)` (binding None). Else None."""
    stmt = _secrets.python_statement(doc.tree, call)
    if stmt is None:
        return None
    if isinstance(stmt, ast.Expr) and stmt.value is call:
        return stmt, None
    if isinstance(stmt, ast.Assign) and stmt.value is call and len(stmt.targets) == 1:
        target = stmt.targets[0]
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is call:
        target = stmt.target
    else:
        return None
    from iacfix.languages.python import dotted
    name = dotted(target)
    return (stmt, name) if name else None


def ts_binding(doc, new):
    """(statement node, binding text or None, kind) for `const x = new C(...)`, `this.x = new C(...)`,
    `x = new C(...)` or a bare `new C(...);` (binding None). Else None."""
    stmt = _secrets.ts_statement(new)
    if stmt is None:
        return None
    kind = stmt.kind()
    if kind == "expression_statement":
        inner = [c for c in stmt.children() if c.is_named() and c.kind() != "comment"]
        if len(inner) != 1:
            return None
        expr = inner[0]
        if expr == new:
            return stmt, None
        if expr.kind() == "assignment_expression" and expr.field("right") == new:
            left = expr.field("left")
            if left is not None and left.kind() in ("identifier", "member_expression"):
                return stmt, left.text()
        return None
    if kind in ("lexical_declaration", "variable_declaration"):
        declarators = [c for c in stmt.children() if c.kind() == "variable_declarator"]
        if len(declarators) == 1 and declarators[0].field("value") == new:
            name = declarators[0].field("name")
            if name is not None and name.kind() == "identifier":
                return stmt, name.text()
    return None


def statement_end(doc, stmt_end: int) -> int | None:
    """Where lines go after a statement ending at `stmt_end`: its line end, when nothing but a
    `;` or a comment follows it on that line."""
    text = doc.text
    at = end_of_line(text, stmt_end)
    rest = text[stmt_end:at].strip()
    if rest and not rest.startswith(("#", "//", ";")):
        return None
    if rest.startswith(";") and rest[1:].strip() and not rest[1:].strip().startswith("//"):
        return None
    return at


# -- companions found by scanning text ----------------------------------------------------------

_BUCKET_ARG = re.compile(r"""\bbucket\s*[=:]\s*(?:(['"])([^'"\\\n]*)\1|([A-Za-z_$][\w$]*(?:\s*[?!]?\.\s*[A-Za-z_$][\w$]*|\s*!)*))""")


def call_text(text: str, open_paren: int) -> str:
    """The text of a call's argument list from its `(` to the matching `)` (strings are skipped
    roughly: enough for finding `bucket=` in it)."""
    depth, i, quote = 0, open_paren, None
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return text[open_paren:i + 1]
        i += 1
    return text[open_paren:]


def normalise(expr: str) -> str:
    """`self.logs_bucket.id` → `self.logs_bucket`; `bucket!.bucket` → `bucket`."""
    expr = re.sub(r"[\s?!]", "", expr)
    parts = expr.split(".")
    if len(parts) > 1 and parts[-1] in ("id", "bucket", "arn"):
        parts.pop()
    return ".".join(parts)


@functools.lru_cache(maxsize=16)  # asked once per bucket of a file: scan each text once
def companion_targets(text: str, classes: re.Pattern) -> tuple[tuple[str, str, str, str], ...]:
    """(class, 'ref'|'literal', normalised target or literal, call text) of every call of a class matched by
    `classes` that has a `bucket` argument."""
    found = []
    for m in classes.finditer(text):
        args = call_text(text, m.end() - 1)
        arg = _BUCKET_ARG.search(args)
        if arg is None:
            continue
        if arg.group(2) is not None:
            found.append((m.group(1), "literal", arg.group(2), args))
        else:
            found.append((m.group(1), "ref", normalise(arg.group(3)), args))
    return tuple(found)


def last_segment(binding: str) -> str:
    return binding.rsplit(".", 1)[-1]


# -- appending an argument / a property ---------------------------------------------------------

def append_item(source, last_start: int, last_end: int, close: int, item: str) -> list[Edit]:
    """Edits adding `item` after the last item (`last_start`..`last_end`) of an argument list or
    object literal closed at `close`: on a line of its own at the last item's indent when that item
    starts its line, else inline; an existing trailing comma and a comment after the last item
    are kept where they are."""
    text = source.text
    nl = source.newline
    first = text.rfind("\n", 0, last_start) + 1
    indent = text[first:last_start]
    tail = text[last_end:close]
    comma = tail.lstrip(" \t").startswith(",")
    own_line = not indent.strip()
    if not own_line:
        if comma:
            at = last_end + tail.index(",") + 1
            return [source.edit(at, at, f" {item},")]
        return [source.edit(last_end, last_end, f", {item}")]
    eol = end_of_line(text, last_end)
    if eol > close:
        eol = close
    if comma:
        at = end_of_line(text, last_end + tail.index(",")) if "\n" in tail else last_end + tail.index(",") + 1
        return [source.edit(at, at, f"{nl}{indent}{item},")]
    if text[last_end:eol].strip():  # a comment after the last item: the comma goes before it
        return [source.edit(last_end, last_end, ","), source.edit(eol, eol, f"{nl}{indent}{item}")]
    return [source.edit(last_end, last_end, f",{nl}{indent}{item}")]


def companion_id(id_text: str, suffix_words: list[str], python: bool, taken: set[str]) -> str | None:
    """The id literal text for a companion: the bucket's id literal with a suffix inside."""
    if len(id_text) < 2:
        return None
    prefix = ""
    if python and id_text[0] in "fF":
        prefix, id_text = id_text[0], id_text[1:]
    quote = id_text[0]
    if quote not in "'\"`" or id_text[-1] != quote or id_text.startswith(quote * 3):
        return None
    inner = id_text[1:-1]
    plain = re.sub(r"\$?\{[^}]*\}", "", inner)  # the literal parts of an f-string / template
    sep = "-" if "-" in plain else "_" if "_" in plain else ("_" if python else "-")
    new = inner + sep + sep.join(suffix_words)
    if quote == "`" and "${" not in inner or not prefix and quote != "`":
        base, n = new, 1
        while new in taken:
            n += 1
            new = f"{base}{n}"
        taken.add(new)
    return f"{prefix}{quote}{new}{quote}"
