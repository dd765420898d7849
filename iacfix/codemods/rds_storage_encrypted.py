"""IAC312 rds-storage-encrypted."""
from __future__ import annotations

import re

from iacfix.codemods import _construct_args as args_
from iacfix.codemods import _provider
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

_INSTANCE, _CLUSTER = ("dbInstance", "DbInstance"), ("rdsCluster", "RdsCluster")
_WANTED = {_INSTANCE, _CLUSTER}
_CDKTF_TRIGGER = re.compile(r"DbInstance|RdsCluster|dbInstance|rdsCluster")
# what makes the encryption come from somewhere else (jsii names; CloudFormation names)
_INHERITED = {
    _INSTANCE: ("replicateSourceDb", "snapshotIdentifier"),
    _CLUSTER: ("snapshotIdentifier", "replicationSourceIdentifier", "restoreToPointInTime"),
}
_CFN_INHERITED = {
    "AWS::RDS::DBInstance": ("DBClusterIdentifier", "SourceDBInstanceIdentifier", "DBSnapshotIdentifier",
                             "SourceDBClusterIdentifier", "SourceDbiResourceId"),
    "AWS::RDS::DBCluster": ("SnapshotIdentifier", "SourceDBClusterIdentifier", "ReplicationSourceIdentifier"),
}
# instance classes without encryption support (previous generations)
_NO_ENCRYPTION_CLASSES = ("db.m1.", "db.m2.", "db.t1.")


def _decide(kind: str, given: dict, present: set):
    """('skip' | 'report' | 'safe' | 'unsafe', reason) for a DB instance or cluster.

    `kind` is "instance" or "cluster"; `given`/`present` use the CloudFormation-neutral keys
    storage, kms, engine, engine_mode, instance_class, global, inherited."""
    storage = given.get("storage", None)
    if "storage" in present:
        if storage is False or isinstance(storage, str) and storage.lower() == "false":
            return "report", "`{storage}` is false: the database storage is not encrypted (not changed automatically)"
        return "skip", ""
    if "inherited" in present:
        return "skip", ""
    if kind == "instance":
        engine = given.get("engine")
        if isinstance(engine, str) and engine.lower().startswith("aurora"):
            return "skip", ""  # an Aurora member: the cluster decides
        klass = given.get("instance_class")
        if isinstance(klass, str) and klass.lower().startswith(_NO_ENCRYPTION_CLASSES):
            return "skip", ""
    else:
        mode = given.get("engine_mode")
        if isinstance(mode, str) and mode.lower() == "serverless":
            return "skip", ""  # Aurora Serverless v1 is always encrypted
        if "global" in present:
            return "report", ("no `{storage}` on a member of a global database: set it on the global cluster and "
                              "every member together (not changed automatically)")
    if "kms" in present:
        return "safe", "no `{storage}` although a KMS key is given (the key is used only with it): add `{storage}` = true"
    return "unsafe", ("no `{storage}`: the database storage is not encrypted; add `{storage}` = true "
                      "(unsafe: on an existing database this replaces it)")


class RdsStorageEncrypted(Rule):
    """An RDS DB instance or cluster whose storage is not encrypted.

    Seed 003 #3: the PostgreSQL `DbInstance` of a payments platform had no `storage_encrypted`;
    RDS then creates an unencrypted volume (the default for instances and provisioned clusters),
    which violates PCI-DSS/HIPAA/SOC 2 requirements for data at rest. The fix is
    `storage_encrypted=True`.

    CDKTF (Python, TypeScript) `DbInstance` and `RdsCluster` get `storage_encrypted=True` /
    `storageEncrypted: true`; CloudFormation `AWS::RDS::DBInstance` and `AWS::RDS::DBCluster`
    get `StorageEncrypted: true`, when the property is missing.

    Applicability: **unsafe**. Encryption cannot be switched on for an existing database:
    Terraform and CloudFormation replace it (a new, empty database unless it is restored from a
    snapshot). It is **safe** when a KMS key is given (`kms_key_id` / `KmsKeyId`): the key is only
    accepted together with `storage_encrypted = true`, so the author meant it (and the
    configuration fails without it).

    Left alone, because the encryption comes from elsewhere or cannot be set: read replicas
    (`replicate_source_db`, `SourceDBInstanceIdentifier`), restores from a snapshot or a point in
    time (`snapshot_identifier`, `restore_to_point_in_time`, `DBSnapshotIdentifier`,
    `SourceDBClusterIdentifier`), cross-region cluster replicas (`replication_source_identifier`),
    Aurora cluster members (`AWS::RDS::DBInstance` with `DBClusterIdentifier` or an `aurora*`
    engine: the cluster decides), Aurora Serverless v1 clusters (`engine_mode = "serverless"`:
    always encrypted), previous-generation instance classes without encryption (`db.m1`, `db.m2`,
    `db.t1`), calls with `**kwargs` or spreads. Reported without a fix: `storage_encrypted`
    explicitly false (a decision to revisit) and members of a global database
    (`global_cluster_identifier`: the global cluster and all members must agree).
    """

    id = "IAC312"
    slug = "rds-storage-encrypted"
    summary = "RDS DB instance or cluster without storage encryption: storage_encrypted / StorageEncrypted = true"
    rationale = "seed 003 #3 (DbInstance without storage_encrypted)"
    seeds = ("003#3",)
    languages = ("python", "typescript", "cloudformation")
    applicability = Applicability.UNSAFE
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance

db = DbInstance(self, "postgres",
    engine="postgres",
    instance_class="db.t3.micro",
    allocated_storage=20,
)
""", """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance

db = DbInstance(self, "postgres",
    engine="postgres",
    instance_class="db.t3.micro",
    allocated_storage=20,
    storage_encrypted=True,
)
"""),
        Example("typescript", """\
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';

new RdsCluster(this, 'aurora', { engine: 'aurora-postgresql', kmsKeyId: key.arn });
""", """\
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';

new RdsCluster(this, 'aurora', { engine: 'aurora-postgresql', kmsKeyId: key.arn, storageEncrypted: true });
"""),
        Example("cloudformation", """\
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: '20'
""", """\
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: '20'
      StorageEncrypted: true
"""),
        # valid: encrypted, an Aurora member, a read replica
        Example("cloudformation", """\
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-mysql, StorageEncrypted: true}
  Member:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: aurora-mysql, DBClusterIdentifier: !Ref Cluster, DBInstanceClass: db.r6g.large}
"""),
        Example("typescript", """\
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';

new DbInstance(this, 'replica', { replicateSourceDb: primary.identifier, instanceClass: 'db.t3.micro' });
"""),
        # reported, not fixed: explicitly unencrypted
        Example("python", """\
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

RdsCluster(self, "aurora", engine="aurora-mysql", storage_encrypted=False)
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return "AWS::RDS::DB" in text
        return any(t in text for t in _provider.TRIGGERS) and bool(_CDKTF_TRIGGER.search(text))

    # -- CDKTF -------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        for resolved, struct, call, view in args_.py_constructs(doc, ctx.provider, _WANTED):
            yield from self._cdktf(doc, ctx.provider, resolved, struct, view, doc.span(call.func),
                                   lambda v: args_.py_literal(v))

    def check_typescript(self, doc, ctx):
        for resolved, struct, new, view in args_.ts_constructs(doc, ctx.provider, _WANTED):
            yield from self._cdktf(doc, ctx.provider, resolved, struct, view, doc.span(new.field("constructor")),
                                   lambda v: args_.ts_literal(v))

    def _cdktf(self, doc, index, resolved, struct, view, where, render):
        if view.splat:
            return
        prop = index.prop(struct, "storageEncrypted")
        if prop is None:
            return
        names = {"storage": "storageEncrypted", "kms": "kmsKeyId", "engine": "engine", "engine_mode": "engineMode",
                 "instance_class": "instanceClass", "global": "globalClusterIdentifier"}
        given, present = {}, set()
        for key, jsii in names.items():
            p = index.prop(struct, jsii)
            value = view.get(p) if p is not None else None
            if value is not None:
                present.add(key)
                given[key] = value.literal
        for jsii in _INHERITED[resolved]:
            p = index.prop(struct, jsii)
            if p is not None and view.get(p) is not None:
                present.add("inherited")
        verdict, message = _decide("instance" if resolved == _INSTANCE else "cluster", given, present)
        shown = prop.py_name if doc.language == "python" else prop.name
        message = message.format(storage=shown)
        if verdict == "skip":
            return
        if verdict == "report":
            value = view.get(prop)
            start, end = (value.start, value.end) if value is not None else where
            yield doc.source.finding(self, start, end, f"{resolved[1]}: {message}")
            return
        edits = view.add([(prop, render(True))])
        yield doc.source.finding(self, *where, f"{resolved[1]}: {message}", edits,
                                 Applicability.SAFE if verdict == "safe" else Applicability.UNSAFE)

    # -- CloudFormation ----------------------------------------------------------------------
    def check_cloudformation(self, doc, ctx):
        names = {"storage": "StorageEncrypted", "kms": "KmsKeyId", "engine": "Engine", "engine_mode": "EngineMode",
                 "instance_class": "DBInstanceClass", "global": "GlobalClusterIdentifier"}
        for name, resource in doc.resources.items():
            kind = resource.get("Type") if isinstance(resource, dict) else None
            if kind not in _CFN_INHERITED:
                continue
            props = resource.get("Properties")
            if not isinstance(props, dict):
                continue
            given, present = {}, set()
            for key, cfn in names.items():
                if cfn in props:
                    present.add(key)
                    value = props[cfn]
                    given[key] = value if isinstance(value, (bool, str, int, float)) else args_.NOT_LITERAL
            if any(p in props for p in _CFN_INHERITED[kind]):
                present.add("inherited")
            verdict, message = _decide("instance" if kind == "AWS::RDS::DBInstance" else "cluster", given, present)
            if verdict == "skip":
                continue
            message = f"`{name}`: " + message.format(storage="StorageEncrypted")
            path = ("Resources", name, "Properties")
            if verdict == "report":
                node = doc.node(path + ("StorageEncrypted",))
                if node is None:
                    node = doc.entry(("Resources", name))[0]
                yield doc.source.finding(self, doc.start(node), doc.end(node), message)
                continue
            key = doc.entry(("Resources", name))[0]
            edit = doc.insert_entry(path, "StorageEncrypted", True)
            yield doc.source.finding(self, doc.start(key), doc.end(key), message,
                                     [edit] if edit is not None else None,
                                     Applicability.SAFE if verdict == "safe" else Applicability.UNSAFE)
