"""IAC119 raw-interpolation."""
from __future__ import annotations

import ast
import io
import re
import tokenize

from iacfix.codemods import _checks, _companions, _provider
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

_REF = r"(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)\.([a-z][a-z0-9_]*)"
PLAIN = re.compile(r"\$\{" + _REF + r"\}")  # in a plain string
TEMPLATE = re.compile(r"\\\$\{" + _REF + r"\}")  # escaped in a TS template literal
FSTRING = re.compile(r"\$\{\{" + _REF + r"\}\}")  # doubled braces in a Python f-string
SCALARS = ("string", "number", "boolean")


def _norm(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


class RawInterpolation(Rule):
    """A Terraform reference written by hand inside a string (`"${aws_s3_bucket.logs.arn}"`).

    cdktf names a resource in the synthesized Terraform after its construct path: the construct
    id when the construct sits directly in the stack, `parent_id_HASH` when it is nested in
    another construct. A hand-written `${aws_s3_bucket.logs.arn}` is therefore right only for a
    construct with id `logs` directly under the stack, and it hides the dependency from cdktf.
    When the file creates a construct of that Terraform type bound to a name usable where the
    string is (a local variable before it in the same function, `this.x` / `self.x` in the same
    class) and exactly one such construct has the id or the variable name of the reference, the
    reference becomes the construct's attribute: a template literal in TypeScript
    (`` `${logs.arn}` ``), an f-string in Python (`f"{logs.arn}"`), the rest of the string kept
    (its braces doubled, backticks escaped).

    Applicability: **safe** when that construct has exactly the reference's name as its id and
    is created with `this`/`self` in a `TerraformStack` subclass (the hand-written reference
    already meant that resource; only the spelling changes); **unsafe** when the match is by
    variable name or the construct is nested (the reference did not resolve to it before).
    Reported without a fix: several candidates (listed), and a reference to a Terraform type the
    project never creates (Terraform would fail with "Reference to undeclared resource"; the
    message names the class to create).

    Left alone: references with an index or a nested attribute (`endpoint[0].address`),
    attributes the provider index does not list as scalar for the class, `${var.x}` /
    `${local.x}` and other non-resource expressions, and strings a construct may not reach.
    """

    id = "IAC119"
    slug = "raw-interpolation"
    summary = "Hand-written `${aws_x.name.attr}` Terraform reference in a string where a construct reference exists"
    rationale = ("issue 6 family 5: raw `${aws_x.y.id}` / `${data.aws_caller_identity.current.account_id}` "
                 "interpolation in generated CDKTF code (cdktf-ts Pr5776, Pr7795; cdktf-py Pr6655)")
    languages = ("python", "typescript")
    applicability = Applicability.UNSAFE
    triggers = ("${aws_", "${data.aws_", "${{aws_", "${{data.aws_")
    examples = (
        Example("typescript", """\
import { TerraformStack } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

class Stack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const logs = new S3Bucket(this, 'logs', { bucket: 'logs' });
    const policy = JSON.stringify({ Resource: '${aws_s3_bucket.logs.arn}/*' });
  }
}
""", """\
import { TerraformStack } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

class Stack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const logs = new S3Bucket(this, 'logs', { bucket: 'logs' });
    const policy = JSON.stringify({ Resource: `${logs.arn}/*` });
  }
}
"""),
        Example("python", """\
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity


class Stack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        self.current = DataAwsCallerIdentity(self, "current")
        principal = {"AWS": "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"}
""", """\
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity


class Stack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        self.current = DataAwsCallerIdentity(self, "current")
        principal = {"AWS": f"arn:aws:iam::{self.current.account_id}:root"}
"""),
        # the project never creates the data source: reported
        Example("typescript", """\
import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';

const account = '${data.aws_caller_identity.current.account_id}';
""", reported=True),
        # valid: references to constructs, variables and locals
        Example("python", """\
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

bucket = S3Bucket(self, "logs")
arn = f"{bucket.arn}/*"
name = "${var.name}-${local.suffix}"
"""),
    )

    # -- shared ------------------------------------------------------------------------------
    @staticmethod
    def _target(index, data: str | None, tf_type: str) -> str | None:
        """`aws_s3_bucket` → "s3Bucket.S3Bucket" (`data.` → the data source)."""
        leaf = f"data_{tf_type}" if data else tf_type[len("aws_"):]
        sub = index.module_for_python_loose(leaf)
        if sub is None:
            return None
        want = "data" if data else "resource"
        found = [t for t in index.types(sub) if index.kind_of(sub, t) == want]
        return f"{sub}.{found[0]}" if len(found) == 1 else None

    def _resolve(self, index, match, candidates, visible, has_elsewhere):
        """(replacement expression, applicability) or (None, message) for one reference."""
        data, tf_type, name, attr_name = match.groups()
        cls = self._target(index, data, tf_type)
        if cls is None:
            return None, None
        attr = index.attribute(cls, attr_name)
        if attr is None or attr.kind not in SCALARS:
            return None, None
        short = cls.rpartition(".")[2]
        ref = f"{'data.' if data else ''}{tf_type}.{name}"
        of_class = [c for c in candidates if c["cls"] == cls]
        if not of_class:
            if has_elsewhere(short):
                return None, None
            return None, (f"`${{{ref}.{attr_name}}}` refers to a {short} named `{name}` that the project never "
                          f"creates (Terraform: undeclared resource); create it and use its `{attr_name}` "
                          f"attribute instead of the hand-written reference")
        top = [c for c in of_class if c["id"] == name and c["top"]]
        if top:
            # the reference resolves today; spell it as the construct's attribute when it can be named here
            if len(top) == 1 and visible(top[0]):
                return (top[0]["binding"], attr), Applicability.SAFE
            return None, None
        by_id = [c for c in of_class if c["id"] == name]
        by_binding = [c for c in of_class if c["binding"] and _norm(c["binding"].rpartition(".")[2]) == _norm(name)]
        matches = list({id(c): c for c in by_id + by_binding}.values())  # one by either name, or ambiguous
        usable = [c for c in matches if visible(c)]
        if len(matches) != 1 or len(usable) != 1:
            listed = ", ".join(f"`{c['binding'] or '?'}` (id {c['id']!r})" for c in of_class[:6])
            return None, (f"`${{{ref}.{attr_name}}}` is a hand-written reference to a {short}; use the construct's "
                          f"attribute instead (candidates in this file: {listed})")
        return (usable[0]["binding"], attr), Applicability.UNSAFE

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        if not index.has_attributes():
            return
        candidates = None
        source = doc.source
        for node in list(doc.root.find_all(kind="string")) + list(doc.root.find_all(kind="template_string")):
            kind = node.kind()
            literal = node.text()
            pattern = PLAIN if kind == "string" else TEMPLATE
            found = list(pattern.finditer(literal))
            if not found:
                continue
            if candidates is None:
                candidates = self._ts_candidates(doc, index)
            start, end = doc.span(node)
            pieces, last, fixes, messages, applicability = [], 0, 0, [], Applicability.SAFE
            for m in found:
                resolved, extra = self._resolve(
                    index, m, candidates, lambda c: _ts_visible(doc, c, node),
                    lambda short: _elsewhere(ctx, short, (".ts",)))
                if resolved is None:
                    if extra:
                        messages.append(extra)
                    continue
                binding, attr = resolved
                if extra is Applicability.UNSAFE:
                    applicability = Applicability.UNSAFE
                pieces.append(_ts_escape(literal[last:m.start()], kind))
                pieces.append("${" + f"{binding}.{attr.name}" + "}")
                last = m.end()
                fixes += 1
            if fixes:
                pieces.append(_ts_escape(literal[last:], kind))
                body = "".join(pieces)
                if kind == "string":
                    body = "`" + body[1:-1] + "`"
                if not messages:
                    yield source.finding(
                        self, start, end,
                        f"hand-written Terraform reference{'s' if fixes > 1 else ''} in a string; use the "
                        f"construct's attribute (`{body}`)",
                        [source.edit(start, end, body)], applicability)
                    continue
            for message in messages:
                yield source.finding(self, start, end, message)

    def _ts_candidates(self, doc, index):
        out = []
        for new in doc.root.find_all(kind="new_expression"):
            ctor = new.field("constructor")
            resolved = _provider.ts_type(index, doc.imports.resolve(ctor)) if ctor is not None else None
            if not resolved or index.kind_of(*resolved) not in ("resource", "data"):
                continue
            args = new.field("arguments")
            arguments = [a for a in args.children() if a.is_named() and a.kind() != "comment"] if args else []
            if len(arguments) < 2:
                continue
            bound = _companions.ts_binding(doc, new)
            klass = _ts_enclosing(new, ("class_declaration", "class"))
            top = arguments[0].kind() == "this" and klass is not None and "TerraformStack" in \
                " ".join(c.text() for c in klass.children() if c.kind() == "class_heritage")
            out.append({"cls": f"{resolved[0]}.{resolved[1]}", "id": _checks.ts_str(arguments[1]),
                        "binding": bound[1] if bound else None, "stmt": bound[0] if bound else None,
                        "node": new, "top": top})
        return out

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        if not index.has_attributes():
            return
        candidates = None
        source, text = doc.source, doc.text
        stack = [doc.tree]
        strings = []
        while stack:
            node = stack.pop()
            if isinstance(node, ast.JoinedStr) or isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.append(node)
                continue
            stack.extend(ast.iter_child_nodes(node))
        for node in sorted(strings, key=lambda n: (n.lineno, n.col_offset)):
            start, end = doc.span(node)
            literal = text[start:end]
            fstring = isinstance(node, ast.JoinedStr)
            pattern = FSTRING if fstring else PLAIN
            found = list(pattern.finditer(literal))
            if not found:
                continue
            if not fstring and not _py_single_literal(literal):
                continue
            if candidates is None:
                candidates = self._py_candidates(doc, index)
            pieces, last, fixes, messages, applicability = [], 0, 0, [], Applicability.SAFE
            for m in found:
                resolved, extra = self._resolve(
                    index, m, candidates, lambda c: _py_visible(doc, c, node),
                    lambda short: _elsewhere(ctx, short, (".py",)))
                if resolved is None:
                    if extra:
                        messages.append(extra)
                    continue
                binding, attr = resolved
                if extra is Applicability.UNSAFE:
                    applicability = Applicability.UNSAFE
                pieces.append(literal[last:m.start()] if fstring else _py_braces(literal[last:m.start()]))
                pieces.append("{" + f"{binding}.{attr.py_name}" + "}")
                last = m.end()
                fixes += 1
            if fixes and not messages:
                pieces.append(literal[last:] if fstring else _py_braces(literal[last:]))
                body = "".join(pieces)
                if not fstring:
                    body = _py_make_f(body)
                yield source.finding(
                    self, start, end,
                    f"hand-written Terraform reference{'s' if fixes > 1 else ''} in a string; use the "
                    f"construct's attribute (`{body}`)",
                    [source.edit(start, end, body)], applicability)
                continue
            for message in messages:
                yield source.finding(self, start, end, message)

    def _py_candidates(self, doc, index):
        out = []
        for call in doc.calls:
            resolved = _provider.python_resolve(index, doc, call.func)
            if not resolved or index.kind_of(*resolved) not in ("resource", "data") or len(call.args) < 2:
                continue
            bound = _companions.python_binding(doc, call)
            klass = _py_enclosing(doc.tree, call, (ast.ClassDef,))
            top = isinstance(call.args[0], ast.Name) and call.args[0].id == "self" and klass is not None and \
                any(getattr(b, "id", getattr(b, "attr", "")) == "TerraformStack" for b in klass.bases)
            out.append({"cls": f"{resolved[0]}.{resolved[1]}", "id": _checks.py_str(call.args[1]),
                        "binding": bound[1] if bound else None, "stmt": bound[0] if bound else None,
                        "node": call, "top": top})
        return out


# -- TypeScript helpers ---------------------------------------------------------------------------

def _ts_enclosing(node, kinds):
    current = node.parent()
    while current is not None:
        if current.kind() in kinds:
            return current
        current = current.parent()
    return None


def _same(a, b) -> bool:
    return a is not None and b is not None and a.range().start.index == b.range().start.index and \
        a.range().end.index == b.range().end.index


def _ts_visible(doc, c, node) -> bool:
    """The candidate's binding can be named where `node` is."""
    binding = c["binding"]
    if not binding or c["stmt"] is None:
        return False
    if binding.startswith("this."):
        return "." not in binding[5:] and _same(_ts_enclosing(c["node"], ("class_declaration", "class")),
                                                _ts_enclosing(node, ("class_declaration", "class")))
    if "." in binding:
        return False
    block = c["stmt"].parent()
    if block is None or doc.span(c["stmt"])[1] > doc.span(node)[0]:
        return False
    current = node.parent()
    while current is not None:
        if _same(current, block):
            return True
        current = current.parent()
    return False


def _ts_escape(text: str, kind: str) -> str:
    """Literal text of a string moved into a template literal: backticks and `${` escaped."""
    if kind == "template_string":
        return text
    out = re.sub(r"(?<!\\)`", r"\\`", text)
    return re.sub(r"(?<!\\)\$\{", r"\\${", out)


def _elsewhere(ctx, short: str, suffixes) -> bool:
    """Whether any other file of the project mentions the class (it may create the resource)."""
    return any(short in content for _, content in _checks.project_files(ctx, *suffixes))


# -- Python helpers -------------------------------------------------------------------------------

def _py_enclosing(tree, node, kinds):
    best = None
    target = (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
    for candidate in ast.walk(tree):
        if isinstance(candidate, kinds):
            span = (candidate.lineno, candidate.col_offset, candidate.end_lineno, candidate.end_col_offset)
            if span[:2] <= target[:2] and target[2:] <= span[2:]:
                if best is None or span[:2] >= (best.lineno, best.col_offset):
                    best = candidate
    return best


def _py_visible(doc, c, node) -> bool:
    binding = c["binding"]
    if not binding or c["stmt"] is None:
        return False
    if binding.startswith("self."):
        return "." not in binding[5:] and _py_enclosing(doc.tree, c["node"], (ast.ClassDef,)) is \
            _py_enclosing(doc.tree, node, (ast.ClassDef,)) is not None
    if "." in binding:
        return False
    functions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
    if _py_enclosing(doc.tree, c["node"], functions) is not _py_enclosing(doc.tree, node, functions):
        return False
    return (c["stmt"].end_lineno, c["stmt"].end_col_offset) <= (node.lineno, node.col_offset)


def _py_single_literal(src: str) -> bool:
    """One plain (not bytes, not already f) string token."""
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(src).readline)
                  if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER)]
    except (tokenize.TokenError, SyntaxError):
        return False
    if len(tokens) != 1 or tokens[0].type != tokenize.STRING:
        return False
    prefix = re.match(r"[A-Za-z]*", src).group(0).lower()
    return prefix in ("", "r")


def _py_braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _py_make_f(body: str) -> str:
    """Prefix a plain string literal (already brace-escaped) with `f`."""
    prefix = re.match(r"[A-Za-z]*", body).group(0)  # escapes mean the same outside the fields
    return prefix + "f" + body[len(prefix):]
