"""IAC114 unknown-property."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

from iacfix.codemods import _companions, _construct_args, _provider, _secrets
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

# Blocks written in the shape of an AWS API (or CloudFormation) where the Terraform provider
# flattened them into one argument: (config struct, normalised wrong key) → (the provider's
# property, where in the API-shaped value the provider's value sits, where the shape comes from).
# The path starts with `[0]` (the value is a list; exactly one element) and names one key per
# level (matched up to case and separators); the expression found there becomes the property's
# value, its text kept byte for byte. Each target must be declared by the struct in the index
# (tested); an entry applies only when it is and the wrong key is not.
API_SHAPES = {
    # Step Functions API CreateStateMachine `loggingConfiguration.destinations`
    # [{cloudWatchLogsLogGroup: {logGroupArn}}]; `aws_sfn_state_machine` takes one `log_destination`
    ("sfnStateMachine.SfnStateMachineLoggingConfiguration", "destinations"):
        ("logDestination", "[0].cloudWatchLogsLogGroup.logGroupArn", "the Step Functions API's LoggingConfiguration"),
}

# Keys another rule owns: `Eip(vpc=True)` becomes `domain="vpc"` (a value change, IAC scalar types).
OTHER_RULES = {("eip.EipConfig", "vpc"), ("lb.LbConfig", "scheme"), ("alb.AlbConfig", "scheme")}

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
    path: str | None = None  # with `target`: where in the (API-shaped) value the target's value sits


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
       and a table of blocks written in an AWS API's shape where the provider flattened them into
       one argument, with the path to the value that argument takes: Step Functions'
       `logging_configuration.destinations[0].cloud_watch_logs_log_group.log_group_arn` is
       `log_destination`. The expression found there replaces the block, its text kept byte for
       byte — safe when the value is a literal list of exactly one element and every level on the
       path is a literal with that one key (nothing else, no comment, would be dropped);
       otherwise reported;
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

    A setting of a separate resource is moved into one — unsafe. The separate resource is found
    in the index: a resource whose name extends the owner's (`S3Bucket` → `S3BucketPublicAccessBlock`)
    and whose config declares the key itself as a block (`rotationRules` on
    `SecretsmanagerSecretRotation`) or every field the literal gives (`blockPublicAcls`, … on
    `S3BucketPublicAccessBlock`; `status_code`, `response_parameters` on
    `ApiGatewayIntegrationResponse`); of several, those named after the key. Its required
    properties must all be filled: by the literal, by one string property naming the owner
    (`bucket`, `secretId`: the owner's `.id`), or by the owner's own argument of the same name
    (`rest_api_id`, `resource_id`, `http_method` of the integration; then `depends_on` the owner, so
    Terraform creates it after the owner). Required means non-optional in the index; with an
    index that does not record optionality, the first sorted run of the config's properties
    before `id`/`region` (jsii lists required properties first, each group sorted) — at worst an
    optional property counts as required and the move is refused. The key is removed from the owner and the new construct goes right after the
    owner's statement (a bare statement is assigned to a new variable named after its construct
    id), with an id derived from the owner's (`"options_integration"` →
    `"options_integration_response"`), one per list element when the literal is a list of them
    (numbered when there are several), and the import added in the file's idiom. A literal given
    only under a condition (`cond ? { … } : undefined`, `cond ? undefined : { … }`, `null` alike;
    Python `{…} if cond else None`, `None if cond else {…}`) is moved into a new resource created
    under the same condition (`if (cond) { new … }`, `if cond:`; negated for the second form) when
    the condition is one line of names, attributes, literals, comparisons and boolean operators
    (evaluated a second time, it gives the same answer: no call, no assignment). Refused (reported
    only): any other computed value (`cond ? {a} : {b}`, a variable, a call), a computed
    condition, a spread or computed key in the literal, a required property
    that cannot be derived (or an owner argument that is a call or spans lines), several candidate
    resources, an owner that is not a statement of its own or whose id is not a string literal, a
    comment on the member's line, and a companion of that class that already names the owner (or
    gives the same owner arguments) in the file.

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
        # the API Gateway integration responses are a separate resource: one per list element
        Example("python", """\
from cdktf_cdktf_provider_aws.api_gateway_integration import ApiGatewayIntegration

ApiGatewayIntegration(self, "i", rest_api_id=api.id, resource_id=r.id, http_method="GET",
                      type="MOCK", integration_responses=[{"statusCode": "200"}])
""", """\
from cdktf_cdktf_provider_aws.api_gateway_integration import ApiGatewayIntegration
from cdktf_cdktf_provider_aws.api_gateway_integration_response import ApiGatewayIntegrationResponse

i = ApiGatewayIntegration(self, "i", rest_api_id=api.id, resource_id=r.id, http_method="GET",
                      type="MOCK")
ApiGatewayIntegrationResponse(self, "i_response",
    http_method="GET",
    resource_id=r.id,
    rest_api_id=api.id,
    status_code="200",
    depends_on=[i]
)
"""),
        # the Step Functions API's logging destinations: one log group ARN in the provider
        Example("python", """\
from cdktf_cdktf_provider_aws.sfn_state_machine import SfnStateMachine

SfnStateMachine(self, "sm", name="flow", role_arn=role.arn, definition=spec,
                logging_configuration={"level": "ALL", "destinations": [
                    {"cloud_watch_logs_log_group": {"log_group_arn": f"{logs.arn}:*"}}]})
""", """\
from cdktf_cdktf_provider_aws.sfn_state_machine import SfnStateMachine

SfnStateMachine(self, "sm", name="flow", role_arn=role.arn, definition=spec,
                logging_configuration={"level": "ALL", "log_destination": f"{logs.arn}:*"})
"""),
        # a setting given under a condition: the separate resource is created under it
        Example("typescript", """\
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';

const db = new SecretsmanagerSecret(this, 'db', { name: 'db', rotationRules: rotate ? { automaticallyAfterDays: 30 } : undefined });
""", """\
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';

const db = new SecretsmanagerSecret(this, 'db', { name: 'db' });
if (rotate) {
  new SecretsmanagerSecretRotation(this, 'db-rotation', {
    secretId: db.id,
    rotationRules: { automaticallyAfterDays: 30 },
  });
}
"""),
        # reported, not moved: the value is computed (one literal or another)
        Example("typescript", """\
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';

new SecretsmanagerSecret(this, 'db', { name: 'db', rotationRules: prod ? { automaticallyAfterDays: 30 } : { automaticallyAfterDays: 90 } });
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
        # 2b. an API-shaped block the provider flattened into one property
        shaped = API_SHAPES.get((struct, nk))
        if shaped and shaped[0] in props:
            target, path, origin = props[shaped[0]], shaped[1], shaped[2]
            return Decision(f"{head}; {origin} gives `{key}{path}`, the provider takes that value as "
                            f"`{self._name(target, style, key)}`", target=target, path=path)
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
            if decision.path is not None:
                found = _follow(doc, entry.value, decision.path, language)
                if isinstance(found, str):
                    return source.finding(self, start, end, message + f" (not fixed automatically: {found})")
                if not _fits(_shape(found, language), decision.target):
                    return source.finding(self, start, end, message + " (not fixed automatically: the value there "
                                          f"is not a {decision.target.kind.replace('_', ' ')})")
                claimed.add(name)
                value = doc.text[slice(*doc.span(found))]
                return source.finding(self, start, end, message, [
                    source.edit(start, end, name), source.edit(*entry.value_span, value)], decision.applicability)
            claimed.add(name)
            text = f"{name}: {entry.key}" if entry.shorthand else name
            return source.finding(self, start, end, message, [source.edit(start, end, text)], decision.applicability)
        if decision.home is not None:
            edits = self._move(doc, index, node, entries, entry, decision.home, language)
            if edits is None:
                return source.finding(self, start, end, message + " (not moved automatically: the block is not "
                                      "given as one literal)")
            return source.finding(self, start, end, message + "; moved there", edits, decision.applicability)
        moved = self._to_companion(doc, index, struct, node, entry, style, language)
        if moved is not None:
            cls, edits, why = moved
            if "is a separate resource" not in message:
                message += f"; `{cls}` is a separate resource"
            if edits is None:
                return source.finding(self, start, end, message + f" (not moved automatically: {why})")
            return source.finding(self, start, end, message + f"; moved into a new `{cls}`", edits, UNSAFE)
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


    # -- a setting of a separate resource ------------------------------------------------------
    def _to_companion(self, doc, index, struct, node, entry, style, language):
        """None when no separate resource of the owner holds `entry`; else (class, edits or None,
        why not)."""
        sub, _, struct_name = struct.rpartition(".")
        owner = struct_name[:-len("Config")] if struct_name.endswith("Config") else None
        if owner is None or index.kind_of(sub, owner) != "resource" or index.params_struct(sub, owner) != struct:
            return None
        python = language == "python"
        if python:
            if not isinstance(node, ast.Call):
                return None
            call = node
        else:
            args = node.parent()
            call = args.parent() if args is not None and args.kind() == "arguments" else None
            if call is None or call.kind() != "new_expression":
                return None
        # the value: a dict / object literal, or a list of them, possibly only under a condition
        value, value_span, condition = entry.value, entry.value_span, None
        if not entry.shorthand:
            guarded = _guarded(doc, value, python)
            if guarded is not None:
                value, condition = guarded
                value_span = doc.span(value)
        shape = None if entry.shorthand else _shape(value, language)
        items = _literal_items(doc, value, python) if shape in ("dict", "list") else None
        found = _companion_classes(index, sub, owner, entry.key, items, shape == "list")
        if not found:
            return None
        if len(found) > 1:
            listed = ", ".join(f"`{c}`" for c, _, _ in found)
            return found[0][0], None, f"several resources hold it: {listed}"
        cls, csub, mode = found[0]
        if items is None:
            return cls, None, "the value is not a literal (a condition or a computed value)"
        if condition is not None and (why := _plain_condition(doc, condition, python)):
            return cls, None, why
        cstruct = index.params_struct(csub, cls)
        props = index.props(cstruct)
        required = _required(index, cstruct)
        owner_words = words(owner)
        view = _construct_args.PyArgs(doc, call) if python else _construct_args.TsArgs(doc, node)
        if view.splat:
            return cls, None, "the owner's arguments include a spread"
        # what the companion takes from the owner: a reference, or the owner's own arguments
        ref, copies = None, {}
        if mode == "self":
            givens = [{props[_jsii(index, cstruct, entry.key)].name}]
        else:
            givens = [{_jsii(index, cstruct, k) for k, _ in item[1]} for item in items]
        given = set().union(*givens)
        for prop in required:
            if prop.name in given:
                continue
            if prop.kind == "string" and _refers_to(prop.name, owner_words) and ref is None:
                ref = prop
                continue
            mine = index.props(struct).get(prop.name)
            value = view.get(mine) if mine is not None else None
            text = doc.text[value.start:value.end] if value is not None else None
            if text is None or "\n" in text or "(" in text:
                return cls, None, f"its required `{self._name(prop, style, '')}` cannot be derived from the owner"
            copies[prop.name] = (prop, text)
        for item_given in givens:
            missing = [p for p in required if p.name not in item_given and p is not ref and p.name not in copies]
            if missing:
                return cls, None, f"its required `{self._name(missing[0], style, '')}` is not given"
        # where the owner is, and how to name it
        bound = _companions.python_binding(doc, call) if python else _companions.ts_binding(doc, call)
        positional = call.args if python else [a for a in call.field("arguments").children()
                                              if a.is_named() and a.kind() != "comment"]
        if bound is None or len(positional) < 2:
            return cls, None, "the owner is not a statement of its own"
        stmt, binding = bound
        stmt_start, stmt_end = doc.span(stmt)
        at = _companions.statement_end(doc, stmt_end)
        indent = doc.text[_secrets.line_start(doc.text, stmt_start):stmt_start]
        scope = doc.text[slice(*doc.span(positional[0]))]
        id_text = doc.text[slice(*doc.span(positional[1]))]
        if at is None or indent.strip() or "\n" in scope:
            return cls, None, "the owner statement does not end its line"
        if _companion_exists(doc.text, cls, binding, copies):
            return cls, None, f"a `{cls}` for it already exists"
        assign = []
        if binding is None:
            names_taken = {n.id for n in doc.names} if python else set(re.findall(r"[A-Za-z_$][\w$]*", doc.text))
            literal = re.sub(r"\$?\{[^}]*\}", "", id_text.lstrip("fF")[1:-1])
            base = (_secrets.snake if python else _secrets.camel)(literal if literal.strip("-_ ") else owner)
            binding = _secrets.unique(base, names_taken)
            assign = [doc.source.edit(stmt_start, stmt_start, f"{binding} = " if python else f"const {binding} = ")]
        # the container member to drop
        container = view
        member = next((m for m in container.members if m[0] <= entry.key_span[0] and entry.value_span[1] <= m[1]),
                      None)
        removal = _removal(doc.source, container.members, container.members.index(member),
                           "#" if python else "//") if member is not None else None
        if removal is None:
            return cls, None, "a comment sits on its line"
        # the new statements
        suffix = [w for w in words(cls)[len(owner_words):]] or words(cls)[-1:]
        taken = {m.group(2) for m in re.finditer(r"(['\"`])((?:(?!\1).)*)\1", doc.text)}
        unit = "\t" if indent.startswith("\t") else "    " if python else _indent_unit(doc.text)
        nl = doc.source.newline
        if python:
            (ref_cls,), imports = _companions.python_names(doc, index.python_module(csub), [cls])
        else:
            package = _provider.TS_PACKAGES[1] if index.family == "cdktn" else _provider.TS_PACKAGES[0]
            quote = doc.import_quote()
            (ref_cls,), imports = _companions.ts_names(doc, package, index.ts_leaf(csub), csub, [cls], quote)
        blocks = []
        inner = indent + unit if condition is not None else indent  # the statements' indentation
        units = [None] if mode == "self" or shape == "dict" else list(range(len(items)))
        for n in units:
            extra = suffix + ([str(n + 1)] if n is not None and len(units) > 1 else [])
            new_id = _companions.companion_id(id_text, extra, python, taken)
            if new_id is None:
                return cls, None, "the owner's construct id is not a string literal"
            members = []  # (name, value text) in the companion's declared order
            if ref is not None:
                members.append((ref, f"{binding}.id"))
            members += list(copies.values())
            if mode == "self":
                prop = props[_jsii(index, cstruct, entry.key)]
                members.append((prop, _reindent(doc, value_span, inner + unit)))
            else:
                item = items[0 if n is None else n]
                for k, span in item[1]:
                    prop = props[_jsii(index, cstruct, k)]
                    members.append((prop, _reindent(doc, span, inner + unit)))
            if ref is None:
                members.append((None, f"[{binding}]"))
            lines = []
            for prop, text in members:
                name = (prop.py_name if python else prop.name) if prop is not None else \
                    ("depends_on" if python else "dependsOn")
                lines.append(f"{unit}{name}={text}," if python else f"{unit}{name}: {text},")
            if python:
                lines[-1] = lines[-1][:-1]
                body = [f"{ref_cls}({scope}, {new_id},", *lines, ")"]
            else:
                body = [f"new {ref_cls}({scope}, {new_id}, {{", *lines, "});"]
            blocks.append("".join(f"{nl}{inner}{line}" for line in body))
        if condition is not None:  # created under the condition the value was given under
            test = _condition_text(doc, *condition, python)
            head, tail = (f"if {test}:", None) if python else (f"if ({test}) {{", "}")
            blocks = [f"{nl}{indent}{head}", *blocks] + ([f"{nl}{indent}{tail}"] if tail else [])
        edits = assign + [removal] + imports + [doc.source.edit(at, at, "".join(blocks))]
        return cls, edits, ""

def _follow(doc, value, path: str, language: str):
    """The node at `path` (`[0].a.b`) inside a literal `value`: a one-element list, then dicts /
    objects with exactly that one key each (up to case and separators). A reason string when the
    value is not that shape (something else would be dropped: another element, another key, a
    spread, a comment)."""
    python = language == "python"
    node = value
    for step in re.findall(r"\[0\]|[A-Za-z_]\w*", path):
        if step == "[0]":
            if python:
                if not isinstance(node, (ast.List, ast.Tuple)):
                    return "the value is not a list literal"
                elements = node.elts
            else:
                if node is None or node.kind() != "array":
                    return "the value is not a list literal"
                elements = [c for c in node.children() if c.is_named() and c.kind() != "comment"]
            if len(elements) != 1:
                return f"the list has {len(elements)} elements, the provider takes one"
            node = elements[0]
            continue
        pairs = _literal_pairs(doc, node, python) if node is not None else None
        if pairs is None:
            return f"`{step}` is not given as a plain literal"
        if len(pairs) != 1 or names.normalise(pairs[0][0]) != names.normalise(step):
            return f"the literal holding `{step}` has other keys than `{step}`"
        if python:
            node = node.values[0]
        else:
            node = next(c for c in node.children() if c.kind() == "pair").field("value")
    # everything around the value that goes is structure: no comment may go with it
    start, end = doc.span(value)
    inner_start, inner_end = doc.span(node)
    outside = doc.text[start:inner_start] + doc.text[inner_end:end]
    if any(mark in outside for mark in (("#",) if python else ("//", "/*"))):
        return "a comment sits inside the value"
    return node


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


# -- separate resources ------------------------------------------------------------------------

def _literal_items(doc, value, python: bool):
    """[(item node, [(key, value span)])] of a dict / object literal or a list of them, or None
    when anything in it is not a plain key (a spread, a computed key, a non-literal element)."""
    if python:
        elements = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
    else:
        elements = [c for c in value.children() if c.is_named() and c.kind() != "comment"] \
            if value.kind() == "array" else [value]
    out = []
    for item in elements:
        pairs = _literal_pairs(doc, item, python)
        if pairs is None:
            return None
        out.append((item, pairs))
    return out or None


def _literal_pairs(doc, item, python: bool):
    if python:
        if not isinstance(item, ast.Dict):
            return None
        pairs = []
        for key, value in zip(item.keys, item.values):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return None
            pairs.append((key.value, doc.span(value)))
        return pairs
    if item.kind() != "object":
        return None
    pairs = []
    for child in item.children():
        if not child.is_named() or child.kind() == "comment":
            continue
        if child.kind() != "pair" or child.field("key") is None or child.field("value") is None:
            return None
        key = child.field("key")
        if key.kind() == "string":
            name = key.text()[1:-1]
        elif key.kind() == "property_identifier":
            name = key.text()
        else:
            return None
        pairs.append((name, doc.span(child.field("value"))))
    return pairs


_COMPANION_CACHE: dict = {}


def _companions_of(index, sub: str) -> list[tuple[str, str]]:
    """(submodule, class) of every resource whose name extends the owner's (`S3Bucket` →
    `S3BucketPublicAccessBlock`, …)."""
    key = (id(index), sub)
    found = _COMPANION_CACHE.get(key)
    if found is None:
        found = []
        for other in index.submodules():
            if other != sub and other.startswith(sub) and other[len(sub)].isupper():
                cls = other[0].upper() + other[1:]
                if index.kind_of(other, cls) == "resource" and index.params_struct(other, cls):
                    found.append((other, cls))
        _COMPANION_CACHE[key] = found
    return found


def _meta_names(index) -> set[str]:
    return {n for m in _META for n in index.props(m)}


def _companion_classes(index, sub, owner, key, items, is_list: bool):
    """[(class, submodule, mode)] of the separate resources holding setting `key` of `owner`:
    mode "self" when the resource declares `key` itself as a block, "fields" when it declares
    every field given in the literal(s). Several: narrowed to those named after the key."""
    meta = _meta_names(index)
    hits = []
    for csub, cls in _companions_of(index, sub):
        cstruct = index.params_struct(csub, cls)
        prop = index.prop(cstruct, key)
        if prop is not None and prop.name not in meta and prop.kind in ("struct", "list_struct"):
            if items is None or (prop.kind == "list_struct") == is_list:
                hits.append((cls, csub, "self"))
            continue
        if items:
            fields = {k for _, pairs in items for k, _ in pairs}
            if fields and all((p := index.prop(cstruct, k)) is not None and p.name not in meta for k in fields):
                hits.append((cls, csub, "fields"))
    if len(hits) > 1:
        key_words = {_singular(w) for w in words(key)}
        owner_len = len(words(owner))
        named = [h for h in hits if {_singular(w) for w in words(h[0])[owner_len:]} <= key_words]
        hits = named or hits
    return hits


def _required(index, struct: str) -> list:
    """The required properties, in declared order: from the index's optionality when it records
    it; else an upper bound from jsii's order (required properties first, each group sorted
    case-insensitively): the first sorted run of the struct's own properties, before `id` and
    `region` (always optional on a resource) — a property in it may be optional, never the other
    way round."""
    known = getattr(index, "required_props", None)
    names_required = known(struct) if known is not None else None
    if names_required is not None:
        return [p for p in index.props(struct).values() if p.name in names_required]
    meta = _meta_names(index)
    out = []
    for prop in index.props(struct).values():
        if prop.name in meta or prop.name in ("id", "region"):
            break
        if out and prop.name.lower() < out[-1].name.lower():
            break
        out.append(prop)
    return out


def _jsii(index, struct: str, key: str) -> str:
    return index.prop(struct, key).name


def _refers_to(name: str, owner_words: list[str]) -> bool:
    """`bucket` / `secretId` name the owner `S3Bucket` / `SecretsmanagerSecret`: the property's
    words, without a trailing `id`, are the last words of the owner's name."""
    w = words(name)
    if w and w[-1] == "id":
        w = w[:-1]
    return bool(w) and owner_words[-len(w):] == w


def _guarded(doc, value, python: bool):
    """(the literal, (condition node, negated)) of `cond ? literal : undefined` / `cond ?
    undefined : literal` (or `null`), Python `literal if cond else None` / `None if cond else
    literal`; None for anything else."""
    if python:
        if not isinstance(value, ast.IfExp):
            return None
        empty = lambda n: isinstance(n, ast.Constant) and n.value is None  # noqa: E731
        if empty(value.orelse) and not empty(value.body):
            return value.body, (value.test, False)
        if empty(value.body) and not empty(value.orelse):
            return value.orelse, (value.test, True)
        return None
    if value.kind() != "ternary_expression":
        return None
    test, yes, no = value.field("condition"), value.field("consequence"), value.field("alternative")
    if test is None or yes is None or no is None:
        return None
    empty = lambda n: n.kind() in ("undefined", "null")  # noqa: E731
    if empty(no) and not empty(yes):
        return yes, (test, False)
    if empty(yes) and not empty(no):
        return no, (test, True)
    return None


# what a condition may be made of to be evaluated a second time, in the new statement, with the
# same result: names, attributes, literals, comparisons, and/or/not — no call, no assignment
_PY_CONDITION = (ast.Name, ast.Attribute, ast.Subscript, ast.Constant, ast.Compare, ast.BoolOp, ast.UnaryOp,
                 ast.Load, ast.cmpop, ast.boolop, ast.unaryop)
_TS_CONDITION = {"identifier", "member_expression", "property_identifier", "this", "string", "string_fragment",
                 "number", "true", "false", "null", "undefined", "binary_expression", "unary_expression",
                 "subscript_expression",
                 "parenthesized_expression", "optional_chain", "non_null_expression", "escape_sequence"}


def _plain_condition(doc, condition, python: bool) -> str:
    """Why the condition cannot guard a new statement ("" when it can)."""
    node, _ = condition
    if "\n" in doc.text[slice(*doc.span(node))]:
        return "the condition spans lines"
    if python:
        plain = all(isinstance(n, _PY_CONDITION) for n in ast.walk(node))
    else:
        def plain_ts(n):
            if n.kind() not in _TS_CONDITION:
                return False
            if n.kind() == "unary_expression" and n.field("operator") is not None and \
                    n.field("operator").text() not in ("!", "-", "+", "typeof"):
                return False
            return all(plain_ts(c) for c in n.children() if c.is_named() and c.kind() != "comment")
        plain = plain_ts(node) and "//" not in node.text() and "/*" not in node.text()
    return "" if plain else "the value is conditional on a computed condition (a call or an assignment)"


def _condition_text(doc, node, negated: bool, python: bool) -> str:
    """The condition as written, or its negation (`!x`, `!(a !== b)`, `not x`, `not (a == b)`)."""
    text = doc.text[slice(*doc.span(node))]
    if not negated:
        return text
    if python:
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return doc.text[slice(*doc.span(node.operand))]
        return f"not {text}" if isinstance(node, (ast.Name, ast.Attribute)) else f"not ({text})"
    kind = node.kind()
    if kind == "unary_expression" and node.field("operator") is not None and node.field("operator").text() == "!":
        argument = node.field("argument")
        inner = [c for c in argument.children() if c.is_named()] \
            if argument.kind() == "parenthesized_expression" else []
        return inner[0].text() if len(inner) == 1 else argument.text()
    if kind == "parenthesized_expression" or re.fullmatch(r"[\w$]+(\??\.[\w$]+)*", text):
        return f"!{text}"
    return f"!({text})"


def _companion_exists(text: str, cls: str, binding, copies) -> bool:
    """A construction of `cls` in the file that names the owner (its binding) or, for a
    companion without a reference, gives the same owner arguments."""
    for m in re.finditer(rf"\b{cls}\s*\(", text):
        args = _companions.call_text(text, m.end() - 1)
        if binding is not None and re.search(rf"(?<![\w$.]){re.escape(binding)}(?![\w$])", args):
            return True
        if copies and all(t in args for _, t in copies.values()):
            return True
    return False


def _reindent(doc, span, indent: str) -> str:
    """The text of `span`, its continuation lines moved to sit under `indent` as they sat under
    their first line's indent, or the indent of a last line of closing brackets (`? {` … `}` under a
    ternary); left as written when a line break is inside a string."""
    start, end = span
    text = doc.text[start:end]
    if "\n" not in text or any(q in text for q in ('"""', "'''", "`")):
        return text
    line = doc.text[_secrets.line_start(doc.text, start):start]
    old = line[:len(line) - len(line.lstrip())]
    last = text.rsplit("\n", 1)[1]
    if last.strip() and not last.strip().strip("}])"):  # closing brackets on their own line: the
        old = last[:len(last) - len(last.lstrip())]  # block's own indentation (`? {` … `}` under a ternary)
    out = []
    for i, part in enumerate(text.split("\n")):
        if i and part.startswith(old):
            part = indent + part[len(old):]
        out.append(part)
    return "\n".join(out)


def _indent_unit(text: str) -> str:
    m = re.search(r"^( +)\S", text, re.M)
    return "    " if m and len(m.group(1)) % 4 == 0 and not re.search(r"^( {2}| {6})\S", text, re.M) else "  "
