"""Constructs of given provider types and their arguments, for the Auto Scaling / load balancer /
security group rules (IAC315–IAC324): find `Type(scope, "id", k=v, …)` (Python) and
`new Type(scope, 'id', { k: v, … })` (TypeScript) through every import form, read the arguments,
and add arguments as minimal edits in the call's own layout (one line or one argument per line,
trailing comma or not, comments after the last argument kept in place).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from iacfix.codemods import _provider


@dataclass
class Construct:
    """One resource construct. `args` maps the argument name as written (snake_case in Python,
    camelCase in TypeScript) to its value node; `container` is the call (Python) or the object
    literal (TypeScript) new arguments go into; `variable` the name it is assigned to."""

    kind: str
    node: object
    container: object
    args: dict = field(default_factory=dict)
    construct_id: str | None = None
    scope_text: str | None = None
    variable: str | None = None  # `asg`, `self.asg`, `this.asg`
    opaque: bool = False  # `**kwargs` / `...spread`: arguments we cannot see
    quote: str = '"'


# -- Python ------------------------------------------------------------------------------------

def py_constructs(doc, index, wanted: dict) -> list[Construct]:
    """Calls of the provider types in `wanted` ((submodule, class) → kind), in source order."""
    assigned = {}
    for node in doc.nodes:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if len(targets) == 1 and _py_dotted(targets[0]):
                assigned[id(node.value)] = _py_dotted(targets[0])
    found = []
    for call in doc.calls:
        resolved = _provider.python_resolve(index, doc, call.func)
        kind = wanted.get(resolved) if resolved else None
        if kind is None:
            continue
        c = Construct(kind, call, call)
        for kw in call.keywords:
            if kw.arg is None:
                c.opaque = True
            else:
                c.args[kw.arg] = kw.value
        if len(call.args) >= 2 and isinstance(call.args[1], ast.Constant) and isinstance(call.args[1].value, str):
            c.construct_id = call.args[1].value
            start, _ = doc.span(call.args[1])
            c.quote = doc.text[start] if doc.text[start] in "'\"" else '"'
        if call.args:
            s, e = doc.span(call.args[0])
            c.scope_text = doc.text[s:e]
        c.variable = assigned.get(id(call))
        found.append(c)
    return found


def _py_dotted(node) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _py_dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def py_insert(doc, call: ast.Call, items: list[str]) -> list:
    """Edits appending the `name=value` texts in `items` to the call's arguments."""
    args = list(call.args) + list(call.keywords)
    if not args:
        return []
    last = max(args, key=lambda n: (n.end_lineno, n.end_col_offset))
    last_start, last_end = doc.span(last)
    return _append(doc.source, doc.text, last_start, last_end, doc.span(call)[1] - 1, items,
                   opener=doc.span(call.func)[1])


def py_insert_dict(doc, node: ast.Dict, items: list[str]) -> list:
    """Edits appending `"key": value` texts to a dict display."""
    if not node.values:
        return []
    start, end = doc.span(node)
    key = node.keys[-1] if node.keys[-1] is not None else node.values[-1]
    return _append(doc.source, doc.text, doc.span(key)[0], doc.span(node.values[-1])[1], end - 1, items,
                   opener=start)


def py_str(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def py_literal(node):
    """str / int / bool / list of them for a literal node, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float, bool)):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
            and isinstance(node.operand.value, int):
        return -node.operand.value
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [py_literal(e) for e in node.elts]
        return None if any(i is None for i in items) else items
    return None


# -- TypeScript --------------------------------------------------------------------------------

def ts_constructs(doc, index, wanted: dict) -> list[Construct]:
    """`new` expressions of the provider types in `wanted` that take an object literal."""
    found = []
    for new in doc.root.find_all(kind="new_expression"):
        ctor, arguments = new.field("constructor"), new.field("arguments")
        if ctor is None or arguments is None:
            continue
        resolved = _provider.ts_type(index, doc.imports.resolve(ctor))
        kind = wanted.get(resolved) if resolved else None
        if kind is None:
            continue
        positional = [a for a in arguments.children() if a.is_named() and a.kind() != "comment"]
        objects = [a for a in positional if a.kind() == "object"]
        if len(positional) < 3 or not objects or positional[2] != objects[-1]:
            continue
        obj = objects[-1]
        c = Construct(kind, new, obj)
        c.args, c.opaque = ts_pairs(obj)
        ident = positional[1]
        if ident.kind() == "string":
            c.construct_id = ident.text()[1:-1]
            c.quote = ident.text()[0]
        c.scope_text = positional[0].text()
        c.variable = _ts_variable(new)
        found.append(c)
    return found


def ts_pairs(obj) -> tuple[dict, bool]:
    """(name → value node, has a spread or a shorthand we cannot read) of an object literal."""
    pairs, opaque = {}, False
    for child in obj.children():
        kind = child.kind()
        if kind == "pair":
            key, value = child.field("key"), child.field("value")
            if key is None or value is None:
                continue
            name = key.text()[1:-1] if key.kind() == "string" else key.text()
            pairs[name] = value
        elif kind == "shorthand_property_identifier":
            pairs[child.text()] = child
        elif kind in ("spread_element", "method_definition"):
            opaque = True
    return pairs, opaque


def _ts_variable(new) -> str | None:
    parent = new.parent()
    while parent is not None and parent.kind() in ("parenthesized_expression", "as_expression",
                                                    "non_null_expression", "satisfies_expression"):
        parent = parent.parent()
    if parent is None:
        return None
    if parent.kind() == "variable_declarator":
        name = parent.field("name")
        return name.text() if name is not None and name.kind() == "identifier" else None
    if parent.kind() == "assignment_expression":
        left = parent.field("left")
        return left.text() if left is not None and re.fullmatch(r"[\w$.]+", left.text()) else None
    return None


def ts_insert(doc, obj, items: list[str]) -> list:
    """Edits appending the `key: value` texts in `items` to an object literal."""
    members = [c for c in obj.children() if c.is_named() and c.kind() != "comment"]
    start, end = doc.span(obj)
    if not members:
        return [doc.source.edit(start + 1, end - 1, " " + ", ".join(items) + " ")]
    last_start, last_end = doc.span(members[-1])
    return _append(doc.source, doc.text, last_start, last_end, end - 1, items, opener=start, comment="//")


def ts_literal(node):
    """str / number / bool / array of them for a literal node, else None."""
    if node is None:
        return None
    kind, text = node.kind(), node.text()
    if kind == "string" or kind == "template_string" and "${" not in text:
        return text[1:-1] if "\\" not in text else None
    if kind == "number":
        try:
            return int(text)
        except ValueError:
            return None
    if kind == "unary_expression" and re.fullmatch(r"-\s*\d+", text):
        return int(text.replace(" ", ""))
    if kind in ("true", "false"):
        return kind == "true"
    if kind == "array":
        items = [ts_literal(c) for c in node.children() if c.is_named() and c.kind() != "comment"]
        return None if any(i is None for i in items) else items
    return None


# -- layout ------------------------------------------------------------------------------------

def _append(source, text: str, last_start: int, last_end: int, close: int, items: list[str], *,
            opener: int, comment: str = "#") -> list:
    """Edits adding `items` after the last argument/member (`last_start`..`last_end`), before the
    closing bracket at `close`. One per line, at the indentation of the last argument's line,
    when the arguments span lines; else `, item` on the same line."""
    tail = text[last_end:close]
    has_comma = tail.lstrip(" \t").startswith(",")
    if "\n" not in text[opener:last_end]:
        return [source.edit(last_end, last_end, "".join(f", {i}" for i in items))]
    nl = "\r\n" if "\r\n" in text else "\n"
    line_start = text.rfind("\n", 0, last_start) + 1
    prefix = text[line_start:last_start]
    indent = prefix[:len(prefix) - len(prefix.lstrip())]
    eol = text.find("\n", last_end)
    if eol == -1 or eol >= close:  # the closing bracket is on the last argument's line
        joined = "".join(f",{nl}{indent}{i}" for i in items)
        if has_comma:
            comma = last_end + tail.index(",")
            return [source.edit(comma + 1, comma + 1, joined[1:] + ",")]
        return [source.edit(last_end, last_end, joined)]
    line_rest = text[last_end:eol].rstrip("\r")
    after = eol + 1
    if has_comma:
        return [source.edit(after, after, "".join(f"{indent}{i},{nl}" for i in items))]
    if line_rest.strip() and not line_rest.strip().startswith(comment):
        return []  # something we do not understand follows the last argument
    body = ",".join(f"{nl}{indent}{i}" for i in items)
    return [source.edit(last_end, last_end, ","), source.edit(after, after, body[len(nl):] + nl)]


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def ident_of(dotted: str | None) -> str | None:
    """`self.alb_sg.id` → `alb_sg`; `albSg.id` → `albSg`: the name of the construct a reference
    expression reads an attribute of."""
    if not dotted:
        return None
    parts = [p for p in dotted.split(".") if p not in ("self", "this")]
    if len(parts) >= 2:
        return parts[-2]
    return parts[0] if parts else None
