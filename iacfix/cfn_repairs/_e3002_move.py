"""E3002, when no declared name is close: a property written one level too high or too low is
moved where the schema declares it; one the schema declares at neither level is removed (unsafe).

`e3002.py` calls `move_or_remove` when did-you-mean found no candidate. The facts are the
resource schema's, read through cfn-lint at run time (`schema_at`); nothing is copied from it.

- **One level deeper.** The unknown key is declared by the schema of exactly one object-typed
  property of its mapping (`Type`, `Port`, `ResourcePath` … at an `AWS::Route53::HealthCheck`'s
  `Properties` → `HealthCheckConfig`; `PointInTimeRecoveryEnabled` on a DynamoDB table →
  `PointInTimeRecoverySpecification`). All unknown siblings bound for the same property move in
  **one** edit (every match of the group gets the same edits, so IAC330 makes them one fix): the
  parent mapping is created where the first of them stood, or the keys are appended to it when it
  is already there. Block style keeps each entry's text, comments included, re-indented one step;
  flow style and JSON get a nested `{…}` member (one member a line when the mapping is written
  so). A property of the new parent that the move leaves missing although the schema requires it
  (`required`, or `dependentRequired` by a moved key) is added only when the schema leaves one
  value: an enum of one value (`SSEType: KMS`, which `KMSMasterKeyId` depends on), or `true` for a
  boolean named `…Enabled` (`SSEEnabled: true`: setting a feature's details asks for the
  feature); any other (`RecordingMode` needs a `RecordingFrequency` of two) → a diagnostic naming
  it. Safe when every key has that one target; unsafe when a key alone has several and its
  unknown siblings narrow them to one (`AttributeName` + `Enabled` → `TimeToLiveSpecification`);
  otherwise a diagnostic listing the candidates.
  A key written first in a block list item (`- PointInTimeRecoveryEnabled: true`) gives its
  place after the `- ` to the new parent.
- **One level shallower.** The key sits in a nested mapping (not a list item) and the enclosing
  level declares it, is not already set there, and its value fits that declaration (a mapping
  only of declared keys): moved up after the nested mapping's entry, safe (a member of a flow
  mapping inside a block mapping becomes a block entry). A key inside a list item that belongs to the list's
  owner (CodePipeline's `OnFailure` in an action vs. the stage) is not guessed: the value written
  for an action rarely fits the stage's, and several items would compete — it falls through to
  removal when it does not fit, else a diagnostic.
- **On neither level.** Removed, **unsafe** (the template then asks for less than the author
  wrote): the entry with the comment lines directly above it (block style), or the member and
  one comma (flow, JSON). When every key of a nested mapping goes, the mapping's own entry goes
  instead (never an empty mapping; never the whole `Properties`). The message says where the
  schema does declare that name, if anywhere in the resource, nearest name first (`OnFailure` in
  a CodePipeline action → `Stages/*`; `KMSMasterKeyId` on a
  `AWS::DynamoDB::GlobalTable` → `Replicas/*/SSESpecification`), and, from a small table
  (`_HINTS` below: no schema states an alternative), what to use instead — e.g. S3 notifications
  have no CloudWatch target, EventBridge is the schema's way.

- **Known reshapes** (`_RESHAPES`, a one-entry table, documented there): API Gateway
  `MethodResponses[*].ResponseHeaders: {Access-Control-Allow-Origin: true}` →
  `ResponseParameters: {method.response.header.Access-Control-Allow-Origin: true}`, safe.

Keys that `e3002.py` renames (its did-you-mean has a candidate) never join a group here.
Refused (a diagnostic, or None → cfn-lint's own message): open schemas (patternProperties), keys
written as the first key of a `- ` list item that would move into an existing parent or up, targets whose value is not a plain
mapping (`!If`, `!Ref`), a key already set at the target, multi-line members where the target is
written on one line, moving every key out of a mapping, and removing the only property.
"""
from __future__ import annotations

import json
import re

from rapidfuzz import fuzz
from ruamel.yaml.nodes import MappingNode, ScalarNode

from iacfix.cfn_repairs import (Outcome, writable, branches, tag_of, tag_matches, declared_properties, key_name_span,
                                resource_schema)
from iacfix.fixes import Applicability
from iacfix.languages.cloudformation import render_inline

UNEXPECTED = re.compile(r"^Additional properties are not allowed \('(?P<name>[^']+)' was unexpected")

# What to use instead of a property that no CloudFormation schema offers, keyed by (resource
# type, name). Source: the resource's CloudFormation schema (the alternative named here is a
# property it declares at that level) and the service documentation. Only advice in a message.
_HINTS = {
    ("AWS::S3::Bucket", "CloudWatchConfigurations"):
        "S3 notifications have no CloudWatch target; use EventBridge (`EventBridgeConfiguration`) "
        "and an `AWS::Events::Rule`",
}

# Known renames that no schema states and no did-you-mean reaches, keyed by (resource type, name):
# (the declared property, a prefix every key of the value takes). Source: the API Gateway
# documentation of `MethodResponse.ResponseParameters` — response headers are declared as
# `method.response.header.<name>: <required>`; generated templates write them as `ResponseHeaders`
# (the OpenAPI word). Applied only when the value is a plain mapping; safe (same headers).
_RESHAPES = {
    ("AWS::ApiGateway::Method", "ResponseHeaders"): ("ResponseParameters", "method.response.header."),
}


def move_or_remove(doc, match, schemas):
    m = UNEXPECTED.match(match.message)
    path = tuple(match.path)
    if m is None or len(path) < 4 or path[0] != "Resources" or path[2] != "Properties" or path[-1] != m["name"]:
        return None
    rtype = (doc.resources.get(path[1]) or {}).get("Type") if isinstance(doc.resources.get(path[1]), dict) else None
    mpath = _doc_path(doc, path[:-1])  # the mapping holding the key, as a front-end path
    if not isinstance(rtype, str) or mpath is None:
        return None
    mapping = doc.node(mpath)
    if not isinstance(mapping, MappingNode):
        return None
    level = path[3:-1]
    nodes = schemas(rtype, level)
    if not nodes:
        return None
    declared, open_ = declared_properties(nodes)
    if open_:
        return None
    ctx = _Ctx(doc, rtype, level, mpath, mapping, declared, schemas)
    name = path[-1]
    where = "/".join(str(p) for p in path[:-1])
    head = f"E3002: `{name}` is not a property of {rtype} at {where}"
    return _reshape(ctx, name, head) or _deeper(ctx, name, head) or _shallower(ctx, name, path, head) \
        or _remove(ctx, name, head)


def _renamed(name: str, declared: list, prefix: str) -> bool:
    """True when e3002's did-you-mean has a candidate for `name` (that key is renamed, not moved)."""
    from iacfix.cfn_repairs import e3002  # e3002 imports this module
    return bool(e3002.candidates(name, declared, prefix)[0])


class _Ctx:
    def __init__(self, doc, rtype, level, mpath, mapping, declared, schemas):
        self.doc, self.rtype, self.level, self.mpath, self.mapping = doc, rtype, level, mpath, mapping
        self.declared, self.schemas = declared, schemas
        self.keys = [k.value for k, _ in mapping.value if isinstance(k, ScalarNode)]
        # the keys a move or removal may take: unknown here, and no rename candidate (e3002's)
        prefix = rtype.rsplit("::", 1)[-1] if not level else ""
        writable_names = writable(rtype, level, declared)
        self.unknown = [k for k in self.keys if k not in declared and not _renamed(k, writable_names, prefix)]
        self._objects = None

    def objects(self) -> dict:
        """Object-typed properties declared at this level → the names each declares."""
        if self._objects is None:
            self._objects = {}
            for prop in self.declared:
                sub = self.schemas(self.rtype, self.level + (prop,))
                if sub and any(isinstance(n.get("properties"), dict) for n in sub):
                    self._objects[prop] = set(declared_properties(sub)[0])
        return self._objects

    def targets(self, key: str) -> set:
        return {p for p, inner in self.objects().items() if key in inner}


# ---- known renames -------------------------------------------------------------------------------

def _reshape(ctx: _Ctx, name: str, head: str) -> Outcome | None:
    known = _RESHAPES.get((ctx.rtype, name))
    if known is None or known[0] not in ctx.declared:
        return None
    target, prefix = known
    if target in ctx.keys:
        return Outcome(f"{head}; `{target}` is meant, but is already set")
    key, value = ctx.doc.entry(ctx.mpath + (name,))
    span = key_name_span(ctx.doc, key)
    if span is None or not isinstance(value, MappingNode) or tag_of(value) is not None:
        return Outcome(f"{head}; did you mean `{target}` (keys prefixed `{prefix}`)?")
    edits = [ctx.doc.source.edit(span[0], span[1], target)]
    for k, _ in value.value:
        inner = key_name_span(ctx.doc, k) if isinstance(k, ScalarNode) else None
        if inner is None:
            return Outcome(f"{head}; did you mean `{target}` (keys prefixed `{prefix}`)?")
        if not k.value.startswith(prefix):
            edits.append(ctx.doc.source.edit(inner[0], inner[0], prefix))
    return Outcome(f"{head}; renamed to `{target}`, its keys prefixed `{prefix}` (how the schema names "
                   "response headers)", tuple(edits))


# ---- one level deeper --------------------------------------------------------------------------

def _deeper(ctx: _Ctx, name: str, head: str) -> Outcome | None:
    own = ctx.targets(name)
    if not own:
        return None
    candidates = {k: ctx.targets(k) for k in ctx.unknown}
    placed = [c for c in candidates.values() if c]
    common = set.intersection(*placed) if placed else set()
    if len(own) == 1:
        target = next(iter(own))
    elif len(common) == 1 and common <= own:
        target = next(iter(common))
    else:
        listed = ", ".join(f"`{p}`" for p in sorted(own))
        return Outcome(f"{head}; it is declared inside {listed}: move it by hand")
    group = [k for k, c in candidates.items() if target in c and (len(c) == 1 or common == {target})]
    unsafe = any(len(candidates[k]) > 1 for k in group)
    doc = ctx.doc
    tpath = ctx.mpath + (target,)
    existing = doc.node(tpath)
    if existing is not None and not (isinstance(existing, MappingNode) and tag_of(existing) is None):
        return Outcome(f"{head}; it belongs in `{target}`, which is not a plain mapping here: move it by hand")
    present = [k.value for k, _ in existing.value] if existing is not None else []
    clash = [k for k in group if k in present]
    if clash:
        return Outcome(f"{head}; it belongs in `{target}`, which already sets `{clash[0]}`")
    needed = set()
    for node in ctx.schemas(ctx.rtype, ctx.level + (target,)) or ():
        needed.update(node.get("required") or ())
        for key, also in (node.get("dependentRequired") or {}).items():
            if key in group or key in present:
                needed.update(also)
    fill = {}
    for prop in sorted(needed - set(group) - set(present)):
        value = _only_value(prop, ctx.schemas(ctx.rtype, ctx.level + (target, prop)) or [])
        if value is None:
            return Outcome(f"{head}; it belongs in `{target}`, which then also needs `{prop}`: add both by hand")
        fill[prop] = value
    edits = _move_into(doc, ctx.mapping, ctx.mpath, group, target, existing, fill)
    moved = ", ".join(f"`{k}`" for k in group)
    if edits is None:
        verb = "belongs" if len(group) == 1 else "belong"
        return Outcome(f"{head}; {moved} {verb} in `{target}` (not moved: a layout this repair does not edit)")
    added = "".join(f"; added `{k}: {render_inline(v)}` (required there, one possible value)" for k, v in fill.items())
    them = "it" if len(group) == 1 else "them"
    why = f"chosen as the one property declaring all of {them}" if unsafe else f"the only place the schema declares {them}"
    return Outcome(f"{_head(group, ctx)}; moved into `{target}` ({why}){added}",
                   tuple(edits), Applicability.UNSAFE if unsafe else Applicability.SAFE)


def _only_value(prop: str, nodes: list):
    """The one value a required property can take when the move makes it needed: an enum of one
    value, or `true` for a boolean `…Enabled` (setting a feature's details asks for the feature)."""
    enums = [n["enum"] for n in nodes if isinstance(n.get("enum"), list)]
    if len(enums) == 1 and len(enums[0]) == 1:
        return enums[0][0]
    if prop.endswith("Enabled") and any(n.get("type") == "boolean" for n in nodes):
        return True
    return None


def _head(keys, ctx: _Ctx) -> str:
    """The message head shared by every match of a group (IAC330 then shows it once)."""
    where = "/".join(str(p) for p in ctx.mpath)
    listed = ", ".join(f"`{k}`" for k in keys)
    return f"E3002: {listed} {'is not a property' if len(keys) == 1 else 'are not properties'} of {ctx.rtype} at {where}"


# ---- one level shallower -----------------------------------------------------------------------

def _shallower(ctx: _Ctx, name: str, path: tuple, head: str) -> Outcome | None:
    if len(ctx.level) < 1 or not isinstance(path[-2], str):
        return None
    up = ctx.level[:-1]
    nodes = ctx.schemas(ctx.rtype, up) or []
    up_declared, open_ = declared_properties(nodes)
    if open_ or name not in up_declared:
        return None
    if not _goes_up(ctx, name):
        return None  # the value was written for something else: not a misplaced key
    doc = ctx.doc
    parent_path = ctx.mpath[:-1]
    parent = doc.node(parent_path)
    if not isinstance(parent, MappingNode) or doc.is_flow(parent) and not doc.is_flow(ctx.mapping):
        return Outcome(f"{head}; it is declared one level up: move it by hand")
    group = [k for k in ctx.unknown if _goes_up(ctx, k)]
    if any(doc.node(parent_path + (k,)) is not None for k in group):
        return Outcome(f"{head}; it is declared one level up, where it is already set")
    if len(group) == len(ctx.keys):
        return Outcome(f"{head}; it is declared one level up (and is all `{path[-2]}` holds): move it by hand")
    edits = _move_up(doc, ctx.mpath, group)
    moved = ", ".join(f"`{k}`" for k in group)
    if edits is None:
        verb = "belongs" if len(group) == 1 else "belong"
        return Outcome(f"{head}; {moved} {verb} one level up (not moved: a layout this repair does not edit)")
    them = "it" if len(group) == 1 else "them"
    return Outcome(f"{_head(group, ctx)}; moved one level up, where the schema declares {them}", tuple(edits))


def _goes_up(ctx: _Ctx, key: str) -> bool:
    """`key` has no place one level down, the level above declares it and its value fits there."""
    if not ctx.level or not isinstance(ctx.mpath[-1], str) or ctx.targets(key):
        return False
    up = ctx.level[:-1]
    declared, open_ = declared_properties(ctx.schemas(ctx.rtype, up) or [])
    if open_ or key not in declared:
        return False
    return _fits(ctx.doc.node(ctx.mpath + (key,)), ctx.schemas(ctx.rtype, up + (key,)) or [])


def _fits(node, schema_nodes) -> bool:
    if not isinstance(node, MappingNode) or tag_of(node) is not None:
        return True
    declared, open_ = declared_properties(schema_nodes)
    if open_:
        return True
    if not declared:
        return False  # a mapping where the schema wants a scalar or a list
    return all(isinstance(k, ScalarNode) and (k.value in declared or k.value.startswith("Fn::"))
               for k, _ in node.value)


# ---- removal -------------------------------------------------------------------------------------

def _remove(ctx: _Ctx, name: str, head: str) -> Outcome | None:
    doc = ctx.doc
    hint = _hint(ctx.rtype, name, ctx.level)
    gone = [k for k in ctx.unknown
            if not ctx.targets(k) and not _goes_up(ctx, k) and (ctx.rtype, k) not in _RESHAPES]
    if set(gone) >= set(ctx.keys) and len(ctx.level) >= 1 and isinstance(ctx.mpath[-1], str):
        # every key of this nested mapping goes: its own entry goes instead
        edit = _removal(doc, ctx.mpath)
        if edit is None:
            return Outcome(f"{head}{hint}; not removed: it is all `{ctx.mpath[-1]}` holds")
        hints = "".join(_hint(ctx.rtype, k, ctx.level) for k in gone)
        return Outcome(f"{_head(gone, ctx)}{hints}; removed `{ctx.mpath[-1]}`, "
                       f"which held nothing else", (edit,), Applicability.UNSAFE)
    edit = _removal(doc, ctx.mpath + (name,)) if len(ctx.keys) > 1 else None
    if edit is None:
        return Outcome(f"{head}{hint}; not removed automatically")
    return Outcome(f"{head}{hint}; removed", (edit,), Applicability.UNSAFE)


def _removal(doc, path):
    lines = doc.entry_lines(path, comments=True)
    if lines is not None and len(doc.node(path[:-1]).value) > 1:
        return doc.source.edit(*lines, "")
    return doc.remove_entry(path)


def _hint(rtype: str, name: str, level: tuple = ()) -> str:
    parts = []
    elsewhere = _declared_at(rtype, name)
    if elsewhere:
        here = "/".join(str(p) for p in level if isinstance(p, str) and p != "Fn::If")
        last = here.rsplit("/", 1)[-1]  # nearest to where it was written first
        elsewhere.sort(key=lambda p: (not last or last not in p, -fuzz.ratio(p, here)))
        more = " …" if len(elsewhere) > 3 else ""
        parts.append("the schema declares it only at " + ", ".join(f"`{p}`" for p in elsewhere[:3]) + more)
    if (rtype, name) in _HINTS:
        parts.append(_HINTS[(rtype, name)])
    return "".join(f" ({p})" for p in parts)


def _declared_at(rtype: str, name: str) -> list[str]:
    """Where in the resource's properties the schema declares a property `name` (paths, `*` for
    list items), breadth first, a few levels deep."""
    schema = resource_schema(rtype)
    if schema is None:
        return []
    found, seen = [], set()
    queue = [((), branches(schema, schema.schema))]
    while queue and len(found) < 20:
        path, nodes = queue.pop(0)
        if len(path) > 6:
            continue
        for node in nodes:
            if isinstance(node.get("items"), dict):
                queue.append((path + ("*",), branches(schema, node["items"])))
            for prop, sub in (node.get("properties") or {}).items():
                if prop == name and path:
                    found.append("/".join(path))
                key = (path + (prop,))[-3:]
                if key not in seen and isinstance(sub, dict):
                    seen.add(key)
                    queue.append((path + (prop,), branches(schema, sub)))
    return list(dict.fromkeys(found))


# ---- text edits ----------------------------------------------------------------------------------

def _doc_path(doc, path):
    """The front end's path for a cfn-lint path: the steps that short-form tags (`!If`) stand for
    dropped, as `locate` does; None when it leads nowhere."""
    node, out = doc.tree, []
    for step in path:
        if tag_matches(node, step):
            continue
        out.append(step)
        node = doc.node(tuple(out))
        if node is None:
            return None
    return tuple(out)


def _indent(text: str, shift: int) -> str:
    """Every non-blank line of `text` (whole lines) shifted right by `shift` spaces."""
    return "".join((" " * shift + line) if line.strip() else line for line in text.splitlines(keepends=True))


def _line_indent(doc, offset: int) -> int:
    start = doc.line_start(offset)
    line = doc.source.text[start:offset]
    return len(line) - len(line.lstrip(" "))


def _move_into(doc, mapping, mpath, group, target, existing, fill):
    if doc.is_flow(mapping):
        return _flow_move_into(doc, mapping, group, target, existing, fill)
    text, nl = doc.source.text, doc.newline
    spans = [doc.entry_lines(mpath + (k,), comments=True) for k in group]
    column = next(k for k, _ in mapping.value if k.value == group[0]).start_mark.column
    item = spans[0] is None and existing is None and mapping.value[0][0].value == group[0]
    if item:  # `- Key: v` — the first key of a list item: the new parent takes its place after `- `
        key, value = mapping.value[0]
        spans[0] = (doc.start(key), doc.line_end(doc.end(value)))
    if any(s is None for s in spans):
        return None
    bodies = [text[a:b] if text[a:b].endswith("\n") else text[a:b] + nl for a, b in spans]
    if item:
        bodies[0] = " " * column + bodies[0]
    if existing is None:
        step = doc.indent_step(mapping, column)
        inner = " " * (column + step)
        block = " " * column + _key(doc, target) + ":" + nl
        block += "".join(f"{inner}{k}: {_value(doc, v)}{nl}" for k, v in fill.items())
        block += "".join(_indent(b, step) for b in bodies)
        first = spans[0]
        tail = text[first[0]:first[1]]
        if not tail.endswith("\n"):
            block = block.removesuffix(nl)
        if item:
            block = block[column:]
        return [doc.source.edit(first[0], first[1], block)] + [doc.source.edit(a, b, "") for a, b in spans[1:]]
    if doc.is_flow(existing):
        append = _flow_append(doc, existing, [(k, _member(doc, mpath + (k,))) for k in group], fill, column)
        return None if append is None else append + [doc.source.edit(a, b, "") for a, b in spans]
    child = existing.value[0][0].start_mark.column
    last = doc.entry_lines(mpath + (target, existing.value[-1][0].value), comments=False)
    if last is None:
        return None
    at = last[1]
    block = "".join(f"{' ' * child}{k}: {_value(doc, v)}{nl}" for k, v in fill.items()) + "".join(_indent(b, child - column) for b in bodies)
    if at > 0 and text[at - 1] != "\n":
        block = nl + block.removesuffix(nl)
    return [doc.source.edit(at, at, block)] + [doc.source.edit(a, b, "") for a, b in spans]


def _member(doc, path) -> str | None:
    """`key: value` text of a block entry for a flow mapping: one line without a comment."""
    key, value = doc.entry(path)
    text = doc.source.text[doc.start(key):doc.end(value)]
    return None if "\n" in text or "#" in text else text


def _flow_append(doc, existing, members, fill, column):
    """Edits appending members (`(key, text)`, the text as written at `column`) to the flow
    mapping `existing`: one a line, re-indented, when it is written so; else inline (one-line
    members only). None when a member cannot go there."""
    texts = [f"{_key(doc, k)}: {_value(doc, v)}" for k, v in fill.items()] + [t for _, t in members]
    if any(t is None for t in texts):
        return None
    if not existing.value:
        if any("\n" in t for t in texts):
            return None
        return [doc.source.edit(doc.start(existing) + 1, doc.end(existing) - 1, ", ".join(texts))]
    last = existing.value[-1]
    at = doc.end(last[1])
    if doc.at_line_start(doc.start(last[0])):
        child = last[0].start_mark.column
        sep = "," + doc.newline + " " * child
        texts = ["".join(_shift(line, child - column) if i else line
                         for i, line in enumerate(t.splitlines(keepends=True))) for t in texts]
    elif any("\n" in t for t in texts):
        return None
    else:
        sep = ", "
    return [doc.source.edit(at, at, "".join(sep + t for t in texts))]


def _shift(line: str, by: int) -> str:
    return " " * by + line if by >= 0 else _dedent(line, -by)


def _flow_move_into(doc, mapping, group, target, existing, fill):
    text, nl = doc.source.text, doc.newline
    pairs = mapping.value
    index = {k.value: i for i, (k, _) in enumerate(pairs)}
    moved = [index[k] for k in group]
    multiline = doc.at_line_start(doc.start(pairs[0][0]))
    column = pairs[0][0].start_mark.column
    members = [text[doc.start(pairs[i][0]):doc.end(pairs[i][1])] for i in moved]
    edits = []
    if existing is None:
        inner = [f"{_key(doc, k)}: {_value(doc, v)}" for k, v in fill.items()] + members
        if multiline:
            step = max(column - _line_indent(doc, doc.start(mapping)), 2)
            pad = " " * (column + step)
            body = "{" + nl + ("," + nl).join(pad + m.replace("\n", "\n" + " " * step) for m in inner) + nl + " " * column + "}"
        else:
            if any("\n" in m for m in members):
                return None
            body = "{" + ", ".join(inner) + "}"
        first = moved[0]
        edits.append(doc.source.edit(doc.start(pairs[first][0]), doc.end(pairs[first][1]), f"{_key(doc, target)}: {body}"))
        kept = {first} | (set(range(len(pairs))) - set(moved))
    else:
        if not doc.is_flow(existing):
            return None
        append = _flow_append(doc, existing, list(zip(group, members)), fill, column)
        if append is None:
            return None
        edits += append
        kept = set(range(len(pairs))) - set(moved)
    first_kept = min(kept)
    gone = [i for i in moved if i not in kept]
    lead = [i for i in gone if i < first_kept]
    if lead:
        edits.append(doc.source.edit(doc.start(pairs[0][0]), doc.start(pairs[first_kept][0]), ""))
    for i in gone:
        if i > first_kept:
            edits.append(doc.source.edit(doc.end(pairs[i - 1][1]), doc.end(pairs[i][1]), ""))
    return edits


def _move_up(doc, mpath, group):
    """Edits moving the entries `group` of the mapping at `mpath` to the end of its parent mapping."""
    text, nl = doc.source.text, doc.newline
    mapping, parent = doc.node(mpath), doc.node(mpath[:-1])
    if doc.is_flow(mapping):
        pairs = mapping.value
        index = {k.value: i for i, (k, _) in enumerate(pairs)}
        members = [text[doc.start(pairs[index[k]][0]):doc.end(pairs[index[k]][1])] for k in group]
        moved = sorted(index[k] for k in group)
        kept = [i for i in range(len(pairs)) if i not in moved]
        if doc.is_flow(parent):
            edits = _flow_append(doc, parent, list(zip(group, members)), {}, pairs[0][0].start_mark.column)
        else:  # `Code: {ZipFile: …, Timeout: 30}` in a block mapping: block entries after it
            owner = doc.entry_lines(mpath, comments=False)
            if owner is None or any("\n" in m or "#" in m for m in members):
                return None
            column = doc.entry(mpath)[0].start_mark.column
            block = "".join(" " * column + m + nl for m in members)
            at = owner[1]
            if at > 0 and text[at - 1] != "\n":
                block = nl + block.removesuffix(nl)
            edits = [doc.source.edit(at, at, block)]
        if edits is None:
            return None
        first_kept = kept[0]
        if first_kept > 0:
            edits.append(doc.source.edit(doc.start(pairs[0][0]), doc.start(pairs[first_kept][0]), ""))
        edits += [doc.source.edit(doc.end(pairs[i - 1][1]), doc.end(pairs[i][1]), "") for i in moved if i > first_kept]
        return edits
    spans = [doc.entry_lines(mpath + (k,), comments=True) for k in group]
    owner = doc.entry_lines(mpath, comments=False)
    if any(s is None for s in spans) or owner is None:
        return None
    column = next(k for k, _ in mapping.value if k.value == group[0]).start_mark.column
    up = doc.entry(mpath)[0].start_mark.column
    bodies = "".join(text[a:b] if text[a:b].endswith("\n") else text[a:b] + nl for a, b in spans)
    block = "".join(_dedent(line, column - up) for line in bodies.splitlines(keepends=True))
    at = owner[1]
    if at > 0 and text[at - 1] != "\n":
        block = nl + block.removesuffix(nl)
    return [doc.source.edit(at, at, block)] + [doc.source.edit(a, b, "") for a, b in spans]


def _dedent(line: str, shift: int) -> str:
    lead = len(line) - len(line.lstrip(" "))
    return line[min(lead, shift):]


def _value(doc, value) -> str:
    return render_inline(value, "json" if doc.is_json else "short")


def _key(doc, name: str) -> str:
    return json.dumps(name) if doc.is_json else name
