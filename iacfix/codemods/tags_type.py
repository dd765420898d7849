"""IAC117 tags-type."""
from __future__ import annotations

import re
from dataclasses import dataclass

from iacfix.codemods import _provider
from iacfix.knowledge.provider import STRUCT_KINDS
from iacfix.rules import Example, Rule

_STRICT = re.compile(r'"(?:strict|strictNullChecks)"\s*:\s*true')
_MEMBER_CHAIN = re.compile(r"(?:this|[A-Za-z_$][\w$]*)(?:\??\.[A-Za-z_$][\w$]*)*")
_STRING_TYPES = re.compile(r"string|'[^']*'|\"[^\"]*\"")


@dataclass
class Verdict:
    """What a value's declared type means for a `{ [key: string]: string }` property."""

    kind: str  # ok | interface (spread fixes it) | values (non-string values) | optional (undefined values, strict only) | map | unknown
    detail: str = ""


class TagsType(Rule):
    """A tags map (or any string-map property) given a value whose declared type is not `{ [key: string]: string }`.

    Provider-aws types `tags`, `tagsAll`, Lambda `variables` and every other `map_string` property
    as `{ [key: string]: string }`. Generated code often passes a value typed with its own
    interface (`commonTags: CommonTags`), which TypeScript refuses (TS2322: *Index signature for
    type 'string' is missing in type 'CommonTags'*) even though every field is a string: interfaces,
    unlike object literals and type aliases, have no implicit index signature.

    The rule resolves the value's declared type within the file: a `const`/`let` or parameter
    annotation, a class field or constructor parameter property (`this.tags`), and a member of an
    interface or type alias declared in the file (`props.tags`, `this.config.commonTags`); `extends`
    is followed when the base is declared in the file too. Then:

    - an interface whose members are all strings (optional ones included) → the value is spread
      into a plain object, `tags: commonTags` → `tags: { ...commonTags }`: the spread has an
      anonymous object type, which tsc accepts, and the map is the same (safe);
    - an interface or object type with a member that is not a string (`Count: number`), a
      `Record<string, number | boolean | unknown>`, a `Map` → reported with the exact fix
      (`String(...)` for those members, `Object.fromEntries(map)` for a `Map`); converting values
      is a choice of format the rule does not make;
    - `Record<string, string | undefined>`, `Partial<...>` and optional index values → reported only
      when the project's `tsconfig.json` turns on `strict` or `strictNullChecks` (otherwise tsc
      accepts them), with the fix: drop the `undefined` from the type, or filter the entries.

    Types imported from other files, inferred types (no annotation) and expressions that are not a
    name or a member chain are not judged: without a type checker the rule says nothing rather than
    guess. Spreads inside an object literal (`{ ...commonTags, Name: x }`) are judged the same way,
    except that an interface or `undefined` values there are already fine (tsc accepts both). A
    spread of an optional member (`{ ...props.tags }` for `tags?: CommonTags`) gives `{}` where the
    value was `undefined`: for a tags map Terraform treats both as "no tags".
    """

    id = "IAC117"
    slug = "tags-type"
    summary = "String-map property (tags) given a value of a custom type tsc does not accept as { [key: string]: string }"
    rationale = "issue 6 family 6 (tags typed wrong): interface-typed tags (TS2322, index signature missing)"
    languages = ("typescript",)
    triggers = _provider.TS_PACKAGES
    examples = (
        Example("typescript", """\
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

interface CommonTags {
  Environment: string;
  Owner?: string;
}

export function bucket(scope: Construct, tags: CommonTags) {
  return new S3Bucket(scope, 'bucket', { bucket: 'data', tags: tags });
}
""", """\
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

interface CommonTags {
  Environment: string;
  Owner?: string;
}

export function bucket(scope: Construct, tags: CommonTags) {
  return new S3Bucket(scope, 'bucket', { bucket: 'data', tags: { ...tags } });
}
"""),
        Example("typescript", """\
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

type Tags = { [key: string]: string };

export class Store extends Construct {
  constructor(scope: Construct, id: string, private readonly tags: Tags) {
    super(scope, id);
    new S3Bucket(this, 'bucket', { tags: this.tags });
  }
}
"""),
        # reported, not fixed: `Count` is a number; how to format it is the author's choice
        Example("typescript", """\
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

interface Meta {
  Name: string;
  Count: number;
}

export function bucket(scope: Construct, meta: Meta) {
  new S3Bucket(scope, 'bucket', { tags: meta });
}
""", reported=True),
    )

    def check_typescript(self, doc, ctx):
        index = ctx.provider
        strict = self._strict(ctx)
        types = _Types(doc)
        findings = []
        for new in doc.root.find_all(kind="new_expression"):
            ctor, args = new.field("constructor"), new.field("arguments")
            resolved = _provider.ts_type(index, doc.imports.resolve(ctor)) if ctor is not None else None
            struct = index.params_struct(*resolved) if resolved else None
            if not struct or args is None:
                continue
            objects = [a for a in args.children() if a.kind() == "object"]
            if objects:
                self._object(doc, index, types, strict, struct, objects[-1], findings)
        return findings

    @staticmethod
    def _strict(ctx) -> bool:
        if ctx.project is None:
            return False
        try:
            text = (ctx.project / "tsconfig.json").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        return bool(_STRICT.search(text))

    def _object(self, doc, index, types, strict, struct, obj, findings) -> None:
        for pair in obj.children():
            if pair.kind() == "shorthand_property_identifier":  # `{ tags }`
                prop = index.props(struct).get(pair.text())
                if prop is not None and prop.kind == "map_string":
                    self._value(doc, types, strict, pair.text(), pair, findings, shorthand=True)
                continue
            if pair.kind() != "pair":
                continue
            key, value = pair.field("key"), pair.field("value")
            if key is None or value is None:
                continue
            name = key.text()[1:-1] if key.kind() == "string" else key.text()
            prop = index.props(struct).get(name)
            if prop is None:
                continue
            if prop.kind in STRUCT_KINDS and prop.struct:
                items = [c for c in value.children() if c.kind() == "object"] if value.kind() == "array" else [value]
                for item in items:
                    if item.kind() == "object":
                        self._object(doc, index, types, strict, prop.struct, item, findings)
            elif prop.kind == "map_string":
                self._value(doc, types, strict, name, value, findings)

    def _value(self, doc, types, strict, name, value, findings, shorthand=False) -> None:
        source = doc.source
        if value.kind() == "object":
            for spread in value.children():
                if spread.kind() != "spread_element":
                    continue
                inner = next((c for c in spread.children() if c.is_named()), None)
                if inner is None:
                    continue
                verdict = types.judge_expression(inner)
                if verdict.kind in ("values", "map"):  # tsc accepts spread `undefined` values
                    start, end = doc.span(inner)
                    findings.append(source.finding(self, start, end, _message(name, inner.text(), verdict, spread=True)))
            return
        verdict = types.judge_expression(value)
        start, end = doc.span(value)
        if verdict.kind == "interface":
            text = value.text()
            spread = f"{name}: {{ ...{text} }}" if shorthand else f"{{ ...{text} }}"
            findings.append(source.finding(
                self, start, end, _message(name, text, verdict), [source.edit(start, end, spread)]))
        elif verdict.kind in ("values", "map") or verdict.kind == "optional" and strict:
            findings.append(source.finding(self, start, end, _message(name, value.text(), verdict)))


def _message(name: str, text: str, verdict: Verdict, spread: bool = False) -> str:
    head = f"`{name}` is `{{ [key: string]: string }}`"
    if verdict.kind == "interface":
        return (f"{head}; `{text}` is typed with the interface `{verdict.detail}`, which has no index signature "
                f"(TS2322): spread it, `{{ ...{text} }}`")
    if verdict.kind == "values":
        return (f"{head}; `{text}` has values that are not strings ({verdict.detail}): convert them, e.g. "
                f"`Object.fromEntries(Object.entries({text}).map(([k, v]) => [k, String(v)]))`")
    if verdict.kind == "map":
        return f"{head}; `{text}` is a `Map`, not a plain object: pass `Object.fromEntries({text})`"
    return (f"{head}; `{text}` may hold `undefined` values ({verdict.detail}) under strictNullChecks: type the "
            f"values as `string`, or filter them: `Object.fromEntries(Object.entries({text}).filter(([, v]) => "
            f"v !== undefined)) as {{ [key: string]: string }}`")


class _Types:
    """Declared types of names and members, read from this file's declarations only."""

    def __init__(self, doc):
        self.doc = doc
        self.interfaces: dict[str, list] = {}
        self.aliases: dict[str, list] = {}
        for node in doc.root.find_all(kind="interface_declaration"):
            name = node.field("name")
            if name is not None:
                self.interfaces.setdefault(name.text(), []).append(node)
        for node in doc.root.find_all(kind="type_alias_declaration"):
            name = node.field("name")
            if name is not None:
                self.aliases.setdefault(name.text(), []).append(node)
        self._names: dict[str, list] | None = None
        self._fields: dict[str, list] | None = None

    # -- declarations ------------------------------------------------------------------------
    def _collect(self) -> None:
        names: dict[str, list] = {}
        fields: dict[str, list] = {}
        for node in self.doc.root.find_all(kind="variable_declarator"):
            ident = node.field("name")
            if ident is not None and ident.kind() == "identifier":
                names.setdefault(ident.text(), []).append(_annotation(node))
        for kind in ("required_parameter", "optional_parameter"):
            for node in self.doc.root.find_all(kind=kind):
                ident = node.field("pattern")
                if ident is None or ident.kind() != "identifier":
                    continue
                names.setdefault(ident.text(), []).append(_annotation(node))
                if any(c.kind() == "accessibility_modifier" or c.text() == "readonly" for c in node.children()):
                    fields.setdefault(ident.text(), []).append(_annotation(node))
        # other bindings of a name (destructuring, loops, imports, catch) make it ambiguous
        for kind in ("shorthand_property_identifier_pattern", "object_pattern", "array_pattern"):
            for node in self.doc.root.find_all(kind=kind):
                idents = [node] if kind.startswith("shorthand") else \
                    [c for c in node.children() if c.kind() in ("identifier", "shorthand_property_identifier_pattern")]
                for pair in (c for c in node.children() if c.kind() == "pair_pattern"):
                    value = pair.field("value")
                    if value is not None and value.kind() == "identifier":
                        idents.append(value)
                for ident in idents:
                    names.setdefault(ident.text(), []).append(None)
        for node in self.doc.root.find_all(kind="for_in_statement"):
            left = node.field("left")
            if left is not None and left.kind() == "identifier":
                names.setdefault(left.text(), []).append(None)
        for node in self.doc.root.find_all(kind="catch_clause"):
            param = node.field("parameter")
            if param is not None:
                names.setdefault(param.text(), []).append(None)
        for local in self.doc.imports.names:
            names.setdefault(local, []).append(None)
        for node in self.doc.root.find_all(kind="public_field_definition"):
            ident = node.field("name")
            if ident is not None:
                fields.setdefault(ident.text(), []).append(_annotation(node))
        self._names, self._fields = names, fields

    def _unique(self, table: dict, name: str):
        found = table.get(name, [])
        texts = {t.text() if t is not None else None for t in found}
        if len(texts) != 1 or None in texts:
            return None  # undeclared, inferred, or declared differently in several places
        return found[0]

    def expression_type(self, node):
        """The type node declared for a name or member chain, or None."""
        text = node.text()
        if not _MEMBER_CHAIN.fullmatch(text):
            return None
        if self._names is None:
            self._collect()
        parts = text.replace("?.", ".").split(".")
        if parts[0] == "this":
            if len(parts) < 2:
                return None
            current = self._unique(self._fields, parts[1])
            rest = parts[2:]
        else:
            current = self._unique(self._names, parts[0])
            rest = parts[1:]
        for member in rest:
            if current is None:
                return None
            current = self.member_type(current, member)
        return current

    def member_type(self, type_node, member: str):
        body = self._members(type_node)
        if body is None:
            return None
        for sig in body:
            if sig.kind() == "property_signature":
                name = sig.field("name")
                if name is not None and name.text() == member:
                    return _annotation(sig)
        return None

    def _members(self, type_node, depth: int = 0):
        """Member signatures of an object type, an in-file interface (with in-file bases) or alias."""
        if type_node is None or depth > 8:
            return None
        kind = type_node.kind()
        if kind == "object_type":
            return [c for c in type_node.children() if c.is_named()]
        if kind == "type_identifier":
            name = type_node.text()
            if len(self.interfaces.get(name, [])) == 1 and name not in self.aliases:
                decl = self.interfaces[name][0]
                body = decl.field("body")
                members = [c for c in body.children() if c.is_named()] if body is not None else []
                for clause in (c for c in decl.children() if c.kind() == "extends_type_clause"):
                    for base in (c for c in clause.children() if c.is_named()):
                        inherited = self._members(base, depth + 1)
                        if inherited is None:
                            return None
                        members = members + inherited
                return members
            if len(self.aliases.get(name, [])) == 1 and name not in self.interfaces:
                return self._members(self.aliases[name][0].field("value"), depth + 1)
        return None

    # -- judging -----------------------------------------------------------------------------
    def judge_expression(self, node) -> Verdict:
        return self.judge(self.expression_type(node))

    def judge(self, type_node, depth: int = 0) -> Verdict:
        if type_node is None or depth > 8:
            return Verdict("unknown")
        kind, text = type_node.kind(), type_node.text()
        if kind == "parenthesized_type":
            inner = next((c for c in type_node.children() if c.is_named()), None)
            return self.judge(inner, depth + 1)
        if kind == "union_type":
            # `T | undefined` at the top is an optional value: the property is optional too
            parts = [c for c in type_node.children() if c.is_named() and c.text() not in ("undefined", "null")]
            return self.judge(parts[0], depth + 1) if len(parts) == 1 else Verdict("unknown")
        if kind == "generic_type":
            head = type_node.field("name") or next((c for c in type_node.children() if c.is_named()), None)
            args = next((c for c in type_node.children() if c.kind() == "type_arguments"), None)
            params = [c for c in args.children() if c.is_named()] if args is not None else []
            name = head.text() if head is not None else ""
            if name in self.interfaces or name in self.aliases:
                return Verdict("unknown")  # a local generic: not ours to instantiate
            if name == "Record" and len(params) == 2 and params[0].text() == "string":
                return _values_verdict(params[1], text)
            if name == "Partial" and len(params) == 1:
                inner = self.judge(params[0], depth + 1)
                if inner.kind in ("ok", "interface", "optional"):
                    return Verdict("optional", f"`{text}` makes every value optional")
                return inner
            if name in ("Map", "ReadonlyMap") and len(params) == 2:
                return Verdict("map")
            return Verdict("unknown")
        if kind == "object_type":
            return self._object_members([c for c in type_node.children() if c.is_named()], text, interface=None)
        if kind == "type_identifier":
            name = text
            if len(self.aliases.get(name, [])) == 1 and name not in self.interfaces:
                return self.judge(self.aliases[name][0].field("value"), depth + 1)
            members = self._members(type_node)
            if members is not None and name in self.interfaces:
                return self._object_members(members, name, interface=name)
        return Verdict("unknown")

    def _object_members(self, members, text: str, interface: str | None) -> Verdict:
        index = [m for m in members if m.kind() == "index_signature"]
        props = [m for m in members if m.kind() == "property_signature"]
        if any(m.kind() in ("method_signature", "call_signature", "construct_signature") for m in members):
            return Verdict("unknown")
        bad, optional = [], []
        for sig in props:
            annotation = _annotation(sig)
            name = sig.field("name").text() if sig.field("name") is not None else "?"
            verdict = _values_verdict(annotation, text) if annotation is not None else Verdict("unknown")
            if verdict.kind == "values":
                bad.append(f"`{name}: {annotation.text()}`")
            elif verdict.kind == "unknown":
                return verdict
            elif verdict.kind == "optional":
                optional.append(name)
        for sig in index:
            verdict = _values_verdict(_annotation(sig), text)
            if verdict.kind in ("values", "unknown"):
                return verdict
            if verdict.kind == "optional":
                return verdict
        if bad:
            return Verdict("values", ", ".join(bad))
        if optional and interface is None:
            return Verdict("optional", f"{', '.join(f'`{n}`' for n in optional)} may be undefined")
        if interface is not None and not index:
            return Verdict("interface", interface)
        return Verdict("ok")


def _annotation(node):
    """The type node of a declaration's `: T` annotation, or None."""
    annotation = node.field("type")
    if annotation is None:
        annotation = next((c for c in node.children() if c.kind() == "type_annotation"), None)
    if annotation is None:
        return None
    if annotation.kind() != "type_annotation":
        return annotation
    return next((c for c in annotation.children() if c.is_named()), None)


def _values_verdict(type_node, text: str) -> Verdict:
    """A value type of a map: `string` (or string literals) is fine; `string | undefined` is optional."""
    if type_node is None:
        return Verdict("unknown")
    value = type_node.text()
    options = [o.strip() for o in value.split("|")]
    if value.strip() == "any":
        return Verdict("ok")
    if all(_STRING_TYPES.fullmatch(o) for o in options):
        return Verdict("ok")
    if all(_STRING_TYPES.fullmatch(o) or o in ("undefined", "null") for o in options):
        return Verdict("optional", f"`{text}` allows `{value}`")
    if all(o in ("string", "number", "boolean", "unknown", "object", "undefined", "null")
           or _STRING_TYPES.fullmatch(o) or re.fullmatch(r"-?\d+(?:\.\d+)?|true|false", o) for o in options):
        return Verdict("values", f"`{value}`")
    return Verdict("unknown")
