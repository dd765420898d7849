"""W1020 — a `Fn::Sub` whose string has no variable: the function does nothing.

Unwrapped to the plain string, a safe fix: `!Sub 'app-logs'` → `'app-logs'`, `{"Fn::Sub": "x"}`
→ `"x"`, `Fn::Sub: x` (block, long form) → `x` on the key's line, the list form
`!Sub ['x', {}]` with an empty variable map → `'x'`. The scalar's own text (quotes, a `|` block)
stays; a plain scalar that would read as something else than a string without its tag (`!Sub 123`,
`!Sub true`) is single-quoted. A literal `${!Name}` (which `Fn::Sub` turns into `${Name}`) becomes
`${Name}` in the plain string — unless `Name` is a template name, since a plain `${Name}` would
then be an E1029 finding: such a string is left alone (cfn-lint's warning reported).
Refused too: a list form with variables, a comment between the key and a long-form `Fn::Sub`, and
a scalar whose text is not its value verbatim where `${!…}` needs rewriting.
"""
from __future__ import annotations

import re

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from iacfix.cfn_repairs import Outcome, tag_of, locate
from iacfix.fixes import Applicability
from iacfix.languages.cloudformation import yaml_scalar

RULE_ID = "W1020"
LITERAL = re.compile(r"\$\{!([^}]*)\}")


def repair(doc, match, schemas=None) -> Outcome | None:
    path = match.path
    if not path or path[-1] != "Fn::Sub" or "isn't needed" not in match.message:
        return None
    key, node = locate(doc, path[:-1])  # the value that is the Fn::Sub (tagged node or mapping)
    if node is None:
        return None
    if isinstance(node, MappingNode):
        if len(node.value) != 1 or node.value[0][0].value != "Fn::Sub":
            return None
        whole, inner = node, node.value[0][1]
    elif tag_of(node) == "!Sub":
        whole, inner = node, node
    else:
        return None
    if isinstance(inner, SequenceNode):  # [string, {variables}]
        if len(inner.value) != 2 or not isinstance(inner.value[1], MappingNode) or inner.value[1].value:
            return None
        inner = inner.value[0]
    if not isinstance(inner, ScalarNode) or (inner is not whole and tag_of(inner) is not None):
        return None
    text = _scalar_text(doc, inner)
    literals = LITERAL.findall(inner.value)
    if literals:
        from iacfix.cfn_repairs.e1029 import is_template_name, template_names
        plain, types = template_names(doc)
        if any(is_template_name(n, plain, types) for n in literals):
            return None
        if len(LITERAL.findall(text)) != len(literals):
            return None
        text = LITERAL.sub(lambda m: "${" + m.group(1) + "}", text)
    style = inner.style
    if not doc.is_json and style is None and yaml_scalar(inner.value) != inner.value and not literals:
        text = yaml_scalar(inner.value)  # a plain `123`/`true`/`a: b` needs quotes without the tag
    elif not doc.is_json and style is None and literals and yaml_scalar(text) != text:
        text = yaml_scalar(text)
    start, end = doc.start(whole), doc.end(whole)
    if isinstance(whole, MappingNode) and not whole.flow_style and key is not None:
        between = doc.source.text[doc.end(key):start]
        if "#" in between or "\n" in text:
            return None
        start = doc.end(key)
        text = ": " + text
        if not between.lstrip().startswith(":"):
            return None
    return Outcome("W1020: Fn::Sub without variables; unwrapped to the plain string",
                   (doc.source.edit(start, end, text),), Applicability.SAFE)


def _scalar_text(doc, node: ScalarNode) -> str:
    """The scalar's source text without a tag in front (`!Sub 'x'` → `'x'`)."""
    text = doc.source.text[doc.start(node):doc.end(node)]
    if text.startswith("!"):
        tag = len(text.split(None, 1)[0])
        text = text[tag:].lstrip(" \t")
    return text
