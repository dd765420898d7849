"""IAC311 elasticache-encryption."""
from __future__ import annotations

import re

from iacfix.codemods import _construct_args as args_
from iacfix.codemods import _provider
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

_WANTED = {("elasticacheReplicationGroup", "ElasticacheReplicationGroup")}
_CDKTF_TRIGGER = re.compile(r"ElasticacheReplicationGroup|elasticacheReplicationGroup")
# jsii names → CloudFormation names
_CFN = {"atRestEncryptionEnabled": "AtRestEncryptionEnabled", "transitEncryptionEnabled": "TransitEncryptionEnabled",
        "automaticFailoverEnabled": "AutomaticFailoverEnabled", "multiAzEnabled": "MultiAZEnabled",
        "kmsKeyId": "KmsKeyId", "authToken": "AuthToken", "numCacheClusters": "NumCacheClusters",
        "replicasPerNodeGroup": "ReplicasPerNodeGroup"}
_ENCRYPTION = ("atRestEncryptionEnabled", "transitEncryptionEnabled")
_AVAILABILITY = ("automaticFailoverEnabled", "multiAzEnabled")


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _true(value) -> bool:
    return value is True or isinstance(value, str) and value.lower() == "true"


def _false(value) -> bool:
    return value is False or isinstance(value, str) and value.lower() == "false"


def plan(given: dict, present: set) -> tuple[list, list, list]:
    """What to add: (safe additions, unsafe additions, explicitly disabled) as jsii names.

    `given` maps jsii names to their literal values (`NOT_LITERAL` otherwise), `present` is every
    property written (a spread or `**kwargs` counts as everything)."""
    safe, unsafe, disabled = [], [], []
    for name in _ENCRYPTION:
        if name in given and _false(given[name]):
            disabled.append(name)
    if "atRestEncryptionEnabled" not in present:
        (safe if "kmsKeyId" in present else unsafe).append("atRestEncryptionEnabled")
    if "transitEncryptionEnabled" not in present:
        (safe if "authToken" in present else unsafe).append("transitEncryptionEnabled")
    clusters = _number(given.get("numCacheClusters"))
    replicas = _number(given.get("replicasPerNodeGroup"))
    if (clusters is not None and clusters >= 2) or (replicas is not None and replicas >= 1):
        if "automaticFailoverEnabled" not in present:
            # Multi-AZ cannot be enabled without automatic failover: adding it keeps the meaning
            multi = given.get("multiAzEnabled")
            (safe if _true(multi) else unsafe).append("automaticFailoverEnabled")
        if "multiAzEnabled" not in present:
            unsafe.append("multiAzEnabled")
    return safe, unsafe, disabled


class ElasticacheEncryption(Rule):
    """An ElastiCache replication group without encryption at rest and in transit (and, when it
    has replicas, without automatic failover and Multi-AZ).

    Seed 000 #3: the documentation promised "Redis with encryption" but the
    `ElasticacheReplicationGroup` had no encryption flags at all; the fix added
    `atRestEncryptionEnabled: 'true'` (a *string*: the provider types it so from 19.48.0),
    `transitEncryptionEnabled: true`, and, for its two cache clusters, `automaticFailoverEnabled`
    and `multiAzEnabled`.

    CDKTF (Python, TypeScript) `ElasticacheReplicationGroup` and CloudFormation
    `AWS::ElastiCache::ReplicationGroup`:

    - `at_rest_encryption_enabled` / `AtRestEncryptionEnabled` and `transit_encryption_enabled` /
      `TransitEncryptionEnabled` are added when missing;
    - `automatic_failover_enabled` and `multi_az_enabled` (`AutomaticFailoverEnabled`,
      `MultiAZEnabled`) are added when missing and the group has replicas: `num_cache_clusters`
      ≥ 2, or `replicas_per_node_group` ≥ 1 (literal values; a variable count is left alone);
    - CDKTF values use the type the target provider declares, read from the provider index:
      `at_rest_encryption_enabled` is a string (`"true"`) from provider-aws 19.48.0 (TF aws 5.82)
      and a boolean before; the others are booleans;
    - a wrongly typed literal on the group (`at_rest_encryption_enabled=True` for 19.48.0+,
      `auto_minor_version_upgrade=True`, which is always a string, or `"true"` for a boolean
      property) is coerced to the declared type: that fix is **safe**, the value the author meant
      is kept and the code did not compile or synthesise before.

    Applicability of the additions: **unsafe**. Encryption at rest cannot be changed on an existing
    group (Terraform and CloudFormation replace it: the cache is recreated empty), transit
    encryption makes clients that do not speak TLS fail to connect, and Multi-AZ changes the
    placement and cost. An addition the configuration itself requires is **safe**: at-rest
    encryption when a KMS key (`kms_key_id` / `KmsKeyId`) is given (the key is only accepted with
    it), transit encryption when an `auth_token` / `AuthToken` is given (AUTH needs TLS), automatic
    failover when Multi-AZ is already enabled (Multi-AZ requires it).

    Left alone: an encryption flag explicitly `false` is reported without a fix (a decision to
    revisit, not a typo); non-literal values; a call with `**kwargs` or an object with a spread
    (the missing settings may be in it) gets only the type coercions; `ElasticacheCluster` /
    `AWS::ElastiCache::CacheCluster` and serverless caches (always encrypted) are not checked.
    """

    id = "IAC311"
    slug = "elasticache-encryption"
    summary = "ElastiCache replication group without at-rest/in-transit encryption (and failover/Multi-AZ with replicas); flags typed for the target provider"
    rationale = "seed 000 #3 (replication group missing encryption and HA flags; atRestEncryptionEnabled is a string)"
    seeds = ("000#3",)
    languages = ("python", "typescript", "cloudformation")
    applicability = Applicability.UNSAFE
    examples = (
        Example("typescript", """\
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';

new ElasticacheReplicationGroup(this, 'redis', {
  replicationGroupId: 'cache',
  description: 'Redis cache',
  engine: 'redis',
  nodeType: 'cache.t4g.micro',
  numCacheClusters: 2,
});
""", """\
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';

new ElasticacheReplicationGroup(this, 'redis', {
  replicationGroupId: 'cache',
  description: 'Redis cache',
  engine: 'redis',
  nodeType: 'cache.t4g.micro',
  numCacheClusters: 2,
  atRestEncryptionEnabled: 'true',
  transitEncryptionEnabled: true,
  automaticFailoverEnabled: true,
  multiAzEnabled: true,
});
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.elasticache_replication_group import ElasticacheReplicationGroup

ElasticacheReplicationGroup(self, "redis", replication_group_id="cache", description="Redis cache",
                            node_type="cache.t3.micro", at_rest_encryption_enabled=True,
                            transit_encryption_enabled=True)
""", """\
from cdktf_cdktf_provider_aws.elasticache_replication_group import ElasticacheReplicationGroup

ElasticacheReplicationGroup(self, "redis", replication_group_id="cache", description="Redis cache",
                            node_type="cache.t3.micro", at_rest_encryption_enabled="true",
                            transit_encryption_enabled=True)
"""),
        # before provider 19.48.0 the flag is a boolean
        Example("python", """\
from cdktf_cdktf_provider_aws.elasticache_replication_group import ElasticacheReplicationGroup

ElasticacheReplicationGroup(self, "redis", replication_group_id="cache", description="Redis cache",
                            node_type="cache.t3.micro", kms_key_id=key.arn,
                            transit_encryption_enabled=True)
""", """\
from cdktf_cdktf_provider_aws.elasticache_replication_group import ElasticacheReplicationGroup

ElasticacheReplicationGroup(self, "redis", replication_group_id="cache", description="Redis cache",
                            node_type="cache.t3.micro", kms_key_id=key.arn,
                            transit_encryption_enabled=True,
                            at_rest_encryption_enabled=True)
""", options={"target": {"provider": "19.47.0"}}),
        Example("cloudformation", """\
Resources:
  Redis:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: cache
      Engine: redis
      CacheNodeType: cache.t3.micro
      NumCacheClusters: 2
""", """\
Resources:
  Redis:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: cache
      Engine: redis
      CacheNodeType: cache.t3.micro
      NumCacheClusters: 2
      AtRestEncryptionEnabled: true
      TransitEncryptionEnabled: true
      AutomaticFailoverEnabled: true
      MultiAZEnabled: true
"""),
        # valid
        Example("typescript", """\
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';

new ElasticacheReplicationGroup(this, 'redis', {
  replicationGroupId: 'cache', description: 'Redis', nodeType: 'cache.t3.micro',
  atRestEncryptionEnabled: 'true', transitEncryptionEnabled: true,
});
"""),
        # reported, not fixed: encryption explicitly disabled
        Example("cloudformation", """\
Resources:
  Redis:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: cache
      CacheNodeType: cache.t3.micro
      AtRestEncryptionEnabled: true
      TransitEncryptionEnabled: false
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return "AWS::ElastiCache::ReplicationGroup" in text
        return any(t in text for t in _provider.TRIGGERS) and bool(_CDKTF_TRIGGER.search(text))

    # -- CDKTF -------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        for resolved, struct, call, view in args_.py_constructs(doc, index, _WANTED):
            yield from self._cdktf(doc, index, struct, call, view, lambda v, q=view.quote(): args_.py_literal(v, q),
                                   doc.span(call.func))

    def check_typescript(self, doc, ctx):
        index = ctx.provider
        quote = doc.import_quote()
        for resolved, struct, new, view in args_.ts_constructs(doc, index, _WANTED):
            ctor = new.field("constructor")
            yield from self._cdktf(doc, index, struct, new, view, lambda v: args_.ts_literal(v, quote), doc.span(ctor))

    def _cdktf(self, doc, index, struct, node, view, render, where):
        source = doc.source
        props = index.props(struct)
        # coercions: a literal of the wrong primitive type (safe)
        for name, prop in props.items():
            value = view.get(prop)
            if value is None or value.literal is args_.NOT_LITERAL:
                continue
            shown = prop.py_name if doc.language == "python" else prop.name
            if prop.kind == "string" and isinstance(value.literal, bool):
                new = render("true" if value.literal else "false")
            elif prop.kind == "boolean" and isinstance(value.literal, str) and value.literal.lower() in ("true", "false"):
                new = render(value.literal.lower() == "true")
            else:
                continue
            yield source.finding(self, value.start, value.end,
                                 f"`{shown}` is a {prop.kind} in provider-aws {index.version}: write {new}",
                                 [source.edit(value.start, value.end, new)], Applicability.SAFE)
        given = {p.name: v.literal for p in props.values() if (v := view.get(p)) is not None}
        present = set(given) if not view.splat else set(props)
        safe, unsafe, disabled = plan(given, present)
        start, end = where
        for name in disabled:
            prop = props[name]
            shown = prop.py_name if doc.language == "python" else prop.name
            value = view.get(prop)
            yield source.finding(self, value.start, value.end,
                                 f"`{shown}` is disabled on this ElastiCache replication group: the cache is not "
                                 "encrypted (not changed automatically)")
        for names, applicability in ((safe, Applicability.SAFE), (unsafe, Applicability.UNSAFE)):
            items = []
            for name in names:
                prop = props.get(name)
                if prop is None:
                    continue  # not in this provider version
                value = "true" if prop.kind == "string" else True
                items.append((prop, render(value)))
            if not items:
                continue
            edits = view.add(items)
            shown = ", ".join(f"`{p.py_name if doc.language == 'python' else p.name}`" for p, _ in items)
            why = " (the configuration requires it)" if applicability is Applicability.SAFE else \
                " (unsafe: at-rest encryption replaces an existing group, TLS changes how clients connect)"
            yield source.finding(self, start, end,
                                 f"ElastiCache replication group without {shown}: add them{why}",
                                 edits, applicability) if edits is not None else \
                source.finding(self, start, end, f"ElastiCache replication group without {shown}")

    # -- CloudFormation ----------------------------------------------------------------------
    def check_cloudformation(self, doc, ctx):
        for name, resource in doc.resources.items():
            if not isinstance(resource, dict) or resource.get("Type") != "AWS::ElastiCache::ReplicationGroup":
                continue
            props = resource.get("Properties")
            if not isinstance(props, dict):
                continue
            path = ("Resources", name, "Properties")
            given = {}
            for jsii, cfn in _CFN.items():
                if cfn in props:
                    value = props[cfn]
                    given[jsii] = value if isinstance(value, (bool, str, int, float)) and \
                        getattr(value, "tag", None) is None else args_.NOT_LITERAL
            safe, unsafe, disabled = plan(given, set(given))
            key = doc.entry(("Resources", name))[0]
            start, end = doc.start(key), doc.start(key) + len(name)
            for jsii in disabled:
                node = doc.node(path + (_CFN[jsii],))
                yield doc.source.finding(self, doc.start(node), doc.end(node),
                                         f"`{_CFN[jsii]}` is false on `{name}`: the cache is not encrypted "
                                         "(not changed automatically)")
            for names, applicability in ((safe, Applicability.SAFE), (unsafe, Applicability.UNSAFE)):
                if not names:
                    continue
                edits = [doc.insert_entry(path, _CFN[n], True) for n in names]
                shown = ", ".join(f"`{_CFN[n]}`" for n in names)
                if any(e is None for e in edits) or _conflict(edits):
                    edits = [e for e in edits[:1] if e is not None] or None  # the rest on the next pass
                yield doc.source.finding(self, start, end, f"`{name}` has no {shown}: add them"
                                         + (" (the configuration requires it)" if applicability is Applicability.SAFE
                                            else " (unsafe: at-rest encryption replaces an existing group)"),
                                         edits, applicability)


def _conflict(edits) -> bool:
    """Two edits that replace text (an empty flow mapping filled twice) cannot both apply."""
    return any(e.start != e.end for e in edits) and len(edits) > 1
