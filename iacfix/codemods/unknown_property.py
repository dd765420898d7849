"""IAC114 unknown-property."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

from iacfix.codemods import _construct_args, _provider
from iacfix.fixes import Applicability
from iacfix.knowledge import names
from iacfix.knowledge.provider import parse_version
from iacfix.rules import Example, Rule

SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE

# Renames the index cannot derive: the argument's name in an older Terraform provider or in
# another tool (CloudFormation, the AWS API) that generated code keeps using, keyed by the config
# struct and the normalised wrong name. Each applies only when the target is declared by the
# struct at the target provider version and the wrong name is not.
KNOWN_RENAMES = {
    ("snsTopic.SnsTopicConfig", "kmskeyid"): "kmsMasterKeyId",  # CloudFormation's KmsMasterKeyId
    ("dbInstance.DbInstanceConfig", "managepassword"): "manageMasterUserPassword",  # ManageMasterUserPassword
}

# Keys another rule owns: `Eip(vpc=True)` becomes `domain="vpc"` (a value change, IAC scalar types).
OTHER_RULES = {("eip.EipConfig", "vpc")}

_META = ("cdktf.TerraformMetaArguments", "cdktn.TerraformMetaArguments")


def words(name: str) -> list[str]:
    """`replicationGroupDescription` / `replication_group_description` → replication, group, description."""
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    return [w.lower() for w in re.split(r"[_\-\s]+", s) if w]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@dataclass
class Decision:
    """What to do with one unknown key."""

    message: str
    target: object = None  # Prop to rename to
    home: object = None  # Prop of a nested struct the key belongs in
    applicability: Applicability = SAFE


@dataclass
class Entry:
    key: str
    key_span: tuple[int, int]  # the name as written (inside quotes for a string key)
    value: object  # ast node / SgNode
    value_span: tuple[int, int]
    shorthand: bool = False  # TS `{ name }`


def _shape(value, language: str) -> str | None:
    if language == "python":
        if isinstance(value, ast.Constant) and isinstance(value.value, (str, int, float, bool)):
            return "scalar"
        if isinstance(value, (ast.List, ast.Tuple)):
            return "list"
        if isinstance(value, ast.Dict):
            return "dict"
        return None
    kind = value.kind()
    if kind in ("string", "number", "true", "false", "template_string"):
        return "scalar"
    if kind == "array":
        return "list"
    if kind == "object":
        return "dict"
    return None


_CONFLICTS = {
    "scalar": {"list_string", "list_number", "list_boolean", "map_string", "map_number", "map_boolean",
               "struct", "list_struct", "map_struct"},
    "list": {"string", "number", "boolean", "map_string", "map_number", "map_boolean", "map_struct"},
    "dict": {"string", "number", "boolean", "list_string", "list_number", "list_boolean"},
}


def _fits(shape: str | None, prop) -> bool:
    """False when a literal's shape cannot be the property's kind (a string for a list, …)."""
    return shape is None or prop.kind not in _CONFLICTS[shape]


class UnknownProperty(Rule):
    """A keyword (Python) or object-literal property (TypeScript) that the provider struct at that position does not declare.

    Generated code passes arguments that the provider's types do not have: an older Terraform name
    (`replication_group_description`, now `description`), the resource name repeated in the
    argument (`ElasticacheSubnetGroup(subnet_group_name=…)` for `name`), the other language's case
    (`subnetIds=` in Python, `subnet_ids:` in TypeScript), a typo, or a setting of a nested block
    written one level too high (`LbTargetGroup(healthy_threshold=3)`). Python fails at synth with
    `TypeError: __init__() got an unexpected keyword argument`, TypeScript with TS2353 (which
    names only the first unknown property of each literal).

    The rule resolves the constructed class through the file's imports and walks what it can type
    like IAC102 does: the keyword arguments of a provider class call (resources, data sources,
    providers, struct classes), dicts and object literals at struct-typed properties, lists of
    them, values of struct maps, and TypeScript variables declared with a struct type. The struct's
    properties are read for the target provider version from the provider index (meta-arguments
    such as `depends_on`, `provider`, `count`, `for_each`, `lifecycle` included). For each key the
    struct does not declare, in order:

    1. the declared name up to case and separators (`subnetIds` → `subnet_ids` in Python) — safe;
    2. a small table of renames the index cannot derive (`SnsTopic` `kmsKeyId` → `kmsMasterKeyId`,
       `DbInstance` `managePassword` → `manageMasterUserPassword`) — safe;
    3. the class name repeated as a prefix: the key is the last words of the class (or nested
       struct) name followed by a declared property (`replication_group_description` on
       `ElasticacheReplicationGroup` → `description`) — safe when one property fits, unsafe (the
       longest prefix) when several do;
    4. a property of exactly one nested block one level down (`healthy_threshold` on
       `LbTargetGroup` belongs in `health_check`): moved into that block when it is given as a
       literal (dict, struct call, object, or a one-element list of one) and the member's line
       carries no comment — unsafe; otherwise reported;
    5. did-you-mean (`iacfix.knowledge.names`) against the struct's properties: a singular/plural
       or one-edit match is safe, a two-edit match unsafe, several matches are only listed; an
       edit-distance match must have as many words as the key (`security_group_id` is not
       `security_groups`);
    6. the key's words inside exactly one declared name that ends in the same word or starts with
       them (`resourceTypes` → `complianceResourceTypes`, `maximum_event_age` →
       `maximum_event_age_in_seconds`) — unsafe.

    A rename is refused (reported only) when the value's literal shape cannot be the target's kind
    (a string for a list), when the target is already given, or when two keys map to the same
    target. Anything else is reported with the struct's closest declared properties and, when the
    provider has one, the separate resource that holds such a setting
    (`ApiGatewayIntegration(integration_responses=…)` → `ApiGatewayIntegrationResponse`).

    The properties come from the provider index for the target version. When the target is
    another major version than the shipped index (properties are added and removed between
    majors, e.g. `replication_group_description` was valid before AWS provider 5), every fix is
    unsafe and the message names the index version.

    Never touched: positional arguments, `**kwargs` and `...spread`, computed keys, the keys of
    free-form maps (`tags`, any `map_string`), dicts and objects that are not at a struct-typed
    position, calls of classes that are not provider classes, and `Eip(vpc=…)` (the scalar-types
    rule rewrites it to `domain`).
    """

    id = "IAC114"
    slug = "unknown-property"
    summary = "Keyword or property that the provider struct does not declare (renamed, prefixed, wrong case, misplaced)"
    rationale = "issue 6 family 3: unknown properties in generated CDKTF code (TS2353, unexpected keyword argument)"
    languages = ("python", "typescript")
    triggers = _provider.TRIGGERS
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.elasticache_subnet_group import ElasticacheSubnetGroup

ElasticacheSubnetGroup(self, "subnets", subnet_group_name="cache", subnet_ids=ids)
""", """\
from cdktf_cdktf_provider_aws.elasticache_subnet_group import ElasticacheSubnetGroup

ElasticacheSubnetGroup(self, "subnets", name="cache", subnet_ids=ids)
"""),
        Example("typescript", """\
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';

new ElasticacheReplicationGroup(this, 'redis', {
  replicationGroupId: 'cache',
  replicationGroupDescription: 'Redis cache',
  subnet_group_name: subnets.name,
});
""", """\
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';

new ElasticacheReplicationGroup(this, 'redis', {
  replicationGroupId: 'cache',
  description: 'Redis cache',
  subnetGroupName: subnets.name,
});
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup

LbTargetGroup(self, "tg", port=80, protocol="HTTP",
              health_check={"path": "/health"},
              healthy_threshold=3)
""", """\
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup

LbTargetGroup(self, "tg", port=80, protocol="HTTP",
              health_check={"path": "/health", "healthy_threshold": 3})
"""),
        # valid: tags are a free-form map, depends_on a meta-argument
        Example("python", """\
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

S3Bucket(self, "b", bucket="logs", tags={"replication_group_description": "x"}, depends_on=[key])
"""),
        # reported, not fixed: the API Gateway integration responses are a separate resource
        Example("python", """\
from cdktf_cdktf_provider_aws.api_gateway_integration import ApiGatewayIntegration

ApiGatewayIntegration(self, "i", rest_api_id=api.id, resource_id=r.id, http_method="GET",
                      type="MOCK", integration_responses=[{"statusCode": "200"}])
""", reported=True),
        Example("typescript", """\
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';

new BackupSelection(this, 'sel', { name: 'all', planId: plan.id, iamRoleArn: role.arn, tags: { a: 'b' } });
""", reported=True),
    )

    # -- shared decision ---------------------------------------------------------------------
    def decide(self, index, struct: str, owner: str, key: str, style: str, shape) -> Decision | None:
        """None when `key` is declared; else what to do. `style`: "py" (a kwarg, or a dict that
        the bindings turn into the struct with `Struct(**d)`: Python names), "ts" (jsii names),
        "raw" (a dict jsii passes through as a map, inside a list: either name, jsii preferred)."""
        props = index.props(struct)
        if not props:
            return None
        if style == "py":
            if any(p.py_name == key for p in props.values()):
                return None
        elif style == "ts":
            if key in props:
                return None
        elif index.prop(struct, key) is not None:
            return None
        if (struct, key) in OTHER_RULES:
            return None
        struct_name = struct.rsplit(".", 1)[-1]
        if _other_major(index):
            where = f"`{struct_name}` (types of provider-aws {index.index_version}; the target is {index.version})"
        else:
            where = f"`{struct_name}` (provider-aws {index.version})"
        head = f"`{key}` is not a property of {where}"
        nk = names.normalise(key)
        meta = {n for m in _META for n in index.props(m)}

        def rename(targets, applicability, why):
            if len(targets) > 1:
                listed = ", ".join(f"`{self._name(t, style, key)}`" for t in targets)
                return Decision(f"{head}; did you mean one of {listed}? ({why})")
            target = targets[0]
            name = self._name(target, style, key)
            if not _fits(shape, target):
                return Decision(f"{head}; `{name}` is the closest ({why}) but takes a {target.kind.replace('_', ' ')}")
            return Decision(f"{head}; use `{name}` ({why})", target=target, applicability=applicability)

        # 1. the other language's case / separators
        same = [p for p in props.values() if names.normalise(p.name) == nk]
        if same:
            return rename(same, SAFE, "same name, other case")
        # 2. known renames
        known = KNOWN_RENAMES.get((struct, nk))
        if known and known in props:
            return rename([props[known]], SAFE, "renamed in the Terraform provider")
        # 3. the owner's name repeated as a prefix
        key_words = words(key)
        owner_words = words(owner)
        hits = []
        for n in range(len(owner_words), 0, -1):  # longest prefix first
            prefix = owner_words[-n:]
            if len(key_words) > n and key_words[:n] == prefix:
                rest = "".join(key_words[n:])
                hits += [p for p in props.values() if names.normalise(p.name) == rest and p not in hits]
        if hits:
            if len(hits) == 1:
                return rename(hits, SAFE, f"without the repeated `{owner}` prefix")
            decision = rename(hits[:1], UNSAFE, f"without the repeated `{owner}` prefix")
            decision.message += "; other readings: " + ", ".join(f"`{self._name(p, style, key)}`" for p in hits[1:])
            return decision
        # 4. a property of one nested block, 5. did-you-mean
        homes = []
        for p in props.values():
            if p.struct and p.kind in ("struct", "list_struct"):  # `lifecycle` included
                inner = index.props(p.struct)
                found = inner.get(key) if style == "ts" else index.prop(p.struct, key)
                if found is not None:
                    homes.append(p)
        pool = {p.name: p for p in props.values()}
        guesses = [pool[n] for n in names.suggestions(key, list(pool))]
        # an edit-distance match must keep the words: `security_group_id` is not `security_groups`
        guesses = [g for g in guesses if _same_words(key, g.name)]
        if homes and guesses:
            listed = ", ".join([f"`{self._name(g, style, key)}`" for g in guesses] +
                               [f"a property of `{self._name(h, style, key)}`" for h in homes])
            return Decision(f"{head}; it may be {listed}")
        if len(homes) > 1:
            listed = ", ".join(f"`{self._name(h, style, key)}`" for h in homes)
            return Decision(f"{head}; it is a property of several nested blocks: {listed}")
        if homes:
            return Decision(f"{head}; it belongs in `{self._name(homes[0], style, key)}`", home=homes[0],
                            applicability=UNSAFE)
        if guesses:
            if len(guesses) > 1:
                return rename(guesses, UNSAFE, "did you mean")
            distance = DamerauLevenshtein.distance(nk, names.normalise(guesses[0].name))
            plural = names.normalise(guesses[0].name) in (nk + "s", nk + "es", nk[:-1])
            return rename(guesses, SAFE if plural or distance <= 1 else UNSAFE,
                          "singular/plural" if plural else f"{distance} edit{'s' if distance > 1 else ''} away")
        # 6. the key's words inside one longer declared name
        if len(key_words) >= 2:
            inside = [p for p in props.values() if p.name not in meta and _subsequence(key_words, words(p.name))]
            if len(inside) == 1:
                return rename(inside, UNSAFE, f"the only property whose name contains {' '.join(key_words)}")
        return Decision(head + self._closest(index, struct, owner, key, props, meta, style))

    @staticmethod
    def _name(prop, style: str, key: str) -> str:
        return prop.py_name if style == "py" else prop.name

    @staticmethod
    def _closest(index, struct, owner, key, props, meta, style) -> str:
        key_words = [_singular(w) for w in words(key)]
        wanted = set(key_words)
        candidates = [p for p in props.values() if p.name not in meta]

        def score(p):
            shared = len(wanted & {_singular(w) for w in words(p.name)})
            return (-shared, DamerauLevenshtein.normalized_distance(names.normalise(key), names.normalise(p.name)), p.name)

        close = sorted(candidates, key=score)[:3]
        text = ""
        if close:
            text = "; closest declared: " + ", ".join(f"`{UnknownProperty._name(p, style, key)}`" for p in close)
        # a separate resource named after the owner and the key (integration_responses → …Response)
        owner_words = words(owner)
        tail = key_words
        for n in range(min(len(owner_words), len(tail)), 0, -1):
            if owner_words[-n:] == tail[:n]:
                tail = tail[n:]
                break
        if tail:
            name = "".join(w.capitalize() for w in owner_words + tail)
            module = name[0].lower() + name[1:]
            if index.kind_of(module, name) == "resource":
                text += f"; `{name}` is a separate resource"
        return text

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        findings: list = []
        for call in doc.calls:
            resolved = _provider.python_resolve(index, doc, call.func)
            struct = index.params_struct(*resolved) if resolved else None
            if not struct:
                continue
            entries = []
            for kw in call.keywords:
                if kw.arg is None:
                    continue
                start, _ = doc.span(kw)
                entries.append(Entry(kw.arg, (start, start + len(kw.arg)), kw.value, doc.span(kw.value)))
            self._py_container(doc, index, struct, resolved[1], call, entries, "py", findings)
        return findings

    def _py_dict(self, doc, index, struct, node: ast.Dict, raw: bool, findings) -> None:
        """A dict at a struct position: turned into the struct by the bindings (`Struct(**d)`, so
        Python names) unless `raw` (inside a list or a map: jsii passes it through as a map)."""
        entries = []
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                start, end = doc.span(key)
                if doc.text[start] in "'\"" and doc.text[end - 1] == doc.text[start] and \
                        doc.text[start + 1:end - 1] == key.value:
                    entries.append(Entry(key.value, (start + 1, end - 1), value, doc.span(value)))
                else:
                    entries.append(Entry(key.value, None, value, doc.span(value)))
        self._py_container(doc, index, struct, struct.rsplit(".", 1)[-1], node, entries, "raw" if raw else "py",
                           findings)

    def _py_container(self, doc, index, struct, owner, node, entries, style, findings) -> None:
        given = {e.key for e in entries}
        claimed: set[str] = set()
        for entry in entries:
            prop = index.prop(struct, entry.key)
            if prop is not None and (style != "py" or prop.py_name == entry.key):
                self._py_nested(doc, index, prop, entry.value, style == "raw", findings)
                continue
            decision = self.decide(index, struct, owner, entry.key, style, _shape(entry.value, "python"))
            if decision is None:
                continue
            findings.append(self._finding(doc, index, struct, node, entries, entry, decision, style, given,
                                          claimed, "python"))

    def _py_nested(self, doc, index, prop, value, raw: bool, findings) -> None:
        if prop.struct is None:  # a struct kind at an older target whose struct the index lacks
            return
        if prop.kind in ("struct", "list_struct"):
            if isinstance(value, (ast.List, ast.Tuple)):
                for item in value.elts:
                    if isinstance(item, ast.Dict):
                        self._py_dict(doc, index, prop.struct, item, True, findings)
            elif isinstance(value, ast.Dict):
                self._py_dict(doc, index, prop.struct, value, raw or prop.kind == "list_struct", findings)
        elif prop.kind == "map_struct" and isinstance(value, ast.Dict):
            for item in value.values:
                if isinstance(item, ast.Dict):
                    self._py_dict(doc, index, prop.struct, item, True, findings)

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        findings: list = []
        for struct, resolved, obj in _provider.ts_struct_literals(doc, index):
            owner = resolved[1]
            if index.kind_of(*resolved) == "struct" and owner.endswith("Config"):
                owner = owner[:-len("Config")] or owner
            self._ts_object(doc, index, struct, owner, obj, findings)
        return findings

    def _ts_object(self, doc, index, struct, owner, obj, findings) -> None:
        entries = []
        for child in obj.children():
            kind = child.kind()
            if kind == "pair":
                key, value = child.field("key"), child.field("value")
                if key is None or value is None:
                    continue
                start, end = doc.span(key)
                if key.kind() == "string":
                    text = key.text()
                    if "\\" in text:
                        continue
                    entries.append(Entry(text[1:-1], (start + 1, end - 1), value, doc.span(value)))
                elif key.kind() == "property_identifier":
                    entries.append(Entry(key.text(), (start, end), value, doc.span(value)))
            elif kind == "shorthand_property_identifier":
                span = doc.span(child)
                entries.append(Entry(child.text(), span, child, span, shorthand=True))
        given = {e.key for e in entries}
        claimed: set[str] = set()
        for entry in entries:
            prop = index.props(struct).get(entry.key)
            if prop is not None:
                self._ts_nested(doc, index, prop, entry.value, findings)
                continue
            shape = None if entry.shorthand else _shape(entry.value, "typescript")
            decision = self.decide(index, struct, owner, entry.key, "ts", shape)
            if decision is None:
                continue
            findings.append(self._finding(doc, index, struct, obj, entries, entry, decision, "ts", given,
                                          claimed, "typescript"))

    def _ts_nested(self, doc, index, prop, value, findings) -> None:
        if prop.struct is None:  # a struct kind at an older target whose struct the index lacks
            return
        owner = prop.struct.rsplit(".", 1)[-1]
        if prop.kind in ("struct", "list_struct"):
            items = value.children() if value.kind() == "array" else [value]
            for item in items:
                if item.kind() == "object":
                    self._ts_object(doc, index, prop.struct, owner, item, findings)
        elif prop.kind == "map_struct" and value.kind() == "object":
            for pair in value.children():
                inner = pair.field("value") if pair.kind() == "pair" else None
                if inner is not None and inner.kind() == "object":
                    self._ts_object(doc, index, prop.struct, owner, inner, findings)

    # -- fixes -------------------------------------------------------------------------------
    def _finding(self, doc, index, struct, node, entries, entry, decision, style, given, claimed, language):
        source = doc.source
        start, end = entry.key_span or (entry.value_span[0], entry.value_span[0])
        if entry.key_span is None:  # a dict key we cannot rewrite in place (implicit concatenation …)
            return source.finding(self, entry.value_span[0], entry.value_span[1], decision.message)
        message = decision.message
        if _other_major(index):  # properties come and go between majors: the author decides
            decision.applicability = UNSAFE
        if decision.target is not None:
            name = self._name(decision.target, style, entry.key)
            if name in given or name in claimed:
                return source.finding(self, start, end, message + f" (not fixed automatically: `{name}` is already given)")
            claimed.add(name)
            text = f"{name}: {entry.key}" if entry.shorthand else name
            return source.finding(self, start, end, message, [source.edit(start, end, text)], decision.applicability)
        if decision.home is not None:
            edits = self._move(doc, index, node, entries, entry, decision.home, language)
            if edits is None:
                return source.finding(self, start, end, message + " (not moved automatically: the block is not "
                                      "given as one literal)")
            return source.finding(self, start, end, message + "; moved there", edits, decision.applicability)
        return source.finding(self, start, end, message)

    def _move(self, doc, index, node, entries, entry, home, language):
        """Edits moving `entry` into the literal given for `home`, or None."""
        if entry.shorthand:
            return None
        target = next((e for e in entries if e.key in (home.name, home.py_name)), None)
        if target is None:
            return None
        inner_prop = index.prop(home.struct, entry.key)
        if language == "python":
            view = _construct_args.py_nested(doc, index, _construct_args.Value(target.value, 0, 0, None), home.struct)
            if view is None or view.splat:
                return None
            if inner_prop.py_name in view.values or inner_prop.name in view.values:
                return None
            container = _construct_args.PyArgs(doc, node)
            comment = "#"
        else:
            obj = _construct_args.ts_nested(_construct_args.Value(target.value, 0, 0, None))
            if obj is None:
                return None
            view = _construct_args.TsArgs(doc, obj)
            if view.splat or inner_prop.name in view.values:
                return None
            container = _construct_args.TsArgs(doc, node)
            comment = "//"
        member = next((m for m in container.members if m[0] <= entry.key_span[0] and entry.value_span[1] <= m[1]), None)
        if member is None:
            return None
        removal = _removal(doc.source, container.members, container.members.index(member), comment)
        if removal is None:
            return None
        value_text = doc.text[entry.value_span[0]:entry.value_span[1]]
        added = view.add([(inner_prop, value_text)])
        if added is None:
            return None
        return [removal, *added]


def _same_words(key: str, candidate: str) -> bool:
    """Same up to case, separators or number, or the same count of words (a typo inside words)."""
    nk, nc = names.normalise(key), names.normalise(candidate)
    if nk == nc or nc in (nk + "s", nk + "es", nk[:-1]):
        return True
    return len(words(key)) == len(words(candidate))


def _other_major(index) -> bool:
    """The target provider is another major version than the shipped index the properties come from."""
    return parse_version(index.version)[0] != parse_version(index.index_version)[0]


def _subsequence(short: list[str], long: list[str]) -> bool:
    """`short` appears in order inside `long`, is shorter, and ends with the same word or is the
    start of `long` (`maximum_event_age` → `maximum_event_age_in_seconds`)."""
    if len(short) >= len(long):
        return False
    if long[:len(short)] == short:
        return True
    if short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(word in it for word in short)


def _removal(source, members, i, comment):
    """The edit removing member `i` of a container with its separator, or None when that would
    drop a comment or is not mechanical."""
    text = source.text
    start, end = members[i]
    line_start = text.rfind("\n", 0, start) + 1
    j = end
    while j < len(text) and text[j] in " \t":
        j += 1
    if j < len(text) and text[j] == ",":
        j += 1
        while j < len(text) and text[j] in " \t":
            j += 1
    if text.startswith(comment, j):
        return None  # a comment about this member would stay behind, describing something else
    if not text[line_start:start].strip() and text[j:j + 1] in ("\n", "\r"):
        k = j + 2 if text[j:j + 2] == "\r\n" else j + 1
        # the member's own line(s): drop them whole
        return source.edit(line_start, k, "")
    if i > 0:
        between = text[members[i - 1][1]:start]
        if between.strip() == ",":
            return source.edit(members[i - 1][1], end, "")
    if i + 1 < len(members):
        between = text[end:members[i + 1][0]]
        if between.strip() == "," and "\n" not in between:
            return source.edit(start, members[i + 1][0], "")
    if len(members) == 1 and comment not in text[end:j]:
        return source.edit(start, j, "")
    return None
