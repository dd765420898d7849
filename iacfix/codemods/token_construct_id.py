"""IAC118 token-construct-id."""
from __future__ import annotations

import ast

from iacfix.codemods import _provider
from iacfix.codemods.token_list_index import _PyTypes, _TsTypes, _ts_unwrap, types_of
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

# cdktf's own Terraform elements that check their id the same way
CORE_ELEMENTS = ("TerraformOutput", "TerraformVariable", "TerraformLocal", "DataTerraformRemoteState",
                 "DataTerraformRemoteStateS3")
_LOOPS = ("forEach", "map", "flatMap")


class TokenConstructId(Rule):
    """A provider construct whose id is built from a token (an attribute of another resource).

    A construct id names the resource in the synthesized Terraform and must be known at synth
    time. An attribute of a resource or data source (`resource.pathPart`, `subnet.id`, an element
    of `azs.names`) is a token that Terraform resolves at deploy time, and cdktf refuses it:
    "You cannot use a token (e.g., a reference to an attribute) as the id of a construct". What is
    a token comes from the provider index (every attribute getter of the construct's class) and
    the file's own bindings, as in IAC116.

    The fix (**unsafe**: the construct's Terraform address changes, so a deployed resource would
    be replaced; the old id never synthesized, so usually nothing is deployed yet) puts a value
    known at synth time in the token's place:

    - the loop index, when the token is the element of a `forEach((v, i) => …)` /
      `map((v, i) => …)` callback or of `for i, v in enumerate(…)` that gives one
      (`` `rta-${subnet.id}` `` → `` `rta-${i}` ``);
    - otherwise, for an attribute of a resource or data source `x`, `x.node.id`: that
      construct's own id, a string distinct for distinct constructs of one scope
      (`` `${resource.pathPart}_cors` `` → `` `${resource.node.id}_cors` ``).

    Only when the id has literal text besides the tokens (an id that is nothing but `x.id` would
    become `x.node.id`, the id of `x` itself, which clashes when both share a scope). Anything
    else is reported with the expression that is a token: an element of a list of attribute
    values without an index, an attribute of a nested block, `.format(…)` ids.

    Not reported: ids built from strings, numbers and local variables, tokens the index cannot
    see (a value passed in untyped), and constructs that are not Terraform elements (a local
    `Construct` subclass does not check its id).
    """

    id = "IAC118"
    slug = "token-construct-id"
    summary = "Construct id built from a token (a resource attribute), which cdktf refuses at synth"
    rationale = ("issue 6 family 5: `new ApiGatewayMethod(this, `${resource.pathPart}_cors`, …)` "
                 "(cdktf-ts Pr6171: SYNTH 'You cannot use a token … as the id of a construct')")
    languages = ("python", "typescript")
    applicability = Applicability.UNSAFE
    triggers = _provider.TRIGGERS
    examples = (
        Example("typescript", """\
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';

const subnets: Subnet[] = [a, b];
subnets.forEach((subnet, i) => {
  new RouteTableAssociation(this, `rta-${subnet.id}`, { subnetId: subnet.id, routeTableId: rt.id });
});
""", """\
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';

const subnets: Subnet[] = [a, b];
subnets.forEach((subnet, i) => {
  new RouteTableAssociation(this, `rta-${i}`, { subnetId: subnet.id, routeTableId: rt.id });
});
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.route_table_association import RouteTableAssociation

public = Subnet(self, "public", vpc_id=vpc.id, cidr_block="10.0.1.0/24")
private = Subnet(self, "private", vpc_id=vpc.id, cidr_block="10.0.2.0/24")
for i, subnet_id in enumerate([public.id, private.id]):
    RouteTableAssociation(self, f"rta-{subnet_id}", subnet_id=subnet_id, route_table_id=rt.id)
""", """\
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.route_table_association import RouteTableAssociation

public = Subnet(self, "public", vpc_id=vpc.id, cidr_block="10.0.1.0/24")
private = Subnet(self, "private", vpc_id=vpc.id, cidr_block="10.0.2.0/24")
for i, subnet_id in enumerate([public.id, private.id]):
    RouteTableAssociation(self, f"rta-{i}", subnet_id=subnet_id, route_table_id=rt.id)
"""),
        # no loop index: the construct's own id (cdktf-ts Pr6171)
        Example("typescript", """\
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';

function enableCors(scope: Construct, resource: ApiGatewayResource) {
  new ApiGatewayMethod(scope, `${resource.pathPart}_cors`, {
    restApiId: api.id, resourceId: resource.id, httpMethod: 'OPTIONS', authorization: 'NONE',
  });
}
""", """\
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';

function enableCors(scope: Construct, resource: ApiGatewayResource) {
  new ApiGatewayMethod(scope, `${resource.node.id}_cors`, {
    restApiId: api.id, resourceId: resource.id, httpMethod: 'OPTIONS', authorization: 'NONE',
  });
}
"""),
        # nothing but the token: reported, not fixed
        Example("python", """\
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

bucket = S3Bucket(self, "logs")
S3BucketVersioningA(self, bucket.bucket, bucket=bucket.id, versioning_configuration={"status": "Enabled"})
""", reported=True),
        # valid: ids from strings, numbers and plain locals
        Example("typescript", """\
import { Subnet } from '@cdktf/provider-aws/lib/subnet';

['a', 'b'].forEach((zone, i) => {
  new Subnet(this, `subnet-${zone}-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24` });
});
"""),
    )

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        if not index.has_attributes():
            return
        types = types_of(doc, index, _PyTypes)
        loops = _py_loops(doc.tree)
        source = doc.source
        for call in doc.calls:
            if len(call.args) < 2 or not self._py_element(doc, index, call):
                continue
            id_node = call.args[1]
            tokens = []  # (expression, (loop index, element class))
            for expr in _py_id_parts(id_node):
                found = _py_token(types, loops, expr)
                if found is not None:
                    tokens.append((expr, found))
            if not tokens:
                continue
            start, end = doc.span(id_node)
            names = ", ".join(f"`{_py_text(e)}`" for e, _ in tokens)
            described = []
            for e, (loop_index, cls) in tokens:
                owner = cls or (types.class_of(e.value) if isinstance(e, ast.Attribute) else None)
                described.append((loop_index, owner, _py_text(e.value) if isinstance(e, ast.Attribute) else None))
            replacements = self._replacements(described, index)
            edits = None
            if replacements is not None and _py_has_literal(id_node):
                if isinstance(id_node, ast.JoinedStr):
                    edits = _py_field_edits(doc, id_node, [e for e, _ in tokens], replacements)
                elif isinstance(id_node, ast.BinOp):  # "rta-" + subnet.id: str + int would not add
                    edits = [source.edit(*doc.span(e), r if not r.isidentifier() else f"str({r})")
                             for (e, _), r in zip(tokens, replacements)]
            yield source.finding(self, start, end, self._message(names, replacements if edits else None), edits)

    @staticmethod
    def _replacements(tokens, index) -> list[str] | None:
        """What stands in for each token: the loop index when the loop has one (the same loop for
        all), else `x.node.id` for an attribute of a resource / data source `x` (its construct id:
        a string known at synth time, distinct for distinct constructs of one scope); None when a
        token has neither."""
        out, loops = [], set()
        for loop_index, owner, owner_text in tokens:
            if loop_index:
                out.append(loop_index)
                loops.add(loop_index)
            elif owner and owner_text and index.kind_of(*owner.split(".", 1)) in ("resource", "data"):
                out.append(f"{owner_text}.node.id")
            else:
                return None
        return out if len(loops) <= 1 else None

    @staticmethod
    def _message(names: str, replacements) -> str:
        if not replacements:
            return (f"construct id uses {names}, a token known only when Terraform runs (cdktf refuses it "
                    f"at synth); build the id from a value known at synth time")
        used = ", ".join(f"`{r}`" for r in dict.fromkeys(replacements))
        return (f"construct id uses {names}, a token known only when Terraform runs (cdktf refuses it at "
                f"synth); use {used} instead (renames the resource)")

    @staticmethod
    def _py_element(doc, index, call) -> bool:
        resolved = _provider.python_resolve(index, doc, call.func)
        if resolved:
            return index.kind_of(*resolved) in ("resource", "data", "provider")
        qual = doc.imports.resolve(call.func) or ""
        return qual.split(".")[0] in ("cdktf", "cdktn") and qual.split(".")[-1] in CORE_ELEMENTS

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        if not index.has_attributes():
            return
        types = types_of(doc, index, _TsTypes)
        source = doc.source
        for new in doc.root.find_all(kind="new_expression"):
            if not self._ts_element(doc, index, new):
                continue
            args = new.field("arguments")
            arguments = [a for a in args.children() if a.is_named() and a.kind() != "comment"] if args else []
            if len(arguments) < 2:
                continue
            id_node = arguments[1]
            tokens = []
            for expr in _ts_id_parts(id_node):
                found = _ts_token(types, expr)
                if found is not None:
                    tokens.append((_ts_unwrap(expr), found))
            if not tokens:
                continue
            start, end = doc.span(id_node)
            names = ", ".join(f"`{e.text()}`" for e, _ in tokens)
            described = []
            for e, (loop_index, cls) in tokens:
                obj = e.field("object") if e.kind() == "member_expression" else None
                owner = cls or (types.class_of(obj) if obj is not None else None)
                described.append((loop_index, owner, obj.text() if obj is not None else None))
            replacements = self._replacements(described, index)
            edits = None
            if replacements is not None and _ts_has_literal(id_node):
                edits = [source.edit(*doc.span(e), r) for (e, _), r in zip(tokens, replacements)]
            yield source.finding(self, start, end, self._message(names, replacements if edits else None), edits)

    @staticmethod
    def _ts_element(doc, index, new) -> bool:
        ctor = new.field("constructor")
        if ctor is None:
            return False
        resolved_import = doc.imports.resolve(ctor)
        resolved = _provider.ts_type(index, resolved_import)
        if resolved:
            return index.kind_of(*resolved) in ("resource", "data", "provider")
        return bool(resolved_import) and resolved_import[0] in ("cdktf", "cdktn") and \
            resolved_import[1].split(".")[-1] in CORE_ELEMENTS


# -- Python helpers -------------------------------------------------------------------------------

def _py_id_parts(node):
    """The expressions an id is built from: f-string fields, `+` operands, `.format` arguments."""
    if isinstance(node, ast.JoinedStr):
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                yield value.value
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        yield from _py_id_parts(node.left)
        yield from _py_id_parts(node.right)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        yield from node.args
    elif not isinstance(node, ast.Constant):
        yield node


def _py_loops(tree) -> dict[int, tuple]:
    """`for i, v in enumerate(x):` and `for v in x:` loops: {id(node): (index name or None,
    element name, iterable, node, body)}."""
    out = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.For):
            continue
        if isinstance(node.target, ast.Tuple) and \
                len(node.target.elts) == 2 and all(isinstance(e, ast.Name) for e in node.target.elts) and \
                isinstance(node.iter, ast.Call) and isinstance(node.iter.func, ast.Name) and \
                node.iter.func.id == "enumerate" and len(node.iter.args) == 1:
            out[id(node)] = (node.target.elts[0].id, node.target.elts[1].id, node.iter.args[0], node, node.body)
        elif isinstance(node.target, ast.Name):
            out[id(node)] = (None, node.target.id, node.iter, node, node.body)
    return out


def _py_enclosing_loop(loops, expr, name: str):
    """The innermost loop over an element named `name` whose body contains `expr`."""
    best = None
    for index_name, element, iterable, node, body in loops.values():
        if not body or element != name:
            continue
        first, last = body[0], body[-1]
        if (first.lineno, first.col_offset) <= (expr.lineno, expr.col_offset) and \
                (expr.end_lineno, expr.end_col_offset) <= (last.end_lineno, last.end_col_offset):
            if best is None or (node.lineno, node.col_offset) > (best[3].lineno, best[3].col_offset):
                best = (index_name, element, iterable, node)
    return best


def _py_token(types, loops, expr):
    """None if `expr` is not a token; else (the index of the loop that makes it one or None, the
    class of the construct whose attribute it reads when only the loop tells)."""
    if types.attr_of(expr) is not None:
        return None, None
    if isinstance(expr, ast.Name):
        name = expr.id
    elif isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        name = expr.value.id
    else:
        return None
    loop = _py_enclosing_loop(loops, expr, name)
    if loop is None:
        return None
    index_name, element, iterable, _ = loop
    if isinstance(expr, ast.Name) and expr.id == element:
        if isinstance(iterable, (ast.List, ast.Tuple)) and iterable.elts and \
                all(types.attr_of(e) is not None for e in iterable.elts):
            return index_name, None
        return None
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == element:
        cls = types.element_class(iterable)
        if cls and types.member(cls, expr.attr):
            return index_name, cls
    return None


def _py_text(expr) -> str:
    try:
        return ast.unparse(expr)
    except Exception:  # noqa: BLE001
        return "…"


def _py_field_edits(doc, node: ast.JoinedStr, exprs, replacements):
    """Edits turning `{token}` fields of an f-string into `{replacement}`; found in the string's
    own text (Python before 3.12 has no reliable positions inside f-strings)."""
    start, end = doc.span(node)
    literal = doc.text[start:end]
    edits = []
    for expr, replacement in zip(exprs, replacements):
        field_text = "{" + _py_text(expr) + "}"
        at = literal.find(field_text)
        if at == -1 or literal.find(field_text, at + 1) != -1:
            return None
        edits.append(doc.source.edit(start + at + 1, start + at + len(field_text) - 1, replacement))
    return edits


def _py_has_literal(node) -> bool:
    """The id has literal text besides the tokens (so a replacement cannot equal another id)."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and v.value for v in node.values)
    if isinstance(node, ast.BinOp):
        return _py_has_literal(node.left) or _py_has_literal(node.right)
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(node.value)


# -- TypeScript helpers ---------------------------------------------------------------------------

def _ts_id_parts(node):
    node = _ts_unwrap(node)
    kind = node.kind()
    if kind == "template_string":
        for sub in node.children():
            if sub.kind() == "template_substitution":
                inner = [c for c in sub.children() if c.is_named() and c.kind() != "comment"]
                if len(inner) == 1:
                    yield inner[0]
    elif kind == "binary_expression":
        op = node.field("operator")
        if op is not None and op.text() == "+":
            yield from _ts_id_parts(node.field("left"))
            yield from _ts_id_parts(node.field("right"))
    elif kind not in ("string", "number"):
        yield node


def _ts_has_literal(node) -> bool:
    node = _ts_unwrap(node)
    if node.kind() == "template_string":
        return any(c.kind() == "string_fragment" and c.text() for c in node.children())
    if node.kind() == "binary_expression":
        return _ts_has_literal(node.field("left")) or _ts_has_literal(node.field("right"))
    return node.kind() == "string" and len(node.text()) > 2


def _ts_loop(node, element: str):
    """(index name or None, iterable node) of the innermost loop around `node` whose element is
    named `element`: a `x.forEach((v, i) => …)` / `map` callback or a `for (const v of x)`."""
    current = node.parent()
    while current is not None:
        kind = current.kind()
        if kind == "for_in_statement":
            left, right = current.field("left"), current.field("right")
            if left is not None and right is not None and left.kind() == "identifier" and \
                    left.text() == element and any(c.kind() == "of" for c in current.children()):
                return None, right
        elif kind in ("arrow_function", "function_expression", "function"):
            found = _ts_callback(current)
            if found is not None and found[1] == element:
                return found[0], found[2]
        current = current.parent()
    return None


def _ts_callback(function):
    """(index name or None, element name, iterable) when `function` is the callback of
    `x.forEach` / `x.map` / `x.flatMap`."""
    params = function.field("parameters")
    holder = function.parent()
    call = holder.parent() if holder is not None else None
    if params is None or call is None or holder.kind() != "arguments" or call.kind() != "call_expression":
        return None
    func = call.field("function")
    if func is None or func.kind() != "member_expression" or func.field("property") is None or \
            func.field("property").text() not in _LOOPS:
        return None
    names = []
    for p in params.children():
        if p.kind() in ("required_parameter", "optional_parameter"):
            pattern = p.field("pattern")
            names.append(pattern.text() if pattern is not None and pattern.kind() == "identifier" else None)
    if not names or not names[0]:
        return None
    return (names[1] if len(names) > 1 else None), names[0], func.field("object")


def _ts_token(types, expr):
    """None if `expr` is not a token; else (the index of the loop that makes it one or None, the
    class of the construct whose attribute it reads when only the loop tells)."""
    expr = _ts_unwrap(expr)
    if types.attr_of(expr) is not None:
        return None, None
    if expr.kind() == "identifier":
        element = expr.text()
    elif expr.kind() == "member_expression" and expr.field("object") is not None and \
            expr.field("object").kind() == "identifier":
        element = expr.field("object").text()
    else:
        return None
    loop = _ts_loop(expr, element)
    if loop is None:
        return None
    index_name, iterable = loop
    iterable = _ts_unwrap(iterable)
    if expr.kind() == "identifier":
        if iterable.kind() == "array":
            items = [c for c in iterable.children() if c.is_named() and c.kind() != "comment"]
            if items and all(types.attr_of(c) is not None for c in items):
                return index_name, None
        return None
    prop = expr.field("property")
    cls = types.element_class(iterable)
    if prop is not None and cls and types.member(cls, prop.text()):
        return index_name, cls
    return None
