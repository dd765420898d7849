"""E3012 — a value of the wrong JSON type for the schema at that place.

cfn-lint reads scalars leniently (`"60"` passes for an integer, `60` for a string), so what it
reports are shape errors; the repairs change the shape of the value's text only, never the values
in it, and are **safe** — each is the one way the schema accepts what the author wrote:

- a scalar (or a `!Ref`/`!Sub`/`!GetAtt`…) where an **array** is required → a one-item list
  (`[x]` written inline after the key);
- one mapping where an **array of objects** is required (`SecurityGroupIngress: {…}`) → a
  one-item list (block style: `- ` in front of it, its lines indented two columns);
- a **one-item list** where a scalar (string, number, boolean) is required → its item;
- a **map** (`Tags: {Name: x}`) where the schema wants a list of key/value pairs (items with
  exactly two properties `…Key`/`…Value`: `Key`/`Value`, `ConditionKey`/`ConditionValue`) → one
  pair per member, a member whose value is a list giving one pair per item
  (`StringEquals: {'aws:ResourceTag/x': [v]}` → `[{ConditionKey: 'aws:ResourceTag/x',
  ConditionValue: v}]`, as AWS Backup's `Conditions` schema states);
- the reverse: a list of `Key`/`Value` items where the schema wants a **map** (SecurityHub
  `Hub.Tags`) → `Key: Value` members.

Each member's or item's value text is kept as written (tags, quotes, `!Sub`), multi-line values
re-indented with it. Refused (cfn-lint's message stays): an object where a string is required
(`BucketName: {a: b}`), a word where a boolean is required, keys written by an intrinsic,
duplicate keys, lists of more than one item where one value is required, and shapes with a
comment inside the text that would be rewritten.
"""
from __future__ import annotations

import json
import re

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from iacfix.cfn_repairs import Outcome, locate, schema_at
from iacfix.cfn_repairs._values import (
    tag_of, has_comment, is_map_schema, is_plain_scalar, mapping_get, pair_fields, reindent, resource_type, text_of)
from iacfix.fixes import Applicability
from iacfix.languages.cloudformation import yaml_scalar

RULE_ID = "E3012"
_NOT_OF_TYPE = re.compile(r"^(?P<value>.*) is not of type (?P<types>'\w+'(?:, '\w+')*)$", re.S)
_SCALARS = {"string", "integer", "number", "boolean"}
_SCALAR_FUNCTIONS = {"!Ref", "!Sub", "!GetAtt", "!ImportValue", "!Join", "!Select", "!FindInMap", "!If", "!Base64"}


def repair(doc, match, schemas=schema_at) -> Outcome | None:
    m = _NOT_OF_TYPE.match(match.message)
    path = match.path
    rtype = resource_type(doc, path)
    if m is None or rtype is None or "Fn::If" in path:
        return None
    wanted = set(re.findall(r"'(\w+)'", m["types"]))
    key, node = locate(doc, path)
    if key is None or node is None:
        return None
    where = f"{rtype} {'/'.join(str(p) for p in path[3:])}"
    nodes = schemas(rtype, tuple(path[3:])) or []
    if wanted == {"array"}:
        items = schemas(rtype, tuple(path[3:]) + (0,)) or []
        fields = pair_fields(items)
        if isinstance(node, MappingNode) and fields and not _is_pair(node, fields):
            return _map_to_pairs(doc, key, node, fields, where)
        if isinstance(node, MappingNode) and not tag_of(node) and not _is_intrinsic_mapping(node):
            return _wrap_mapping(doc, key, node, where)
        if isinstance(node, ScalarNode) and (tag_of(node) is None or tag_of(node) in _SCALAR_FUNCTIONS):
            return _wrap_scalar(doc, key, node, where)
        return None
    if wanted == {"object"} and isinstance(node, SequenceNode) and is_map_schema(nodes):
        return _pairs_to_map(doc, key, node, where)
    if wanted <= _SCALARS and isinstance(node, SequenceNode) and not tag_of(node):
        if len(node.value) != 1 or not isinstance(node.value[0], ScalarNode):
            return None
        return _unwrap(doc, key, node, where)
    return None


def _is_intrinsic_mapping(node) -> bool:
    if len(node.value) != 1 or not isinstance(node.value[0][0], ScalarNode):
        return False
    name = node.value[0][0].value
    return name in ("Ref", "Condition") or name.startswith("Fn::")


def _is_pair(node, fields) -> bool:
    keys = {k.value for k, _ in node.value if isinstance(k, ScalarNode)}
    return fields[0] in keys


def _after_colon(doc, key) -> int | None:
    """Offset just after the `:` that ends `key` (the key may be quoted)."""
    text = doc.source.text
    at = doc.end(key)
    while at < len(text) and text[at] in " \t":
        at += 1
    return at + 1 if at < len(text) and text[at] == ":" else None


def _wrap_scalar(doc, key, node, where) -> Outcome | None:
    start, end = doc.start(node), doc.end(node)
    text = doc.source.text[start:end]
    if "\n" in text:
        return None
    if not doc.is_json and node.style is None and re.search(r"[,\[\]{}]", node.value):
        # a plain scalar with flow indicators would split inside `[…]`: quote it
        tag = tag_of(node)
        text = (tag + " " if tag else "") + yaml_scalar(node.value)
    return Outcome(f"E3012: {where} is a list; the single value wrapped in one",
                   (doc.source.edit(start, end, f"[{text}]"),), Applicability.SAFE)


def _wrap_mapping(doc, key, node, where) -> Outcome | None:
    start, end = doc.start(node), doc.end(node)
    head = f"E3012: {where} is a list of objects; the single object wrapped in one"
    if doc.is_flow(node):
        return Outcome(head, (doc.source.edit(start, end, "[" + doc.source.text[start:end] + "]"),),
                       Applicability.SAFE)
    # block: `- ` before the first key, the following lines two columns to the right
    edits = [doc.source.edit(start, start, "- ")]
    text = doc.source.text
    at = doc.line_end(start)
    while at < end:
        if text[at:doc.line_end(at)].strip():
            edits.append(doc.source.edit(at, at, "  "))
        at = doc.line_end(at)
    return Outcome(head, tuple(edits), Applicability.SAFE)


def _unwrap(doc, key, node, where) -> Outcome | None:
    item = node.value[0]
    item_text = text_of(doc, item)
    if "\n" in item_text:
        return None
    head = f"E3012: {where} takes one value; the one-item list replaced by its item"
    if doc.is_flow(node):
        return Outcome(head, (doc.source.edit(doc.start(node), doc.end(node), item_text),), Applicability.SAFE)
    colon = _after_colon(doc, key)
    if colon is None or has_comment(doc.source.text[colon:doc.start(item)]):
        return None
    return Outcome(head, (doc.source.edit(colon, doc.end(node), " " + item_text),), Applicability.SAFE)


def _key_text(doc, node) -> str | None:
    """Source text of a scalar usable as a mapping key (no tag, one line)."""
    if not is_plain_scalar(node):
        return None
    text = text_of(doc, node)
    return None if "\n" in text else text


def _map_to_pairs(doc, key, node, fields, where) -> Outcome | None:
    kf, vf = fields
    pairs = []  # (member key node, member key text, member value node, [value nodes])
    for k, v in node.value:
        ktext = _key_text(doc, k)
        if ktext is None:
            return None
        values = v.value if isinstance(v, SequenceNode) and not tag_of(v) else [v]
        if not values or any(_is_block(doc, x) for x in values):
            return None
        pairs.append((k, ktext, v, values))
    head = f"E3012: {where} is a list of {kf}/{vf} pairs; the map rewritten as one pair per member"
    nl = doc.newline
    if doc.is_flow(node):
        parts = []
        for _, ktext, _, values in pairs:
            for value in values:
                names = (json.dumps(kf), json.dumps(vf)) if doc.is_json else (kf, vf)
                parts.append(f"{{{names[0]}: {ktext}, {names[1]}: {text_of(doc, value)}}}")
        if pairs and doc.at_line_start(doc.start(pairs[0][0])):
            column = pairs[0][0].start_mark.column
            closing = " " * _indent_of(doc, doc.end(node) - 1)
            body = "[" + nl + ("," + nl).join(" " * column + p for p in parts) + nl + closing + "]"
        else:
            body = "[" + ", ".join(parts) + "]"
        if has_comment(_outside(doc, node, [x for _, _, _, xs in pairs for x in xs])):
            return None
        return Outcome(head, (doc.source.edit(doc.start(node), doc.end(node), body),), Applicability.SAFE)
    edits = []
    for k, ktext, v, values in pairs:
        column = k.start_mark.column
        if has_comment(_outside(doc, (doc.end(k), doc.end(v)), values)):
            return None  # a comment inside the text rewritten (one after the value stays)
        items = []
        for value in values:
            vtext = text_of(doc, value)
            if "\n" in vtext:
                vtext = reindent(vtext, column + 2 + len(vf) + 2 - value.start_mark.column)
            if vtext is None:
                return None
            items.append(f"- {kf}: {ktext}{nl}{' ' * (column + 2)}{vf}: {vtext}")
        edits.append(doc.source.edit(doc.start(k), doc.end(v), (nl + " " * column).join(items)))
    return Outcome(head, tuple(edits), Applicability.SAFE)


def _is_block(doc, node) -> bool:
    """A block mapping or sequence: its text cannot follow a key on the same line."""
    return isinstance(node, (MappingNode, SequenceNode)) and not doc.is_flow(node)


def _indent_of(doc, offset) -> int:
    line_start = doc.line_start(offset)
    line = doc.source.text[line_start:offset + 1]
    return len(line) - len(line.lstrip(" "))


def _outside(doc, node, keep) -> str:
    """The text of `node` (or of a (start, end) range) without the texts of the `keep` nodes
    (to look for comments)."""
    text = doc.source.text
    start, end = node if isinstance(node, tuple) else (doc.start(node), doc.end(node))
    out, at = [], start
    for n in sorted(keep, key=doc.start):
        out.append(text[at:doc.start(n)])
        at = doc.end(n)
    out.append(text[at:end])
    return "".join(out)


def _pairs_to_map(doc, key, node, where) -> Outcome | None:
    members = []  # (item node, key text, value node)
    seen = set()
    for item in node.value:
        if not isinstance(item, MappingNode) or len(item.value) != 2:
            return None
        k, v = mapping_get(item, "Key"), mapping_get(item, "Value")
        ktext = _key_text(doc, k) if k is not None else None
        if ktext is None or v is None or k.value in seen:
            return None
        seen.add(k.value)
        members.append((item, k, ktext, v))
    if not members:
        return None
    head = f"E3012: {where} is a map; the Key/Value list rewritten as `key: value` members"
    text = doc.source.text
    if doc.is_flow(node):
        if has_comment(_outside(doc, node, [m[3] for m in members] + [m[1] for m in members])):
            return None
        multiline = doc.at_line_start(doc.start(members[0][0]))
        parts = [f"{ktext}: {text_of(doc, v)}" for _, _, ktext, v in members]
        if multiline:
            nl = doc.newline
            column = members[0][0].start_mark.column
            closing = " " * _indent_of(doc, doc.end(node) - 1)
            body = "{" + nl + ("," + nl).join(" " * column + p for p in parts) + nl + closing + "}"
        else:
            body = "{" + ", ".join(parts) + "}"
        return Outcome(head, (doc.source.edit(doc.start(node), doc.end(node), body),), Applicability.SAFE)
    parent_column = key.start_mark.column
    edits = []
    for item, k, ktext, v in members:
        line_start = doc.line_start(doc.start(item))
        prefix = text[line_start:doc.start(item)]
        if prefix.strip() != "-":
            return None
        dash = line_start + prefix.index("-")
        dash_column = dash - line_start
        column = dash_column if dash_column > parent_column else dash_column + 2
        if has_comment(_outside(doc, item, [k, v])):
            return None
        value_key = next(kn for kn, vn in item.value if vn is v)
        vtext = text_of(doc, v)
        if v.start_mark.line != value_key.start_mark.line:  # value on the lines below its key
            return None
        vtext = reindent(vtext, column - value_key.start_mark.column)
        if vtext is None:
            return None
        pad = " " * (column - dash_column)
        edits.append(doc.source.edit(dash, doc.end(item), f"{pad}{ktext}: {vtext}"))
    return Outcome(head, tuple(edits), Applicability.SAFE)

