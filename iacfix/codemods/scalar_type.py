"""IAC115 scalar-type."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from iacfix.codemods import _provider
from iacfix.codemods._construct_args import PyArgs
from iacfix.knowledge.provider import STRUCT_KINDS, parse_version
from iacfix.rules import Example, Rule

# a number written the one way Terraform prints it back: no exponent, no `_`, no leading zero, no
# trailing fractional zero (`30`, `-1`, `0.5`); anything else is converted by hand, not by us
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?")
# a numeric string a number literal can replace as written (no leading zero: `0755` is not a
# decimal literal in TypeScript)
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_SCALARS = {"string", "number", "boolean"}
_ELEMENT = {"list_string": "string", "list_number": "number", "list_boolean": "boolean",
            "map_string": "string", "map_number": "number", "map_boolean": "boolean"}
_ARTICLE = {"string": "a string", "number": "a number", "boolean": "a boolean"}
# a property the provider removed, with the argument that replaced it and the first provider-aws
# version that declares the replacement (the index cannot derive the link, only check it):
# `Eip.domain` became an argument with Terraform AWS provider 5.0 (provider-aws 16.0.0, checked in
# the 15.0.0 and 16.0.0 wheels: 15.0.0 has only `vpc`), `vpc` was removed with 6.0 (provider-aws
# 21); `vpc = true` is `domain = "vpc"`
_REPLACED = {("eip", "vpc"): ("domain", {True: "vpc"}, "16.0.0"),
             # CloudFormation's `Scheme` written on the Terraform load balancer, which has only the
             # boolean `internal` (the two spellings of the same choice)
             ("lb", "scheme"): ("internal", {"internal": True, "internet-facing": False}, "0.0.0"),
             ("alb", "scheme"): ("internal", {"internal": True, "internet-facing": False}, "0.0.0")}


@dataclass
class Lit:
    """A literal as written: `kind` is bool / number / string / template (an f-string or a template
    string with substitutions) / call (`str(x)`, `Number(x)` …, `value` is the function) / other."""

    kind: str
    value: object = None
    text: str = ""


def judge(kind: str, lit: Lit, python: bool = False):
    """(new value, None) when the literal converts the way Terraform would; (None, problem) when it
    cannot be right; (None, None) when it is fine or not ours."""
    as_number, as_string = ("Token.as_number", "str") if python else ("Token.asNumber", "String")
    if kind == "string":
        if lit.kind == "bool":
            return ("true" if lit.value else "false"), None
        if lit.kind == "number":
            if _PLAIN_NUMBER.fullmatch(lit.text):
                return lit.text, None
            return None, f"`{lit.text}` is a number; write it as a string"
        if lit.kind == "call" and lit.value in ("int", "float", "len", "Number", "parseInt", "parseFloat"):
            return None, f"`{lit.value}(...)` gives a number; pass a string (`{as_string}(...)`)"
        return None, None
    if kind == "number":
        if lit.kind == "string":
            if _DECIMAL.fullmatch(lit.value):
                return float(lit.value) if "." in lit.value else int(lit.value), None
            try:
                float(lit.value)
            except ValueError:
                return None, f"{_quote_text(lit.value)} is not a number"
            return None, f"write {_quote_text(lit.value)} as a number by hand (not fixed: not a plain decimal)"
        if lit.kind == "bool":
            return None, "a boolean is not a number"
        if lit.kind == "template":
            return None, f"a formatted string is a string; pass the number itself, or `{as_number}(...)` of a token"
        if lit.kind == "call" and lit.value in ("str", "String"):
            return None, f"`{lit.value}(...)` gives a string; pass the number itself, or `{as_number}(...)` of a token"
        return None, None
    if kind == "boolean":
        if lit.kind == "string":
            if lit.value in ("true", "false"):
                return lit.value == "true", None
            return None, f"{_quote_text(lit.value)} is not a boolean"
        if lit.kind == "number":
            return None, f"`{lit.text}` is a number, not a boolean (`true` / `false`)"
        if lit.kind == "template":
            return None, "a formatted string is not a boolean; pass `true` / `false`"
        return None, None
    return None, None


def _quote_text(value: str) -> str:
    return f"`{value!r}`" if len(value) < 40 else "the string"


class ScalarType(Rule):
    """A literal of the wrong scalar type for the provider property: the conversions Terraform makes itself, written out.

    The provider bindings type every argument; generated code often writes the value the
    Terraform documentation shows rather than the binding's type: `deregistrationDelay: 30` where
    provider-aws declares a string, `port: '80'` where it declares a number,
    `atRestEncryptionEnabled: true` where 19.48.0 and later declare a string. TypeScript refuses
    them (TS2322), Python's jsii type check fails synth (`type of argument ... must be str`).

    The rule resolves each provider construct call (resource, data source, provider, and struct
    classes) through its imports, reads the property's kind **for the target provider version**
    (the index's kinds are corrected by the kind-changes table, so `at_rest_encryption_enabled=True`
    is left alone for a 19.x target before 19.48.0), and walks nested blocks given as dicts / object
    literals and lists of them. Only literals are changed, and only the way Terraform itself
    converts the value, so the deployed value is the same (safe):

    - a boolean where a string is declared → `"true"` / `"false"`;
    - a number where a string is declared → its decimal text (`30` → `"30"`), when written plainly
      (no exponent, `_`, or trailing fractional zero, which Terraform would print differently);
    - a numeric string where a number is declared → the number (`"80"` → `80`, `"0.50"` → `0.50`);
      a leading zero, blanks, an exponent or anything not a plain decimal is only reported;
    - `"true"` / `"false"` where a boolean is declared → the boolean;
    - the same for the elements of `list_string|number|boolean` and the values of
      `map_string|number|boolean` properties (`tags: { Port: 80 }` → `'80'`).
    - `Eip(vpc=True)` / `vpc: true`, when the target's `Eip` declares `domain` and no `vpc`
      → `domain="vpc"`. `vpc` was deprecated for `domain` in provider-aws 16.0.0 (Terraform AWS
      provider 5) and removed in 21 (6.0); from 16.0.0 on the rewrite is the same setting, before
      it `vpc` is the only spelling and is left alone (a one-entry table of this rename, since the
      index records kinds across versions but not removed arguments). `vpc=False` (EC2-Classic, retired)
      and a non-literal `vpc` are only reported: which domain is wanted is the author's call.
    - `Lb(scheme="internet-facing" | "internal")` (CloudFormation's `Scheme`; the Terraform load
      balancer has only the boolean `internal`) → `internal=False` / `internal=True`, the same choice.
    - `provider: 'aws.west2'` (the Terraform reference written as a string; the binding wants the
      provider object, TS2322 / jsii TypeError) → the one `AwsProvider` of the file created with
      `alias: 'west2'`, when it is created earlier in the same block (TS) or function (Python):
      its variable (`const`, `this.x`, `self.x`), or, when it is created by a bare statement, a new
      variable bound there (`const west2Provider = new AwsProvider(...)`). No such provider, several,
      or one created elsewhere: reported.

    Reported without a fix, because no single rewrite is certainly right: a non-numeric string
    where a number is declared, a number or other string where a boolean is, a formatted string
    (f-string, template string with `${}`) or `str(x)` / `String(x)` where a number is declared
    (pass the number, or `Token.asNumber(x)` for a token), `int(x)` / `Number(x)` where a string is.
    Variables and function results are never touched: their type is unknown here.
    """

    id = "IAC115"
    slug = "scalar-type"
    summary = "Bool/number/numeric-string literal of the wrong type for the property at the target provider version"
    rationale = "issue 6 family 4 (scalar types): `at_rest_encryption_enabled=True` where 21.x declares a string, `deregistration_delay=30`, `port: '80'`, `Eip(vpc=True)`"
    languages = ("python", "typescript")
    triggers = _provider.TRIGGERS
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup

LbTargetGroup(self, "tg", port="8080", protocol="HTTP", deregistration_delay=30)
""", """\
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup

LbTargetGroup(self, "tg", port=8080, protocol="HTTP", deregistration_delay="30")
"""),
        Example("typescript", """\
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';

new ElasticacheReplicationGroup(this, 'redis', {
  replicationGroupId: 'cache',
  description: 'cache',
  numCacheClusters: '2',
  atRestEncryptionEnabled: true,
  autoMinorVersionUpgrade: true,
  transitEncryptionEnabled: 'true',
});
""", """\
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';

new ElasticacheReplicationGroup(this, 'redis', {
  replicationGroupId: 'cache',
  description: 'cache',
  numCacheClusters: 2,
  atRestEncryptionEnabled: 'true',
  autoMinorVersionUpgrade: 'true',
  transitEncryptionEnabled: true,
});
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.eip import Eip

Eip(self, "nat_eip", vpc=True)
""", """\
from cdktf_cdktf_provider_aws.eip import Eip

Eip(self, "nat_eip", domain="vpc")
"""),
        Example("typescript", """\
import { Lb } from '@cdktf/provider-aws/lib/lb';

new Lb(this, 'alb', { name: 'web', loadBalancerType: 'application', scheme: 'internet-facing' });
""", """\
import { Lb } from '@cdktf/provider-aws/lib/lb';

new Lb(this, 'alb', { name: 'web', loadBalancerType: 'application', internal: false });
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.lb import Lb

Lb(self, "alb", name="internal-api", scheme="internal")
""", """\
from cdktf_cdktf_provider_aws.lb import Lb

Lb(self, "alb", name="internal-api", internal=True)
"""),
        Example("typescript", """\
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';

new AwsProvider(this, 'aws-west-2', { alias: 'west2', region: 'us-west-2' });
new BackupVault(this, 'replica', { name: 'replica', provider: 'aws.west2' });
""", """\
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';

const west2Provider = new AwsProvider(this, 'aws-west-2', { alias: 'west2', region: 'us-west-2' });
new BackupVault(this, 'replica', { name: 'replica', provider: west2Provider });
"""),
        # before 19.48.0 at_rest_encryption_enabled was a boolean: left alone for that target
        Example("python", """\
from cdktf_cdktf_provider_aws.elasticache_replication_group import ElasticacheReplicationGroup

ElasticacheReplicationGroup(self, "redis", replication_group_id="c", description="c", at_rest_encryption_enabled=True)
""", options={"target": {"provider": "19.20.0"}}),
        # reported, not fixed: the value of a template string is unknown here
        Example("typescript", """\
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';

new LbListener(this, 'listener', { loadBalancerArn: lb.arn, port: `${config.port}`, defaultAction: [] });
""", reported=True),
    )

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        findings = []
        for call in doc.calls:
            resolved = _provider.python_resolve(index, doc, call.func)
            struct = index.params_struct(*resolved) if resolved else None
            if not struct:
                continue
            quote = PyArgs(doc, call).quote()
            walker = _PyWalker(self, doc, index, resolved[1], quote, findings)
            keywords = [k for k in call.keywords if k.arg is not None]
            walker.replaced(struct, resolved, keywords)
            walker.pairs(struct, [(k.arg, k.value) for k in keywords], kwargs=True)
        return findings

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        findings = []
        quote = doc.import_quote()
        for struct, resolved, obj in _provider.ts_struct_literals(doc, index):
            _TsWalker(self, doc, index, resolved[1], quote, findings).object(struct, obj, resolved)
        return findings


def _where(index, owner: str, prop) -> str:
    return f"`{owner}.{prop}` (provider-aws {index.version})"


def _replacement(index, struct: str, name: str):
    """(new name, {old literal: new value}) when `name` was removed from `struct` and the
    property that replaced it is declared at the target version."""
    entry = _REPLACED.get((struct.split(".")[0], name))
    if entry is None or index.prop(struct, name) is not None:
        return None
    new_name, values, since = entry
    if parse_version(index.version) < parse_version(since):
        return None  # the old argument is the only one the target declares
    prop = index.prop(struct, new_name)
    return (prop, values) if prop is not None and prop.kind in ("string", "boolean") else None


def _render(value, quote: str, python: bool) -> str:
    if isinstance(value, bool):
        return ("True" if value else "False") if python else ("true" if value else "false")
    return f"{quote}{value}{quote}"


def _is_provider_meta(index, struct: str, prop) -> bool:
    """`prop` is the `provider` meta-argument every construct inherits (cdktf or the cdktn fork)."""
    if prop.name != "provider" or prop.kind != "other":
        return False
    return any(index.props(f"{core}.TerraformMetaArguments").get("provider") is not None for core in ("cdktf", "cdktn"))


# -- `provider: 'aws.west2'` ----------------------------------------------------------------------

def _alias_of(text: str | None) -> str | None:
    """`aws.west2` (Terraform's provider reference) or a bare `west2` → the alias."""
    if not text or not re.fullmatch(r"(?:aws\.)?[A-Za-z0-9_-]+", text):
        return None
    return text[4:] if text.startswith("aws.") else text


def _binding_name(alias: str, taken: set, snake: bool) -> str:
    parts = [w for w in re.split(r"[^A-Za-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", alias)) if w]
    parts = [p.lower() for p in parts] + ["provider"]
    if parts[0][0].isdigit():
        parts.insert(0, "aws")
    base = "_".join(parts) if snake else parts[0] + "".join(p.capitalize() for p in parts[1:])
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}{n}"
    return name


def _provider_message(alias, count, detail="") -> str:
    head = "`provider` takes the provider object, not its name as a string"
    if alias is None:
        return f"{head}; pass the `AwsProvider` construct (kept in a variable)"
    if count == 0:
        return f"{head}; no `AwsProvider` with alias `{alias}` is created in this file: pass the one that is"
    if count > 1:
        return f"{head}; {count} `AwsProvider` constructs here have alias `{alias}`: pass the one meant"
    return f"{head}; pass the `AwsProvider` with alias `{alias}`{detail}"


def _py_provider_string(rule, doc, index, value):
    """The `AwsProvider(..., alias="x")` of this file for `provider="aws.x"`: its variable, or a
    new variable bound to it when it is created by a bare expression statement before the use in
    the same function."""
    source = doc.source
    start, end = doc.span(value)
    alias = _alias_of(value.value) if isinstance(value, ast.Constant) else None
    if alias is None:
        return source.finding(rule, start, end, _provider_message(None, 0))
    calls = []
    for call in doc.calls:
        resolved = _provider.python_resolve(index, doc, call.func)
        if resolved and index.kind_of(*resolved) == "provider" and any(
                k.arg == "alias" and isinstance(k.value, ast.Constant) and k.value.value == alias for k in call.keywords):
            calls.append(call)
    if len(calls) != 1:
        return source.finding(rule, start, end, _provider_message(alias, len(calls)))
    call = calls[0]
    scope = _py_scope(doc.tree, value)
    for stmt in ast.walk(scope) if scope is not None else ():
        if not isinstance(stmt, (ast.Assign, ast.Expr)) or stmt.value is not call:
            continue
        if _py_scope(doc.tree, call) is not scope or (stmt.end_lineno, stmt.end_col_offset) > (value.lineno, value.col_offset):
            break
        if isinstance(stmt, ast.Assign):
            target = stmt.targets[0]
            if len(stmt.targets) == 1 and isinstance(target, (ast.Name, ast.Attribute)) and (
                    isinstance(target, ast.Name) or isinstance(target.value, ast.Name)):
                name = ast.unparse(target)
                return source.finding(rule, start, end, _provider_message(alias, 1, f": `{name}`"),
                                      [source.edit(start, end, name)])
            break
        taken = {n.id for n in doc.names} | doc.imports.local_names
        name = _binding_name(alias, taken, snake=True)
        stmt_start, _ = doc.span(stmt)
        return source.finding(rule, start, end, _provider_message(alias, 1, f", bound to `{name}`"),
                              [source.edit(stmt_start, stmt_start, f"{name} = "), source.edit(start, end, name)])
    return source.finding(rule, start, end, _provider_message(
        alias, 1, " (not fixed: it is not created earlier in the same function)"))


def _py_scope(tree, node):
    """The innermost function (or the module) whose lines hold `node`."""
    best = tree
    for candidate in ast.walk(tree):
        if isinstance(candidate, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                (candidate.lineno, candidate.col_offset) <= (node.lineno, node.col_offset) and \
                (node.end_lineno, node.end_col_offset) <= (candidate.end_lineno, candidate.end_col_offset):
            if best is tree or candidate.lineno >= best.lineno:
                best = candidate
    return best


def _ts_provider_string(rule, doc, index, value):
    """TypeScript twin of `_py_provider_string` (a `const`, or `this.x`, in the same block)."""
    source = doc.source
    start, end = doc.span(value)
    text = value.text()
    alias = _alias_of(text[1:-1]) if value.kind() == "string" or value.kind() == "template_string" and "${" not in text else None
    if alias is None:
        return source.finding(rule, start, end, _provider_message(None, 0))
    news = []
    for new in doc.root.find_all(kind="new_expression"):
        ctor, args = new.field("constructor"), new.field("arguments")
        resolved = _provider.ts_type(index, doc.imports.resolve(ctor)) if ctor is not None else None
        if not resolved or index.kind_of(*resolved) != "provider" or args is None:
            continue
        for obj in (a for a in args.children() if a.kind() == "object"):
            for pair in obj.children():
                key, val = pair.field("key"), pair.field("value")
                if pair.kind() == "pair" and key is not None and key.text() == "alias" and val is not None \
                        and val.kind() == "string" and val.text()[1:-1] == alias:
                    news.append(new)
    if len(news) != 1:
        return source.finding(rule, start, end, _provider_message(alias, len(news)))
    new = news[0]
    parent = new.parent()
    statement = parent.parent() if parent is not None and parent.kind() in ("variable_declarator", "assignment_expression") else parent
    if statement is not None and statement.kind() == "variable_declarator":
        statement = statement.parent()
    block = statement.parent() if statement is not None else None
    _, new_end = doc.span(new)
    usable = block is not None and block.kind() in ("statement_block", "program") and new_end <= start and \
        doc.span(block)[0] <= start and end <= doc.span(block)[1]
    if usable and parent.kind() == "variable_declarator" and parent.field("name") is not None \
            and parent.field("name").kind() == "identifier":
        name = parent.field("name").text()
        return source.finding(rule, start, end, _provider_message(alias, 1, f": `{name}`"),
                              [source.edit(start, end, name)])
    if usable and parent.kind() == "assignment_expression" and parent.field("left") is not None \
            and re.fullmatch(r"this\.\w+", parent.field("left").text()):
        name = parent.field("left").text()
        return source.finding(rule, start, end, _provider_message(alias, 1, f": `{name}`"),
                              [source.edit(start, end, name)])
    if usable and parent.kind() == "expression_statement":
        taken = {n.text() for n in doc.root.find_all(kind="identifier")}
        name = _binding_name(alias, taken, snake=False)
        new_start, _ = doc.span(new)
        return source.finding(rule, start, end, _provider_message(alias, 1, f", kept in `const {name}`"),
                              [source.edit(new_start, new_start, f"const {name} = "), source.edit(start, end, name)])
    return source.finding(rule, start, end, _provider_message(
        alias, 1, " (not fixed: it is not created earlier in the same block)"))


class _PyWalker:
    def __init__(self, rule, doc, index, owner, quote, findings):
        self.rule, self.doc, self.index, self.owner, self.quote = rule, doc, index, owner, quote
        self.source = doc.source
        self.findings = findings

    def replaced(self, struct, resolved, keywords) -> None:
        given = {k.arg for k in keywords}
        for kw in keywords:
            found = _replacement(self.index, struct, kw.arg)
            if found is None:
                continue
            prop, values = found
            start, end = self.doc.span(kw)
            value = kw.value.value if isinstance(kw.value, ast.Constant) else None
            where = f"`{resolved[1]}.{kw.arg}` is not declared in provider-aws {self.index.version}"
            if prop.py_name in given or not isinstance(value, (bool, str)) or value not in values:
                self.findings.append(self.source.finding(
                    self.rule, start, end, f"{where}; set `{prop.py_name}` instead (not fixed: "
                    + ("both are given)" if prop.py_name in given else "the wanted value is not certain)")))
                continue
            text = f"{prop.py_name}={_render(values[value], self.quote, python=True)}"
            self.findings.append(self.source.finding(
                self.rule, start, end, f"{where}; `{kw.arg}={value}` is `{text}`", [self.source.edit(start, end, text)]))

    def pairs(self, struct, pairs, kwargs=False, owner=None) -> None:
        owner = owner or self.owner
        for name, value in pairs:
            prop = self.index.prop(struct, name)
            if prop is None or (kwargs and name != prop.py_name):
                continue
            if prop.kind in STRUCT_KINDS and prop.struct:
                items = value.elts if isinstance(value, ast.List) else [value]
                for item in items:
                    if isinstance(item, ast.Dict):
                        self.pairs(prop.struct, [(k.value, v) for k, v in zip(item.keys, item.values)
                                                 if isinstance(k, ast.Constant) and isinstance(k.value, str)],
                                   owner=prop.struct.rsplit(".", 1)[1])
                continue
            if prop.kind in _SCALARS:
                self.scalar(prop.kind, owner, name, value)
            elif prop.kind.startswith("list_") and prop.kind in _ELEMENT and isinstance(value, (ast.List, ast.Tuple)):
                for element in value.elts:
                    self.scalar(_ELEMENT[prop.kind], owner, name, element, "an element of ")
            elif prop.kind.startswith("map_") and prop.kind in _ELEMENT and isinstance(value, ast.Dict):
                for key, element in zip(value.keys, value.values):
                    if key is not None:
                        self.scalar(_ELEMENT[prop.kind], owner, name, element, "a value of ")
            elif _is_provider_meta(self.index, struct, prop):
                branches = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
                for branch in branches:  # `provider=f"aws.{x}" if i else None`: each branch
                    if self.literal(branch).kind in ("string", "template"):
                        self.findings.append(_py_provider_string(self.rule, self.doc, self.index, branch))

    def literal(self, node) -> Lit:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool):
                return Lit("bool", node.value)
            if isinstance(node.value, (int, float)):
                return Lit("number", node.value, self._text(node))
            if isinstance(node.value, str):
                return Lit("string", node.value, self._text(node))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
                and isinstance(node.operand.value, (int, float)) and not isinstance(node.operand.value, bool):
            return Lit("number", -node.operand.value, "-" + self._text(node.operand))
        if isinstance(node, ast.JoinedStr):
            return Lit("template")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("str", "int", "float", "len") \
                and node.func.id not in self.doc.imports.names and node.func.id not in self.doc.imports.local_names:
            return Lit("call", node.func.id)
        return Lit("other")

    def _text(self, node) -> str:
        start, end = self.doc.span(node)
        return self.source.text[start:end]

    def scalar(self, kind, owner, name, node, part="") -> None:
        lit = self.literal(node)
        new, problem = judge(kind, lit, python=True)
        if new is None and problem is None:
            return
        start, end = self.doc.span(node)
        where = f"{part}{_where(self.index, owner, name)} is {_ARTICLE[kind]}"
        if problem is not None:
            self.findings.append(self.source.finding(self.rule, start, end, f"{where}: {problem}"))
            return
        if isinstance(new, bool):
            text = "True" if new else "False"
        elif isinstance(new, str):
            text = f"{self.quote}{new}{self.quote}"
        else:
            text = lit.value.strip()
        self.findings.append(self.source.finding(
            self.rule, start, end, f"{where}; write `{text}`", [self.source.edit(start, end, text)]))


class _TsWalker:
    def __init__(self, rule, doc, index, owner, quote, findings):
        self.rule, self.doc, self.index, self.owner, self.quote = rule, doc, index, owner, quote
        self.source = doc.source
        self.findings = findings

    def object(self, struct, obj, resolved=None, owner=None) -> None:
        owner = owner or self.owner
        pairs = []
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
            pairs.append((key, pair, value))
        given = {k for k, _, _ in pairs}
        for key, pair, value in pairs:
            prop = self.index.props(struct).get(key)
            if prop is None:
                if resolved is not None:
                    self.replaced(struct, key, pair, value, given)
                continue
            if prop.kind in STRUCT_KINDS and prop.struct:
                items = [c for c in value.children() if c.kind() == "object"] if value.kind() == "array" else [value]
                for item in items:
                    if item.kind() == "object":
                        self.object(prop.struct, item, owner=prop.struct.rsplit(".", 1)[1])
            elif prop.kind in _SCALARS:
                self.scalar(prop.kind, owner, key, value)
            elif prop.kind.startswith("list_") and prop.kind in _ELEMENT and value.kind() == "array":
                for element in value.children():
                    if element.is_named() and element.kind() != "comment":
                        self.scalar(_ELEMENT[prop.kind], owner, key, element, "an element of ")
            elif prop.kind.startswith("map_") and prop.kind in _ELEMENT and value.kind() == "object":
                for member in value.children():
                    if member.kind() == "pair" and member.field("value") is not None:
                        self.scalar(_ELEMENT[prop.kind], owner, key, member.field("value"), "a value of ")
            elif _is_provider_meta(self.index, struct, prop):
                branches = [value]
                if value.kind() == "ternary_expression":
                    branches = [b for b in (value.field("consequence"), value.field("alternative")) if b is not None]
                for branch in branches:
                    if self.literal(branch).kind in ("string", "template"):
                        self.findings.append(_ts_provider_string(self.rule, self.doc, self.index, branch))

    def replaced(self, struct, key, pair, value, given) -> None:
        found = _replacement(self.index, struct, key)
        if found is None:
            return
        prop, values = found
        start, end = self.doc.span(pair)
        lit = self.literal(value)
        where = f"`{self.owner}.{key}` is not declared in provider-aws {self.index.version}"
        if prop.name in given or lit.kind not in ("bool", "string") or lit.value not in values:
            self.findings.append(self.source.finding(
                self.rule, start, end, f"{where}; set `{prop.name}` instead (not fixed: "
                + ("both are given)" if prop.name in given else "the wanted value is not certain)")))
            return
        text = f"{prop.name}: {_render(values[lit.value], self.quote, python=False)}"
        self.findings.append(self.source.finding(
            self.rule, start, end, f"{where}; `{key}: {value.text()}` is `{text}`", [self.source.edit(start, end, text)]))

    def literal(self, node) -> Lit:
        kind, text = node.kind(), node.text()
        if kind in ("true", "false"):
            return Lit("bool", kind == "true")
        if kind == "number":
            return Lit("number", text, text)
        if kind == "unary_expression" and text.startswith("-"):
            operand = [c for c in node.children() if c.is_named()]
            if len(operand) == 1 and operand[0].kind() == "number":
                return Lit("number", text, "-" + operand[0].text())
        if kind == "string" or kind == "template_string" and "${" not in text:
            if "\\" in text:
                return Lit("other")
            return Lit("string", text[1:-1], text)
        if kind == "template_string":
            return Lit("template")
        if kind == "call_expression":
            fn = node.field("function")
            if fn is not None and fn.kind() == "identifier" and fn.text() in ("String", "Number", "parseInt", "parseFloat") \
                    and fn.text() not in self.doc.imports.names:
                return Lit("call", fn.text())
        return Lit("other")

    def scalar(self, kind, owner, name, node, part="") -> None:
        lit = self.literal(node)
        new, problem = judge(kind, lit)
        if new is None and problem is None:
            return
        start, end = self.doc.span(node)
        where = f"{part}{_where(self.index, owner, name)} is {_ARTICLE[kind]}"
        if problem is not None:
            self.findings.append(self.source.finding(self.rule, start, end, f"{where}: {problem}"))
            return
        if isinstance(new, bool):
            text = "true" if new else "false"
        elif isinstance(new, str):
            text = f"{self.quote}{new}{self.quote}"
        else:
            text = lit.value
        self.findings.append(self.source.finding(
            self.rule, start, end, f"{where}; write `{text}`", [self.source.edit(start, end, text)]))
