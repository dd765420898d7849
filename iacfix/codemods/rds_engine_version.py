"""IAC301 rds-engine-version."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _checks, _provider
from iacfix.fixes import Applicability
from iacfix.knowledge import rds_versions
from iacfix.rules import Example, Rule

# a global cluster has no list of its own in cfn-lint; its members must run the same version, so it
# is judged (and fixed, to the same pick) with the cluster list
_CFN_TYPES = {"AWS::RDS::DBInstance": rds_versions.INSTANCE, "AWS::RDS::DBCluster": rds_versions.CLUSTER,
              "AWS::RDS::GlobalCluster": rds_versions.CLUSTER}
# (provider submodule key, class) → which cfn-lint list applies
_CDKTF_TYPES = {("dbInstance", "DbInstance"): rds_versions.INSTANCE,
                ("rdsClusterInstance", "RdsClusterInstance"): rds_versions.INSTANCE,
                ("rdsCluster", "RdsCluster"): rds_versions.CLUSTER,
                ("rdsGlobalCluster", "RdsGlobalCluster"): rds_versions.CLUSTER}
_YAML_NUMBER = re.compile(r"[-+]?(?:\d[\d_]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_CDKTF_TRIGGER = re.compile(r"engine_version|engineVersion")


class RdsEngineVersion(Rule):
    """An RDS engine version that is unknown or deprecated in cfn-lint's bundled RDS data.

    `AWS::RDS::DBInstance` / `AWS::RDS::DBCluster` / `AWS::RDS::GlobalCluster` `EngineVersion`,
    and the CDKTF `DbInstance`, `RdsClusterInstance`, `RdsCluster` and `RdsGlobalCluster`
    `engine_version` (`engineVersion`) string literals, are checked against the lists behind
    cfn-lint's E3691/W3691 (instances) and E3690/W3690 (clusters), read at run time from the
    installed cfn-lint (`iacfix.knowledge.rds_versions`); every finding names the cfn-lint release
    whose data decided. A deprecated version cannot create a new instance or cluster: the
    deployment fails (seed 001 #1: mysql `8.0.35` in us-east-1). A global cluster is judged with
    the cluster list, so it gets the same pick as its members. cfn-lint's data has no region
    dimension (one list per engine for every region), so the target region does not change the
    result.

    The engine must be known: a literal (`Engine`, `engine=`), or in CloudFormation a `Ref` to a
    parameter with a literal `Default`. It is matched case-insensitively, as cfn-lint does. An
    `EngineVersion` that is a `Ref` to a parameter has the parameter's `Default` fixed (and the same
    entry in its `AllowedValues`). Anything else (expressions, `Fn::If`, `FindInMap`, variables) is
    left alone, and so are engines the data has no version list for (Oracle, `aurora`).

    Policy (option `policy`): `nearest` (default) takes the smallest supported version ≥ the given
    one in the same major version (`8.0.35` → `8.0.42`), else the newest of that major (`8.0.99`);
    `newest` takes the newest of the major. Keeping the major keeps the application's SQL dialect,
    so the fix is safe. A flavour suffix is kept (`16.5-limitless` → `16.6-limitless`); an RDS build
    of an upstream version (`5.7.44-rds.20250213`) counts as a later patch of it.

    A major-only version (`8.0`, `15`) makes RDS pick that major's default minor version. cfn-lint
    does not list it (E3691, a known false positive) while Terraform documents it as a prefix. Option
    `major_only`: `auto` (default) pins it in CloudFormation and leaves it alone in CDKTF, `pin` pins
    it everywhere, `keep` leaves it alone everywhere. One the data explicitly marks deprecated
    (aurora-mysql `8.0`, postgres `10`) is always fixed.

    A version whose major has no supported version left (postgres `10.7`, mysql `5.6.51`) is reported
    with the supported majors. Option `major_upgrade`: `unsafe` (default) offers an unsafe fix to
    the policy's version of the oldest supported newer major — upgrading a major version is a
    migration, so it is applied only with `--unsafe-fixes`; `report` only reports.

    Quoting is kept; a plain YAML scalar that would read as a number (`15.10`) is quoted, and a
    JSON number becomes a string. ElastiCache, OpenSearch and other `EngineVersion`s are not RDS and
    are never touched.
    """

    id = "IAC301"
    slug = "rds-engine-version"
    summary = "RDS engine version unknown or deprecated in cfn-lint's RDS data; pinned to a supported one of the same major"
    rationale = "seed 001 #1 (mysql 8.0.35 → 8.0.43), seed 003 #8 (postgres 14.7 outdated)"
    seeds = ("001#1", "003#8")
    languages = ("python", "typescript", "cloudformation")
    options = {"policy": "nearest", "major_only": "auto", "major_upgrade": "unsafe"}
    option_choices = {"policy": rds_versions.POLICIES, "major_only": ("auto", "pin", "keep"),
                      "major_upgrade": ("unsafe", "report")}
    examples = (
        Example("cloudformation", """\
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      EngineVersion: '8.0.35'  # deprecated
      DBInstanceClass: db.t3.micro
""", """\
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      EngineVersion: '8.0.42'  # deprecated
      DBInstanceClass: db.t3.micro
"""),
        Example("cloudformation", """\
{
  "Resources": {
    "Cluster": {
      "Type": "AWS::RDS::DBCluster",
      "Properties": {"Engine": "aurora-postgresql", "EngineVersion": "15.4"}
    }
  }
}
""", """\
{
  "Resources": {
    "Cluster": {
      "Type": "AWS::RDS::DBCluster",
      "Properties": {"Engine": "aurora-postgresql", "EngineVersion": "15.19"}
    }
  }
}
""", path="template.json", options={"rules": {"rds-engine-version": {"policy": "newest"}}}),
        Example("python", """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance

DbInstance(self, "db", engine="postgres", engine_version="14.7", instance_class="db.t3.micro")
""", """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance

DbInstance(self, "db", engine="postgres", engine_version="14.18", instance_class="db.t3.micro")
"""),
        Example("typescript", """\
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';

new RdsCluster(this, 'aurora', {
  engine: 'aurora-mysql',
  engineVersion: '8.0.mysql_aurora.3.02.0',
});
""", """\
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';

new RdsCluster(this, 'aurora', {
  engine: 'aurora-mysql',
  engineVersion: '8.0.mysql_aurora.3.04.0',
});
"""),
        # valid: supported, an ElastiCache engine version, a Terraform major-version prefix
        Example("cloudformation", """\
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, EngineVersion: '16.9'}
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties: {Engine: redis, EngineVersion: '6.2', ReplicationGroupDescription: cache}
"""),
        Example("typescript", """\
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';

new DbInstance(this, 'db', { engine: 'mysql', engineVersion: '8.0', instanceClass: 'db.t3.micro' });
"""),
        # reported: the 10 major is gone; with major_upgrade = "unsafe" the fix is 11.22-rds.…
        Example("cloudformation", """\
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: '10.7'
""", options={"rules": {"rds-engine-version": {"major_upgrade": "report"}}}, reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return "EngineVersion" in text and "AWS::RDS::" in text
        return any(t in text for t in _provider.TRIGGERS) and bool(_CDKTF_TRIGGER.search(text))

    # -- shared ------------------------------------------------------------------------------
    def _decide(self, ctx, kind: str, engine: str, version: str, cloudformation: bool):
        """(message, replacement, applicability) or None when the version is fine / left alone."""
        engine = engine.lower()
        policy = ctx.option(self, "policy")
        verdict = rds_versions.judge(kind, engine, version, policy)
        if verdict is None or verdict.status == "supported":
            return None
        major_only = ctx.option(self, "major_only")
        if verdict.major_only and verdict.status == "unknown" and \
                (major_only == "keep" or major_only == "auto" and not cloudformation):
            return None
        codes = rds_versions.CODES[kind]
        what = "deprecated (cannot create new RDS resources)" if verdict.status == "deprecated" else "unknown"
        data = f"cfn-lint {rds_versions.data_version()} data, {codes[verdict.status == 'deprecated']}"
        head = f"{engine} engine version `{version}` is {what} ({data})"
        if verdict.replacement:
            how = "newest" if policy == "newest" else "nearest supported"
            return (f"{head}; {how} version of the same major: `{verdict.replacement}`",
                    verdict.replacement, Applicability.SAFE)
        majors = ", ".join(verdict.majors) or "none"
        if verdict.upgrade and ctx.option(self, "major_upgrade") == "unsafe":
            return (f"{head}; no supported version of that major is left (supported majors: {majors}); "
                    f"unsafe fix: major upgrade to `{verdict.upgrade}`", verdict.upgrade, Applicability.UNSAFE)
        return f"{head}; no supported version of that major is left (supported majors: {majors})", None, None

    def _finding(self, source, start, end, decision, make_edits):
        """The finding; `make_edits(replacement)` builds the fix when there is a replacement."""
        message, replacement, applicability = decision
        if replacement is None:
            return source.finding(self, start, end, message)
        return source.finding(self, start, end, message, make_edits(replacement), applicability)

    # -- CloudFormation ----------------------------------------------------------------------
    def check_cloudformation(self, doc, ctx):
        params = doc.data.get("Parameters") if isinstance(doc.data, dict) else None
        params = params if isinstance(params, dict) else {}
        is_json = doc.text.lstrip().startswith("{")
        param_fixes: dict[str, list] = {}
        for name, resource in doc.resources.items():
            kind = _CFN_TYPES.get(resource.get("Type")) if isinstance(resource, dict) else None
            props = resource.get("Properties") if kind else None
            if not isinstance(props, dict) or "EngineVersion" not in props:
                continue
            engine = _cfn_literal(props.get("Engine"), params)
            if engine is None:
                continue
            value = props["EngineVersion"]
            ref = _cfn_ref(value)
            if ref is not None:
                param = params.get(ref)
                if isinstance(param, dict) and _is_scalar(param.get("Default")):
                    param_fixes.setdefault(ref, []).append((kind, engine[0]))
                continue
            if not _is_scalar(value):
                continue
            path = ("Resources", name, "Properties", "EngineVersion")
            span = _scalar_span(doc.text, doc.value_offset(path))
            if span is None:
                continue
            start, end, raw, quote = span
            decision = self._decide(ctx, kind, engine[0], raw, True)
            if decision is not None:
                yield self._finding(doc.source, start, end, decision,
                                    lambda new: [doc.source.edit(start, end, _yaml_text(new, quote, is_json))])
        for ref, uses in param_fixes.items():
            yield from self._parameter(doc, ctx, ref, params[ref], uses, is_json)

    def _parameter(self, doc, ctx, ref, param, uses, is_json):
        span = _scalar_span(doc.text, doc.value_offset(("Parameters", ref, "Default")))
        if span is None:
            return
        start, end, raw, quote = span
        decisions = {self._decide(ctx, kind, engine, raw, True) for kind, engine in uses}
        if len(decisions) != 1 or None in decisions:
            return  # fine for one user, or the users disagree: not ours to choose
        decision = decisions.pop()
        message, replacement, _ = decision
        message = f"parameter `{ref}` default: {message}"
        edits = [doc.source.edit(start, end, _yaml_text(replacement, quote, is_json))] if replacement else None
        allowed = param.get("AllowedValues")
        if edits and isinstance(allowed, list) and replacement not in [str(v) for v in allowed]:
            for i, item in enumerate(allowed):
                if _is_scalar(item) and str(item) == raw:
                    item_span = _scalar_span(doc.text, doc.value_offset(("Parameters", ref, "AllowedValues", i)))
                    if item_span is None:
                        return
                    s, e, _, q = item_span
                    edits.append(doc.source.edit(s, e, _yaml_text(replacement, q, is_json)))
        yield self._finding(doc.source, start, end, (message, replacement, decision[2]), lambda new: edits)

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        for call in doc.calls:
            resolved = _provider.python_resolve(index, doc, call.func)
            kind = _CDKTF_TYPES.get(resolved) if resolved else None
            if kind is None:
                continue
            args = {k.arg: k.value for k in call.keywords if k.arg is not None}
            engine, version = args.get("engine"), args.get("engine_version")
            if not (_py_str(engine) and _py_str(version)):
                continue
            start, end = doc.span(version)
            literal = doc.text[start:end]
            if len(literal) < 2 or literal[0] not in "'\"" or literal[-1] != literal[0] or \
                    literal[1:-1] != version.value:
                continue  # prefixes, escapes, triple quotes, implicit concatenation: not a plain literal
            decision = self._decide(ctx, kind, engine.value, version.value, False)
            if decision is not None:
                yield self._finding(doc.source, start, end, decision,
                                    lambda new: [doc.source.edit(start + 1, end - 1, new)])

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        for new in doc.root.find_all(kind="new_expression"):
            ctor, args = new.field("constructor"), new.field("arguments")
            resolved = _provider.ts_type(index, doc.imports.resolve(ctor)) if ctor is not None else None
            kind = _CDKTF_TYPES.get(resolved) if resolved else None
            if kind is None or args is None:
                continue
            objects = [a for a in args.children() if a.kind() == "object"]
            if not objects:
                continue
            values = {}
            for pair in objects[-1].children():
                if pair.kind() != "pair":
                    continue
                key, value = pair.field("key"), pair.field("value")
                if key is None or value is None:
                    continue
                name = key.text()[1:-1] if key.kind() == "string" else key.text()
                values[name] = value
            engine, version = _checks.ts_str(values.get("engine")), _checks.ts_str(values.get("engineVersion"))
            if engine is None or version is None:
                continue
            start, end = doc.span(values["engineVersion"])
            decision = self._decide(ctx, kind, engine, version, False)
            if decision is not None:
                yield self._finding(doc.source, start, end, decision,
                                    lambda new: [doc.source.edit(start + 1, end - 1, new)])


# -- helpers ---------------------------------------------------------------------------------
def _is_scalar(value) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _cfn_ref(value) -> str | None:
    """The parameter name of `!Ref P` / `{Ref: P}`."""
    tag = getattr(getattr(value, "tag", None), "value", None)
    if tag == "!Ref" and isinstance(getattr(value, "value", None), str):
        return value.value
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("Ref"), str):
        return value["Ref"]
    return None


def _cfn_literal(value, params) -> tuple[str] | None:
    """A literal string, or the literal Default of the parameter it `Ref`s."""
    ref = _cfn_ref(value)
    if ref is not None:
        param = params.get(ref)
        value = param.get("Default") if isinstance(param, dict) else None
    elif getattr(value, "tag", None) is not None and getattr(value.tag, "value", None):
        return None
    return (str(value),) if isinstance(value, str) else None


def _scalar_span(text: str, start: int):
    """(start, end, value, quote) of the YAML/JSON scalar token at `start`; None for block scalars."""
    if start >= len(text):
        return None
    quote = text[start]
    if quote in "'\"":
        i = start + 1
        while i < len(text):
            if quote == "'" and text[i] == "'":
                if text[i + 1:i + 2] == "'":
                    i += 2
                    continue
                break
            if quote == '"' and text[i] == "\\":
                return None  # escapes: not a version string
            if quote == '"' and text[i] == '"':
                break
            if text[i] in "\r\n":
                return None
            i += 1
        else:
            return None
        return start, i + 1, text[start + 1:i].replace("''", "'"), quote
    if quote in "|>[{!&*":
        return None
    m = re.match(r"[^\r\n,\]}#]*", text[start:])
    raw = m.group(0) if m else ""
    cut = raw.find(" #")
    raw = (raw[:cut] if cut != -1 else raw).rstrip()
    if not raw:
        return None
    return start, start + len(raw), raw, ""


def _yaml_text(value: str, quote: str, is_json: bool) -> str:
    if quote:
        return f"{quote}{value}{quote}"
    if is_json:
        return f'"{value}"'
    return f"'{value}'" if _YAML_NUMBER.fullmatch(value) else value


def _py_str(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)
