"""IAC120 construct-id."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from iacfix.codemods import _provider
from iacfix.codemods._secrets import unique
from iacfix.codemods.token_construct_id import CORE_ELEMENTS
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

_PY_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.Module)
_TS_FUNCS = ("function_declaration", "function_expression", "function", "arrow_function",
             "method_definition", "generator_function_declaration", "class_body", "program")
# statements that end a block: a construct created before one of them, inside an `if`, does not
# meet one created after the `if`
_PY_EXITS = (ast.Return, ast.Raise, ast.Continue, ast.Break)
_TS_EXITS = ("return_statement", "throw_statement", "continue_statement", "break_statement")


@dataclass
class _Construct:
    node: object            # the call / new_expression
    cls: str                # class name (jsii)
    kind: str               # resource, data, provider, or core
    leaf: str               # the class in words: `iam_policy` / `iam-policy`; `output` for TerraformOutput
    scope: str              # text of the scope argument
    func: object            # key of the enclosing function (or class body)
    path: list = field(default_factory=list)  # (ancestor key, branch key) from the function down
    id_text: str | None = None   # the id argument's source text, when it is a literal
    id_value: str | None = None  # its value, for a plain string
    id_span: tuple[int, int] | None = None


class ConstructId(Rule):
    """A construct id that is missing, or used twice in one scope.

    Every provider construct takes `(scope, id, config)`; the id names it in the construct tree
    and in the synthesized Terraform. Two mistakes stop a stack before anything is deployed:

    **Missing id** — `AwsProvider(self, region=…)` / `new AwsProvider(this, { region })`: Python
    raises `missing 1 required positional argument: 'id'`, TypeScript says "Expected 3
    arguments". Only calls of provider classes (resources, data sources, the provider itself, as
    the provider index knows them) with nothing but the scope before the configuration are
    repaired: cdktf's own classes have other signatures (`S3Backend(scope, config)` has no id).
    The id inserted after the scope is, for the provider class, the provider's name from the
    index (`"aws"`, or `aws_<alias>` / `aws-<alias>` when `aws` is taken and an `alias` is
    given); otherwise the name the construct is bound to (`bucket = S3Bucket(self, …)`,
    `this.logBucket = new S3Bucket(this, {…})`), else the class (`s3_bucket`), written in the
    file's id style (snake_case, kebab-case or camelCase, by the majority of the file's literal
    ids; Python defaults to snake, TypeScript to kebab) and made unique among the ids of that
    scope (`bucket2`). **Safe**: the code could not run, so nothing is deployed under any id.

    **Duplicate id** — two constructs (provider classes, or cdktf's `TerraformOutput`,
    `TerraformVariable`, …) created with the same literal id on the same scope (`self` / `this` /
    a scope parameter) in one function, constructor or class body: synth
    fails with "There is already a Construct with name '…'". Ids built by f-strings or template
    literals count only when their text is identical. One of the two is renamed by appending a
    word for its class, in the separator style of the id: `_data` / `-data` for a data source,
    `_output` for a `TerraformOutput`, otherwise the class's module name (`ec2_custom_policy` for
    an `IamPolicy` → `ec2_custom_policy_iam_policy`), numbered if that is taken too. Which one:

    - a data source and anything else: the data source (**safe**: a data source holds no state,
      its id is invisible outside the stack);
    - otherwise the later one (**unsafe**: the first one may be what an earlier version of the
      code deployed; the renamed one gets a new Terraform address, and a renamed output is a
      renamed stack output).

    Refused: calls in branches that exclude each other (`if`/`else`, `try`/`except`, a ternary,
    `match`/`switch` cases, an `if` block that returns), the same id in two different methods or
    callbacks (whether both run is not known from the text), ids that are not literal, scopes that are not a
    plain name, `**kwargs` / spread arguments that may carry the id, and calls of classes the
    index does not know (a local construct may build its own id from the one it is given).
    """

    id = "IAC120"
    slug = "construct-id"
    summary = "Construct id missing, or the same id twice in one scope (synth refuses both)"
    rationale = ("issue 6 follow-up: `AwsProvider(self, region=…)` without an id (cdktf-py Pr7956: "
                 "TypeError missing 'id'); `DataAwsIamPolicyDocument(self, \"ec2_custom_policy\")` and "
                 "`IamPolicy(self, \"ec2_custom_policy\")` in one stack (cdktf-py Pr2735: 'There is "
                 "already a Construct with name')")
    languages = ("python", "typescript")
    applicability = Applicability.SAFE
    triggers = _provider.TRIGGERS
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

AwsProvider(self, region="us-east-1")
logs_bucket = S3Bucket(self, bucket="logs")
S3Bucket(self, "data_bucket", bucket="data")
""", """\
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

AwsProvider(self, "aws", region="us-east-1")
logs_bucket = S3Bucket(self, "logs_bucket", bucket="logs")
S3Bucket(self, "data_bucket", bucket="data")
"""),
        Example("typescript", """\
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

new AwsProvider(this, { region: 'us-east-1' });
this.logBucket = new S3Bucket(this, { bucket: 'logs' });
new S3Bucket(this, 'data-bucket', { bucket: 'data' });
""", """\
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

new AwsProvider(this, 'aws', { region: 'us-east-1' });
this.logBucket = new S3Bucket(this, 'log-bucket', { bucket: 'logs' });
new S3Bucket(this, 'data-bucket', { bucket: 'data' });
"""),
        # a data source and a resource share an id: the data source is renamed (cdktf-py Pr2735)
        Example("python", """\
from cdktf_cdktf_provider_aws.data_aws_iam_policy_document import DataAwsIamPolicyDocument
from cdktf_cdktf_provider_aws.iam_policy import IamPolicy

class Stack:
    def __init__(self):
        doc = DataAwsIamPolicyDocument(self, "ec2_policy", statement=[])
        IamPolicy(self, "ec2_policy", policy=doc.json)
""", """\
from cdktf_cdktf_provider_aws.data_aws_iam_policy_document import DataAwsIamPolicyDocument
from cdktf_cdktf_provider_aws.iam_policy import IamPolicy

class Stack:
    def __init__(self):
        doc = DataAwsIamPolicyDocument(self, "ec2_policy_data", statement=[])
        IamPolicy(self, "ec2_policy", policy=doc.json)
"""),
        # two resources: the later is renamed (unsafe)
        Example("typescript", """\
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';

const sg = new SecurityGroup(this, 'web', { vpcId: vpc.id });
new SecurityGroupRule(this, 'web', { type: 'ingress', fromPort: 443, toPort: 443, protocol: 'tcp', securityGroupId: sg.id });
""", """\
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';

const sg = new SecurityGroup(this, 'web', { vpcId: vpc.id });
new SecurityGroupRule(this, 'web-security-group-rule', { type: 'ingress', fromPort: 443, toPort: 443, protocol: 'tcp', securityGroupId: sg.id });
"""),
        # valid: S3Backend has no id; the same id in if/else branches; different scopes
        Example("python", """\
from cdktf import S3Backend
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

S3Backend(self, bucket="state", key="k", region="us-east-1")
if prod:
    S3Bucket(self, "bucket", bucket="a")
else:
    S3Bucket(self, "bucket", bucket="b")
S3Bucket(other, "bucket", bucket="c")
"""),
    )

    # -- shared --------------------------------------------------------------------------------
    def _missing(self, doc, ctx, found, style, quote, scope_ids):
        """Findings for constructs whose id is missing: `found` is (construct, binding name,
        alias, where to insert (offset, text before the id, text after))."""
        index = ctx.provider
        for con, binding, alias, (at, before, after), span in found:
            taken = scope_ids.setdefault((con.func, con.scope), set())
            if con.kind == "provider":
                name = _provider_name(index, con.cls)
                if name in taken and alias:
                    name = _styled([name, *_words(alias)], style)
            else:
                name = _styled(_words(binding) if binding else _words(con.leaf), style)
            new_id = unique(name, taken)
            literal = f"{quote}{new_id}{quote}"
            yield doc.source.finding(
                self, *span,
                f"`{con.cls}` is created without a construct id (the call cannot run); add `{literal}` "
                f"after the scope",
                [doc.source.edit(at, at, f"{before}{literal}{after}")], Applicability.SAFE)

    def _duplicates(self, doc, constructs, style):
        groups: dict = {}
        for con in constructs:
            if con.id_text is not None:
                groups.setdefault((con.func, con.scope, con.id_text), []).append(con)
        taken_by_scope: dict = {}
        for con in constructs:
            if con.id_value is not None:
                taken_by_scope.setdefault((con.func, con.scope), set()).add(con.id_value)
        for (func, scope, _), cons in groups.items():
            if len(cons) < 2:
                continue
            first = cons[0]
            for later in cons[1:]:
                if _exclusive(first, later):
                    continue
                if first.kind == "data" and later.kind != "data":
                    renamed, kept, applicability = first, later, Applicability.SAFE
                elif later.kind == "data":
                    renamed, kept, applicability = later, first, Applicability.SAFE
                else:
                    renamed, kept, applicability = later, first, Applicability.UNSAFE
                edit = self._rename(doc, renamed, style, taken_by_scope.setdefault((func, scope), set()))
                start, end = doc.span(renamed.node)
                line = doc.source.linecol(doc.span(kept.node)[0])[0]
                message = (f"construct id {renamed.id_text} is also used by the `{kept.cls}` on line {line} "
                           f"in the same scope (synth fails: 'There is already a Construct with name')")
                if edit is None:
                    yield doc.source.finding(self, start, end, message + "; give one of them another id")
                else:
                    yield doc.source.finding(self, start, end, message + f"; rename this `{renamed.cls}` to "
                                             f"{edit[1]}", [edit[0]], applicability)
                break  # one rename per group per pass; the fixpoint handles a third

    @staticmethod
    def _rename(doc, con, style, taken):
        """(edit appending the class word before the closing quote, the new id text) or None."""
        text = con.id_text
        m = re.fullmatch(r"([rRuUfFbB]*)(['\"`])(.*)\2", text, re.S)
        if m is None or m.group(2) in m.group(3) or text.endswith(m.group(2) * 3) and len(m.group(3)) >= 2 \
                and m.group(3).startswith(m.group(2) * 2):
            return None
        body = m.group(3)
        if "\\" in body:
            return None
        words = ["data"] if con.kind == "data" else ["output"] if con.cls == "TerraformOutput" else \
            _words(con.leaf)
        if "-" in body and "_" not in body:
            sep_style = "kebab"
        elif "_" in body and "-" not in body:
            sep_style = "snake"
        elif re.search(r"[a-z][A-Z]", body):
            sep_style = "camel"
        else:
            sep_style = style
        suffix = _styled(words, sep_style)
        joiner = "" if sep_style == "camel" else ("-" if sep_style == "kebab" else "_")
        if sep_style == "camel":
            suffix = suffix[:1].upper() + suffix[1:]
        stem = body + joiner + suffix
        new_body = unique(stem, taken) if con.id_value is not None else stem
        start, end = con.id_span
        close = end - 1
        new_text = f"{m.group(1)}{m.group(2)}{new_body}{m.group(2)}"
        return doc.source.edit(start + len(m.group(1)) + 1, close, new_body), new_text

    # -- Python --------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        parents = _py_parents(doc.tree)
        constructs, missing, literal_ids = [], [], []
        for call in doc.calls:
            described = self._py_describe(doc, index, call)
            if described is None:
                continue
            cls, kind, leaf = described
            if any(k.arg is None for k in call.keywords) or any(isinstance(a, ast.Starred) for a in call.args):
                continue
            if not call.args or not isinstance(call.args[0], (ast.Name, ast.Attribute)):
                continue
            func, path = _py_path(parents, call)
            scope = ast.unparse(call.args[0])
            con = _Construct(call, cls, kind, leaf, scope, func, path)
            if len(call.args) >= 2:
                id_node = call.args[1]
                if isinstance(id_node, (ast.Constant, ast.JoinedStr)) and \
                        (isinstance(id_node, ast.JoinedStr) or isinstance(id_node.value, str)):
                    con.id_span = doc.span(id_node)
                    con.id_text = doc.text[con.id_span[0]:con.id_span[1]]
                    if isinstance(id_node, ast.Constant):
                        con.id_value = id_node.value
                        literal_ids.append(con.id_text)
                if isinstance(call.args[0], ast.Name):
                    constructs.append(con)
            elif kind != "core" and not any(k.arg in ("id", "id_") for k in call.keywords):
                missing.append((con, call, parents))
        style = _style([t[1:-1] for t in literal_ids], "snake")
        quote = _py_quote(literal_ids)
        scope_ids: dict = {}
        for con in constructs:
            if con.id_value is not None:
                scope_ids.setdefault((con.func, con.scope), set()).add(con.id_value)
        found = []
        for con, call, parents in missing:
            alias = next((k.value.value for k in call.keywords if k.arg == "alias" and
                          isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)), None)
            found.append((con, _py_binding(parents, call), alias,
                          _insertion(doc, call.args[0], _py_next_arg(call), doc.span), doc.span(call)))
        yield from self._missing(doc, ctx, found, style, quote, scope_ids)
        yield from self._duplicates(doc, [c for c in constructs if c.id_text], style)

    @staticmethod
    def _py_describe(doc, index, call):
        resolved = _provider.python_resolve(index, doc, call.func)
        if resolved:
            kind = index.kind_of(*resolved)
            if kind in ("resource", "data", "provider"):
                return resolved[1], kind, index.python_leaf(resolved[0])
            return None
        qual = doc.imports.resolve(call.func) or ""
        if qual.split(".")[0] in ("cdktf", "cdktn") and qual.split(".")[-1] in CORE_ELEMENTS:
            name = qual.split(".")[-1]
            return name, "core", "output" if name == "TerraformOutput" else _snake(name)
        return None

    # -- TypeScript ----------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        constructs, missing, literal_ids = [], [], []
        for new in doc.root.find_all(kind="new_expression"):
            described = self._ts_describe(doc, index, new)
            if described is None:
                continue
            cls, kind, leaf = described
            args = new.field("arguments")
            arguments = [a for a in args.children() if a.is_named() and a.kind() != "comment"] if args else []
            if not arguments or any(a.kind() == "spread_element" for a in arguments):
                continue
            scope_node = arguments[0]
            if scope_node.kind() not in ("this", "identifier", "member_expression"):
                continue
            func, path = _ts_path(new)
            con = _Construct(new, cls, kind, leaf, scope_node.text(), func, path)
            second = arguments[1] if len(arguments) > 1 else None
            if second is not None and second.kind() in ("string", "template_string"):
                con.id_span = doc.span(second)
                con.id_text = second.text()
                if second.kind() == "string" or "${" not in con.id_text:
                    con.id_value = con.id_text[1:-1]
                    literal_ids.append(con.id_text)
                if scope_node.kind() in ("this", "identifier"):
                    constructs.append(con)
            elif kind != "core" and (second is None or second.kind() == "object") and len(arguments) <= 2:
                missing.append((con, new, scope_node, second))
        style = _style([t[1:-1] for t in literal_ids], "kebab")
        quote = literal_ids[0][0] if literal_ids else doc.import_quote()
        scope_ids: dict = {}
        for con in constructs:
            if con.id_value is not None:
                scope_ids.setdefault((con.func, con.scope), set()).add(con.id_value)
        found = []
        for con, new, scope_node, second in missing:
            alias = None
            if second is not None:
                for pair in second.children():
                    if pair.kind() == "pair" and pair.field("key") is not None and \
                            pair.field("key").text().strip("'\"") == "alias" and \
                            pair.field("value") is not None and pair.field("value").kind() == "string":
                        alias = pair.field("value").text()[1:-1]
            found.append((con, _ts_binding(new), alias, _insertion(doc, scope_node, second, doc.span),
                          doc.span(new)))
        yield from self._missing(doc, ctx, found, style, quote, scope_ids)
        yield from self._duplicates(doc, constructs, style)

    @staticmethod
    def _ts_describe(doc, index, new):
        ctor = new.field("constructor")
        if ctor is None:
            return None
        resolved_import = doc.imports.resolve(ctor)
        resolved = _provider.ts_type(index, resolved_import)
        if resolved:
            kind = index.kind_of(*resolved)
            if kind in ("resource", "data", "provider"):
                return resolved[1], kind, index.ts_leaf(resolved[0])
            return None
        if resolved_import and resolved_import[0] in ("cdktf", "cdktn"):
            name = resolved_import[1].split(".")[-1]
            if name in CORE_ELEMENTS:
                return name, "core", "output" if name == "TerraformOutput" else _snake(name)
        return None


# -- naming -------------------------------------------------------------------------------------

def _words(name: str) -> list[str]:
    """`logs_bucket`, `logs-bucket`, `logsBucket`, `LogsBucket` → ["logs", "bucket"]."""
    name = name.lstrip("_")
    parts = re.split(r"[_\-\s]+", name)
    out = []
    for part in parts:
        out.extend(w.lower() for w in re.findall(r"[A-Z]+\d*(?![a-z])|[A-Z]?[a-z]+\d*|\d+", part) if w)
    return out or [name.lower()]


def _snake(name: str) -> str:
    return "_".join(_words(name))


def _styled(words: list[str], style: str) -> str:
    if style == "kebab":
        return "-".join(words)
    if style == "camel":
        return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])
    return "_".join(words)


def _style(ids: list[str], default: str) -> str:
    """The majority style of the file's literal ids (ties and no evidence: `default`)."""
    counts = {"snake": 0, "kebab": 0, "camel": 0}
    for i in ids:
        if "_" in i and "-" not in i:
            counts["snake"] += 1
        elif "-" in i and "_" not in i:
            counts["kebab"] += 1
        elif re.search(r"[a-z][A-Z]", i) and not re.search(r"[_\-]", i):
            counts["camel"] += 1
    best = max(counts.values())
    winners = [s for s, n in counts.items() if n == best]
    return default if best == 0 or default in winners or len(winners) > 1 else winners[0]


def _provider_name(index, cls: str) -> str:
    """The provider's own name: the last segment of its registry address (`hashicorp/aws`)."""
    address = index.meta.get("terraform_provider") or ""
    name = address.rsplit("/", 1)[-1]
    return name or _snake(cls.removesuffix("Provider"))


def _py_quote(literals: list[str]) -> str:
    singles = sum(1 for t in literals if t.startswith("'"))
    return "'" if singles * 2 > len(literals) else '"'


def _insertion(doc, scope_node, next_node, span):
    """(offset, text before, text after) inserting the id after the scope argument: on a line of
    its own (indented like the next argument) when the next argument starts its own line, else
    `, id` right after the scope."""
    _, scope_end = span(scope_node)
    if next_node is not None:
        next_start, _ = span(next_node)
        between = doc.text[scope_end:next_start]
        line_start = doc.text.rfind("\n", 0, next_start) + 1
        indent = doc.text[line_start:next_start]
        if "\n" in between and between.lstrip().startswith(",") and not indent.strip():
            # on the line after the scope's own line: comments before the next argument stay with it
            after_scope = doc.text.index("\n", scope_end) + 1
            return after_scope, indent, "," + doc.source.newline
    return scope_end, ", ", ""


# -- Python helpers -----------------------------------------------------------------------------

def _py_parents(tree) -> dict:
    """id(node) → (parent, field name, index in the field or None)."""
    out = {}
    for node in ast.walk(tree):
        for name, value in ast.iter_fields(node):
            if isinstance(value, list):
                for i, child in enumerate(value):
                    if isinstance(child, ast.AST):
                        out[id(child)] = (node, name, i)
            elif isinstance(value, ast.AST):
                out[id(value)] = (node, name, None)
    return out


def _py_next_arg(call):
    """The argument written after the scope (positional or keyword), in source order."""
    rest = [a for a in call.args[1:]] + [k for k in call.keywords]
    rest = [n for n in rest if hasattr(n, "lineno")]
    return min(rest, key=lambda n: (n.lineno, n.col_offset)) if rest else None


def _py_path(parents, node):
    """(key of the enclosing function, [(ancestor, branch)…] from it down to `node`)."""
    path = []
    current = node
    while id(current) in parents:
        parent, name, i = parents[id(current)]
        if isinstance(parent, _PY_FUNCS):
            return id(parent), list(reversed(path))
        path.append((id(parent), (name, i), parent, current))
        current = parent
    return id(current), list(reversed(path))


def _py_binding(parents, call) -> str | None:
    parent = parents.get(id(call))
    if parent is None:
        return None
    stmt, name, _ = parent
    targets = stmt.targets if isinstance(stmt, ast.Assign) and name == "value" else \
        [stmt.target] if isinstance(stmt, ast.AnnAssign) and name == "value" else []
    if len(targets) != 1:
        return None
    target = targets[0]
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
        return target.attr
    return None


def _exclusive(a: _Construct, b: _Construct) -> bool:
    """The two calls cannot both run: they sit in branches that exclude each other, or the
    earlier one is in an `if` block that ends by leaving."""
    i = 0
    while i < len(a.path) and i < len(b.path) and a.path[i][0] == b.path[i][0]:
        if a.path[i][1] != b.path[i][1]:
            if _branches_exclude(a.path[i][2], a.path[i][1], b.path[i][1], a.path[i][3], b.path[i][3]):
                return True
            break
        i += 1
    # an `if` (below the common part) around the first call whose block leaves
    return any(_block_leaves(node, child) for _, _, node, child in a.path[i:])


def _branches_exclude(node, key_a, key_b, child_a, child_b) -> bool:
    if isinstance(node, ast.AST):
        (fa, ia), (fb, ib) = key_a, key_b
        if isinstance(node, (ast.If, ast.IfExp)):
            return {fa, fb} == {"body", "orelse"}
        if isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            return "handlers" in (fa, fb)
        if isinstance(node, (ast.Match, ast.BoolOp)):
            return fa == fb and ia != ib
        return False
    kind = node.kind()
    kinds = {child_a.kind(), child_b.kind()}
    if kind == "if_statement":
        return "else_clause" in kinds and "parenthesized_expression" not in kinds
    if kind == "ternary_expression":
        condition = node.field("condition")
        return condition is None or _ts_key(condition) not in (key_a, key_b)
    if kind == "switch_body":
        return True
    if kind == "try_statement":
        return "catch_clause" in kinds
    if kind == "binary_expression":
        op = node.field("operator")
        return op is not None and op.text() in ("&&", "||", "??")
    return False


def _block_leaves(node, child) -> bool:
    if isinstance(node, ast.AST):
        if isinstance(node, (ast.If, ast.For, ast.While, ast.With, ast.Try)):
            block = next((getattr(node, f) for f in ("body", "orelse", "handlers", "finalbody")
                          if child in getattr(node, f, [])), None)
            return bool(block) and any(isinstance(s, _PY_EXITS) for s in block)
        return False
    if node.kind() == "statement_block":
        parent = node.parent()
        return parent is not None and parent.kind() in ("if_statement", "else_clause") and \
            any(c.kind() in _TS_EXITS for c in node.children())
    return False


# -- TypeScript helpers -------------------------------------------------------------------------

def _ts_key(node) -> tuple:
    rng = node.range()
    return node.kind(), rng.start.index, rng.end.index


def _ts_path(node):
    path = []
    current = node
    parent = current.parent()
    while parent is not None:
        if parent.kind() in _TS_FUNCS:
            return _ts_key(parent), list(reversed(path))
        path.append((_ts_key(parent), _ts_key(current), parent, current))
        current, parent = parent, parent.parent()
    return _ts_key(current), list(reversed(path))


def _ts_binding(new) -> str | None:
    parent = new.parent()
    while parent is not None and parent.kind() in ("parenthesized_expression", "as_expression",
                                                   "non_null_expression", "satisfies_expression"):
        parent = parent.parent()
    if parent is None:
        return None
    if parent.kind() == "variable_declarator":
        name = parent.field("name")
        return name.text() if name is not None and name.kind() == "identifier" else None
    if parent.kind() in ("assignment_expression", "public_field_definition"):
        left = parent.field("left") or parent.field("name")
        if left is None:
            return None
        if left.kind() == "member_expression" and left.field("object") is not None and \
                left.field("object").kind() == "this" and left.field("property") is not None:
            return left.field("property").text()
        if left.kind() in ("identifier", "property_identifier"):
            return left.text()
    return None
