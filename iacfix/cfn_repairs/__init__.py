"""Repairs of cfn-lint findings, one module per cfn-lint rule id (`e3002.py` → E3002).

The framework (issue 7): cfn-lint runs **as a library** once per template text (`lint`, cached by
the text), each match keeps its rule id, message and path (`Resources/Db/Properties/X`); `locate`
maps a path to the key/value nodes of the CloudFormation front end (short-form tags such as
`!If` stand for their `Fn::If` path step); `schema_at` reads the resource schemas through
cfn-lint's own `PROVIDER_SCHEMA_MANAGER` at run time. A repair module exposes

    RULE_ID = "E3002"
    def repair(doc, match, schemas) -> Outcome | None
    EXAMPLES = (Example("cloudformation", before, after), ...)  # optional, run as tests

and its docstring is that repair's documentation (folded into IAC330's). The rule
`iacfix.cfn_transforms.cfn_lint_repair` (IAC330) turns matches into findings, re-linting every
proposed fix and dropping one that leaves its finding or adds an error.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iacfix.fixes import Applicability

REGIONS = ("us-east-1",)  # what the CLI (and the oracle) lint with by default


@dataclass(frozen=True)
class Match:
    """One cfn-lint finding, reduced to what repairs need (hashable, cacheable)."""

    rule: str  # E3002
    message: str
    path: tuple  # ("Resources", "Db", "Properties", "EngineVersion")
    line: int  # 1-based, as cfn-lint reports it

    @property
    def is_error(self) -> bool:
        return self.rule.startswith("E")

    @property
    def path_string(self) -> str:
        return "/".join(str(p) for p in self.path)


@dataclass(frozen=True)
class Outcome:
    """What a repair proposes: `edits` (None: a diagnostic only) with an applicability."""

    message: str
    edits: tuple = ()  # iacfix Edits (bytes of the parsed text); empty = no fix
    applicability: Applicability = Applicability.SAFE


@lru_cache(maxsize=128)
def lint(text: str) -> tuple[Match, ...]:
    """cfn-lint's matches for a template text (YAML or JSON), computed once per distinct text."""
    from cfnlint.api import lint as cfn_lint
    try:
        matches = cfn_lint(text, regions=list(REGIONS))
    except Exception:  # noqa: BLE001 - a cfn-lint failure is no finding, never a crash of the run
        return ()
    out = []
    for m in matches:
        path = tuple(getattr(m, "path", None) or ())
        out.append(Match(m.rule.id, str(m.message), path, int(getattr(m, "linenumber", 0) or 0)))
    return tuple(out)


@lru_cache(maxsize=None)
def modules() -> tuple:
    """The repair modules of this package (each with `RULE_ID` and `repair`), by rule id."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rule_id = getattr(module, "RULE_ID", None)
        if rule_id and callable(getattr(module, "repair", None)):
            if rule_id in found:
                raise RuntimeError(f"two repairs for {rule_id}")
            found[rule_id] = module
    return tuple(found[k] for k in sorted(found))


def registry() -> dict:
    """cfn-lint rule id → repair function."""
    return {m.RULE_ID: m.repair for m in modules()}


# ---- paths → nodes ---------------------------------------------------------------------------

def tag_of(node: Node) -> str | None:
    tag = getattr(node, "tag", None)
    tag = getattr(tag, "value", tag)
    return tag if isinstance(tag, str) and tag.startswith("!") else None


def tag_matches(node: Node, step) -> bool:
    """`Fn::If` / `Ref` path step written as the short-form tag (`!If`, `!Ref`) on `node`."""
    tag = tag_of(node)
    if tag is None or not isinstance(step, str):
        return False
    return tag[1:] == (step[4:] if step.startswith("Fn::") else step)


def locate(doc, path) -> tuple[Node | None, Node | None]:
    """(key node, value node) at a cfn-lint path; the key node is None for a sequence item and
    both are None when the path does not lead anywhere in the text."""
    node, key = doc.tree, None
    for step in path:
        if tag_matches(node, step):
            continue  # the short form stands for this step
        if isinstance(step, int):
            if not isinstance(node, SequenceNode) or not 0 <= step < len(node.value):
                return None, None
            key, node = None, node.value[step]
        else:
            if not isinstance(node, MappingNode):
                return None, None
            pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == step), None)
            if pair is None:
                return None, None
            key, node = pair
    return key, node


def key_name_span(doc, key: Node) -> tuple[int, int] | None:
    """Character range of a key's name (inside its quotes), or None when the key text is not the
    plain name (escapes, a tag, a multi-line key)."""
    start, end = doc.start(key), doc.end(key)
    text = doc.source.text[start:end]
    if text[:1] in "'\"" and text[-1:] == text[:1] and len(text) >= 2:
        start, end, text = start + 1, end - 1, text[1:-1]
    return (start, end) if text == key.value else None


# ---- schemas ---------------------------------------------------------------------------------

def resource_schema(resource_type: str):
    """cfn-lint's schema object for a resource type (us-east-1), or None."""
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
    try:
        return PROVIDER_SCHEMA_MANAGER.get_resource_schema(REGIONS[0], resource_type)
    except Exception:  # noqa: BLE001 - unknown type, module, custom resource
        return None


def _resolve(schema, node: dict, depth: int = 0) -> dict:
    while isinstance(node, dict) and "$ref" in node and depth < 32:
        try:
            _, node = schema.resolver.resolve(node["$ref"])
        except Exception:  # noqa: BLE001
            return {}
        depth += 1
    return node if isinstance(node, dict) else {}


def branches(schema, node: dict, depth: int = 0) -> list[dict]:
    """`node` and the subschemas it combines (allOf/anyOf/oneOf), resolved."""
    node = _resolve(schema, node)
    out = [node]
    if depth < 4:
        for word in ("allOf", "anyOf", "oneOf"):
            for sub in node.get(word, ()) or ():
                out.extend(branches(schema, sub, depth + 1))
    return out


def schema_at(resource_type: str, path: tuple) -> list[dict] | None:
    """The schema nodes (with their combined branches) at `path` inside a resource's `Properties`
    (path of property names and list indexes, `Fn::If` steps skipped); None when unknown."""
    schema = resource_schema(resource_type)
    if schema is None:
        return None
    nodes = branches(schema, schema.schema)
    steps = list(path)
    i = 0
    while i < len(steps):
        step = steps[i]
        if step == "Fn::If":
            i += 2  # condition branch index
            continue
        nxt = []
        for node in nodes:
            if isinstance(step, int):
                items = node.get("items")
                if isinstance(items, dict):
                    nxt.extend(branches(schema, items))
            else:
                props = node.get("properties")
                if isinstance(props, dict) and step in props:
                    nxt.extend(branches(schema, props[step]))
        if not nxt:
            return None
        nodes = nxt
        i += 1
    return nodes


def getatts(resource_type: str) -> dict:
    """GetAtt attribute name → its JSON pointer in the resource schema (cfn-lint's table); {} for
    custom resources, modules and unknown types."""
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
    try:
        return dict(PROVIDER_SCHEMA_MANAGER.get_type_getatts(resource_type, REGIONS[0]))
    except Exception:  # noqa: BLE001
        return {}


def writable(resource_type: str, level: tuple, names: list[str]) -> list[str]:
    """`names` (properties at `level` inside `Properties`) without those the schema lists as
    read-only (`Arn`, `QueueUrl`): attributes the service reports, never set by a template."""
    schema = resource_schema(resource_type)
    listed = set((getattr(schema, "schema", None) or {}).get("readOnlyProperties") or ())
    steps = "/".join("*" if isinstance(p, int) else str(p) for p in level)
    return [n for n in names if "/properties/" + (f"{steps}/" if steps else "") + n not in listed]


def declared_properties(nodes: list[dict]) -> tuple[list[str], bool]:
    """(property names the schema nodes declare, open) — open when patternProperties or
    additionalProperties allow other names, so no name is unknown for sure."""
    names: list[str] = []
    open_ = False
    for node in nodes:
        names.extend((node.get("properties") or {}).keys())
        if node.get("patternProperties") or node.get("additionalProperties") not in (None, False):
            open_ = True
    return list(dict.fromkeys(names)), open_


def scalar_content_span(doc, node: Node) -> tuple[int, int] | None:
    """Character range of a one-line scalar's text inside its tag and quotes (`!Ref 'Name'` →
    the range of `Name`), or None when that text is not the plain value (escapes, a block scalar,
    a multi-line scalar)."""
    if not isinstance(node, ScalarNode):
        return None
    start, end = doc.start(node), doc.end(node)
    text = doc.source.text[start:end]
    if text.startswith("!"):  # the tag, then blanks, then the scalar
        tag = len(text.split(None, 1)[0])
        rest = text[tag:].lstrip(" \t")
        start, text = end - len(rest), rest
    if "\n" in text:
        return None
    if text[:1] in "'\"" and text[-1:] == text[:1] and len(text) >= 2:
        start, end, text = start + 1, end - 1, text[1:-1]
    return (start, end) if text == node.value else None
