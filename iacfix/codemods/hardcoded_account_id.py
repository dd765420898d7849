"""IAC319 hardcoded-account-id."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _account_ids, _provider, _secrets
from iacfix.fixes import Applicability
from iacfix.knowledge.provider import python_root, ts_package
from iacfix.rules import Example, Rule

_TRIGGER = re.compile(r"(?<!\d)\d{12}(?!\d)")
_CALLER = ("dataAwsCallerIdentity", "DataAwsCallerIdentity")
_CFN_FIXABLE_SECTIONS = ("Resources", "Outputs")
_CFN_REPORT_SECTIONS = ("Parameters", "Mappings")
_PY_PREFIX = re.compile(r"([rRuUfF]{0,2})('''|\"\"\"|'|\")")


class HardcodedAccountId(Rule):
    """An AWS account id written into the code: `123456789012` in an ARN or as a value.

    A template or stack that names an account deploys into one account only; a placeholder such
    as the AWS documentation's `123456789012` is wrong in every account (seed 002 #8: the GitHub
    OIDC provider ARN `arn:aws:iam::123456789012:oidc-provider/…` in a CI role's trust policy, which
    makes `AssumeRoleWithWebIdentity` fail with "Invalid identity provider"). The account the stack
    is deployed into is known at deploy time:

    - CloudFormation: `${AWS::AccountId}`. A string already inside `!Sub` / `Fn::Sub` gets the
      account field replaced in place; any other string becomes a `!Sub` (JSON `{"Fn::Sub": …}`,
      long form in a long-form template) with existing `${` escaped as `${!`; a value that is only
      the account id becomes `!Ref AWS::AccountId`. Only in `Resources` and `Outputs`, where
      intrinsics are allowed; a placeholder in a parameter `Default` or a mapping is reported.
    - CDKTF (Python, TypeScript): a `DataAwsCallerIdentity` data source (id `caller-identity`) is
      added once per function, before the first statement that needs it (above its leading
      comments, outside any loop) and imported in the file's idiom; the string becomes an f-string
      `f"arn:aws:iam::{caller_identity.account_id}:root"` / a template literal
      `` `arn:aws:iam::${callerIdentity.accountId}:root` `` (existing braces and `${` escaped) —
      the account id is a string token that Terraform resolves, so it may be interpolated. A value
      that is only the account id becomes `caller_identity.account_id`. An existing caller identity
      assigned earlier in the same function is reused. Only strings inside the arguments of a
      provider construct (`IamRole(self, …, assume_role_policy=json.dumps({…}))`) in a method or
      function are fixed; a placeholder elsewhere (a configuration dictionary, a module constant)
      is reported, since its uses are not known.

    Applicability: a placeholder (documentation examples `123456789012`, `111122223333`,
    `444455556666` …, a repeated digit, a run of consecutive digits) can never have been meant, so
    the fix is **safe**. Any other account id in an ARN may be a deliberate cross-account
    reference (a CI account, a central logging account): its fix is **unsafe** (option
    `real_accounts`: `unsafe` (default), `report` to only report, `ignore`).

    Left alone: accounts that belong to AWS services and are right where they are (the Elastic
    Load Balancing log-delivery accounts, Lambda layer ARNs published by other accounts, Inspector
    rules packages), LocalStack's `000000000000`, comparisons (`!Equals`, `==`, `===`), comments,
    12-digit numbers that are not in an ARN and not a placeholder, and strings used as
    `str.format` / `%` templates (a token in them would break the formatting).
    """

    id = "IAC319"
    slug = "hardcoded-account-id"
    summary = "Hard-coded AWS account id (123456789012 in an ARN): use the deploying account (caller identity / AWS::AccountId)"
    rationale = "seed 002 #8 (OIDC provider ARN with the placeholder account 123456789012)"
    seeds = ("002#8",)
    languages = ("python", "typescript", "cloudformation")
    options = {"real_accounts": "unsafe"}
    option_choices = {"real_accounts": ("unsafe", "report", "ignore")}
    examples = (
        Example("typescript", """\
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';

export class Ci {
  constructor(scope: any) {
    new IamRole(scope, 'ci', {
      assumeRolePolicy: JSON.stringify({
        Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      }),
    });
  }
}
""", """\
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';

export class Ci {
  constructor(scope: any) {
    const callerIdentity = new DataAwsCallerIdentity(scope, 'caller-identity');
    new IamRole(scope, 'ci', {
      assumeRolePolicy: JSON.stringify({
        Principal: { Federated: `arn:aws:iam::${callerIdentity.accountId}:oidc-provider/token.actions.githubusercontent.com` },
      }),
    });
  }
}
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy


def grant(self, role):
    IamRolePolicy(self, "read", role=role.id,
                  policy='{"Resource": "arn:aws:ssm:us-east-1:123456789012:parameter/${aws:username}"}')
""", """\
from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity


def grant(self, role):
    caller_identity = DataAwsCallerIdentity(self, "caller-identity")
    IamRolePolicy(self, "read", role=role.id,
                  policy=f'{{"Resource": "arn:aws:ssm:us-east-1:{caller_identity.account_id}:parameter/${{aws:username}}"}}')
"""),
        Example("cloudformation", """\
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::123456789012:root  # trusted account
            Action: sts:AssumeRole
""", """\
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'  # trusted account
            Action: sts:AssumeRole
"""),
        # valid: the ELB log-delivery account of us-east-1, and a Lambda layer of another account
        Example("cloudformation", """\
Resources:
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: logs
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: 'arn:aws:iam::127311923021:root'}
            Action: s3:PutObject
            Resource: arn:aws:s3:::logs/*
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Layers: [!Sub 'arn:aws:lambda:${AWS::Region}:017000801446:layer:AWSLambdaPowertoolsPythonV2:68']
"""),
        # reported: a placeholder in a parameter default (no intrinsic may be used there)
        Example("cloudformation", """\
Parameters:
  BackupAccountId:
    Type: String
    Default: '123456789012'
Resources:
  Topic:
    Type: AWS::SNS::Topic
""", reported=True),
        Example("python", """\
from cdktf_cdktf_provider_aws.iam_role import IamRole

CONFIG = {"account_id": "123456789012"}
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if not _TRIGGER.search(text):
            return False
        return language == "cloudformation" or any(t in text for t in _provider.TRIGGERS)

    def _kind_allowed(self, ctx, kinds) -> tuple[bool, Applicability | None]:
        """(report at all, applicability of the fix or None for report only)."""
        policy = ctx.option(self, "real_accounts")
        if "real" in kinds and policy == "ignore":
            kinds = [k for k in kinds if k != "real"]
            if not kinds:
                return False, None
        if "real" in kinds:
            return True, Applicability.UNSAFE if policy == "unsafe" else None
        return True, Applicability.SAFE

    def _message(self, accounts, kinds, where: str) -> str:
        ids = ", ".join(f"`{a}`" for a in dict.fromkeys(accounts))
        what = "a placeholder account id" if "real" not in kinds else "a hard-coded account id"
        return f"{what} {ids} {where}: the stack works in that account only; use the deploying account"

    # -- CloudFormation ----------------------------------------------------------------------
    def check_cloudformation(self, doc, ctx):
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
        root = doc.tree
        if not isinstance(root, MappingNode):
            return
        findings = []

        def walk(node, section, in_sub_template=False, in_equals=False):
            if isinstance(node, ScalarNode):
                if not in_equals:
                    findings.extend(self._cfn_scalar(doc, ctx, node, section, in_sub_template))
                return
            tag = getattr(node.tag, "value", None) if hasattr(node.tag, "value") else node.tag
            tag = tag if isinstance(tag, str) else None
            if isinstance(node, SequenceNode):
                is_sub = tag == "!Sub"
                for i, item in enumerate(node.value):
                    walk(item, section, is_sub and i == 0, in_equals or tag == "!Equals")
                return
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    name = key.value if isinstance(key, ScalarNode) else None
                    if name == "Fn::Sub" and len(node.value) == 1:
                        if isinstance(value, ScalarNode):
                            walk(value, section, True, in_equals)
                        elif isinstance(value, SequenceNode):
                            for i, item in enumerate(value.value):
                                walk(item, section, i == 0, in_equals)
                        continue
                    walk(value, section, False, in_equals or name == "Fn::Equals")

        for key, value in root.value:
            section = getattr(key, "value", None)
            if section in _CFN_FIXABLE_SECTIONS or section in _CFN_REPORT_SECTIONS:
                walk(value, section)
        return findings

    def _cfn_scalar(self, doc, ctx, node, section, in_sub_template):
        value = node.value
        if not isinstance(value, str) or not _TRIGGER.search(value):
            return []
        tag = node.tag.value if hasattr(node.tag, "value") else node.tag
        tag = tag if isinstance(tag, str) else ""
        if tag == "!Sub":
            in_sub_template = True
        elif tag.startswith("!"):
            return []
        bare = _account_ids.bare_placeholder(value)
        matches = list(_account_ids.arn_accounts(value))
        if not bare and not matches:
            return []
        kinds = ["placeholder"] if bare else [m[3] for m in matches]
        accounts = [value] if bare else [m[2] for m in matches]
        report, applicability = self._kind_allowed(ctx, kinds)
        if not report:
            return []
        start, end = doc.start(node), doc.end(node)
        source = doc.source
        if section in _CFN_REPORT_SECTIONS:
            if "real" in kinds:
                return []
            where = "in a parameter default" if section == "Parameters" else "in a mapping"
            return [source.finding(self, start, end, self._message(accounts, kinds, where) +
                                   " (an intrinsic cannot be used here: pass the account in, or use AWS::AccountId "
                                   "where the value is used)")]
        message = self._message(accounts, kinds, "in the template")
        if applicability is None:
            return [source.finding(self, start, end, message)]
        raw = doc.text[start:end]
        if in_sub_template:
            edits = []
            for m in _TRIGGER.finditer(raw):
                if m.group(0) in accounts:
                    edits.append(source.edit(start + m.start(), start + m.end(), "${AWS::AccountId}"))
            if not edits:
                return [source.finding(self, start, end, message)]
            return [source.finding(self, start, end, message + ": `${AWS::AccountId}`", edits, applicability)]
        if node.style in ("|", ">") or "\n" in raw:
            return [source.finding(self, start, end, message + " (not fixed: a multi-line scalar)")]
        if bare:
            new = {"Ref": "AWS::AccountId"}
        else:
            pieces, last = [], 0
            for a_start, a_end, account, _ in sorted(_account_ids.arn_accounts(value)):
                if account in accounts:
                    pieces += [value[last:a_start].replace("${", "${!"), "${AWS::AccountId}"]
                    last = a_end
            pieces.append(value[last:].replace("${", "${!"))
            new = {"Fn::Sub": "".join(pieces)}
        from iacfix.languages.cloudformation import render_inline
        return [source.finding(self, start, end, message + (": `!Ref AWS::AccountId`" if bare else
                                                              ": `!Sub` with `${AWS::AccountId}`"),
                               [source.edit(start, end, render_inline(new, doc.style))], applicability)]

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        found = []  # (node, ancestors, accounts, kinds, bare)

        def visit(node, ancestors):
            if isinstance(node, (ast.Constant, ast.JoinedStr)):
                self._py_candidate(doc, node, ancestors, found)
                return
            ancestors.append(node)
            for child in ast.iter_child_nodes(node):
                visit(child, ancestors)
            ancestors.pop()

        visit(doc.tree, [])
        if not found:
            return
        taken = {n.id for n in doc.names} | set(doc.imports.names) | {
            a.arg for a in doc.nodes if isinstance(a, ast.arg)}
        ids = {n.value for n in doc.nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        aws_root = next((q.split(".")[0] for q in doc.imports.names.values() if q.split(".")[0] in _provider.PY_ROOTS),
                        python_root(ctx.target.family))
        plans = {}  # function → (variable, edits) shared by its findings
        source = doc.source
        located = [(f, self._py_fixable(doc, index, f[1])) for f in found]
        for (node, ancestors, accounts, kinds, bare), where in located:
            report, applicability = self._kind_allowed(ctx, kinds)
            if not report:
                continue
            start, end = doc.span(node)
            message = self._message(accounts, kinds, "in a string")
            if where is None:
                if "real" not in kinds:
                    yield source.finding(self, start, end, message + " (not fixed: not an argument of a provider "
                                         "construct in a method or function)")
                continue
            if applicability is None:
                yield source.finding(self, start, end, message)
                continue
            function, stmt, scope = where
            new_literal = _py_rewrite(doc.text[start:end], accounts, bare, "{var}")
            if new_literal is None:
                yield source.finding(self, start, end, message + " (not fixed: not a plain string literal)")
                continue
            if function not in plans:
                plans[function] = self._py_plan(doc, index, function, aws_root, taken, ids)
            plan = plans[function]
            if plan["edits"] is None:
                first = min((w[1] for _, w in located if w is not None and w[0] is function),
                            key=lambda s: (s.lineno, s.col_offset))
                point = _secrets.insertion_point(doc.text, doc.span(first)[0])
                if point is None:
                    yield source.finding(self, start, end, message + " (not fixed: no statement to insert before)")
                    continue
                offset, indent = point
                cls, more = doc.reference(plan["module"], "DataAwsCallerIdentity")
                line = f'{indent}{plan["var"]} = {cls}({scope}, "{plan["cid"]}"){source.newline}'
                plan["edits"] = [*more, source.edit(offset, offset, line)]
            edit = source.edit(start, end, new_literal.replace("{var}", plan["var"]))
            yield source.finding(self, start, end, message + f": `{plan['var']}.account_id` (DataAwsCallerIdentity)",
                                 [*plan["edits"], edit], applicability)

    def _py_candidate(self, doc, node, ancestors, found):
        if isinstance(node, ast.Constant):
            if not isinstance(node.value, str) or not _TRIGGER.search(node.value):
                return
            value = node.value
        else:
            start, end = doc.span(node)
            value = doc.text[start:end]
            if not _TRIGGER.search(value):
                return
        if any(isinstance(a, ast.Compare) for a in ancestors):
            return
        parent = ancestors[-1] if ancestors else None
        if isinstance(parent, ast.Attribute) and parent.attr == "format" or \
                isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Mod) and parent.left is node:
            return
        if isinstance(parent, ast.Dict) and any(k is node for k in parent.keys):
            return
        bare = isinstance(node, ast.Constant) and _account_ids.bare_placeholder(value)
        matches = list(_account_ids.arn_accounts(value))
        if not bare and not matches:
            return
        kinds = ["placeholder"] if bare else [m[3] for m in matches]
        accounts = [value] if bare else [m[2] for m in matches]
        found.append((node, list(ancestors), accounts, kinds, bare))

    def _py_fixable(self, doc, index, ancestors):
        """(function, statement in its body, scope expression) or None."""
        function = next((a for a in reversed(ancestors) if isinstance(a, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
        if function is None:
            return None
        inner = ancestors[ancestors.index(function) + 1:]
        construct = next((a for a in inner if isinstance(a, ast.Call) and a.args and
                          _provider.python_resolve(index, doc, a.func)), None)
        if construct is None:
            return None
        stmt = next((a for a in inner if isinstance(a, ast.stmt) and a in function.body), None)
        if stmt is None:
            return None
        params = [a.arg for a in function.args.posonlyargs + function.args.args + function.args.kwonlyargs]
        first = construct.args[0]
        if isinstance(first, ast.Name) and first.id in params:
            scope = first.id
        elif params and params[0] == "self":
            scope = "self"
        else:
            return None
        return function, stmt, scope

    def _py_plan(self, doc, index, function, aws_root, taken, ids):
        for stmt in function.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.value, ast.Call) and \
                    _provider.python_resolve(index, doc, stmt.value.func) == _CALLER:
                target = stmt.targets[0]
                if isinstance(target, ast.Name):
                    return {"var": target.id, "edits": []}
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                    return {"var": f"{target.value.id}.{target.attr}", "edits": []}
        return {"var": _secrets.unique("caller_identity", taken), "cid": _secrets.unique("caller-identity", ids),
                "module": f"{aws_root}.{index.python_leaf(_CALLER[0])}", "edits": None}

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        found = []
        for kind in ("string", "template_string"):
            for node in doc.root.find_all(kind=kind):
                self._ts_candidate(node, found)
        if not found:
            return
        found.sort(key=lambda f: doc.span(f[0])[0])
        text = doc.text
        taken = set(re.findall(r"[A-Za-z_$][\w$]*", text))
        ids = set(re.findall(r"['\"`]([^'\"`\n]*)['\"`]", text))
        quote = doc.import_quote()
        aws = next((spec.split("/lib/")[0] for spec, _ in doc.imports.names.values()
                    if spec.split("/lib/")[0] in _provider.TS_PACKAGES), ts_package(ctx.target.family))
        located = [(f, self._ts_fixable(doc, index, f[0])) for f in found]
        plans = {}
        source = doc.source
        for (node, accounts, kinds, bare), where in located:
            report, applicability = self._kind_allowed(ctx, kinds)
            if not report:
                continue
            start, end = doc.span(node)
            message = self._message(accounts, kinds, "in a string")
            if where is None:
                if "real" not in kinds:
                    yield source.finding(self, start, end, message + " (not fixed: not an argument of a provider "
                                         "construct in a method or function)")
                continue
            if applicability is None:
                yield source.finding(self, start, end, message)
                continue
            function, stmt, scope = where
            key = doc.span(function)
            if key not in plans:
                plans[key] = self._ts_plan(doc, index, function, taken, ids)
            plan = plans[key]
            if plan["edits"] is None:
                first = min((w[1] for _, w in located if w is not None and doc.span(w[0]) == key),
                            key=lambda s: doc.span(s)[0])
                point = _secrets.insertion_point(text, doc.span(first)[0], ("//", "/*", "*"))
                if point is None:
                    yield source.finding(self, start, end, message + " (not fixed: no statement to insert before)")
                    continue
                offset, indent = point
                cls, more = _secrets.ts_reference(doc, aws, index.ts_leaf(_CALLER[0]), _CALLER[0], _CALLER[1], quote)
                line = f"{indent}const {plan['var']} = new {cls}({scope}, {quote}{plan['cid']}{quote});{source.newline}"
                plan["edits"] = [*more, source.edit(offset, offset, line)]
            new = _ts_rewrite(node, accounts, bare, plan["var"])
            if new is None:
                yield source.finding(self, start, end, message + " (not fixed: escapes in the string)")
                continue
            yield source.finding(self, start, end, message + f": `{plan['var']}.accountId` (DataAwsCallerIdentity)",
                                 [*plan["edits"], source.edit(start, end, new)], applicability)

    def _ts_candidate(self, node, found):
        raw = node.text()
        if not _TRIGGER.search(raw):
            return
        parent = node.parent()
        current = node
        while current is not None:
            kind = current.kind()
            if kind == "binary_expression":
                op = current.field("operator")
                if op is not None and op.text() in ("===", "!==", "==", "!="):
                    return
            if kind in ("statement_block", "program", "class_body"):
                break
            current = current.parent()
        if parent is not None and parent.kind() == "pair" and parent.field("key") == node:
            return
        if parent is not None and parent.kind() in ("import_statement", "export_statement"):
            return
        value = raw[1:-1]
        bare = node.kind() == "string" and _account_ids.bare_placeholder(value)
        matches = list(_account_ids.arn_accounts(value))
        if not bare and not matches:
            return
        kinds = ["placeholder"] if bare else [m[3] for m in matches]
        accounts = [value] if bare else [m[2] for m in matches]
        found.append((node, accounts, kinds, bare))

    def _ts_fixable(self, doc, index, node):
        construct, function = None, None
        current = node.parent()
        while current is not None:
            kind = current.kind()
            if kind == "new_expression":
                ctor = current.field("constructor")
                if ctor is not None and _provider.ts_type(index, doc.imports.resolve(ctor)):
                    construct = current
            if kind in ("method_definition", "function_declaration"):
                function = current
                break
            if kind in ("class_body", "program"):
                break
            current = current.parent()
        if construct is None or function is None:
            return None
        body = function.field("body")
        if body is None:
            return None
        stmt = construct
        while stmt is not None and stmt.parent() != body:
            stmt = stmt.parent()
        if stmt is None or stmt.kind() == "comment":
            return None
        args = construct.field("arguments")
        arguments = [c for c in args.children() if c.is_named() and c.kind() != "comment"] if args else []
        params = function.field("parameters")
        names = {p.text() for p in params.find_all(kind="identifier")} if params is not None else set()
        first = arguments[0] if arguments else None
        if first is not None and (first.kind() == "this" or first.kind() == "identifier" and first.text() in names):
            scope = first.text()
        elif function.kind() == "method_definition":
            scope = "this"
        else:
            return None
        return function, stmt, scope

    def _ts_plan(self, doc, index, function, taken, ids):
        body = function.field("body")
        for stmt in body.children():
            if stmt.kind() != "lexical_declaration":
                continue
            decl = stmt.find(kind="variable_declarator")
            value = decl.field("value") if decl is not None else None
            if value is not None and value.kind() == "new_expression":
                ctor = value.field("constructor")
                if ctor is not None and _provider.ts_type(index, doc.imports.resolve(ctor)) == _CALLER:
                    return {"var": decl.field("name").text(), "edits": []}
        return {"var": _secrets.unique("callerIdentity", taken), "cid": _secrets.unique("caller-identity", ids),
                "edits": None}


# -- helpers -------------------------------------------------------------------------------------

def _py_rewrite(raw: str, accounts, bare: bool, var: str) -> str | None:
    """The new Python source of a string literal (`{var}` stands for the caller identity variable)."""
    if bare:
        return f"{var}.account_id"
    m = _PY_PREFIX.match(raw)
    if m is None:
        return None
    prefix, quote = m.group(1), m.group(2)
    if "b" in prefix.lower() or not raw.endswith(quote) or len(raw) < len(prefix) + 2 * len(quote):
        return None
    body = raw[len(prefix) + len(quote):len(raw) - len(quote)]
    if len(quote) == 1 and re.search(r"(?<!\\)" + re.escape(quote), body):
        return None  # implicit concatenation of several literals
    is_f = "f" in prefix.lower()
    pieces, last = [], 0
    for a_start, a_end, account, _ in sorted(_account_ids.arn_accounts(body)):
        if account not in accounts:
            continue
        if is_f and _brace_depth(body, a_start) != 0:
            continue
        literal = body[last:a_start]
        pieces += [literal if is_f else literal.replace("{", "{{").replace("}", "}}"), f"{{{var}.account_id}}"]
        last = a_end
    if not pieces:
        return None
    tail = body[last:]
    pieces.append(tail if is_f else tail.replace("{", "{{").replace("}", "}}"))
    new_prefix = prefix if is_f else prefix.replace("u", "").replace("U", "") + "f"
    return f"{new_prefix}{quote}{''.join(pieces)}{quote}"


def _brace_depth(body: str, at: int) -> int:
    depth, i = 0, 0
    while i < at:
        two = body[i:i + 2]
        if depth == 0 and two in ("{{", "}}"):
            i += 2
            continue
        if body[i] == "{":
            depth += 1
        elif body[i] == "}":
            depth = max(depth - 1, 0)
        i += 1
    return depth


def _ts_rewrite(node, accounts, bare: bool, var: str) -> str | None:
    raw = node.text()
    if bare:
        return f"{var}.accountId"
    body = raw[1:-1]
    substitution_spans = []
    if node.kind() == "template_string":
        base = node.range().start.index
        for child in node.children():
            if child.kind() == "template_substitution":
                r = child.range()
                substitution_spans.append((r.start.index - base - 1, r.end.index - base - 1))
    pieces, last = [], 0
    for a_start, a_end, account, _ in sorted(_account_ids.arn_accounts(body)):
        if account not in accounts or any(s <= a_start < e for s, e in substitution_spans):
            continue
        literal = body[last:a_start]
        pieces += [literal if node.kind() == "template_string" else _ts_escape(literal), f"${{{var}.accountId}}"]
        last = a_end
    if not pieces:
        return None
    tail = body[last:]
    pieces.append(tail if node.kind() == "template_string" else _ts_escape(tail))
    return "`" + "".join(pieces) + "`"


def _ts_escape(text: str) -> str:
    """Quoted-string body → template-literal body: backticks and `${` escaped, escapes kept."""
    return text.replace("`", "\\`").replace("${", "\\${")
