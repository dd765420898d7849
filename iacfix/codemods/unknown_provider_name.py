"""IAC112 unknown-provider-name."""
from __future__ import annotations

import ast
import keyword
import re
from functools import lru_cache

from iacfix.codemods import _provider
from iacfix.codemods._remove import remove_list_item
from iacfix.fixes import Applicability
from iacfix.knowledge.names import normalise, suggestions
from iacfix.knowledge.provider import ROOT_KINDS
from iacfix.rules import NAMES, Example, Rule

# Known renames the provider index cannot derive: names from AWS CDK, CloudFormation and the AWS
# console that generated code uses for resources Terraform (and so the bindings) names otherwise.
# (wrong prefix, right prefix), compared up to case and separators, applied only to a name that
# exists nowhere in the provider and only when the result exists; each target is checked against
# the index by the tests (`tests/test_unknown_provider_name.py`), so a provider that drops one
# fails a test instead of producing a wrong fix.
KNOWN_RENAMES: tuple[tuple[str, str], ...] = (
    # CloudFormation AWS::Events::*, AWS CDK aws-events (EventBridge); Terraform: aws_cloudwatch_event_*
    ("Eventbridge", "CloudwatchEvent"),
    ("Events", "CloudwatchEvent"),
    # CloudFormation AWS::Logs::*, CDK aws-logs; Terraform: aws_cloudwatch_log_*
    ("Logs", "Cloudwatch"),
    # CDK aws-rds / CloudFormation AWS::RDS::DBInstance, DBSubnetGroup, DBParameterGroup …;
    # Terraform: aws_db_*. (RdsCluster* are real Terraform names: they exist and are never touched.)
    ("Rds", "Db"),
    # CDK aws-elasticloadbalancingv2 (`elbv2`) and the ALB alias names; Terraform: aws_lb_*
    # (aws_alb_* are aliases of the same resources, aws_elb is the classic load balancer: untouched)
    ("Elbv2", "Lb"),
    ("Alb", "Lb"),
    ("ApplicationLoadBalancer", "Lb"),  # aws_lb defaults to load_balancer_type "application"
    ("ApplicationTargetGroup", "LbTargetGroup"),
    ("ApplicationListener", "LbListener"),
    # Terraform names EC2 and VPC resources without a service prefix (aws_instance,
    # aws_launch_template, aws_flow_log, aws_subnet); the prefixed ones that exist are untouched
    ("Ec2", ""),
    ("Vpc", ""),
    # CDK aws-stepfunctions / CloudFormation AWS::StepFunctions::*; Terraform: aws_sfn_*
    ("Stepfunctions", "Sfn"),
)

# generator suffixes and invented version suffixes dropped when the rest exists
_SUFFIXES = ("V2", "Struct", "A")
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")
_PY_CALL_SCOPE_ARGS = 2  # a construct call passes (scope, id) positionally; a struct call does not

SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE


def _pascal(leaf: str) -> str:
    """`cloudtrail-trail` / `cloudtrail_trail` / `rdsInstance` → `CloudtrailTrail` / `RdsInstance`."""
    parts = re.split(r"[-_]", leaf)
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


@lru_cache(maxsize=8)
def _catalogue(index) -> dict:
    """Every type of the provider: by normalised name → {name: (submodule, kind)}; root classes apart."""
    by_norm: dict[str, dict[str, tuple[str, str]]] = {}
    roots: list[str] = []
    for sub in index.submodules():
        for name in index.types(sub):
            kind = index.kind_of(sub, name)
            by_norm.setdefault(normalise(name), {}).setdefault(name, (sub, kind))
            if kind in ROOT_KINDS:
                roots.append(name)
    return {"by_norm": by_norm, "roots": tuple(roots)}


def exists_anywhere(index, name: str) -> bool:
    """`name` is a type of some submodule, or a suffix/casing slip the index corrects (then it is
    IAC101's or IAC110's business, not ours)."""
    return bool(index.modules_with_type(name)) or name in index.wrong_names()


def _matches(index, norm: str, root_only: bool) -> list[str]:
    found = _catalogue(index)["by_norm"].get(norm, {})
    return sorted(n for n, (_, kind) in found.items() if not root_only or kind in ROOT_KINDS)


class Candidates:
    """The answer for one unknown name: the names it may have meant, how they were found, and the fix's
    applicability (None: only a diagnostic)."""

    def __init__(self, names: list[str], how: str, applicability: Applicability | None, pool: int = 0):
        self.names, self.how, self.pool = names, how, pool
        self.applicability = applicability if len(names) == 1 else None

    @property
    def one(self) -> str | None:
        return self.names[0] if self.applicability is not None else None

    def describe(self) -> str:
        if not self.names:
            return ""
        if self.applicability is None:
            return "; did you mean " + " or ".join(f"`{n}`" for n in self.names) + f" ({self.how})?"
        return f"; the provider's name is `{self.names[0]}` ({self.how})"


def class_candidates(index, name: str, *, root_only: bool, namespace: str | None = None) -> Candidates:
    """Provider types an unknown `name` was probably meant to be (the first step that finds any):

    1. the same name up to case and separators (`CloudWatchLogGroup` → `CloudwatchLogGroup`);
    2. for `ns.Name` under an AWS-CDK-style namespace, the namespace as prefix
       (`rds.ClusterInstance` → `RdsClusterInstance`, `secretsmanager.Secret` → `SecretsmanagerSecret`);
    3. a known rename (`KNOWN_RENAMES`: `RdsInstance` → `DbInstance`, `EventbridgeRule` →
       `CloudwatchEventRule`, `Ec2LaunchTemplate` → `LaunchTemplate`);
    4. a generator or version suffix dropped (`S3BucketCorsConfigurationA`, `LbV2`, `…Struct`);
    5. a service word repeated at the end dropped (`CloudtrailTrail` → `Cloudtrail`,
       `CodepipelinePipeline` → `Codepipeline`);
    6. did-you-mean (`iacfix.knowledge.names.suggestions`) over the provider's construct classes —
       only for a name constructed with `new`/called with (scope, id), never for structs.

    Steps 1–5 are safe when they give one name; step 6 is unsafe (its pool is every resource, data
    source and provider class, about 2,200 names: a close name there is a guess, not a certainty).
    """
    norm = normalise(name)
    if not norm:
        return Candidates([], "", None)
    found = _matches(index, norm, root_only)
    if found:
        return Candidates(found, "same name up to case", SAFE)
    if namespace:
        found = _matches(index, normalise(namespace) + norm, root_only)
        if found:
            return Candidates(found, f"the `{namespace}` namespace as prefix", SAFE)
    found = []
    for wrong, right in KNOWN_RENAMES:
        w = normalise(wrong)
        if norm.startswith(w) and len(norm) >= len(w):
            found += _matches(index, normalise(right) + norm[len(w):], root_only)
    if found:
        return Candidates(sorted(set(found)), "known rename", SAFE)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            found += _matches(index, normalise(name[: -len(suffix)]), root_only)
    if found:
        return Candidates(sorted(set(found)), "suffix dropped", SAFE)
    words = _WORD.findall(name)
    if len(words) >= 2 and words[0].lower() != words[-1].lower() and words[0].lower().endswith(words[-1].lower()):
        found = _matches(index, normalise("".join(words[:-1])), root_only)
        if found:
            return Candidates(found, "repeated service word dropped", SAFE)
    if root_only:
        pool = _catalogue(index)["roots"]
        found = suggestions(name, pool)
        if found:
            return Candidates(found, "closest construct class", UNSAFE, len(pool))
    return Candidates([], "", None)


def module_candidates(index, leaf: str) -> Candidates:
    """For an unknown module leaf (`cloudtrail-trail`, `eventbridge_rule`, `rdsInstance`): the submodules
    whose construct class its name was meant to be (`class_candidates` on the leaf as a class name)."""
    found = class_candidates(index, _pascal(leaf), root_only=True)
    subs = sorted({_catalogue(index)["by_norm"][normalise(n)][n][0] for n in found.names})
    return Candidates(subs, found.how, found.applicability, found.pool)


def member_in_module(index, submodule: str, old_prefix: str, new_prefix: str, name: str) -> str | None:
    """A name imported from a wrong module path, in the right module: itself, or with the old module's
    class prefix replaced by the new one (`CloudtrailTrailEventSelector` → `CloudtrailEventSelector`)."""
    if index.has_type(submodule, name):
        return name
    if old_prefix and name.startswith(old_prefix):
        renamed = new_prefix + name[len(old_prefix):]
        if index.has_type(submodule, renamed):
            return renamed
    found = class_candidates(index, name, root_only=False)
    return found.one if found.one and index.has_type(submodule, found.one) else None


def _root_class(index, submodule: str) -> str | None:
    roots = [t for t in index.types(submodule) if index.kind_of(submodule, t) in ROOT_KINDS]
    return roots[0] if len(roots) == 1 else None


def in_module_candidates(index, submodule: str, name: str, constructed: bool) -> Candidates:
    """An unknown name imported from a module that exists: the global steps first (`RdsInstance` from
    `lib/db-instance`), then did-you-mean among that module's own types (a pool of one module, so a
    unique answer is safe), then — for a constructed name — the module's one construct class (unsafe:
    the module path is the only evidence)."""
    found = class_candidates(index, name, root_only=constructed)
    if found.names and found.how != "closest construct class":
        return found
    pool = [t for t in index.types(submodule)
            if not constructed or index.kind_of(submodule, t) in ROOT_KINDS]
    local = suggestions(name, pool)
    if local:
        return Candidates(local, "closest name in the module", SAFE, len(pool))
    if constructed:
        root = _root_class(index, submodule)
        if root:
            return Candidates([root], "the module's construct class", UNSAFE, 1)
    return found


def untyped_block(index, submodule: str, name: str) -> tuple[str, object] | None:
    """(owner class or struct, property) when `name` is the struct an untyped (`any`) property would
    have had, or one nested below it (`Wafv2WebAclRuleStatement…`: `Wafv2WebAclRule.statement`)."""
    owner = max((t for t in index.types(submodule)
                 if name.startswith(t) and t != name and index.params_struct(submodule, t)), key=len, default=None)
    if owner is None:
        return None
    words = [w.lower() for w in _WORD.findall(name[len(owner):])]
    props = index.props(index.params_struct(submodule, owner))
    for k in range(len(words), 0, -1):
        prop = props.get(words[0] + "".join(w.title() for w in words[1:k]))
        if prop is not None:
            return (owner, prop) if prop.kind == "any" else None
    return None


def struct_hint(index, submodule: str, name: str, python: bool = True) -> str:
    """For an unknown struct name (`DynamodbTableStreamSpecification`): what the nearest real
    struct declares instead (`stream_enabled`, `stream_view_type`), or that the block is untyped."""
    types = index.types(submodule)
    owner = max((t for t in types if name.startswith(t) and t != name and index.params_struct(submodule, t)),
                key=len, default=None)
    if owner is None:
        return ""
    struct = index.params_struct(submodule, owner)
    rest = name[len(owner):]
    words = [w.lower() for w in _WORD.findall(rest)]
    if not words:
        return ""
    props = index.props(struct)
    for k in range(len(words), 0, -1):  # the longest run of words that is a property
        jsii = words[0] + "".join(w.title() for w in words[1:k])
        prop = props.get(jsii)
        if prop is not None and prop.struct is None:
            shown = prop.py_name if python else prop.name
            if prop.kind != "any":
                return f"; `{owner}.{shown}` is a `{prop.kind}` value, not a block"
            return (f"; `{owner}.{shown}` is untyped (`any`) in provider-aws {index.version}: "
                    f"pass a plain {'dict' if python else 'object'} with Terraform's snake_case keys")
    jsii = words[0] + "".join(w.title() for w in words[1:])
    label = "`%s`" % owner
    similar = [p.py_name if python else p.name for p in props.values()
               if p.name.lower().startswith(words[0]) and p.name != jsii]
    if similar:
        return f"; {label} declares " + ", ".join(f"`{s}`" for s in similar) + " instead"
    return f"; {label} declares no `{'_'.join(words)}`"


# -- edits shared by both languages ------------------------------------------------------------------

def _find_word(text: str, word: str, start: int, end: int) -> int:
    m = re.compile(r"(?<![\w$])%s(?![\w$])" % re.escape(word)).search(text, start, end)
    return m.start() if m else -1


def _used_elsewhere(text: str, name: str, statements: list[tuple[int, int]]) -> bool:
    """`name` occurs as a word outside the given import statements (code, annotations, strings)."""
    for m in re.finditer(r"(?<![\w$.])%s(?![\w$])" % re.escape(name), text):
        if not any(s <= m.start() < e for s, e in statements):
            return True
    return False


class UnknownProviderName(Rule):
    """A provider module, class or struct name that does not exist in the provider at all.

    Generated code names provider types after AWS CDK, CloudFormation or the console
    (`EventbridgeRule`, `RdsInstance`, `elbv2.ApplicationLoadBalancer`, `CloudtrailTrail`,
    `@cdktf/provider-aws/lib/vpc-flow-log`), invents suffixes (`…V2`, an `A` the module does not
    have) or miscases them (`CloudWatchLogGroup`, `ApiGatewayV2Api`). Python fails with `ImportError` /
    `ModuleNotFoundError`, TypeScript with TS2305/TS2307/TS2724. tsc's own "did you mean" is a plain
    edit distance over the module's exports and is often wrong (`CodepipelinePipeline` → `datapipelinePipeline`;
    the resource is `Codepipeline`).

    **Candidates** come from the provider index of the target version, in order (the first step
    that finds any wins; see `class_candidates`): the same name up to case and separators; under an
    AWS-CDK-style namespace, the namespace as prefix (`rds.ClusterInstance` → `RdsClusterInstance`);
    a small table of known renames (`KNOWN_RENAMES`, each entry documented with its origin and
    tested to exist in the index); a dropped `V2`/`A`/`Struct` suffix; a service word repeated at
    the end dropped (`CloudtrailTrail` → `Cloudtrail`, `CodepipelinePipeline` → `Codepipeline`);
    last, did-you-mean (`iacfix.knowledge.names`: case/separators, plural, then Damerau-Levenshtein
    ≤ 1 edit up to 8 characters, ≤ 2 above, nothing under 4) over the construct classes only —
    for a name that is constructed (`new X(`, Python `X(scope, id, …)`), a pool of about 2,200
    resource, data-source and provider classes. A name imported from a module that exists is
    compared with that module's own types first (a pool of one module), and a constructed one
    falls back to the module's single construct class.

    **A module path that does not exist** (`lib/cloudtrail-trail`, `cdktf_cdktf_provider_aws.eventbridge_rule`,
    the root namespace `rdsInstance`) is mapped the same way, from its name as a class name; the
    import moves to the right module and every imported name follows (`CloudtrailTrailEventSelector`
    → `CloudtrailEventSelector`), with every use in the file. The fix is made only when every name
    imported from that path has a home in the new module.

    **Applicability.** Safe when there is exactly one candidate from steps one to five, or a unique
    did-you-mean among one module's types: the same Terraform resource, under its real name
    (`ApplicationLoadBalancer` → `Lb` is the same `aws_lb`, whose default type is `application`;
    `Ec2LaunchTemplate` → `LaunchTemplate`, `RdsInstance` → `DbInstance`). Unsafe for the
    global did-you-mean and for "the module's construct class" (`S3BucketEncryption` imported from
    `lib/s3-bucket-server-side-encryption-configuration` → `S3BucketServerSideEncryptionConfigurationA`):
    plausible, but a guess. An unknown name that is imported and never used is removed from the
    import (safe: it can only fail). A Python struct that does not exist because its block is
    untyped (`any`) in the target version (`Wafv2WebAclRuleStatement…`: `Wafv2WebAclRule.statement`
    in provider 21) has its keyword-only calls turned into dicts with the same keys — Terraform's
    snake_case, which an untyped block passes through as written — and leaves the import (safe;
    refused when a use is anything but such a call). Otherwise a diagnostic that lists the
    candidates, or for a struct what the resource declares instead
    (`DynamodbTableStreamSpecification`: `DynamodbTable` declares `stream_enabled`,
    `stream_view_type`).

    **Not this rule:** a name that exists in the provider but is imported from the wrong place
    (IAC110), or that misses the generator's `A`/`Struct` suffix or the capital after a digit
    (`S3controlBucket`: IAC101, from the index's rename tables), or is never imported
    (IAC111). After a rename here the engine's fixpoint lets those rules finish the import
    (`import { CodepipelinePipeline } from '@cdktf/provider-aws'` → `Codepipeline` here, then its
    submodule import there). AWS-CDK namespaces whose members all exist (`ec2.Vpc`) and unknown
    module paths whose names all exist (`import { Vpc } from '…/lib/ec2'`) are IAC110's; only
    unknown members are renamed here. Refused: names under 4 characters for distance
    matches, ties, module rewrites where one imported name has no home, and removals that would
    delete a comment.
    """

    id = "IAC112"
    slug = "unknown-provider-name"
    summary = "Provider module, class or struct name that does not exist in the provider (did-you-mean from the index)"
    rationale = ("issue 6 family 2: CDK/CloudFormation names (EventbridgeRule, RdsInstance, elbv2), invented "
                 "module paths (lib/cloudtrail-trail, lib/vpc-flow-log), …V2 suffixes and miscasing")
    languages = ("python", "typescript")
    phase = NAMES
    triggers = _provider.TRIGGERS
    examples = (
        Example("typescript", """\
import { CloudtrailTrail } from '@cdktf/provider-aws/lib/cloudtrail-trail';

const trail: CloudtrailTrail = new CloudtrailTrail(this, 'trail', { name: 'audit', s3BucketName: 'logs' });
""", """\
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';

const trail: Cloudtrail = new Cloudtrail(this, 'trail', { name: 'audit', s3BucketName: 'logs' });
"""),
        Example("typescript", """\
import { rdsInstance } from '@cdktf/provider-aws';

new rdsInstance.RdsInstance(this, 'db', { instanceClass: 'db.t3.micro', engine: 'postgres' });
""", """\
import { dbInstance } from '@cdktf/provider-aws';

new dbInstance.DbInstance(this, 'db', { instanceClass: 'db.t3.micro', engine: 'postgres' });
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.eventbridge_rule import EventbridgeRule

EventbridgeRule(self, "nightly", schedule_expression="rate(1 day)")
""", """\
from cdktf_cdktf_provider_aws.cloudwatch_event_rule import CloudwatchEventRule

CloudwatchEventRule(self, "nightly", schedule_expression="rate(1 day)")
"""),
        # imported, never used, exists nowhere: removed
        Example("python", """\
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableStreamSpecification

DynamodbTable(self, "t", name="t", hash_key="id", stream_enabled=True, stream_view_type="NEW_IMAGE")
""", """\
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable

DynamodbTable(self, "t", name="t", hash_key="id", stream_enabled=True, stream_view_type="NEW_IMAGE")
"""),
        # used: no candidate, a diagnostic saying what the resource declares
        Example("python", """\
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableStreamSpecification

DynamodbTable(self, "t", name="t", hash_key="id",
              stream_specification=DynamodbTableStreamSpecification(stream_view_type="NEW_IMAGE"))
""", reported=True),
        # an untyped block: the struct calls become dicts
        Example("python", """\
from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclRuleStatement

Wafv2WebAclRule(name="limit", priority=1, visibility_config=visibility,
                statement=Wafv2WebAclRuleStatement(rate_based_statement={"limit": 2000}))
""", """\
from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule

Wafv2WebAclRule(name="limit", priority=1, visibility_config=visibility,
                statement={"rate_based_statement": {"limit": 2000}})
"""),
        # valid names are never touched
        Example("typescript", """\
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { dbInstance } from '@cdktf/provider-aws';
"""),
    )

    # -- Python --------------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        seen: set[str] = set()

        def module_once(module, stmt, quiet=False):
            if module not in seen:
                seen.add(module)
                yield from self._py_module(doc, index, module, stmt, quiet)

        for stmt in doc.import_statements:
            if isinstance(stmt, ast.ImportFrom):
                if stmt.level or not stmt.module:
                    continue
                parts = stmt.module.split(".")
                if parts[0] not in _provider.PY_ROOTS or len(parts) > 2:
                    continue
                if len(parts) == 2 and index.module_for_python(parts[1]) is None:
                    if stmt.names[0].name != "*":
                        yield from module_once(stmt.module, stmt)
                    continue
                submodule = index.module_for_python(parts[1]) if len(parts) == 2 else None
                for i, alias in enumerate(stmt.names):
                    if alias.name == "*":
                        continue
                    if submodule is None:  # from the package root
                        if index.module_for_python(alias.name) or exists_anywhere(index, alias.name):
                            continue
                        if alias.name[:1].islower():
                            # AWS-CDK namespaces with no candidate (`iam`) are IAC110's
                            yield from module_once(f"{stmt.module}.{alias.name}", stmt, quiet=True)
                            continue
                    elif (index.has_type(submodule, alias.name) or index.rename(submodule, alias.name)
                          or index.ambiguous_rename(submodule, alias.name) or exists_anywhere(index, alias.name)):
                        continue
                    yield from self._py_name(doc, index, stmt, i, submodule)
            else:
                for alias in stmt.names:
                    parts = alias.name.split(".")
                    if len(parts) == 2 and parts[0] in _provider.PY_ROOTS and index.module_for_python(parts[1]) is None:
                        yield from module_once(alias.name, stmt)

    def _py_uses(self, doc, qualified: str):
        """Name/Attribute nodes whose resolved qualified name is `qualified` (imports excluded)."""
        for node in doc.names:
            if doc.imports.resolve(node) == qualified:
                yield node
        for node in doc.attributes:
            if doc.imports.resolve(node) == qualified:
                yield node

    def _py_constructed(self, doc, nodes) -> bool:
        ids = {id(n) for n in nodes}
        return any(id(c.func) in ids and len(c.args) >= _PY_CALL_SCOPE_ARGS for c in doc.calls)

    def _py_rename_edits(self, doc, node, new: str):
        source = doc.source
        if isinstance(node, ast.Attribute):
            start, end = doc.attr_span(node)
            return [source.edit(start, end, new)] if source.text[start:end] == node.attr else None
        return [source.edit(*doc.span(node), new)]

    def _py_name(self, doc, index, stmt, i, submodule):
        """An unknown name in `from <module> import Name`."""
        source = doc.source
        alias = stmt.names[i]
        qualified = f"{stmt.module}.{alias.name}"
        local = alias.asname or alias.name
        start, _ = doc.span(alias)
        span = (start, start + len(alias.name))
        statements = [doc.span(s) for s in doc.import_statements]
        uses = list(self._py_uses(doc, qualified))
        where = f"`{index.python_leaf(submodule)}`" if submodule else "the package root"
        head = f"`{alias.name}` does not exist in {where} of provider-aws {index.version}"
        if not uses and not _used_elsewhere(source.text, local, statements):
            edits = remove_list_item(source, [doc.span(a) for a in stmt.names], i, doc.span(stmt), "#")
            yield source.finding(self, *span, head + "; it is not used, so the import is removed", edits)
            return
        constructed = self._py_constructed(doc, uses)
        found = (in_module_candidates(index, submodule, alias.name, constructed) if submodule
                 else class_candidates(index, alias.name, root_only=constructed))
        if found.one is None:
            hint = found.describe() or (struct_hint(index, submodule, alias.name) if submodule else "")
            block = untyped_block(index, submodule, alias.name) if submodule and not found.names else None
            edits = self._py_dicts(doc, stmt, i, uses) if block else None
            yield source.finding(self, *span, head + hint + ("; the calls become dicts" if edits else ""), edits)
            return
        edits = [source.edit(*span, found.one)]
        if alias.asname is None and doc.imports.names.get(found.one) == f"{stmt.module}.{found.one}":
            # the right name is imported already: this one goes instead of becoming a duplicate
            edits = remove_list_item(source, [doc.span(a) for a in stmt.names], i, doc.span(stmt), "#")
            if edits is None:
                yield source.finding(self, *span, head + found.describe())
                return
        if alias.asname is None:
            for node in uses:
                more = self._py_rename_edits(doc, node, found.one)
                if more is None:
                    return
                edits += more
        yield source.finding(self, *span, head + found.describe(), edits, found.applicability)

    def _py_dicts(self, doc, stmt, i, uses):
        """Every use a keyword-only call `Name(k=v, …)` → `{"k": v, …}`, and the import goes; None
        when a use is anything else (an annotation, a positional or `**` argument)."""
        source, text = doc.source, doc.text
        calls = {id(c.func): c for c in doc.calls}
        edits = []
        for node in uses:
            call = calls.get(id(node))
            if call is None or call.args or any(kw.arg is None for kw in call.keywords):
                return None
            _, func_end = doc.span(node)
            call_start, call_end = doc.span(call)
            paren = text.find("(", func_end)
            if paren < 0 or text[func_end:paren].strip() or text[call_end - 1] != ")":
                return None
            edits += [source.edit(call_start, paren + 1, "{"), source.edit(call_end - 1, call_end, "}")]
            for kw in call.keywords:
                k_start, _ = doc.span(kw)
                eq = text.find("=", k_start)
                key = kw.arg[:-1] if kw.arg.endswith("_") and keyword.iskeyword(kw.arg[:-1]) else kw.arg
                space = "" if text[eq + 1:eq + 2].isspace() else " "
                edits.append(source.edit(k_start, eq + 1, f'"{key}":{space}'))
        removal = remove_list_item(source, [doc.span(a) for a in stmt.names], i, doc.span(stmt), "#")
        return None if removal is None else edits + removal

    def _py_module(self, doc, index, module: str, stmt, quiet: bool = False):
        """An unknown module `root.leaf`, in any import form: the import, its names and their uses move."""
        source, text = doc.source, doc.text
        root, _, leaf = module.partition(".")
        names = {a.name for o in doc.import_statements if isinstance(o, ast.ImportFrom) and o.module == module
                 for a in o.names}
        for node in doc.attributes:
            qualified = doc.imports.resolve(node)
            if qualified and qualified.startswith(module + ".") and qualified.count(".") == module.count(".") + 1:
                names.add(node.attr)
        if names and all(exists_anywhere(index, n) for n in names):
            return  # real names from a wrong module: IAC110's
        found = module_candidates(index, leaf)
        where = f"`{module}` is not a module of provider-aws {index.version}"
        start, end = doc.span(stmt)
        at = _find_word(text, leaf, start, end)
        if at < 0:
            return
        span = (at, at + len(leaf))
        if found.one is None:
            if not quiet or found.names:
                yield source.finding(self, *span, where + found.describe())
            return
        target = found.one
        new_leaf = index.python_leaf(target)
        old_prefix, new_prefix = _pascal(leaf), _root_class(index, target) or ""
        edits = []
        renames: dict[str, str] = {}

        def member(name: str) -> str | None:
            if name not in renames:
                renames[name] = member_in_module(index, target, old_prefix, new_prefix, name)
            return renames[name]

        for other in doc.import_statements:  # every import of this module, in whatever form
            o_start, o_end = doc.span(other)
            if isinstance(other, ast.ImportFrom) and other.module == module:
                m_at = _find_word(text, leaf, o_start, o_end)
                edits.append(source.edit(m_at, m_at + len(leaf), new_leaf))
                for alias in other.names:
                    right = member(alias.name) if alias.name != "*" else alias.name
                    if right is None:
                        yield source.finding(self, *span, f"{where}; the module would be "
                                             f"`{index.python_module(target)}`, which has no `{alias.name}`: not moved")
                        return
                    if right != alias.name:
                        a_start, _ = doc.span(alias)
                        edits.append(source.edit(a_start, a_start + len(alias.name), right))
            elif isinstance(other, ast.ImportFrom) and other.module == root:
                for alias in other.names:
                    if alias.name == leaf:
                        a_start, _ = doc.span(alias)
                        edits.append(source.edit(a_start, a_start + len(leaf), new_leaf))
            elif isinstance(other, ast.Import):
                for alias in other.names:
                    if alias.name == module:
                        a_start, _ = doc.span(alias)
                        m_at = _find_word(text, leaf, a_start, o_end)
                        edits.append(source.edit(m_at, m_at + len(leaf), new_leaf))
        for node in doc.names + doc.attributes:
            qualified = doc.imports.resolve(node)
            if not qualified or not (qualified == module or qualified.startswith(module + ".")):
                continue
            rest = qualified[len(module):]
            if rest == "":  # the module itself: `leaf` bound by `from root import leaf`, or `root.leaf`
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name == leaf:
                    edits += self._py_rename_edits(doc, node, new_leaf) or []
            elif rest.count(".") == 1 and rest.startswith("."):
                name = rest[1:]
                local = node.id if isinstance(node, ast.Name) else node.attr
                right = member(name)
                if right is None:
                    yield source.finding(self, *span, f"{where}; the module would be "
                                         f"`{index.python_module(target)}`, which has no `{name}`: not moved")
                    return
                if right != name and local == name:
                    more = self._py_rename_edits(doc, node, right)
                    if more is None:
                        return
                    edits += more
        message = f"{where}; the module is `{index.python_module(target)}` ({found.how})"
        yield source.finding(self, *span, message, edits, found.applicability)

    # -- TypeScript ----------------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        for stmt in list(doc.imports.statements):
            raw = _module_text(stmt)
            if raw is None:
                continue
            spec = raw[1:-1]
            package = next((p for p in _provider.TS_PACKAGES if spec == p or spec.startswith(p + "/")), None)
            if package is None:
                continue
            clause = next((c for c in stmt.children() if c.kind() == "import_clause"), None)
            if clause is None:
                continue
            specs = clause.find_all(kind="import_specifier")
            namespace = clause.find(kind="namespace_import")
            if spec == package:
                for i, node in enumerate(specs):
                    name = node.field("name").text()
                    if index.module_for_ts_namespace(name) or exists_anywhere(index, name):
                        continue
                    if name[:1].islower():
                        yield from self._ts_namespace(doc, index, stmt, specs, i)
                    else:
                        yield from self._ts_name(doc, index, stmt, specs, i, None)
                continue
            if not spec.startswith(package + "/lib/"):
                continue
            leaf = spec[len(package) + 5:].removesuffix(".js").removesuffix("/index")
            submodule = index.module_for_ts(leaf)
            if submodule is None:
                yield from self._ts_module(doc, index, stmt, leaf, specs, namespace)
                continue
            for i, node in enumerate(specs):
                name = node.field("name").text()
                if (index.has_type(submodule, name) or index.rename(submodule, name)
                        or index.ambiguous_rename(submodule, name) or exists_anywhere(index, name)):
                    continue
                yield from self._ts_name(doc, index, stmt, specs, i, submodule)

    @staticmethod
    def _ts_uses(doc, local: str):
        """Identifiers naming the import binding `local` (not the import itself, not `obj.local`)."""
        pattern = "^%s$" % re.escape(local)
        for kind in ("identifier", "type_identifier"):
            for node in doc.root.find_all(kind=kind, regex=pattern):
                parent = node.parent()
                if parent is not None and parent.kind() in ("import_specifier", "namespace_import", "import_clause"):
                    continue
                yield node

    @staticmethod
    def _ts_members(doc, local: str):
        """(member node, its parent) for every `local.Member` in values and types."""
        for node in UnknownProviderName._ts_uses(doc, local):
            parent = node.parent()
            if parent is None:
                continue
            if parent.kind() == "member_expression" and parent.field("object") == node:
                member = parent.field("property")
            elif parent.kind() in ("nested_type_identifier", "nested_identifier"):
                named = [c for c in parent.children() if c.is_named()]
                member = named[1] if len(named) == 2 and named[0] == node else None
            else:
                member = None
            if member is not None:
                yield member, parent

    @staticmethod
    def _ts_constructed(node) -> bool:
        parent = node.parent()
        return parent is not None and parent.kind() == "new_expression" and parent.field("constructor") == node

    def _ts_name(self, doc, index, stmt, specs, i, submodule):
        """An unknown class in a named import (from a lib module, or from the package root)."""
        source = doc.source
        node = specs[i]
        name_node, alias = node.field("name"), node.field("alias")
        name = name_node.text()
        local = (alias or name_node).text()
        span = doc.span(name_node)
        where = f"`lib/{index.ts_leaf(submodule)}`" if submodule else "the package root"
        head = f"`{name}` is not exported by {where} of provider-aws {index.version}"
        statements = [doc.span(s) for s in doc.imports.statements]
        uses = list(self._ts_uses(doc, local))
        if not uses and not _used_elsewhere(source.text, local, statements):
            edits = remove_list_item(source, [doc.span(s) for s in specs], i, doc.span(stmt), "//")
            yield source.finding(self, *span, head + "; it is not used, so the import is removed", edits)
            return
        constructed = any(self._ts_constructed(u) for u in uses)
        found = (in_module_candidates(index, submodule, name, constructed) if submodule
                 else class_candidates(index, name, root_only=constructed))
        if found.one is None:
            hint = found.describe() or (struct_hint(index, submodule, name, python=False) if submodule else "")
            yield source.finding(self, *span, head + hint)
            return
        edits = [source.edit(*span, found.one)]
        module = _module_text(stmt)[1:-1]
        if alias is None and doc.imports.names.get(found.one) == (module, found.one):
            # the right name is imported already: this one goes instead of becoming a duplicate
            edits = remove_list_item(source, [doc.span(s) for s in specs], i, doc.span(stmt), "//")
            if edits is None:
                yield source.finding(self, *span, head + found.describe())
                return
        if alias is None:
            edits += [source.edit(*doc.span(u), found.one) for u in uses]
        yield source.finding(self, *span, head + found.describe(), edits, found.applicability)

    def _ts_namespace(self, doc, index, stmt, specs, i):
        """`import { rdsInstance } from '@cdktf/provider-aws'`: an unknown root namespace."""
        source = doc.source
        node = specs[i]
        name_node, alias = node.field("name"), node.field("alias")
        name = name_node.text()
        local = (alias or name_node).text()
        span = doc.span(name_node)
        head = f"`{name}` is not a namespace of provider-aws {index.version}"
        statements = [doc.span(s) for s in doc.imports.statements]
        members = list(self._ts_members(doc, local))
        if not members:
            if not _used_elsewhere(source.text, local, statements):
                edits = remove_list_item(source, [doc.span(s) for s in specs], i, doc.span(stmt), "//")
                yield source.finding(self, *span, head + "; it is not used, so the import is removed", edits)
            return
        found = module_candidates(index, name)
        target = found.one
        renames: dict[str, str | None] = {}
        for member, parent in members:
            m = member.text()
            if m in renames:
                continue
            if target:
                renames[m] = member_in_module(index, target, _pascal(name), _root_class(index, target) or "", m)
            if renames.get(m) is None:
                renames[m] = None if exists_anywhere(index, m) else class_candidates(
                    index, m, root_only=self._ts_constructed(parent), namespace=name).one
        if target and all(index.has_type(target, r) for r in renames.values() if r):
            if all(renames.values()):
                edits = [source.edit(*span, target)]
                if alias is None:
                    edits += [source.edit(*doc.span(u), target) for u in self._ts_uses(doc, local)]
                edits += [source.edit(*doc.span(mem), renames[mem.text()]) for mem, _ in members
                          if renames[mem.text()] != mem.text()]
                yield source.finding(self, *span, f"{head}; the namespace is `{target}` ({found.how})",
                                     edits, found.applicability)
                return
        # an AWS-CDK-style namespace (IAC110's): only its unknown members are renamed here
        for member, parent in members:
            m = member.text()
            if exists_anywhere(index, m):
                continue
            cands = class_candidates(index, m, root_only=self._ts_constructed(parent), namespace=name)
            msg = f"`{name}.{m}` does not exist in provider-aws {index.version}"
            if cands.one is None:
                yield source.finding(self, *doc.span(member), msg + cands.describe())
            else:
                yield source.finding(self, *doc.span(member), msg + cands.describe(),
                                     [source.edit(*doc.span(member), cands.one)], cands.applicability)

    def _ts_module(self, doc, index, stmt, leaf, specs, namespace):
        """`import { X } from '@cdktf/provider-aws/lib/<leaf>'` (or `* as ns`) for a leaf that does not exist."""
        source = doc.source
        names = [n.field("name").text() for n in specs]
        if namespace is not None:
            ident = namespace.find(kind="identifier")
            names += [m.text() for m, _ in self._ts_members(doc, ident.text())] if ident else []
        if names and all(exists_anywhere(index, n) for n in names):
            return  # real names from a wrong module: IAC110's
        found = module_candidates(index, leaf)
        raw = stmt.field("source")
        head = f"`lib/{leaf}` is not a module of provider-aws {index.version}"
        span = doc.span(raw)
        if found.one is None:
            yield source.finding(self, *span, head + found.describe())
            return
        target = found.one
        old_prefix, new_prefix = _pascal(leaf), _root_class(index, target) or ""
        text = raw.text()
        at = text.rfind(leaf)
        start = span[0] + at
        edits = [source.edit(start, start + len(leaf), index.ts_leaf(target))]
        pairs = []
        if namespace is not None:
            ident = namespace.find(kind="identifier")
            pairs = [(m, m.text()) for m, _ in self._ts_members(doc, ident.text())] if ident else []
        for node in specs:
            name_node, alias = node.field("name"), node.field("alias")
            right = member_in_module(index, target, old_prefix, new_prefix, name_node.text())
            if right is None:
                yield source.finding(self, *span, f"{head}; the module would be `lib/{index.ts_leaf(target)}`, "
                                     f"which has no `{name_node.text()}`: not moved")
                return
            if right != name_node.text():
                edits.append(source.edit(*doc.span(name_node), right))
                if alias is None:
                    edits += [source.edit(*doc.span(u), right) for u in self._ts_uses(doc, name_node.text())]
        for member, name in pairs:
            right = member_in_module(index, target, old_prefix, new_prefix, name)
            if right is None:
                yield source.finding(self, *span, f"{head}; the module would be `lib/{index.ts_leaf(target)}`, "
                                     f"which has no `{name}`: not moved")
                return
            if right != name:
                edits.append(source.edit(*doc.span(member), right))
        yield source.finding(self, *span, f"{head}; the module is `lib/{index.ts_leaf(target)}` ({found.how})",
                             edits, found.applicability)


def _module_text(stmt):
    node = stmt.field("source")
    return node.text() if node is not None and len(node.text()) >= 2 else None
