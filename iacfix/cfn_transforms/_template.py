"""What the CloudFormation ordering rules (IAC201–IAC204) read from a template: references and
dependencies between resources, dynamic references to Secrets Manager, secret names.

Everything works on the composed node tree (`CloudFormationDocument.tree`), where short forms
(`!Ref X`, `!GetAtt X.Y`, `!Sub '…'`) are tagged nodes and long forms (`Ref: X`, `Fn::GetAtt:
[X, Y]`, `Fn::Sub: …`, JSON) one-key mappings, so both read the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

SECRET = "AWS::SecretsManager::Secret"
RESOLVE = "{{resolve:secretsmanager:"
_SUB_VAR = re.compile(r"\$\{(?!!)\s*([A-Za-z0-9_:.]+)\s*\}")


def sub_vars(text: str) -> set[str]:
    """Logical names a `Fn::Sub` string refers to: `${X}`, `${X.Attr}` (not `${!X}`, not `${AWS::…}`)."""
    return {m.group(1).split(".")[0] for m in _SUB_VAR.finditer(text) if "::" not in m.group(1)}


def intrinsic(node: Node) -> tuple[str, Node] | None:
    """("Ref" / "Fn::GetAtt" / "Fn::Sub" / …, argument node) when `node` is an intrinsic function
    call in short form (a `!Tag` node) or long form (a one-key `Fn::…`/`Ref` mapping)."""
    tag = getattr(node, "tag", "") or ""
    if tag.startswith("!") and tag not in ("!", "!!"):
        name = tag[1:]
        return (name if name in ("Ref", "Condition") else "Fn::" + name), node
    if isinstance(node, MappingNode) and len(node.value) == 1:
        key, value = node.value[0]
        if isinstance(key, ScalarNode) and (key.value in ("Ref", "Condition") or key.value.startswith("Fn::")):
            return key.value, value
    return None


def sub_parts(node: Node) -> tuple[ScalarNode, set[str]] | None:
    """For a `Fn::Sub` call: (its template string node, the names its variable map defines)."""
    call = intrinsic(node)
    if not call or call[0] != "Fn::Sub":
        return None
    arg = call[1]
    if isinstance(arg, ScalarNode):
        return arg, set()
    if isinstance(arg, SequenceNode) and arg.value and isinstance(arg.value[0], ScalarNode):
        names = set()
        if len(arg.value) > 1 and isinstance(arg.value[1], MappingNode):
            names = {k.value for k, _ in arg.value[1].value if isinstance(k, ScalarNode)}
        return arg.value[0], names
    return None


def refs(node: Node | None, sub_text=None) -> set[str]:
    """Every logical name `node` refers to through Ref, GetAtt or Sub variables (pseudo parameters
    and Sub map variables excluded). `sub_text(string node) → text` may rewrite Sub strings first."""
    found: set[str] = set()
    stack = [node] if node is not None else []
    while stack:
        node = stack.pop()
        call = intrinsic(node)
        if call:
            name, arg = call
            if name == "Ref" and isinstance(arg, ScalarNode):
                if "::" not in arg.value:
                    found.add(arg.value)
                continue
            if name == "Fn::GetAtt":
                if isinstance(arg, ScalarNode):
                    found.add(arg.value.split(".")[0])
                    continue
                if isinstance(arg, SequenceNode) and arg.value and isinstance(arg.value[0], ScalarNode):
                    found.add(arg.value[0].value)
                    stack.extend(arg.value[1:])
                    continue
            if name == "Fn::Sub":
                parts = sub_parts(node)
                if parts:
                    string, local = parts
                    text = sub_text(string) if sub_text else string.value
                    found |= sub_vars(text) - local
                    if isinstance(arg, SequenceNode):
                        stack.extend(arg.value[1:])
                    continue
            if arg is not node:
                stack.append(arg)
                continue
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return found


def strings(node: Node | None):
    """(string node, sub, sub map names) for every string in `node`; `sub` is the `Fn::Sub` call
    node when the string is its template (so `${X}` in it is a reference), else None."""
    stack = [node] if node is not None else []
    while stack:
        node = stack.pop()
        parts = sub_parts(node)
        if parts:
            yield parts[0], node, parts[1]
            call = intrinsic(node)
            if isinstance(call[1], SequenceNode):
                stack.extend(reversed(call[1].value[1:]))
            continue
        if isinstance(node, ScalarNode):
            yield node, None, set()
        elif isinstance(node, MappingNode):
            stack.extend(v for _, v in reversed(node.value))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))


def split_resolve(text: str, start: int) -> tuple[str, int] | None:
    """The secret-id of the dynamic reference whose `{{resolve:secretsmanager:` ends at `start`:
    (id text, its end offset). An id is an ARN (`arn:…:secret:name`) or a name, `${…}` included."""
    end = text.find("}}", start)
    if end == -1:
        return None
    body, depth, cut = text[start:end], 0, None
    colons = 0
    arn = body.startswith("arn:")
    i = 0
    while i < len(body):
        if body.startswith("${", i):
            depth += 1
            i += 2
            continue
        if body[i] == "}" and depth:
            depth -= 1
        elif body[i] == ":" and not depth:
            colons += 1
            if not arn or colons == 7:
                cut = i
                break
        i += 1
    cut = len(body) if cut is None else cut
    return body[:cut], start + cut


@dataclass
class DynamicReference:
    """One `{{resolve:secretsmanager:ID…}}` in a string node."""

    node: ScalarNode  # the string (a Sub template or a plain string)
    sub: Node | None  # the `Fn::Sub` call whose template the string is
    local: set  # names defined by the Sub's variable map
    secret_id: str
    start: int  # offset of ID in node.value
    end: int

    @property
    def in_sub(self) -> bool:
        return self.sub is not None


def dynamic_references(node: Node | None):
    for string, sub, local in strings(node):
        text = string.value
        if not isinstance(text, str):
            continue
        at = text.find(RESOLVE)
        while at != -1:
            found = split_resolve(text, at + len(RESOLVE))
            if found:
                yield DynamicReference(string, sub, local, found[0], at + len(RESOLVE), found[1])
            at = text.find(RESOLVE, at + 1)


class Template:
    """The resources of a CloudFormation document and the dependencies between them."""

    def __init__(self, doc):
        self.doc = doc
        root = doc.tree
        res = None
        if isinstance(root, MappingNode):
            res = next((v for k, v in root.value if isinstance(k, ScalarNode) and k.value == "Resources"), None)
        self.nodes: dict[str, MappingNode] = {}
        if isinstance(res, MappingNode):
            for key, value in res.value:
                if isinstance(key, ScalarNode) and isinstance(value, MappingNode):
                    self.nodes[key.value] = value

    def attr(self, name: str, key: str) -> Node | None:
        node = self.nodes.get(name)
        if node is None:
            return None
        return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)

    def type(self, name: str) -> str:
        node = self.attr(name, "Type")
        return node.value if isinstance(node, ScalarNode) and isinstance(node.value, str) else ""

    def prop(self, name: str, *path) -> Node | None:
        return self.doc.node(("Resources", name, "Properties", *path)) if name in self.nodes else None

    def condition(self, name: str) -> str | None:
        node = self.attr(name, "Condition")
        return node.value if isinstance(node, ScalarNode) else None

    def of_type(self, type_: str) -> list[str]:
        return [n for n in self.nodes if self.type(n) == type_]

    def depends_on(self, name: str) -> list[str]:
        node = self.attr(name, "DependsOn")
        if isinstance(node, ScalarNode):
            return [node.value]
        if isinstance(node, SequenceNode):
            return [n.value for n in node.value if isinstance(n, ScalarNode)]
        return []

    def direct_refs(self, name: str, sub_text=None) -> set[str]:
        """Resources `name` refers to (Ref/GetAtt/Sub anywhere but DependsOn): the order
        CloudFormation infers, and what cfn-lint W3005 calls an obsolete DependsOn."""
        node = self.nodes.get(name)
        if node is None:
            return set()
        found = set()
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value not in ("Type", "DependsOn", "Condition"):
                found |= refs(value, sub_text)
        return {n for n in found if n in self.nodes and n != name}

    @cached_property
    def _edges(self) -> dict[str, set[str]]:
        return {n: self.direct_refs(n) | {d for d in self.depends_on(n) if d in self.nodes} for n in self.nodes}

    def reaches(self, start: str, target: str, first: set[str] | None = None) -> bool:
        """True when `start` already comes after `target` (through refs and DependsOn, transitively);
        `first` replaces `start`'s own direct edges (to ask about a rewritten resource)."""
        seen, stack = {start}, list(self._edges.get(start, set()) if first is None else first)
        while stack:
            node = stack.pop()
            if node == target:
                return True
            if node not in seen:
                seen.add(node)
                stack.extend(self._edges.get(node, ()))
        return False

    def ref_target(self, node: Node | None) -> str | None:
        """The resource a `!Ref X` / `!GetAtt X.Y` (either form) names, else None."""
        call = intrinsic(node) if node is not None else None
        if not call:
            return None
        name, arg = call
        if name == "Ref" and isinstance(arg, ScalarNode):
            return arg.value if arg.value in self.nodes else None
        if name == "Fn::GetAtt":
            first = arg.value.split(".")[0] if isinstance(arg, ScalarNode) else \
                arg.value[0].value if isinstance(arg, SequenceNode) and arg.value and isinstance(arg.value[0], ScalarNode) else None
            return first if first in self.nodes else None
        return None

    def secret_name(self, secret: str) -> tuple[str, str] | None:
        """("literal", name) or ("sub", template) for a secret's `Name`, else None."""
        node = self.prop(secret, "Name")
        if node is None:
            return None
        if isinstance(node, ScalarNode) and not (node.tag or "").startswith("!") and isinstance(node.value, str):
            return "literal", node.value
        parts = sub_parts(node)
        if parts and not parts[1]:
            return "sub", parts[0].value
        return None

    def secret_by_id(self, ref: DynamicReference) -> str | None:
        """The template's secret a by-name dynamic reference resolves, when its name matches."""
        for secret in self.of_type(SECRET):
            name = self.secret_name(secret)
            if name is None:
                continue
            kind, text = name
            if ref.secret_id == text and (ref.in_sub or kind == "literal") and not (sub_vars(text) & ref.local):
                return secret
        return None

    def secret_of(self, ref: DynamicReference) -> tuple[str, str] | None:
        """(secret, "ref" | "name") for a dynamic reference to one of the template's secrets."""
        if ref.in_sub:
            m = re.fullmatch(r"\$\{\s*([A-Za-z0-9_]+)\s*\}", ref.secret_id)
            if m and m.group(1) not in ref.local and self.type(m.group(1)) == SECRET:
                return m.group(1), "ref"
        secret = self.secret_by_id(ref)
        return (secret, "name") if secret else None

    def order(self) -> list[str]:
        return list(self.nodes)
