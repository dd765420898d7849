"""IAC102 nested-block-shape."""
from __future__ import annotations

import ast
import re
from functools import lru_cache

from iacfix.codemods import _provider
from iacfix.knowledge.provider import python_root
from iacfix.rules import Example, Rule

# `name=` / `name:` followed by the start of a value whose shape may contradict the property:
# a dict/object, a list, or a (module-qualified) capitalised call, i.e. a struct constructor
_PY_KWARG = re.compile(r"\b([a-z][a-z0-9_]*)\s*=\s*(\[\s*\{|[\[{]|(?:[a-z_]\w*\.)*[A-Z]\w*\s*\()")
_TS_PROP = re.compile(r"\b([a-zA-Z][a-zA-Z0-9]*)\s*:\s*([\[{])")
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_ROOT_KINDS = ("resource", "data", "provider", "ephemeral")


@lru_cache(maxsize=8)
def _entry_points(index) -> tuple[dict, dict]:
    """Property name → how code can reach a block declaring it as a list of structs / a single struct.

    The rule types a block only from a resolved constructor call: the struct's own class
    (`S3BucketLifecycleConfigurationRule(...)`), or a resource/provider class and then, through dict
    or object literals, its top-level key. So an entry point is a class name, or (class, key); a
    file whose identifiers contain none of them holds nothing this rule could find, and is not parsed.
    """
    lists: dict[str, set] = {}
    singles: dict[str, set] = {}
    entries: dict[str, set] = {}  # struct → its entry points
    for submodule in index.submodules():
        for name in index.types(submodule):
            if index.kind_of(submodule, name) not in _ROOT_KINDS:
                continue
            config = index.params_struct(submodule, name)
            for key, prop in index.props(config).items() if config else ():
                stack, seen = [prop.struct] if prop.struct else [], set()
                while stack:  # every struct reachable below this top-level key
                    struct = stack.pop()
                    if struct in seen:
                        continue
                    seen.add(struct)
                    entries.setdefault(struct, set()).update({(name, key), (name, prop.py_name)})
                    stack.extend(p.struct for p in index.props(struct).values() if p.struct)
            entries.setdefault(config, set()).add(name)
    for struct in index.iter_structs():
        points = entries.get(struct, set()) | {struct.rsplit(".", 1)[1]}
        for prop in index.props(struct).values():
            table = lists if prop.kind == "list_struct" else singles if prop.kind == "struct" else None
            if table is not None:
                for name in (prop.name, prop.py_name):
                    table.setdefault(name, set()).update(points)
    return lists, singles


def _reachable(points, identifiers: set) -> bool:
    return any(p in identifiers if isinstance(p, str) else p[0] in identifiers and p[1] in identifiers
               for p in points)


class NestedBlockShape(Rule):
    """A nested block given in the wrong shape: one struct where the provider wants a list, or a list where it wants one struct.

    The provider bindings type every Terraform block either as a list of structs
    (`IResolvable | Struct[]`, Python `Sequence[Struct]`) or as a single struct, and the choice
    changes between provider versions (`S3BucketLifecycleConfigurationRule.expiration` became a
    list in 19.52.0, `tokenValidityUnits` in 12.0.11, `AwsProvider.defaultTags` in 11.0.9). The
    wrong shape fails synth with a jsii deserialisation error (Python) or TS2322/TS2559.

    The rule resolves the constructed class through its imports, reads the property's kind for the
    target provider version from the provider index, and walks nested arguments: struct calls,
    dicts and object literals inside them, and lists of those.

    - one struct or dict/object where a list is required → wrapped in `[...]`;
    - a one-element list where a single struct is required → unwrapped.

    Python only: jsii does not convert a plain dict *inside a list* into the struct, and silently
    drops its snake_case keys (`[{"access_token": "hours"}]` synthesises `[{}]`). So a dict that is
    wrapped, or that already sits in such a list with snake_case keys, is rewritten into the
    struct class (`[CognitoUserPoolClientTokenValidityUnits(access_token="hours")]`), and the class
    is imported the way the file already imports that module.

    Only literal values are rewritten; variables and function results are left alone. A list whose
    brackets carry comments is reported but not unwrapped.
    """

    id = "IAC102"
    slug = "nested-block-shape"
    summary = "Nested block given as one struct where the provider wants a list of structs, or the reverse"
    rationale = "seed 004 #2 (lifecycle `expiration` must be a list), seed 002 #4 (`tokenValidityUnits` must be a list)"
    seeds = ("004#2", "002#4")
    languages = ("python", "typescript")
    triggers = _provider.TRIGGERS
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
)

S3BucketLifecycleConfiguration(self, "lifecycle", bucket=bucket.id, rule=[
    S3BucketLifecycleConfigurationRule(
        id="expire", status="Enabled",
        expiration=S3BucketLifecycleConfigurationRuleExpiration(days=90),
    )
])
""", """\
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
)

S3BucketLifecycleConfiguration(self, "lifecycle", bucket=bucket.id, rule=[
    S3BucketLifecycleConfigurationRule(
        id="expire", status="Enabled",
        expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=90)],
    )
])
"""),
        Example("typescript", """\
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';

new CognitoUserPoolClient(this, 'client', {
  name: 'web',
  userPoolId: pool.id,
  tokenValidityUnits: {
    accessToken: 'minutes',
    refreshToken: 'days',
  },
});
""", """\
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';

new CognitoUserPoolClient(this, 'client', {
  name: 'web',
  userPoolId: pool.id,
  tokenValidityUnits: [{
    accessToken: 'minutes',
    refreshToken: 'days',
  }],
});
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.cognito_user_pool_client import CognitoUserPoolClient

CognitoUserPoolClient(self, "client", name="web", user_pool_id=pool.id,
                      token_validity_units={"access_token": "minutes", "refresh_token": "days"})
""", """\
from cdktf_cdktf_provider_aws.cognito_user_pool_client import CognitoUserPoolClient, CognitoUserPoolClientTokenValidityUnits

CognitoUserPoolClient(self, "client", name="web", user_pool_id=pool.id,
                      token_validity_units=[CognitoUserPoolClientTokenValidityUnits(access_token="minutes", refresh_token="days")])
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup, LbTargetGroupHealthCheck

LbTargetGroup(self, "tg", port=80, protocol="HTTP", vpc_id=vpc.id,
              health_check=[LbTargetGroupHealthCheck(path="/health", matcher="200")])
""", """\
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup, LbTargetGroupHealthCheck

LbTargetGroup(self, "tg", port=80, protocol="HTTP", vpc_id=vpc.id,
              health_check=LbTargetGroupHealthCheck(path="/health", matcher="200"))
"""),
        # valid before provider 19.52.0: expiration was a single block then
        Example("python", """\
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfigurationRule, S3BucketLifecycleConfigurationRuleExpiration

S3BucketLifecycleConfigurationRule(id="x", status="Enabled", expiration=S3BucketLifecycleConfigurationRuleExpiration(days=1))
""", options={"target": {"provider": "19.51.0"}}),
        # reported, not fixed: removing the brackets would drop the comment
        Example("typescript", """\
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';

new LaunchTemplate(this, 'lt', {
  metadataOptions: [
    // IMDSv2 only
    { httpTokens: 'required' },
  ],
});
""", reported=True),
        # reported, not fixed: which of the two blocks was meant is a human decision
        Example("python", """\
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup

LbTargetGroup(self, "tg", port=80, health_check=[{"path": "/a"}, {"path": "/b"}])
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if not super().triggered(text, ctx, language):
            return False
        lists, singles = _entry_points(ctx.provider)
        identifiers = None
        for m in (_TS_PROP if language == "typescript" else _PY_KWARG).finditer(text):
            name, opening = m.group(1), m.group(2)
            if opening == "[":
                points = singles.get(name, ())
            elif opening[0] == "[":  # `[{`: also the jsii key-dropping trap of a dict inside a list
                points = singles.get(name, set()) | lists.get(name, set())
            else:
                points = lists.get(name, ())
            if points:
                identifiers = identifiers or set(_IDENTIFIER.findall(text))
                if _reachable(points, identifiers):
                    return True
        return False

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        root = next((q.split(".")[0] for q in doc.imports.names.values() if q.split(".")[0] in _provider.PY_ROOTS),
                    python_root(ctx.target.family))
        walker = _PythonWalker(self, doc, index, root)
        for call in doc.calls:
            resolved = _provider.python_resolve(index, doc, call.func)
            struct = index.params_struct(*resolved) if resolved else None
            if struct:
                walker.arguments(struct, [(k.arg, k.value) for k in call.keywords if k.arg is not None])
        return walker.findings

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        walker = _TypeScriptWalker(self, doc, index)
        for struct, _, obj in _provider.ts_struct_literals(doc, index):
            walker.object(struct, obj)
        return walker.findings


def _describe(index, prop) -> str:
    struct_name = prop.struct.rsplit(".", 1)[-1] if prop.struct else "struct"
    return struct_name, f"provider-aws {index.version}"


class _PythonWalker:
    def __init__(self, rule, doc, index, root):
        self.rule, self.doc, self.index, self.root = rule, doc, index, root
        self.source = doc.source
        self.findings = []

    def arguments(self, struct: str, pairs) -> None:
        for key, value in pairs:
            prop = self.index.prop(struct, key)
            if prop is None or prop.struct is None:
                continue
            if prop.kind == "list_struct":
                self._list_value(prop, key, value)
            elif prop.kind == "struct":
                self._single_value(prop, key, value)

    def _struct_call(self, value) -> bool:
        if not isinstance(value, ast.Call):
            return False
        resolved = _provider.python_resolve(self.index, self.doc, value.func)
        return bool(resolved) and self.index.kind_of(*resolved) == "struct"

    def _list_value(self, prop, key, value) -> None:
        struct_name, version = _describe(self.index, prop)
        if self._struct_call(value):
            start, end = self.doc.span(value)
            self.findings.append(self.source.finding(
                self.rule, start, end,
                f"`{key}` takes a list of `{struct_name}` ({version}), not a single struct; wrap it in a list",
                [self.source.edit(start, start, "["), self.source.edit(end, end, "]")]))
        elif isinstance(value, ast.Dict):
            start, end = self.doc.span(value)
            edits = self._dict_to_struct(value, prop.struct)
            message = f"`{key}` takes a list of `{struct_name}` ({version}), not a single block"
            if edits is None:
                self.findings.append(self.source.finding(self.rule, start, end, message + "; wrap it in a list"))
            else:
                edits += [self.source.edit(start, start, "["), self.source.edit(end, end, "]")]
                self.findings.append(self.source.finding(
                    self.rule, start, end,
                    message + f"; write it as `[{struct_name}(...)]` (jsii drops dict keys inside lists)",
                    edits))
            self.dict_entries(prop.struct, value)
        elif isinstance(value, ast.List):
            for element in value.elts:
                if isinstance(element, ast.Dict):
                    self._dict_in_list(prop, key, element)

    def _dict_in_list(self, prop, key, value: ast.Dict) -> None:
        """A dict element of a list of structs. jsii passes it through as a plain map, so it works
        only while every key is the camelCase name; one that needs a fix inside becomes the struct
        too, rather than a map holding struct instances."""
        before = len(self.findings)
        self.dict_entries(prop.struct, value)
        if len(self.findings) == before and self._dict_survives_jsii(value, prop.struct):
            return
        struct_name, _ = _describe(self.index, prop)
        start, end = self.doc.span(value)
        self.findings.append(self.source.finding(
            self.rule, start, end,
            f"a plain dict inside `{key}` is not converted by jsii (snake_case keys are dropped); "
            f"use `{struct_name}(...)`",
            self._dict_to_struct(value, prop.struct)))

    def _single_value(self, prop, key, value) -> None:
        struct_name, version = _describe(self.index, prop)
        if isinstance(value, ast.List):
            elements = value.elts
            message = f"`{key}` takes a single `{struct_name}` ({version}), not a list"
            blocks = [e for e in elements if self._struct_call(e) or isinstance(e, ast.Dict)]
            if len(elements) > 1 and len(blocks) == len(elements):
                start, end = self.doc.span(value)
                self.findings.append(self.source.finding(
                    self.rule, start, end, message + f"; only one block is allowed, {len(elements)} are given"))
                return
            if len(elements) != 1 or len(blocks) != 1:
                return
            inner = elements[0]
            start, end = self.doc.span(value)
            inner_start, inner_end = self.doc.span(inner)
            text = self.source.text
            if "#" in text[start:inner_start] + text[inner_end:end] or text[start] != "[" or text[end - 1] != "]":
                self.findings.append(self.source.finding(
                    self.rule, start, end,
                    message + "; unwrap it (not fixed automatically: comments inside the brackets)"))
            else:
                self.findings.append(self.source.finding(
                    self.rule, start, end, message + "; unwrap it",
                    [self.source.edit(start, inner_start, ""), self.source.edit(inner_end, end, "")]))
            if isinstance(inner, ast.Dict):
                self.dict_entries(prop.struct, inner)
        elif isinstance(value, ast.Dict):
            self.dict_entries(prop.struct, value)

    def dict_entries(self, struct: str, value: ast.Dict) -> None:
        self.arguments(struct, [(_string_key(k), v) for k, v in zip(value.keys, value.values)
                                if _string_key(k) is not None])

    def _dict_survives_jsii(self, value: ast.Dict, struct: str) -> bool:
        """True for a plain map jsii passes through intact: every key, at any depth, is the jsii
        (camelCase) name, and no value is a struct instance."""
        for key_node, inner in zip(value.keys, value.values):
            key = _string_key(key_node)
            prop = self.index.prop(struct, key) if key is not None else None
            if prop is None:
                return True  # not ours to judge
            if key != prop.name:
                return False
            for item in inner.elts if isinstance(inner, ast.List) else [inner]:
                if self._struct_call(item):
                    return False
                if prop.struct and isinstance(item, ast.Dict) and not self._dict_survives_jsii(item, prop.struct):
                    return False
        return True

    def _dict_to_struct(self, value: ast.Dict, struct: str):
        """Edits turning `{"a_b": 1}` into `Struct(a_b=1)`, or None when that is not mechanical."""
        text = self.source.text
        start, end = self.doc.span(value)
        if text[start] != "{" or text[end - 1] != "}":
            return None
        edits = []
        for key_node, inner in zip(value.keys, value.values):
            key = _string_key(key_node)
            prop = self.index.prop(struct, key) if key is not None else None
            if prop is None or not prop.py_name.isidentifier():
                return None
            if prop.kind == "struct" and isinstance(inner, ast.Dict) and \
                    not self._keys_are_python_names(inner, prop.struct):
                return None  # the struct's __init__ would get camelCase kwargs
            key_start, _ = self.doc.span(key_node)
            value_start, _ = self.doc.span(inner)
            edits.append(self.source.edit(key_start, value_start, f"{prop.py_name}="))
        submodule, name = struct.rsplit(".", 1)
        reference, import_edits = self.doc.reference(f"{self.root}.{self.index.python_leaf(submodule)}", name)
        return [self.source.edit(start, start + 1, f"{reference}("), self.source.edit(end - 1, end, ")"),
                *edits, *import_edits]

    def _keys_are_python_names(self, value: ast.Dict, struct: str) -> bool:
        for key_node in value.keys:
            key = _string_key(key_node)
            prop = self.index.prop(struct, key) if key is not None else None
            if prop is None or key != prop.py_name:
                return False
        return True


def _string_key(node) -> str | None:
    """The key of a dict entry when it is a plain string literal (None for `**spread`)."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _TypeScriptWalker:
    def __init__(self, rule, doc, index):
        self.rule, self.doc, self.index = rule, doc, index
        self.source = doc.source
        self.findings = []

    def object(self, struct: str, obj) -> None:
        for pair in obj.children():
            if pair.kind() != "pair":
                continue
            key_node, value = pair.field("key"), pair.field("value")
            if key_node is None or value is None:
                continue
            key = key_node.text()
            if key_node.kind() == "string":
                key = key[1:-1]
            elif key_node.kind() != "property_identifier":
                continue
            prop = self.index.prop(struct, key)
            if prop is None or prop.struct is None:
                continue
            struct_name, version = _describe(self.index, prop)
            if prop.kind == "list_struct":
                if value.kind() == "object":
                    start, end = self.doc.span(value)
                    self.findings.append(self.source.finding(
                        self.rule, start, end,
                        f"`{key}` takes a list of `{struct_name}` ({version}), not a single block; wrap it in a list",
                        [self.source.edit(start, start, "["), self.source.edit(end, end, "]")]))
                    self.object(prop.struct, value)
                elif value.kind() == "array":
                    for element in value.children():
                        if element.kind() == "object":
                            self.object(prop.struct, element)
            elif prop.kind == "struct":
                if value.kind() == "array":
                    named = [c for c in value.children() if c.is_named() and c.kind() != "comment"]
                    message = f"`{key}` takes a single `{struct_name}` ({version}), not a list"
                    start, end = self.doc.span(value)
                    if len(named) > 1 and all(c.kind() == "object" for c in named):
                        self.findings.append(self.source.finding(
                            self.rule, start, end, message + f"; only one block is allowed, {len(named)} are given"))
                        continue
                    if len(named) != 1 or named[0].kind() != "object":
                        continue
                    inner = named[0]
                    inner_start, inner_end = self.doc.span(inner)
                    removed = self.source.text[start:inner_start] + self.source.text[inner_end:end]
                    if "//" in removed or "/*" in removed:
                        self.findings.append(self.source.finding(
                            self.rule, start, end,
                            message + "; unwrap it (not fixed automatically: comments inside the brackets)"))
                    else:
                        self.findings.append(self.source.finding(
                            self.rule, start, end, message + "; unwrap it",
                            [self.source.edit(start, inner_start, ""), self.source.edit(inner_end, end, "")]))
                    self.object(prop.struct, inner)
                elif value.kind() == "object":
                    self.object(prop.struct, value)
