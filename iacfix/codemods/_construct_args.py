"""Reading and extending the arguments of a CDKTF construct call, in Python and TypeScript.

Used by the rules that add a missing setting to a resource or correct one (IAC311
elasticache-encryption, IAC312 rds-storage-encrypted, IAC313 imdsv2-required). A view
(`PyArgs` over a call's keywords or a dict literal, `TsArgs` over an object literal) maps each
given property to its value node and, when the value is a literal, the Python value of it; `add`
returns the edits appending `name=value` / `name: value` members in the container's own layout:

- one member per line → new lines at the same indent, the trailing-comma habit kept, after a
  comment that ends the last member's line;
- members on one line → `, name=value` after the last member.

Values are rendered by the caller (`py_literal`, `ts_literal` for scalars).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from iacfix.codemods import _provider

NOT_LITERAL = object()


@dataclass
class Value:
    node: object
    start: int
    end: int
    literal: object  # True/False/str/int/float, or NOT_LITERAL


# -- layout ------------------------------------------------------------------------------------

def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_break(text: str, offset: int) -> int:
    """Offset of the line break ending the line that holds `offset` (before a `\\r`)."""
    i = text.find("\n", offset)
    if i == -1:
        return len(text)
    return i - 1 if i > 0 and text[i - 1] == "\r" else i


def append_members(source, last: tuple[int, int], close: int, members: list[str]) -> list:
    """Edits appending `members` (rendered text) after the member spanning `last`, in a container
    whose closing bracket is at `close`."""
    text = source.text
    nl = source.newline
    last_start, last_end = last
    after = text[last_end:close]
    stripped = after.lstrip(" \t")
    has_comma = stripped.startswith(",")
    comma_end = last_end + (len(after) - len(stripped)) + 1 if has_comma else last_end
    own_line = not text[_line_start(text, last_start):last_start].strip()
    if not own_line:
        return [source.edit(last_end, last_end, "".join(f", {m}" for m in members))]
    indent = text[_line_start(text, last_start):last_start]
    if "\n" in text[comma_end:close]:
        at = _line_break(text, comma_end)
        if has_comma:
            return [source.edit(at, at, "".join(f"{nl}{indent}{m}," for m in members))]
        body = ",".join(f"{nl}{indent}{m}" for m in members)
        return [source.edit(last_end, last_end, ","), source.edit(at, at, body)]
    # the closing bracket follows on the last member's line
    if has_comma:
        return [source.edit(comma_end, comma_end, "".join(f"{nl}{indent}{m}," for m in members))]
    return [source.edit(last_end, last_end, "".join(f",{nl}{indent}{m}" for m in members))]


# -- Python --------------------------------------------------------------------------------------

def py_literal(value, quote: str = '"') -> str:
    if value is True or value is False or value is None:
        return repr(value)
    if isinstance(value, str):
        return quote + value.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote
    return repr(value)


def _py_value(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, (bool, str, int, float)):
        return node.value
    return NOT_LITERAL


class PyArgs:
    """The keywords of a call, or the string-keyed entries of a dict literal."""

    def __init__(self, doc, node):
        self.doc, self.node = doc, node
        self.values: dict[str, Value] = {}
        self.splat = False
        self.members: list[tuple[int, int]] = []
        if isinstance(node, ast.Call):
            for arg in node.args:
                self.members.append(doc.span(arg))
                self.splat |= isinstance(arg, ast.Starred)
            for kw in node.keywords:
                self.members.append(doc.span(kw))
                if kw.arg is None:
                    self.splat = True
                    continue
                self.values[kw.arg] = Value(kw.value, *doc.span(kw.value), _py_value(kw.value))
            self.members.sort()
            self.is_dict = False
        else:
            for key, value in zip(node.keys, node.values):
                if key is None:
                    self.splat = True
                    self.members.append(doc.span(value))
                    continue
                start, _ = doc.span(key)
                _, end = doc.span(value)
                self.members.append((start, end))
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    self.values[key.value] = Value(value, *doc.span(value), _py_value(value))
            self.is_dict = True

    def get(self, prop) -> Value | None:
        """The value given for a provider property (`Prop`): by its Python name, in a dict also by
        its jsii (camelCase) name."""
        found = self.values.get(prop.py_name)
        if found is None and self.is_dict:
            found = self.values.get(prop.name)
        return found

    def key(self, prop) -> str:
        """How to name `prop` here: a kwarg, or a dict key in the style the dict already uses."""
        if not self.is_dict:
            return prop.py_name
        camel = any(k != k.lower() and "_" not in k for k in self.values)
        name = prop.name if camel else prop.py_name
        return f'"{name}"'

    def member(self, prop, value_text: str) -> str:
        return f"{self.key(prop)}={value_text}" if not self.is_dict else f"{self.key(prop)}: {value_text}"

    def add(self, items: list[tuple[object, str]]) -> list | None:
        """Edits adding `(prop, value text)` members; None when the container is empty."""
        _, end = self.doc.span(self.node)
        members = [self.member(p, v) for p, v in items]
        if not self.members:
            if not self.is_dict:
                return None
            return [self.doc.source.edit(end - 1, end - 1, ", ".join(members))]
        return append_members(self.doc.source, self.members[-1], end - 1, members)

    def quote(self) -> str:
        """The quote character of the first plain string literal of the call (default `"`)."""
        text = self.doc.text
        for start, end in self.members:
            for i in range(start, end):
                if text[i] in "'\"":
                    return text[i]
        return '"'


def py_nested(doc, index, value: Value, struct: str):
    """The view of a struct value given as a dict literal, a struct-class call, or a one-element
    list of either; None for anything else."""
    node = value.node
    if isinstance(node, ast.List) and len(node.elts) == 1:
        node = node.elts[0]
    if isinstance(node, ast.Dict):
        return PyArgs(doc, node)
    if isinstance(node, ast.Call):
        resolved = _provider.python_resolve(index, doc, node.func)
        if resolved and index.params_struct(*resolved) == struct:
            return PyArgs(doc, node)
    return None


def py_provider_root(doc, family: str) -> str:
    """The provider package the file imports (cdktf or cdktn bindings)."""
    from iacfix.knowledge.provider import python_root
    return next((q.split(".")[0] for q in doc.imports.names.values() if q.split(".")[0] in _provider.PY_ROOTS),
                python_root(family))


def py_constructs(doc, index, wanted):
    """(resolved type, config struct, call, PyArgs) for each call of a provider class in `wanted`."""
    for call in doc.calls:
        resolved = _provider.python_resolve(index, doc, call.func)
        if resolved not in wanted:
            continue
        struct = index.params_struct(*resolved)
        if struct:
            yield resolved, struct, call, PyArgs(doc, call)


# -- TypeScript ----------------------------------------------------------------------------------

def ts_literal(value, quote: str = "'") -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return quote + value.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote
    return repr(value)


def _ts_value(node):
    kind = node.kind()
    text = node.text()
    if kind in ("true", "false"):
        return kind == "true"
    if kind == "string" and "\\" not in text:
        return text[1:-1]
    if kind == "template_string" and "${" not in text and "\\" not in text:
        return text[1:-1]
    if kind == "number":
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return NOT_LITERAL
    return NOT_LITERAL


class TsArgs:
    """The members of an object literal."""

    def __init__(self, doc, obj):
        self.doc, self.node = doc, obj
        self.values: dict[str, Value] = {}
        self.splat = False
        self.members: list[tuple[int, int]] = []
        for child in obj.children():
            kind = child.kind()
            if not child.is_named() or kind == "comment":
                continue
            self.members.append(doc.span(child))
            if kind == "spread_element":
                self.splat = True
            elif kind == "pair":
                key, value = child.field("key"), child.field("value")
                if key is None or value is None:
                    continue
                name = key.text()[1:-1] if key.kind() == "string" else key.text()
                self.values[name] = Value(value, *doc.span(value), _ts_value(value))
            elif kind == "shorthand_property_identifier":
                self.values[child.text()] = Value(child, *doc.span(child), NOT_LITERAL)

    def get(self, prop) -> Value | None:
        return self.values.get(prop.name)

    def add(self, items: list[tuple[object, str]]) -> list:
        start, end = self.doc.span(self.node)
        members = [f"{p.name}: {v}" for p, v in items]
        if not self.members:
            inner = self.doc.text[start + 1:end - 1]
            if inner.strip():
                return None  # only comments inside
            return [self.doc.source.edit(start + 1, end - 1, " " + ", ".join(members) + " ")]
        return append_members(self.doc.source, self.members[-1], end - 1, members)


def ts_nested(value: Value):
    """The view of a struct value given as an object literal or a one-element array of one."""
    node = value.node
    if node.kind() == "array":
        named = [c for c in node.children() if c.is_named() and c.kind() != "comment"]
        if len(named) != 1:
            return None
        node = named[0]
    return node if node.kind() == "object" else None


def ts_constructs(doc, index, wanted):
    """(resolved type, config struct, new expression, TsArgs) for each `new` of a class in `wanted`
    whose config is an object literal."""
    for new in doc.root.find_all(kind="new_expression"):
        ctor, args = new.field("constructor"), new.field("arguments")
        if ctor is None or args is None:
            continue
        resolved = _provider.ts_type(index, doc.imports.resolve(ctor))
        if resolved not in wanted:
            continue
        struct = index.params_struct(*resolved)
        objects = [a for a in args.children() if a.kind() == "object"]
        if struct and objects:
            yield resolved, struct, new, TsArgs(doc, objects[-1])
