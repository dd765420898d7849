"""IAC119 raw-interpolation."""
from __future__ import annotations

import ast
import io
import re
import tokenize

from dataclasses import dataclass

from iacfix.codemods import _checks, _companions, _provider, _secrets
from iacfix.fixes import Applicability
from iacfix.knowledge.provider import python_root, ts_package
from iacfix.rules import Example, Rule

_REF = r"(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)\.([a-z][a-z0-9_]*)"
PLAIN = re.compile(r"\$\{" + _REF + r"\}")  # in a plain string
TEMPLATE = re.compile(r"\\\$\{" + _REF + r"\}")  # escaped in a TS template literal
FSTRING = re.compile(r"\$\{\{" + _REF + r"\}\}")  # doubled braces in a Python f-string
SCALARS = ("string", "number", "boolean")
ADDRESS = re.compile(_REF)  # the argument of an invented `Fn.data('<type>.<name>.<attr>')`
CORE_PACKAGES = ("cdktf", "cdktn")
_PY_FN_DATA = re.compile(r"\b([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*\.\s*data\s*\(\s*"
                         r"(?:'([^'\\\n]*)'|\"([^\"\\\n]*)\")\s*,?\s*\)")


@dataclass(frozen=True)
class _Create:
    """A data source the file does not create but may: no required arguments."""
    cls: str       # "dataAwsCallerIdentity.DataAwsCallerIdentity"
    name: str      # the address name, also the new construct's id
    message: str   # what to report when it cannot be created here


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

    Data sources the code never creates. A data source reference — raw `${data.<type>.<name>.<attr>}`
    in a string, or the invented `Fn.data('<type>.<name>.<attr>')` (cdktf has no such function:
    TS2339, AttributeError at synth; IAC113 leaves it to this rule) — to a data source that no
    file of the project creates is fixed by creating it, when the provider index says its config
    struct has no required properties (`aws_caller_identity`, `aws_region`, `aws_partition`, …;
    `ProviderIndex.required_props`; never guessed for others, whose missing arguments are listed):
    `current = DataAwsCallerIdentity(self, "current")` / `const current = new
    DataAwsCallerIdentity(this, 'current');` (id and variable = the address name; on a clash,
    qualified by the type: `region_current`, id `region-current`) is added once per method, before
    the first statement that uses the address (above its leading comments), imported in the file's
    idiom, and the reference becomes its attribute (`current.account_id` / `current.accountId`; in
    a string, the f-string / template literal as above). Only in a constructor (`__init__` /
    `constructor`) or a method called once in the file (`self.m(` / `this.m(`), where `self` /
    `this` is a construct: a getter, a static method, a method called several times (a duplicate
    construct id) or module-level code is reported instead. **Unsafe** (adds a data source). An
    `Fn.data(...)` naming a data source the file creates follows the rules above (safe when it is
    the top-level construct with that id). An index derived before it recorded optionality (the
    shipped cdktn index) only reports.

    Left alone: references with an index or a nested attribute (`endpoint[0].address`),
    attributes the provider index does not list as scalar for the class, `${var.x}` /
    `${local.x}` and other non-resource expressions, and strings a construct may not reach.
    """

    id = "IAC119"
    slug = "raw-interpolation"
    summary = "Hand-written `${aws_x.name.attr}` Terraform reference in a string where a construct reference exists"
    rationale = ("issue 6 family 5: raw `${aws_x.y.id}` / `${data.aws_caller_identity.current.account_id}` "
                 "interpolation in generated CDKTF code (cdktf-ts Pr5776, Pr7795; cdktf-py Pr6655), and the "
                 "invented `Fn.data('aws_caller_identity.current.account_id')` (cdktf-py Pr7111)")
    languages = ("python", "typescript")
    applicability = Applicability.UNSAFE
    triggers = ("${aws_", "${data.aws_", "${{aws_", "${{data.aws_", ".data(")
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
        # the data source is never created and takes no required arguments: created (unsafe)
        Example("python", """\
from cdktf import TerraformStack, Fn, Token
from cdktf_cdktf_provider_aws.kms_key import KmsKey


class Stack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        KmsKey(self, "key", policy=f"arn:aws:iam::{Token.as_string(Fn.data('aws_caller_identity.current.account_id'))}:root")
""", """\
from cdktf import TerraformStack, Fn, Token
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity


class Stack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        current = DataAwsCallerIdentity(self, "current")
        KmsKey(self, "key", policy=f"arn:aws:iam::{Token.as_string(current.account_id)}:root")
"""),
        # the project never creates the data source, and there is no method to create it in: reported
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
        """(replacement expression, applicability) or (None, message) for one reference. The
        expression is (binding, attr); the binding is a `_Create` when the data source is to be made."""
        data, tf_type, name, attr_name = match if isinstance(match, tuple) else match.groups()
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
            message = (f"`${{{ref}.{attr_name}}}` refers to a {short} named `{name}` that the project never "
                       f"creates (Terraform: undeclared resource); create it and use its `{attr_name}` "
                       f"attribute instead of the hand-written reference")
            config = index.params_struct(*cls.split("."))
            needed = index.required_props(config) if data and config else None
            if needed is None or needed:
                if needed:
                    message += f" (it needs {', '.join(f'`{n}`' for n in sorted(needed))})"
                return None, message
            return (_Create(cls, name, message), attr), Applicability.UNSAFE
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
        plans = {}
        strings = list(doc.root.find_all(kind="string")) + list(doc.root.find_all(kind="template_string"))
        sites = sorted([(doc.span(n)[0], 0, n, None) for n in strings] +
                       [(doc.span(c)[0], 1, c, a) for c, a in _ts_fn_data(doc)], key=lambda t: t[:2])
        for _, is_call, node, address in sites:  # in source order: the first use names the data source
            if is_call:
                if candidates is None:
                    candidates = self._ts_candidates(doc, index)
                start, end = doc.span(node)
                call = node
                yield from self._fn_data_finding(
                    doc, index, call, start, end, address, candidates,
                    lambda c, call=call: _ts_visible(doc, c, call),
                    lambda short: _elsewhere(ctx, short, (".ts",)),
                    lambda create, call=call: self._ts_plan(doc, ctx, plans, call, create), "name")
                continue
            kind = node.kind()
            literal = node.text()
            pattern = PLAIN if kind == "string" else TEMPLATE
            found = list(pattern.finditer(literal))
            if not found:
                continue
            if candidates is None:
                candidates = self._ts_candidates(doc, index)
            start, end = doc.span(node)
            pieces, last, fixes, messages, applicability, more = [], 0, 0, [], Applicability.SAFE, []
            for m in found:
                resolved, extra = self._resolve(
                    index, m, candidates, lambda c: _ts_visible(doc, c, node),
                    lambda short: _elsewhere(ctx, short, (".ts",)))
                if resolved is None:
                    if extra:
                        messages.append(extra)
                    continue
                binding, attr = resolved
                if isinstance(binding, _Create):
                    plan = self._ts_plan(doc, ctx, plans, node, binding)
                    if plan is None:
                        messages.append(binding.message)
                        continue
                    binding = plan["var"]
                    more += plan["edits"]
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
                        [*_unique_edits(more), source.edit(start, end, body)], applicability)
                    continue
            for message in messages:
                yield source.finding(self, start, end, message)

    def _fn_data_finding(self, doc, index, node, start, end, address, candidates, visible, elsewhere, plan_of, field):
        """The finding for an `Fn.data('<type>.<name>.<attr>')` call (no such function in cdktf)."""
        source = doc.source
        head = "`Fn.data` does not exist in cdktf (a data source is a construct)"
        m = ADDRESS.fullmatch(address)
        if m is None:
            yield source.finding(self, start, end, f"{head}; create the data source and use its attribute")
            return
        _, tf_type, name, attr_name = m.groups()
        resolved, extra = self._resolve(index, ("data.", tf_type, name, attr_name), candidates, visible, elsewhere)
        if resolved is None:
            yield source.finding(self, start, end, f"{head}; " + (extra or f"create the `data.{tf_type}` data "
                                                                  f"source `{name}` and use its `{attr_name}` attribute"))
            return
        binding, attr = resolved
        more = []
        if isinstance(binding, _Create):
            plan = plan_of(binding)
            if plan is None:
                yield source.finding(self, start, end, f"{head}; " + binding.message)
                return
            binding, more = plan["var"], plan["edits"]
        expr = f"{binding}.{getattr(attr, field)}"
        yield source.finding(self, start, end, f"{head}; use the data source's attribute (`{expr}`)",
                             [*more, source.edit(start, end, expr)], extra)

    def _ts_plan(self, doc, ctx, plans, node, create):
        """{"var", "edits"} creating `create`'s data source in the constructor (or once-called
        method) around `node`; None when there is no such place."""
        method = _ts_method(node)
        if method is None:
            return None
        body = method.field("body")
        name_node = method.field("name")
        if body is None or name_node is None:
            return None
        method_name = name_node.text()
        if method_name != "constructor" and len(re.findall(r"\bthis\." + re.escape(method_name) + r"\(", doc.text)) != 1:
            return None
        key = (doc.span(method), create.cls, create.name)
        if key in plans:
            return plans[key]
        sub, _, short = create.cls.partition(".")
        tf_type = _tf_type(ctx.provider, sub)
        first = next((c for c in body.children() if c.is_named() and c.kind() != "comment" and (
            f"{tf_type}.{create.name}." in c.text() or doc.span(c)[0] <= doc.span(node)[0] < doc.span(c)[1])), None)
        point = _secrets.insertion_point(doc.text, doc.span(first)[0], ("//", "/*", "*")) if first else None
        if point is None:
            plans[key] = None
            return None
        offset, indent = point
        if "taken" not in plans:  # shared by the data sources this file gets (two `current`s are common)
            plans["taken"] = {n.text() for kind in ("identifier", "shorthand_property_identifier_pattern")
                              for n in doc.root.find_all(kind=kind)}
            plans["ids"] = {c["id"] for c in self._ts_candidates(doc, ctx.provider) if c["id"]}
        var, cid = _names(create.name, tf_type, plans["taken"], plans["ids"], _secrets.camel)
        quote = doc.import_quote()
        aws = next((spec.split("/lib/")[0] for spec, _ in doc.imports.names.values()
                    if spec.split("/lib/")[0] in _provider.TS_PACKAGES), ts_package(ctx.target.family))
        cls, imports = _secrets.ts_reference(doc, aws, ctx.provider.ts_leaf(sub), sub, short, quote)
        line = f"{indent}const {var} = new {cls}(this, {quote}{cid}{quote});{doc.source.newline}"
        plans[key] = {"var": var, "edits": [*imports, doc.source.edit(offset, offset, line)]}
        return plans[key]

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
        plans = {}
        stack = [doc.tree]
        strings = []
        while stack:
            node = stack.pop()
            if isinstance(node, ast.JoinedStr) or isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.append(node)
                continue
            stack.extend(ast.iter_child_nodes(node))
        sites = sorted([(doc.span(n)[0], 0, n, None) for n in strings] +
                       [(start, 1, end, address) for start, end, address in _py_fn_data(doc)], key=lambda t: t[:2])
        for start, is_call, node, address in sites:  # in source order: the first use names the data source
            if is_call:
                if candidates is None:
                    candidates = self._py_candidates(doc, index)
                site = _PySite(doc, start)
                yield from self._fn_data_finding(
                    doc, index, site, start, node, address, candidates,
                    lambda c, site=site: _py_visible(doc, c, site),
                    lambda short: _elsewhere(ctx, short, (".py",)),
                    lambda create, at=start: self._py_plan(doc, ctx, plans, at, create), "py_name")
                continue
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
            pieces, last, fixes, messages, applicability, more = [], 0, 0, [], Applicability.SAFE, []
            for m in found:
                resolved, extra = self._resolve(
                    index, m, candidates, lambda c: _py_visible(doc, c, node),
                    lambda short: _elsewhere(ctx, short, (".py",)))
                if resolved is None:
                    if extra:
                        messages.append(extra)
                    continue
                binding, attr = resolved
                if isinstance(binding, _Create):
                    plan = self._py_plan(doc, ctx, plans, start, binding)
                    if plan is None:
                        messages.append(binding.message)
                        continue
                    binding = plan["var"]
                    more += plan["edits"]
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
                    [*_unique_edits(more), source.edit(start, end, body)], applicability)
                continue
            for message in messages:
                yield source.finding(self, start, end, message)

    def _py_plan(self, doc, ctx, plans, offset, create):
        """{"var", "edits"} creating `create`'s data source in the `__init__` (or once-called method)
        around `offset`; None when there is no such place."""
        line = doc.source.linecol(offset)[0]
        function = _py_function_at(doc.tree, line)
        if function is None:
            return None
        params = function.args.posonlyargs + function.args.args
        if not params or params[0].arg != "self" or not any(function in c.body for c in doc.nodes
                                                             if isinstance(c, ast.ClassDef)):
            return None
        text = doc.text
        if function.name != "__init__" and len(re.findall(r"\bself\." + re.escape(function.name) + r"\(", text)) != 1:
            return None
        key = (function.lineno, function.col_offset, create.cls, create.name)
        if key in plans:
            return plans[key]
        sub, _, short = create.cls.partition(".")
        tf_type = _tf_type(ctx.provider, sub)
        first = next((st for st in function.body if st.lineno <= line <= st.end_lineno or
                      f"{tf_type}.{create.name}." in text[slice(*doc.span(st))]), None)
        point = _secrets.insertion_point(text, doc.span(first)[0]) if first is not None else None
        if point is None:
            plans[key] = None
            return None
        offset, indent = point
        if "taken" not in plans:  # shared by the data sources this file gets (two `current`s are common)
            plans["taken"] = {n.id for n in doc.nodes if isinstance(n, ast.Name)} | \
                set(doc.imports.names) | {a.arg for a in doc.nodes if isinstance(a, ast.arg)}
            plans["ids"] = {c["id"] for c in self._py_candidates(doc, ctx.provider) if c["id"]}
        var, cid = _names(create.name, tf_type, plans["taken"], plans["ids"], _secrets.snake)
        aws_root = next((q.split(".")[0] for q in doc.imports.names.values()
                         if q.split(".")[0] in _provider.PY_ROOTS), python_root(ctx.target.family))
        cls, imports = doc.reference(f"{aws_root}.{ctx.provider.python_leaf(sub)}", short)
        new = f'{indent}{var} = {cls}(self, "{cid}"){doc.source.newline}'
        plans[key] = {"var": var, "edits": [*imports, doc.source.edit(offset, offset, new)]}
        return plans[key]

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


# -- creating a data source / Fn.data -----------------------------------------------------------

def _tf_type(index, submodule: str) -> str:
    """`dataAwsCallerIdentity` → `aws_caller_identity`."""
    leaf = index.python_leaf(submodule)
    return leaf[len("data_"):] if leaf.startswith("data_") else leaf


def _names(name: str, tf_type: str, taken: set, ids: set, case) -> tuple[str, str]:
    """(variable, construct id) for a new data source: the address name (`current`); when taken,
    qualified by the type (`region_current`, id `region-current`), then numbered."""
    var, cid = case(name) or "data", name
    if var in taken or cid in ids:
        kind = tf_type[len("aws_"):]
        var, cid = case(f"{kind}_{name}"), f"{kind.replace('_', '-')}-{name}"
    var, cid = _secrets.unique(var, taken), _secrets.unique(cid, ids)
    return var, cid


def _unique_edits(edits):
    out = []
    for e in edits:
        if e not in out:
            out.append(e)
    return out


def _ts_method(node):
    """The class method whose `this` is the one at `node` (through arrow functions), else None.
    Static methods and accessors are refused (no `this` construct / run on every access)."""
    current = node.parent()
    while current is not None:
        kind = current.kind()
        if kind == "method_definition":
            head = current.text().split("(", 1)[0].split()
            if any(word in ("static", "get", "set") for word in head[:-1]):
                return None
            parent = current.parent()
            return current if parent is not None and parent.kind() == "class_body" else None
        if kind in ("function_declaration", "function_expression", "function", "generator_function",
                    "generator_function_declaration", "class_body", "program"):
            return None
        current = current.parent()
    return None


def _ts_fn_data(doc):
    """(call node, address) for each `Fn.data('…')` call where `Fn` is cdktf's."""
    out = []
    for call in doc.root.find_all(kind="call_expression"):
        func = call.field("function")
        if func is None or func.kind() != "member_expression":
            continue
        prop, obj = func.field("property"), func.field("object")
        if prop is None or prop.text() != "data" or obj is None:
            continue
        resolved = doc.imports.resolve(obj)
        if not resolved or resolved[0] not in CORE_PACKAGES or resolved[1] != "Fn":
            continue
        args = call.field("arguments")
        arguments = [a for a in args.children() if a.is_named() and a.kind() != "comment"] if args else []
        address = _checks.ts_str(arguments[0]) if len(arguments) == 1 else None
        if address is not None:
            out.append((call, address))
    return out


class _PySite:
    """Position of a piece of code found in the text (f-string fields have no reliable ast positions)."""

    def __init__(self, doc, offset: int):
        self.lineno, column = doc.source.linecol(offset)
        self.col_offset = column - 1
        self.end_lineno, self.end_col_offset = self.lineno, self.col_offset


def _py_function_at(tree, line: int):
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno <= line <= node.end_lineno:
            if best is None or node.lineno >= best.lineno:
                best = node
    return best


def _py_fn_data(doc):
    """(start, end, address) for each `Fn.data('…')` call in code (f-string fields included) where
    `Fn` is cdktf's."""
    text = doc.text
    matches = list(_PY_FN_DATA.finditer(text))
    if not matches:
        return []
    out = []
    code = _py_code_ranges(text)
    for m in matches:
        dotted = re.sub(r"\s+", "", m.group(1))
        head, _, rest = dotted.partition(".")
        qualified = doc.imports.names.get(head)
        if qualified is None:
            continue
        qualified = f"{qualified}.{rest}" if rest else qualified
        if qualified not in (f"{p}.Fn" for p in CORE_PACKAGES):
            continue
        if not any(s <= m.start() < e for s, e in code) or not any(s < m.end() <= e for s, e in code):
            continue  # `Fn` and the closing parenthesis are code (the argument is a string of its own)
        out.append((m.start(), m.end(), m.group(2) if m.group(2) is not None else m.group(3)))
    return out


def _py_code_ranges(text: str):
    """Character ranges holding code: outside strings and comments, plus the `{…}` fields of f-strings."""
    ranges = []
    lines = text.splitlines(keepends=True)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln))

    def off(pos):
        return starts[pos[0] - 1] + pos[1]

    last = 0
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return []
    for tok in tokens:
        if tok.type in (tokenize.STRING, tokenize.COMMENT):
            start, end = off(tok.start), off(tok.end)
            ranges.append((last, start))
            last = end
            if tok.type == tokenize.STRING and "f" in re.match(r"[A-Za-z]*", tok.string).group(0).lower():
                depth, field = 0, None
                i, body = 0, tok.string
                while i < len(body):
                    two = body[i:i + 2]
                    if depth == 0 and two in ("{{", "}}"):
                        i += 2
                        continue
                    if body[i] == "{":
                        depth += 1
                        if depth == 1:
                            field = i + 1
                    elif body[i] == "}" and depth:
                        depth -= 1
                        if depth == 0 and field is not None:
                            ranges.append((start + field, start + i))
                    i += 1
    ranges.append((last, len(text)))
    return ranges
