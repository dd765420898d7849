"""IAC509 rds-backup-and-logs."""
from __future__ import annotations


from iacfix.codemods import _resource_args as ra
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

# engine → the CloudWatch log types RDS can export for it (the seed's postgres pair; MySQL and
# MariaDB without `audit`, which needs an option group with the audit plugin)
LOG_EXPORTS = {
    "postgres": ["postgresql", "upgrade"],
    "mysql": ["error", "general", "slowquery"],
    "mariadb": ["error", "general", "slowquery"],
}
_WANTED = {("dbInstance", "DbInstance"): "instance"}


def _logs_for(engine) -> list[str] | None:
    return LOG_EXPORTS.get(engine.lower()) if isinstance(engine, str) else None


class RdsBackupAndLogs(Rule):
    """An RDS DB instance with short or no automated backup retention, or without log exports.

    Seed 003 #8 (a PostgreSQL `DbInstance` with minimal operational settings): the correction set
    `backup_retention_period=7` and `enabled_cloudwatch_logs_exports=["postgresql", "upgrade"]`.
    Without a retention the instance keeps backups for the default 1 day (0 turns automated
    backups and point-in-time recovery off), and without exports the database's error and slow
    logs never reach CloudWatch.

    Fix (**unsafe**: it changes what is deployed and what it costs): on a CDKTF `DbInstance`
    (`backup_retention_period` / `backupRetentionPeriod`, `enabled_cloudwatch_logs_exports` /
    `enabledCloudwatchLogsExports`) and a CloudFormation `AWS::RDS::DBInstance`
    (`BackupRetentionPeriod`, `EnableCloudwatchLogsExports`):
    - a missing retention is added, and a literal below the option `retention_days` (default 7)
      is raised to it;
    - missing log exports are added for an engine given as a literal: postgres → `postgresql`,
      `upgrade`; mysql and mariadb → `error`, `general`, `slowquery` (not `audit`, which needs an
      option group with the audit plugin). Other engines (Oracle, SQL Server) get no exports.
    New arguments go after the last one, in the call's or mapping's own layout.

    Left alone: Aurora (`DBClusterIdentifier` members, `aurora*` engines: backups are the
    cluster's), read replicas (`replicate_source_db`, `SourceDBInstanceIdentifier`), calls with
    `**kwargs` / spreads, retentions that are not literals, and existing log exports of any value.
    The backup and maintenance windows the seed also set are not added: any window is valid and
    RDS assigns one when none is given, so there is nothing determined to write.
    """

    id = "IAC509"
    slug = "rds-backup-and-logs"
    summary = "RDS instance without a backup retention of at least 7 days or CloudWatch log exports"
    rationale = "seed 003 #8 (backup_retention_period=7, enabled_cloudwatch_logs_exports per engine)"
    seeds = ("003#8",)
    languages = ("python", "typescript", "cloudformation")
    applicability = Applicability.UNSAFE
    options = {"retention_days": 7}
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance

DbInstance(self, "postgres",
    engine="postgres",
    instance_class="db.t3.micro",
)
""", """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance

DbInstance(self, "postgres",
    engine="postgres",
    instance_class="db.t3.micro",
    backup_retention_period=7,
    enabled_cloudwatch_logs_exports=["postgresql", "upgrade"],
)
"""),
        Example("typescript", """\
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';

new DbInstance(this, 'db', { engine: 'mysql', instanceClass: 'db.t3.micro', backupRetentionPeriod: 1 });
""", """\
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';

new DbInstance(this, 'db', { engine: 'mysql', instanceClass: 'db.t3.micro', backupRetentionPeriod: 7, enabledCloudwatchLogsExports: ['error', 'general', 'slowquery'] });
"""),
        Example("cloudformation", """\
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
""", """\
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      BackupRetentionPeriod: 7
      EnableCloudwatchLogsExports:
        - postgresql
        - upgrade
"""),
        # valid: settings present (any export list), an Aurora member, a read replica
        Example("cloudformation", """\
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: mysql, BackupRetentionPeriod: 14, EnableCloudwatchLogsExports: [error]}
  Member:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: aurora-mysql, DBClusterIdentifier: !Ref Cluster}
  Replica:
    Type: AWS::RDS::DBInstance
    Properties: {SourceDBInstanceIdentifier: !Ref Database}
"""),
    )

    def triggered(self, text, ctx, language):
        if language == "cloudformation":
            return "AWS::RDS::DBInstance" in text
        return "DbInstance" in text

    def _plan(self, ctx, engine, retention, has_retention, has_logs):
        """(things to add/raise, message parts) or None when the instance is fine."""
        days = int(ctx.option(self, "retention_days"))
        wants = {}
        problems = []
        if not has_retention:
            wants["retention"] = days
            problems.append("no backup retention (RDS keeps automated backups for 1 day)")
        elif isinstance(retention, int) and not isinstance(retention, bool) and retention < days:
            wants["raise"] = days
            problems.append(f"backup retention of {retention} day(s)" + (" (automated backups off)" if retention == 0 else ""))
        logs = _logs_for(engine)
        if not has_logs and logs:
            wants["logs"] = logs
            problems.append("no CloudWatch log exports")
        if not wants:
            return None
        fixes = []
        if "retention" in wants or "raise" in wants:
            fixes.append(f"retention {days} days")
        if "logs" in wants:
            fixes.append("export " + ", ".join(logs))
        return wants, f"RDS instance has {' and '.join(problems)}; unsafe fix: {', '.join(fixes)}"

    # -- CDKTF ---------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        for c in ra.py_constructs(doc, ctx.provider, _WANTED):
            args = c.args
            engine = ra.py_str(args.get("engine"))
            if c.opaque or "replicate_source_db" in args or (engine or "").lower().startswith("aurora"):
                continue
            retention = ra.py_literal(args["backup_retention_period"]) if "backup_retention_period" in args else None
            plan = self._plan(ctx, engine, retention, "backup_retention_period" in args,
                              "enabled_cloudwatch_logs_exports" in args)
            if plan is None:
                continue
            wants, message = plan
            q = c.quote
            items, edits = [], []
            if "raise" in wants:
                s, e = doc.span(args["backup_retention_period"])
                edits.append(doc.source.edit(s, e, str(wants["raise"])))
            if "retention" in wants:
                items.append(f"backup_retention_period={wants['retention']}")
            if "logs" in wants:
                items.append("enabled_cloudwatch_logs_exports=[" + ", ".join(f"{q}{v}{q}" for v in wants["logs"]) + "]")
            if items:
                added = ra.py_insert(doc, c.node, items)
                if not added:
                    continue
                edits += added
            start, end = doc.span(c.node.func)
            yield doc.source.finding(self, start, end, message, edits)

    def check_typescript(self, doc, ctx):
        for c in ra.ts_constructs(doc, ctx.provider, _WANTED):
            args = c.args
            engine = ra.ts_literal(args.get("engine"))
            if c.opaque or "replicateSourceDb" in args or (engine if isinstance(engine, str) else "").lower().startswith("aurora"):
                continue
            retention = ra.ts_literal(args["backupRetentionPeriod"]) if "backupRetentionPeriod" in args else None
            plan = self._plan(ctx, engine, retention, "backupRetentionPeriod" in args,
                              "enabledCloudwatchLogsExports" in args)
            if plan is None:
                continue
            wants, message = plan
            q = c.quote
            items, edits = [], []
            if "raise" in wants:
                s, e = doc.span(args["backupRetentionPeriod"])
                edits.append(doc.source.edit(s, e, str(wants["raise"])))
            if "retention" in wants:
                items.append(f"backupRetentionPeriod: {wants['retention']}")
            if "logs" in wants:
                items.append("enabledCloudwatchLogsExports: [" + ", ".join(f"{q}{v}{q}" for v in wants["logs"]) + "]")
            if items:
                added = ra.ts_insert(doc, c.container, items)
                if not added:
                    continue
                edits += added
            ctor = c.node.field("constructor")
            start, end = doc.span(ctor if ctor is not None else c.node)
            yield doc.source.finding(self, start, end, message, edits)

    # -- CloudFormation ------------------------------------------------------------------------
    def check_cloudformation(self, doc, ctx):
        for name, resource in doc.resources.items():
            if not isinstance(resource, dict) or resource.get("Type") != "AWS::RDS::DBInstance":
                continue
            props = resource.get("Properties")
            if not isinstance(props, dict):
                continue
            engine = props.get("Engine")
            engine = engine if isinstance(engine, str) and getattr(engine, "tag", None) is None else None
            if "DBClusterIdentifier" in props or "SourceDBInstanceIdentifier" in props or \
                    "SourceDBClusterIdentifier" in props or (engine or "").lower().startswith("aurora"):
                continue
            raw = props.get("BackupRetentionPeriod")
            retention = None
            if isinstance(raw, int) and not isinstance(raw, bool):
                retention = raw
            elif isinstance(raw, str) and raw.isdigit() and getattr(getattr(raw, "tag", None), "value", None) is None:
                retention = int(raw)
            plan = self._plan(ctx, engine, retention, "BackupRetentionPeriod" in props,
                              "EnableCloudwatchLogsExports" in props)
            if plan is None:
                continue
            wants, message = plan
            path = ("Resources", name, "Properties")
            edits = []
            if "raise" in wants:
                node = doc.node(path + ("BackupRetentionPeriod",))
                old = doc.text[doc.start(node):doc.end(node)]
                quote = old[0] if old[:1] in "'\"" else ""
                edits.append(doc.replace_value(path + ("BackupRetentionPeriod",), raw=f"{quote}{wants['raise']}{quote}"))
            # both new entries in one edit: two insertions at one point would each see the
            # mapping without the other (the JSON comma between them would be missing)
            new = {}
            if "retention" in wants:
                new["BackupRetentionPeriod"] = wants["retention"]
            if "logs" in wants:
                new["EnableCloudwatchLogsExports"] = wants["logs"]
            if new:
                edit = _insert_entries(doc, path, new)
                if edit is None:
                    continue
                edits.append(edit)
            key = doc.key_offset(("Resources", name))
            yield doc.source.finding(self, key, key + len(name), f"`{name}`: {message}", edits)


def _insert_entries(doc, path, entries: dict):
    """One edit inserting several entries at the end of the mapping at `path`."""
    keys = list(entries)
    first = doc.insert_entry(path, keys[0], entries[keys[0]])
    if first is None or len(keys) == 1:
        return first
    rest = []
    for key in keys[1:]:
        more = doc.insert_entry(path, key, entries[key])
        if more is None or (more.start, more.end) != (first.start, first.end):
            return None
        rest.append(more.text)
    if doc.is_flow(doc.node(path)):
        return type(first)(first.start, first.end, first.text + "".join(rest))
    # block style: each text is whole lines (maybe with a leading line break when the last line
    # had none); keep the first's leading break only
    nl = doc.newline
    return type(first)(first.start, first.end, first.text + "".join(t.removeprefix(nl) if first.text.startswith(nl) else t for t in rest))
