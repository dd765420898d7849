"""Text helpers shared by the value repairs (E3030 enum values, E3031 patterns, E3012 types).

Everything here computes minimal edits from the composed node tree: a scalar rewritten in its
own quoting, a list item removed with its line (block) or its comma (flow, JSON), a node's own
text re-indented to sit under another key. Nothing re-emits the document.
"""
from __future__ import annotations

import json
import re

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iacfix.cfn_repairs import tag_of  # noqa: F401 - re-exported for the value repairs
from iacfix.languages.cloudformation import yaml_scalar


def resource_type(doc, path) -> str | None:
    """The `Type` of the resource a `Resources/<name>/Properties/…` path points into."""
    if len(path) < 4 or path[0] != "Resources" or path[2] != "Properties":
        return None
    resource = doc.resources.get(path[1])
    rtype = resource.get("Type") if isinstance(resource, dict) else None
    return rtype if isinstance(rtype, str) else None


def text_of(doc, node: Node) -> str:
    return doc.source.text[doc.start(node):doc.end(node)]


def is_plain_scalar(node) -> bool:
    """A scalar without a tag (`!Ref x` is not): a literal the template states."""
    return isinstance(node, ScalarNode) and tag_of(node) is None


def quote_char(doc, node: ScalarNode) -> str | None:
    text = text_of(doc, node)
    if len(text) >= 2 and text[0] in "'\"" and text[-1] == text[0]:
        return text[0]
    return None


def scalar_text(doc, node: ScalarNode, value) -> str:
    """`value` written where `node` is, in the node's own style: JSON string or number, a YAML
    scalar keeping the original quotes when the new text needs no escape in them."""
    if doc.is_json:
        return json.dumps(value, ensure_ascii=False)
    quote = quote_char(doc, node)
    if quote == "'" and "'" not in str(value) and "\n" not in str(value):
        return f"'{value}'"
    if quote == '"' and not re.search(r'["\\\n]', str(value)):
        return f'"{value}"'
    return yaml_scalar(value)


def replace_scalar(doc, node: ScalarNode, value):
    """An edit writing `value` over the scalar `node` (tag, if any, left in front)."""
    start, end = doc.start(node), doc.end(node)
    tag = tag_of(node)
    if tag is not None:  # `!Sub 'x'`: keep the tag, rewrite the string after it
        text = doc.source.text[start:end]
        rest = text[len(tag):]
        start += len(tag) + (len(rest) - len(rest.lstrip()))
    return doc.source.edit(start, end, scalar_text(doc, node, value))


def remove_item(doc, seq: SequenceNode, index: int):
    """Delete item `index` of a sequence: its whole lines in block style (a comment on its line
    goes with it), the item and one comma in flow style / JSON. None when it is the only item or
    the block item does not start its own `- ` line."""
    if not isinstance(seq, SequenceNode) or len(seq.value) < 2 or not 0 <= index < len(seq.value):
        return None
    item = seq.value[index]
    text = doc.source.text
    if not doc.is_flow(seq):
        line_start = doc.line_start(doc.start(item))
        if text[line_start:doc.start(item)].strip() != "-":
            return None
        return doc.source.edit(line_start, doc.line_end(doc.end(item)), "")
    if index > 0:
        return doc.source.edit(doc.end(seq.value[index - 1]), doc.end(item), "")
    return doc.source.edit(doc.start(item), doc.start(seq.value[1]), "")


def reindent(text: str, delta: int) -> str | None:
    """`text` with every line after the first moved `delta` columns (negative: left); None when a
    line has too few leading spaces to move left."""
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        if delta >= 0:
            out.append(" " * delta + line if line.strip() else line)
            continue
        body = line.lstrip(" ")
        if body and len(line) - len(body) < -delta:
            return None
        out.append(line[-delta:] if body else line)
    return "\n".join(out)


def has_comment(text: str) -> bool:
    """A `#` that starts a YAML comment (at a line start or after a blank)."""
    return bool(re.search(r"(^|[ \t])#", text, re.M))


def pair_fields(item_schemas) -> tuple[str, str] | None:
    """(key field, value field) when the item schema is a key/value pair: exactly two declared
    properties, one named `…Key`, the other `…Value` (`Key`/`Value`, `ConditionKey`/
    `ConditionValue`)."""
    names: list[str] = []
    for node in item_schemas or ():
        names.extend((node.get("properties") or {}).keys())
    names = list(dict.fromkeys(names))
    if len(names) != 2:
        return None
    key = next((n for n in names if n.endswith("Key")), None)
    value = next((n for n in names if n.endswith("Value")), None)
    if key is None or value is None or key[:-3] != value[:-5]:
        return None
    return key, value


def is_map_schema(nodes) -> bool:
    """An object whose member names are free (patternProperties / additionalProperties)."""
    return any(n.get("type") == "object" and (n.get("patternProperties") or isinstance(n.get("additionalProperties"), dict))
               for n in nodes or ())


def mapping_get(node, name):
    if not isinstance(node, MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == name), None)
