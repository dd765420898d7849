"""IAC324 db-subnet-group."""
from __future__ import annotations

import re

from iacfix.codemods import _provider, _secrets
from iacfix.codemods import _resource_args as ra
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

WANTED = {("dbInstance", "DbInstance"): "db", ("rdsCluster", "RdsCluster"): "db",
          ("dbSubnetGroup", "DbSubnetGroup"): "group"}
_TRIGGER = re.compile(r"DbInstance|dbInstance|RdsCluster|rdsCluster")
_CFN_DB = ("AWS::RDS::DBInstance", "AWS::RDS::DBCluster")
# a database that takes its placement from elsewhere: a read replica, a cluster member, a restore
_PY_SKIP = ("replicate_source_db", "cluster_identifier", "global_cluster_identifier", "snapshot_identifier")
_TS_SKIP = ("replicateSourceDb", "clusterIdentifier", "globalClusterIdentifier", "snapshotIdentifier")
_CFN_SKIP = ("DBClusterIdentifier", "SourceDBInstanceIdentifier", "SourceDBClusterIdentifier",
             "GlobalClusterIdentifier", "DBSnapshotIdentifier", "SnapshotIdentifier")


class DbSubnetGroup(Rule):
    """An RDS instance or cluster without a DB subnet group.

    Without `db_subnet_group_name` (`dbSubnetGroupName`, CloudFormation `DBSubnetGroupName`)
    RDS places the database in the default VPC's default subnet group — not in the VPC the stack
    builds, out of reach of its security groups, and deployment fails in accounts without a
    default VPC (seed 003 #5: the IDEAL adds a `DbSubnetGroup` over the private subnets and passes
    its name).

    When the file creates exactly one `DbSubnetGroup` (CloudFormation: one
    `AWS::RDS::DBSubnetGroup`), assigned to a variable before the database in the same block, the
    fix passes it: `db_subnet_group_name=<group>.name` / `DBSubnetGroupName: !Ref <Group>`. It is
    unsafe: moving a database to another subnet group replaces it. Otherwise (no group, or several)
    the database is reported: which subnets it belongs in is a design decision.

    Left alone: read replicas, cluster members, restores from a snapshot and global-cluster
    members (they take their placement elsewhere), `**kwargs` / spreads.
    """

    id = "IAC324"
    slug = "db-subnet-group"
    summary = "RDS instance/cluster without a DB subnet group: the stack's one DbSubnetGroup passed (unsafe), else reported"
    rationale = "seed 003 #5 (RDS instance created without an explicit DB subnet group)"
    seeds = ("003#5",)
    languages = ("python", "typescript", "cloudformation")
    applicability = Applicability.UNSAFE
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup

subnets = DbSubnetGroup(self, "db_subnets", subnet_ids=[a.id, b.id])
DbInstance(self, "db", engine="postgres", instance_class="db.t3.micro")
""", """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup

subnets = DbSubnetGroup(self, "db_subnets", subnet_ids=[a.id, b.id])
DbInstance(self, "db", engine="postgres", instance_class="db.t3.micro", db_subnet_group_name=subnets.name)
"""),
        Example("typescript", """\
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';

const subnets = new DbSubnetGroup(this, 'db-subnets', { subnetIds: [a.id, b.id] });
new DbInstance(this, 'db', { engine: 'postgres', instanceClass: 'db.t3.micro' });
""", """\
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';

const subnets = new DbSubnetGroup(this, 'db-subnets', { subnetIds: [a.id, b.id] });
new DbInstance(this, 'db', { engine: 'postgres', instanceClass: 'db.t3.micro', dbSubnetGroupName: subnets.name });
"""),
        Example("cloudformation", """\
Resources:
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [!Ref A, !Ref B]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
""", """\
Resources:
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [!Ref A, !Ref B]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      DBSubnetGroupName: !Ref DbSubnets
"""),
        # valid: a subnet group given; a read replica
        Example("python", """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance

DbInstance(self, "db", engine="postgres", instance_class="db.t3.micro", db_subnet_group_name=group.name)
DbInstance(self, "replica", instance_class="db.t3.micro", replicate_source_db=db.identifier)
"""),
        # reported: no subnet group to use
        Example("typescript", """\
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';

new DbInstance(this, 'db', { engine: 'postgres', instanceClass: 'db.t3.micro' });
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return any(t in text for t in _CFN_DB)
        return any(t in text for t in _provider.TRIGGERS) and bool(_TRIGGER.search(text))

    def _check(self, doc, constructs, py: bool):
        key = "db_subnet_group_name" if py else "dbSubnetGroupName"
        skip = _PY_SKIP if py else _TS_SKIP
        groups = [c for c in constructs if c.kind == "group"]
        for c in constructs:
            if c.kind != "db" or c.opaque or key in c.args or any(k in c.args for k in skip):
                continue
            start, end = doc.span(c.node)
            edits = None
            if len(groups) == 1 and groups[0].variable and _before_in_block(doc, groups[0].node, c.node, py):
                item = f"{key}={groups[0].variable}.name" if py else f"{key}: {groups[0].variable}.name"
                edits = (ra.py_insert if py else ra.ts_insert)(doc, c.container, [item]) or None
            message = f"database without `{key}`: RDS places it in the default VPC's default subnet group"
            if edits:
                message += f"; use the stack's `{groups[0].variable}` (replaces the database)"
            else:
                message += "; create a DbSubnetGroup over the stack's private subnets and pass its name"
            yield doc.source.finding(self, start, end, message, edits)

    def check_python(self, doc, ctx):
        yield from self._check(doc, ra.py_constructs(doc, ctx.provider, WANTED), True)

    def check_typescript(self, doc, ctx):
        yield from self._check(doc, ra.ts_constructs(doc, ctx.provider, WANTED), False)

    def check_cloudformation(self, doc, ctx):
        groups = [n for n, r in doc.resources.items() if isinstance(r, dict) and r.get("Type") == "AWS::RDS::DBSubnetGroup"]
        for name, resource in doc.resources.items():
            if not isinstance(resource, dict) or resource.get("Type") not in _CFN_DB:
                continue
            props = resource.get("Properties")
            if not isinstance(props, dict) or "DBSubnetGroupName" in props or any(k in props for k in _CFN_SKIP):
                continue
            key = doc.entry(("Resources", name))[0]
            message = f"`{name}` has no `DBSubnetGroupName`: RDS places it in the default VPC's default subnet group"
            edits = None
            if len(groups) == 1 and not (doc.resources[groups[0]].get("Condition") and
                                         doc.resources[groups[0]].get("Condition") != resource.get("Condition")):
                edit = doc.insert_entry(("Resources", name, "Properties"), "DBSubnetGroupName", {"Ref": groups[0]})
                if edit is not None:
                    edits = [edit]
                    message += f"; use `{groups[0]}` (replaces the database)"
            if edits is None:
                message += "; add an AWS::RDS::DBSubnetGroup over the private subnets and reference it"
            yield doc.source.finding(self, doc.start(key), doc.end(key), message, edits)


def _before_in_block(doc, first, second, py: bool) -> bool:
    """`first`'s statement comes before `second`'s in the same block (so its variable is set)."""
    if py:
        a, b = _secrets.python_statement(doc.tree, first), _secrets.python_statement(doc.tree, second)
        if a is None or b is None or a is b:
            return False
        from iacfix.codemods.asg_target_group_attachment import _py_parent_body
        return _py_parent_body(doc.tree, a) is _py_parent_body(doc.tree, b) and \
            (a.lineno, a.col_offset) < (b.lineno, b.col_offset)
    a, b = _secrets.ts_statement(first), _secrets.ts_statement(second)
    if a is None or b is None or a == b:
        return False
    return a.parent() == b.parent() and doc.span(a)[0] < doc.span(b)[0]
