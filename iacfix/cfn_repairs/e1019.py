"""E1019 — a `${Name}` in an `Fn::Sub` string that names nothing in the template.

An IAM policy variable (`${aws:username}`, `${aws:PrincipalTag/team}`, `${s3:prefix}`: a service
prefix, one colon, a key) can never be a template name: every such variable of every `Fn::Sub`
string of the template is escaped as `${!aws:username}` (which `Fn::Sub` turns into the literal
`${aws:username}` IAM expects) in one safe fix — cfn-lint reports only one of several identical
findings, so fixing them one by one would "reveal" the others as new errors.

The other unknown variables cfn-lint reports for one `Fn::Sub` string are repaired together (one
fix, the same edits for each of its matches), each by the first of these that applies:

- a shell variable the string itself assigns (`ID=$(…)`, `export ID=…`, `for ID in`, `read ID`:
  the string is a script, e.g. UserData) → escaped as `${!ID}`. Safe: the script defines it.
- one did-you-mean candidate (`iacfix.knowledge.names`) among the parameters, resources and
  pseudo parameters → renamed (`${Enviroment}` → `${Environment}`). Safe.
- an upper-case name (`${INSTANCE_ID}`) that the string does not assign → escaped, **unsafe**: it
  reads like an environment variable, but a missing parameter is the other possibility.

A name with several candidates, or none of the above, makes the whole string a diagnostic
(naming the variables and the candidates). Refused: a string whose `${…}` text cannot be found
verbatim in the file (escapes in a double-quoted scalar), a `Fn::Sub` whose string is not a
scalar, and cfn-lint's other E1019 messages (e.g. a `CommaDelimitedList` parameter in a `Fn::Sub`,
which needs a `Fn::Join`): those are reported as cfn-lint words them.
"""
from __future__ import annotations

import re

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from iacfix import cfn_repairs
from iacfix.cfn_repairs import Outcome, tag_of, locate
from iacfix.cfn_repairs.e1020 import NOT_ONE_OF, ref_targets
from iacfix.fixes import Applicability
from iacfix.knowledge import names

RULE_ID = "E1019"
SUB_RULES = ("E1019", "E1021")  # E1021: the same finding inside a Fn::Base64
IAM_VARIABLE = re.compile(r"^[a-z][a-z0-9.-]*:[A-Za-z][A-Za-z0-9_/.-]*$")
VARIABLE = re.compile(r"\$\{([^}!][^}]*)\}")
SHELLISH = re.compile(r"^[A-Z][A-Z0-9_]*$")


def sub_string_node(doc, path: tuple) -> ScalarNode | None:
    """The string node of the `Fn::Sub` at `path` (last step `Fn::Sub`): `!Sub '…'`,
    `Fn::Sub: …` or the first item of the list form."""
    if not path or path[-1] != "Fn::Sub":
        return None
    _, node = locate(doc, path)
    if isinstance(node, SequenceNode) and node.value:
        node = node.value[0]
    return node if isinstance(node, ScalarNode) else None


def assigned(text: str, name: str) -> bool:
    """True when a script in `text` assigns the shell variable `name`."""
    n = re.escape(name)
    return re.search(rf"(?m)(?:^|[\s;&|(`])(?:(?:export|local|declare|readonly)\s+)?{n}=|"
                     rf"\bfor\s+{n}\s+in\b|\bread\s+(?:-\w+\s+)*(?:\w+\s+)*{n}\b", text) is not None


def variable_spans(doc, node: ScalarNode, name: str) -> list[tuple[int, int]] | None:
    """Character ranges of the name inside each `${name}` of the node's text; None when the file
    text does not hold exactly the occurrences the value holds."""
    token = "${" + name + "}"
    start, end = doc.start(node), doc.end(node)
    text = doc.source.text[start:end]
    if text.count(token) != node.value.count(token) or not node.value.count(token):
        return None
    spans, i = [], text.find(token)
    while i >= 0:
        spans.append((start + i + 2, start + i + 2 + len(name)))
        i = text.find(token, i + len(token))
    return spans


def decide(doc, node: ScalarNode, name: str):
    """(what, new name text or None, applicability) for one unknown variable."""
    if assigned(node.value, name):
        return f"`${{{name}}}` is a shell variable the script assigns: escaped", "!" + name, Applicability.SAFE
    found = names.suggestions(name, ref_targets(doc)) if "." not in name else []
    if len(found) == 1:
        return f"`${{{name}}}` → `${{{found[0]}}}`", found[0], Applicability.SAFE
    if len(found) > 1:
        return f"`${{{name}}}` could be any of " + ", ".join(f"`{c}`" for c in found), None, None
    if SHELLISH.match(name):
        return (f"`${{{name}}}` reads like an environment variable: escaped as `${{!{name}}}` "
                "(or define a parameter of that name)"), "!" + name, Applicability.UNSAFE
    return f"`${{{name}}}` names nothing in the template", None, None


def sub_strings(node, out=None) -> list:
    """Every `Fn::Sub` string node of the tree (`!Sub`, `Fn::Sub:`, and the list forms)."""
    out = [] if out is None else out
    if isinstance(node, ScalarNode):
        if tag_of(node) == "!Sub":
            out.append(node)
    elif isinstance(node, SequenceNode):
        items = node.value
        if tag_of(node) == "!Sub" and items and isinstance(items[0], ScalarNode):
            out.append(items[0])
            items = items[1:]
        for item in items:
            sub_strings(item, out)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "Fn::Sub":
                first = value.value[0] if isinstance(value, SequenceNode) and value.value else value
                if isinstance(first, ScalarNode) and tag_of(first) is None:
                    out.append(first)
                    for item in value.value[1:] if isinstance(value, SequenceNode) else ():
                        sub_strings(item, out)
                    continue
            sub_strings(value, out)
    return out


def escape_iam_variables(doc, match) -> Outcome | None:
    """One fix escaping the IAM policy variables of every Fn::Sub string of the template: cfn-lint
    reports one of several identical findings only, and the others would count as new errors."""
    edits, seen = [], []
    for node in sub_strings(doc.tree):
        for name in dict.fromkeys(VARIABLE.findall(node.value)):
            if not IAM_VARIABLE.match(name):
                continue
            spans = variable_spans(doc, node, name)
            if spans is None:
                return None
            edits.extend(doc.source.edit(a, a, "!") for a, _ in spans)
            seen.append(name)
    if not edits:
        return None
    listed = ", ".join(f"`${{{n}}}`" for n in dict.fromkeys(seen))
    return Outcome(f"{match.rule}: {listed} in Fn::Sub strings are IAM policy variables, not template "
                   "names: escaped as `${!…}`, which Fn::Sub turns into the literal IAM expects",
                   tuple(sorted(edits, key=lambda e: e.start)), Applicability.SAFE)


def repair(doc, match, schemas=None) -> Outcome | None:
    m = NOT_ONE_OF.match(match.message)
    if m is None:
        return None
    if IAM_VARIABLE.match(m["name"]):
        return escape_iam_variables(doc, match)
    node = sub_string_node(doc, match.path)
    if node is None:
        return None
    unknown = []
    for other in cfn_repairs.lint(doc.source.text):
        m = NOT_ONE_OF.match(other.message)
        if other.rule in SUB_RULES and other.path == match.path and m and m["name"] not in unknown \
                and not IAM_VARIABLE.match(m["name"]):
            unknown.append(m["name"])
    decisions = [(name, *decide(doc, node, name)) for name in unknown]
    parts = [what for _, what, _, _ in decisions]
    edits = []
    for name, _, new, _ in decisions:
        spans = variable_spans(doc, node, name) if new is not None else None
        if spans is None:
            return Outcome(f"{match.rule}: in this Fn::Sub, " + "; ".join(parts))
        edits.extend(doc.source.edit(a, b, new) for a, b in spans)
    if not edits:
        return None
    unsafe = any(a is Applicability.UNSAFE for _, _, _, a in decisions)
    return Outcome(f"{match.rule}: in this Fn::Sub, " + "; ".join(parts),
                   tuple(sorted(edits, key=lambda e: e.start)),
                   Applicability.UNSAFE if unsafe else Applicability.SAFE)
