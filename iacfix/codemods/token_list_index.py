"""IAC116 token-list-index."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _provider
from iacfix.rules import Example, Rule

PRIMITIVE_LISTS = frozenset({"list_string", "list_number", "list_boolean"})
HELPER_LISTS = frozenset({"list_object", "map_object"})
_TRIGGER = re.compile(r"[\w)\]]\s*\[|\.get\(|\$\{\{?element\(")
# a whole f-string that asks Terraform for an element of an interpolated list: the list token
# is rendered into a string, which cdktf refuses ("encoded list token string in a scalar string
# context"); `Fn.element` is the typed spelling of exactly that call
_ELEMENT_CALL = re.compile(r"\$\{element\(\s*\x00(\d+)\x00\s*,\s*(?:\x00(\d+)\x00|(\d+))\s*\)\}")


def _core_module(names) -> str:
    """`cdktn` when the file imports the CDK Terrain core library, else `cdktf`."""
    return "cdktn" if any(str(v).split(".")[0].strip("'\"") == "cdktn" for v in names) else "cdktf"


class TokenListIndex(Rule):
    """A list attribute of a provider construct indexed like a local array or list.

    The attributes a resource or data source exports are tokens, resolved by Terraform at deploy
    time. A list of strings/numbers/booleans (`DataAwsAvailabilityZones.names`,
    `DataAwsSubnets.ids`) is a `string[]` / `List[str]` whose one element is an encoded token standing
    for the whole list: `azs.names[0]` synthesizes the whole list where one string is expected
    ("Found an encoded list token string in a scalar string context"), `azs.names[1]` is nothing
    at all, and `azs.names.get(0)` does not compile in TypeScript (TS2339: `get` does not exist on
    `string[]`) and raises `AttributeError` in Python. The element is Terraform's
    `element(list, index)`: `Fn.element(azs.names, 0)`. A whole string that spells that call around
    an interpolated list (`f"${{element({azs.names}, {i})}}"`) is the same thing and becomes the
    same `Fn.element` call.

    A list of *blocks* (`EksCluster.identity`, `…certificateAuthority`) is the opposite: a
    generated `…List` class whose `get(i)` returns the element's `…OutputReference`; indexing it
    (`cluster.identity[0].oidc[0].issuer`) fails ("'EksClusterIdentityList' object is not
    subscriptable", TS7053) and becomes `cluster.identity.get(0).oidc.get(0).issuer`.

    What an attribute is comes from the provider index (the getters of every resource, data
    source and helper class, with their kinds, from the shipped index nearest the target
    version), and which construct an expression is from the file itself: a variable or
    `self.x` / `this.x` bound to a provider construct (`azs = DataAwsAvailabilityZones(…)`), an
    alias of one (`azs = self.zones`), a parameter, field or variable annotated with a provider
    class, the `self.x` constructs of a class defined in the file (`net = Network(…)`;
    `net.azs.names[0]`), or an element of a list of constructs (`subnets[0]`, a `Subnet[]`
    annotation, `[...].map(() => new Subnet(…))`). Both fixes are safe: they ask for the element
    the code names, with the spelling the token system understands. `Fn` is imported from
    `cdktf` (`cdktn` in a CDK Terrain file) when the file does not have it yet.

    Left alone: a name bound to different classes in one file or also to something else
    (`azs = load_zones()`, an untyped parameter `azs` anywhere in the file: names are not
    scoped), anything the index does not
    know, slices (`names[:2]`: use `Fn.slice`), negative or string indexes of a plain list, an
    indexed attribute on the left of an assignment, f-strings other than the whole
    `${element(…)}` form (Python before 3.12 gives no reliable positions inside them), and
    Terraform expressions written by hand (`${azs.fqn}.names[0]` inside a string is valid).
    """

    id = "IAC116"
    slug = "token-list-index"
    summary = "Token list attribute indexed like an array (`azs.names[0]`, `.names.get(0)`, `identity[0]`)"
    rationale = ("issue 6 family 5: `azs.names.get(0)` (TS2339 on `string[]`), `cluster.identity[0]` "
                 "('…List' object is not subscriptable), `f\"${{element({azs.names}, {i})}}\"` "
                 "(encoded list token in a scalar string context) in generated CDKTF code")
    languages = ("python", "typescript")
    triggers = _provider.TRIGGERS
    examples = (
        Example("typescript", """\
import { TerraformStack } from 'cdktf';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';

const azs = new DataAwsAvailabilityZones(this, 'azs', { state: 'available' });
new Subnet(this, 'a', { vpcId: vpc.id, cidrBlock: '10.0.1.0/24', availabilityZone: azs.names.get(0) });
new Subnet(this, 'b', { vpcId: vpc.id, cidrBlock: '10.0.2.0/24', availabilityZone: azs.names[1] });
""", """\
import { TerraformStack, Fn } from 'cdktf';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';

const azs = new DataAwsAvailabilityZones(this, 'azs', { state: 'available' });
new Subnet(this, 'a', { vpcId: vpc.id, cidrBlock: '10.0.1.0/24', availabilityZone: Fn.element(azs.names, 0) });
new Subnet(this, 'b', { vpcId: vpc.id, cidrBlock: '10.0.2.0/24', availabilityZone: Fn.element(azs.names, 1) });
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.eks_cluster import EksCluster


class Cluster(Construct):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        self.cluster = EksCluster(self, "eks", name="c", role_arn=role.arn, vpc_config={"subnet_ids": ids})

    @property
    def oidc_issuer(self) -> str:
        return self.cluster.identity[0].oidc[0].issuer
""", """\
from cdktf_cdktf_provider_aws.eks_cluster import EksCluster


class Cluster(Construct):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        self.cluster = EksCluster(self, "eks", name="c", role_arn=role.arn, vpc_config={"subnet_ids": ids})

    @property
    def oidc_issuer(self) -> str:
        return self.cluster.identity.get(0).oidc.get(0).issuer
"""),
        Example("python", """\
from cdktf import Fn
from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
from cdktf_cdktf_provider_aws.subnet import Subnet

azs = DataAwsAvailabilityZones(self, "azs", state="available")
for i in range(2):
    Subnet(self, f"subnet-{i}", vpc_id=vpc.id, availability_zone=f"${{element({azs.names}, {i})}}")
""", """\
from cdktf import Fn
from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
from cdktf_cdktf_provider_aws.subnet import Subnet

azs = DataAwsAvailabilityZones(self, "azs", state="available")
for i in range(2):
    Subnet(self, f"subnet-{i}", vpc_id=vpc.id, availability_zone=Fn.element(azs.names, i))
"""),
        # valid: the element of a block list through get(), a raw Terraform expression, a local list
        Example("typescript", """\
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';

const azs = new DataAwsAvailabilityZones(this, 'azs', {});
const cluster = new EksCluster(this, 'eks', { name: 'c', roleArn: role.arn, vpcConfig: { subnetIds: ids } });
const issuer = cluster.identity.get(0).oidc.get(0).issuer;
const az = `\\${${azs.fqn}.names[0]}`;
const cidrs = ['10.0.1.0/24', '10.0.2.0/24'];
const first = cidrs[0];
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return super().triggered(text, ctx, language) and bool(_TRIGGER.search(text))

    @staticmethod
    def _describe(attr, owner: str) -> str:
        what = {"list_string": "list of strings", "list_number": "list of numbers",
                "list_boolean": "list of booleans"}.get(attr.kind, "list of blocks")
        return f"`{attr.name}` of {owner.rpartition('.')[2]} is a token {what}"

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        if not index.has_attributes():
            return
        types = types_of(doc, index, _PyTypes)
        if not types.bindings:
            return
        source, text = doc.source, doc.text
        fn_ref: list = []

        def fn():
            if not fn_ref:
                fn_ref.extend(doc.reference(_core_module(doc.imports.names.values()), "Fn"))
            return fn_ref[0], list(fn_ref[1])

        stack = [doc.tree]
        while stack:
            node = stack.pop()
            if isinstance(node, ast.JoinedStr):
                finding = self._py_element_fstring(doc, types, node, fn)
                if finding is not None:
                    yield finding
                continue
            stack.extend(ast.iter_child_nodes(node))
            if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
                found = types.attr_of(node.value)
                if found is None or isinstance(node.slice, ast.Slice):
                    continue
                attr, owner = found
                start, end = doc.span(node)
                _, value_end = doc.span(node.value)
                index_start, index_end = doc.span(node.slice)
                if "#" in text[value_end:index_start] + text[index_end:end]:
                    continue
                if attr.kind in HELPER_LISTS:
                    yield source.finding(
                        self, start, end,
                        f"{self._describe(attr, owner)}: index it with `.get({text[index_start:index_end]})`",
                        [source.edit(value_end, index_start, ".get("), source.edit(index_end, end, ")")])
                elif attr.kind in PRIMITIVE_LISTS and _py_plain_index(node.slice):
                    ref, edits = fn()
                    yield source.finding(
                        self, start, end,
                        f"{self._describe(attr, owner)}: take one element with `{ref}.element(…)`",
                        edits + [source.edit(start, start, f"{ref}.element("),
                                 source.edit(value_end, index_start, ", "), source.edit(index_end, end, ")")])
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                  and len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], ast.Starred)):
                found = types.attr_of(node.func.value)
                if found is None or found[0].kind not in PRIMITIVE_LISTS:
                    continue
                attr, owner = found
                start, end = doc.span(node)
                _, value_end = doc.span(node.func.value)
                arg_start, arg_end = doc.span(node.args[0])
                if "#" in text[value_end:arg_start] + text[arg_end:end]:
                    continue
                ref, edits = fn()
                yield source.finding(
                    self, start, end,
                    f"{self._describe(attr, owner)} without `get`: take one element with `{ref}.element(…)`",
                    edits + [source.edit(start, start, f"{ref}.element("), source.edit(value_end, arg_start, ", "),
                             source.edit(arg_end, end, ")")])

    def _py_element_fstring(self, doc, types, node: ast.JoinedStr, fn):
        parts, exprs = [], []
        for value in node.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                parts.append(value.value)
            elif isinstance(value, ast.FormattedValue) and value.conversion == -1 and value.format_spec is None:
                parts.append(f"\x00{len(exprs)}\x00")
                exprs.append(value.value)
            else:
                return None
        m = _ELEMENT_CALL.fullmatch("".join(parts))
        if m is None:
            return None
        listed = exprs[int(m.group(1))]
        found = types.attr_of(listed)
        if found is None or found[0].kind not in PRIMITIVE_LISTS:
            return None
        if m.group(2) is not None:
            position = exprs[int(m.group(2))]
            if not (isinstance(position, ast.Name) or isinstance(position, ast.Constant)
                    and type(position.value) is int):
                return None
            position_text = ast.unparse(position)
        else:
            position_text = m.group(3)
        listed_text = _py_dotted_text(listed)
        if listed_text is None:
            return None
        start, end = doc.span(node)
        ref, edits = fn()
        replacement = f"{ref}.element({listed_text}, {position_text})"
        return doc.source.finding(
            self, start, end,
            f"{self._describe(*found)}, rendered into a string here; Terraform's element() of it is "
            f"`{replacement}`",
            edits + [doc.source.edit(start, end, replacement)])

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        if not index.has_attributes():
            return
        types = types_of(doc, index, _TsTypes)
        if not types.bindings:
            return
        source, text = doc.source, doc.text
        fn_ref: list = []

        def fn():
            if not fn_ref:
                core = _core_module(spec for spec, _ in doc.imports.names.values())
                fn_ref.extend(doc.reference(core, "Fn"))
            return fn_ref[0], list(fn_ref[1])

        for node in doc.root.find_all(kind="subscript_expression"):
            obj, idx = node.field("object"), node.field("index")
            if obj is None or idx is None or _ts_is_assigned(node):
                continue
            found = types.attr_of(obj)
            if found is None:
                continue
            attr, owner = found
            start, end = doc.span(node)
            _, obj_end = doc.span(obj)
            idx_start, idx_end = doc.span(idx)
            if _has_comment(text[obj_end:idx_start] + text[idx_end:end]):
                continue
            if attr.kind in HELPER_LISTS:
                yield source.finding(
                    self, start, end, f"{self._describe(attr, owner)}: index it with `.get({idx.text()})`",
                    [source.edit(obj_end, idx_start, ".get("), source.edit(idx_end, end, ")")])
            elif attr.kind in PRIMITIVE_LISTS and _ts_plain_index(idx):
                ref, edits = fn()
                yield source.finding(
                    self, start, end, f"{self._describe(attr, owner)}: take one element with `{ref}.element(…)`",
                    edits + [source.edit(start, start, f"{ref}.element("), source.edit(obj_end, idx_start, ", "),
                             source.edit(idx_end, end, ")")])
        for node in doc.root.find_all(kind="call_expression"):
            func, args = node.field("function"), node.field("arguments")
            if func is None or args is None or func.kind() != "member_expression":
                continue
            prop, obj = func.field("property"), func.field("object")
            if prop is None or obj is None or prop.text() != "get":
                continue
            arguments = [a for a in args.children() if a.is_named() and a.kind() != "comment"]
            if len(arguments) != 1 or arguments[0].kind() == "spread_element":
                continue
            found = types.attr_of(obj)
            if found is None or found[0].kind not in PRIMITIVE_LISTS:
                continue
            attr, owner = found
            start, end = doc.span(node)
            _, obj_end = doc.span(obj)
            arg_start, arg_end = doc.span(arguments[0])
            if _has_comment(text[obj_end:arg_start] + text[arg_end:end]):
                continue
            ref, edits = fn()
            yield source.finding(
                self, start, end,
                f"{self._describe(attr, owner)} (`string[]`, no `get`): take one element with `{ref}.element(…)`",
                edits + [source.edit(start, start, f"{ref}.element("), source.edit(obj_end, arg_start, ", "),
                         source.edit(arg_end, end, ")")])


# -- what an expression is ------------------------------------------------------------------------

class _Types:
    """Provider classes bound to names in one file, and the attribute an expression reads."""

    def __init__(self, index):
        self.index = index
        self.bindings: dict[str, str] = {}
        self._conflicts: set[str] = set()
        self.elements: dict[str, str] = {}  # name of an array/list of constructs -> their class
        self._element_conflicts: set[str] = set()

    def bind_elements(self, key: str | None, resolved) -> None:
        if not key or not resolved:
            return
        cls = resolved if isinstance(resolved, str) else f"{resolved[0]}.{resolved[1]}"
        if self.elements.get(key, cls) != cls or key in self._element_conflicts:
            self._element_conflicts.add(key)
            self.elements.pop(key, None)
            return
        self.elements[key] = cls

    def bind(self, key: str | None, resolved) -> None:
        if not key or not resolved:
            return
        cls = f"{resolved[0]}.{resolved[1]}"
        if not self.index.attributes(cls):
            return
        if self.bindings.get(key, cls) != cls or key in self._conflicts:
            self._conflicts.add(key)
            self.bindings.pop(key, None)
            return
        self.bindings[key] = cls

    def poison(self, key: str | None) -> None:
        """`key` is also assigned something that is not a provider construct: not known."""
        if key:
            self._conflicts.add(key)
            self.bindings.pop(key, None)

    def alias(self, pairs) -> None:
        """`azs = self.zones`: the new name is the same construct (resolved after every binding
        is known; a chain of aliases is followed). An alias of anything else poisons the name."""
        pending = [(k, v) for k, v in pairs if k]
        for key, value in pending:
            if not value:
                self.poison(key)
        pending = [(k, v) for k, v in pending if v]
        while pending:
            rest = [(k, v) for k, v in pending if v not in self.bindings]
            for key, value in pending:
                if value in self.bindings:
                    self.bind(key, tuple(self.bindings[value].split(".", 1)))
            if len(rest) == len(pending):
                for key, _ in rest:
                    self.poison(key)
                return
            pending = rest

    def member(self, cls: str | None, name: str):
        """(Attr, owner class) of `name` on an object of class `cls`, or None."""
        if cls is None:
            return None
        attr = self.index.attribute(cls, name)
        return (attr, cls) if attr is not None else None


def types_of(doc, index, kind: type[_Types]) -> _Types:
    """What each name of the file is bound to, built once per parsed document (IAC116 and IAC118
    both ask; a whole-file walk each)."""
    cached = doc.__dict__.get("_token_types")
    if cached is None or cached[0] is not index or cached[1] is not kind:
        cached = doc.__dict__["_token_types"] = (index, kind, kind(doc, index))
    return cached[2]


class _PyTypes(_Types):
    def __init__(self, doc, index):
        super().__init__(index)
        from iacfix.languages.python import dotted
        self.doc, self.dotted = doc, dotted
        aliases = []
        for node in doc.nodes:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.value, ast.Call):
                resolved = self._resolve(node.value.func)
                if resolved:
                    self.bind(dotted(node.targets[0]), resolved)
                else:
                    aliases.append((dotted(node.targets[0]), None))
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and not (
                    isinstance(node.value, ast.Constant) and node.value.value is None):
                aliases.append((dotted(node.targets[0]), dotted(node.value)))
            elif isinstance(node, ast.AnnAssign):
                self.bind(dotted(node.target), self._resolve(_py_annotation(node.annotation)))
                if isinstance(node.value, ast.Call):
                    self.bind(dotted(node.target), self._resolve(node.value.func))
            elif isinstance(node, ast.arg):  # a parameter is only known through its annotation
                resolved = self._resolve(_py_annotation(node.annotation)) if node.annotation is not None else None
                if resolved:
                    self.bind(node.arg, resolved)
                elif node.arg not in ("self", "cls"):
                    aliases.append((node.arg, None))
        self.alias(aliases)
        # a construct of a class defined in this file exposes the provider constructs it binds
        # to `self.x`: `eks = EksStack(...)` then `eks.cluster.identity[0]`
        members: dict[str, dict[str, tuple]] = {}
        for node in doc.nodes:
            if isinstance(node, ast.ClassDef):
                found: dict[str, tuple] = {}
                for inner in ast.walk(node):
                    if isinstance(inner, (ast.Assign, ast.AnnAssign)):
                        target = inner.targets[0] if isinstance(inner, ast.Assign) else inner.target
                        key = dotted(target)
                        if key.startswith("self.") and key.count(".") == 1 and key in self.bindings:
                            found[key[5:]] = tuple(self.bindings[key].split(".", 1))
                if found:
                    members[node.name] = found
        for node in doc.nodes:
            if isinstance(node, ast.AnnAssign):
                inner = _py_list_annotation(node.annotation)
                self.bind_elements(dotted(node.target), self._resolve(inner) if inner is not None else None)
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                if isinstance(node.value, (ast.List, ast.ListComp)):
                    self.bind_elements(dotted(target), self.element_class(node.value))
        for node in doc.nodes if members else ():
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.value, ast.Call) \
                    and isinstance(node.value.func, ast.Name) and node.value.func.id in members:
                owner = dotted(node.targets[0])
                for name, resolved in members[node.value.func.id].items():
                    self.bind(f"{owner}.{name}" if owner else None, resolved)

    def _resolve(self, expr):
        if expr is None:
            return None
        return _provider.python_resolve(self.index, self.doc, expr)

    def class_of(self, expr) -> str | None:
        key = self.dotted(expr)
        if key and key in self.bindings:
            return self.bindings[key]
        if isinstance(expr, ast.Attribute):
            found = self.attr_of(expr)
            return found[0].cls if found and found[0].kind == "object" else None
        if isinstance(expr, ast.Subscript) and not isinstance(expr.slice, ast.Slice):
            found = self.attr_of(expr.value)  # `identity[0]`: the author means the element
            if found is not None:
                return found[0].cls if found[0].kind in HELPER_LISTS else None
            return self.element_class(expr.value)  # `subnets[0]`
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "get":
            found = self.attr_of(expr.func.value)
            if found is not None:
                return found[0].cls if found[0].kind in HELPER_LISTS else None
        if isinstance(expr, ast.Call):  # `Subnet(self, …)` itself
            resolved = self._resolve(expr.func)
            return f"{resolved[0]}.{resolved[1]}" if resolved else None
        return None

    def element_class(self, expr) -> str | None:
        """The provider class of the elements of a list: a name known as one, a literal list of
        constructs of one class, a comprehension building them."""
        key = self.dotted(expr)
        if key:
            return self.elements.get(key)
        if isinstance(expr, (ast.List, ast.Tuple)) and expr.elts:
            classes = {self.class_of(e) for e in expr.elts}
            return classes.pop() if len(classes) == 1 and None not in classes else None
        if isinstance(expr, ast.ListComp) and isinstance(expr.elt, ast.Call):
            resolved = self._resolve(expr.elt.func)
            return f"{resolved[0]}.{resolved[1]}" if resolved else None
        return None

    def attr_of(self, expr):
        if not isinstance(expr, ast.Attribute):
            return None
        key = self.dotted(expr)
        if key and key in self.bindings:
            return None  # a bound construct, not an attribute
        return self.member(self.class_of(expr.value), expr.attr)


def _py_annotation(node):
    """`Cls`, `m.Cls`, `"Cls"`, `Optional[Cls]` → the Name/Attribute naming the class."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, (ast.Name, ast.Attribute)) and \
            getattr(node.value, "id", getattr(node.value, "attr", "")) == "Optional":
        node = node.slice
    return node if isinstance(node, (ast.Name, ast.Attribute)) else None


def _py_list_annotation(node):
    """`list[Cls]` / `List[Cls]` / `Sequence[Cls]` → the node naming Cls."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, (ast.Name, ast.Attribute)) and \
            getattr(node.value, "id", getattr(node.value, "attr", "")) in ("list", "List", "Sequence", "tuple"):
        inner = node.slice
        return inner if isinstance(inner, (ast.Name, ast.Attribute)) else None
    return None


def _py_plain_index(node) -> bool:
    """An index Terraform's element() means the same way: a name, an attribute, a call or an
    expression, or a non-negative int literal (not a string key, not a negative literal)."""
    if isinstance(node, ast.Constant):
        return type(node.value) is int and node.value >= 0
    return not isinstance(node, (ast.UnaryOp, ast.JoinedStr, ast.Tuple, ast.List, ast.Dict))


def _py_dotted_text(expr) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        base = _py_dotted_text(expr.value)
        return f"{base}.{expr.attr}" if base else None
    return None


class _TsTypes(_Types):
    def __init__(self, doc, index):
        super().__init__(index)
        self.doc = doc
        aliases = []
        for decl in doc.root.find_all(kind="variable_declarator"):
            name = decl.field("name")
            if name is None or name.kind() != "identifier":
                continue
            self.bind(name.text(), self._annotated(decl))
            value = decl.field("value")
            if value is not None and value.kind() == "new_expression" and self._constructed(value):
                self.bind(name.text(), self._constructed(value))
            elif value is not None and value.kind() not in ("undefined", "null"):
                aliases.append((name.text(), _ts_key(value)))
        for decl in doc.root.find_all(kind="variable_declarator"):
            name = decl.field("name")
            if name is not None and name.kind() == "identifier":
                self.bind_elements(name.text(), self._annotated_elements(decl))
                value = decl.field("value")
                if value is not None:
                    self.bind_elements(name.text(), self._built_elements(value))
        for field in doc.root.find_all(kind="public_field_definition"):
            name = field.field("name")
            if name is not None and name.kind() == "property_identifier":
                self.bind_elements(f"this.{name.text()}", self._annotated_elements(field))
        for assign in doc.root.find_all(kind="assignment_expression"):
            left, right = assign.field("left"), assign.field("right")
            if left is None or right is None or left.kind() not in ("identifier", "member_expression"):
                continue
            if right.kind() == "new_expression" and self._constructed(right):
                self.bind(_ts_key(left), self._constructed(right))
            elif right.kind() not in ("undefined", "null"):
                aliases.append((_ts_key(left), _ts_key(right)))
        for field in doc.root.find_all(kind="public_field_definition"):
            name = field.field("name")
            if name is not None and name.kind() == "property_identifier":
                self.bind(f"this.{name.text()}", self._annotated(field))
                value = field.field("value")
                if value is not None and value.kind() == "new_expression":
                    self.bind(f"this.{name.text()}", self._constructed(value))
        for kind in ("required_parameter", "optional_parameter"):
            for param in doc.root.find_all(kind=kind):
                pattern = param.field("pattern")
                if pattern is not None and pattern.kind() == "identifier":
                    resolved = self._annotated(param)
                    if resolved:
                        self.bind(pattern.text(), resolved)
                    else:  # a parameter is only known through its annotation
                        aliases.append((pattern.text(), None))
                    if any(c.kind() == "accessibility_modifier" for c in param.children()):
                        self.bind(f"this.{pattern.text()}", resolved)  # a parameter property
        self.alias(aliases)

    def _annotated_elements(self, node):
        """`x: Cls[]` / `x: Array<Cls>` → Cls."""
        annotation = node.field("type")
        if annotation is None or annotation.kind() != "type_annotation":
            return None
        inner = [c for c in annotation.children() if c.is_named()]
        if len(inner) != 1:
            return None
        t = inner[0]
        if t.kind() == "array_type":
            named = [c for c in t.children() if c.is_named()]
        elif t.kind() == "generic_type" and t.field("name") is not None and \
                t.field("name").text() in ("Array", "ReadonlyArray"):
            args = t.field("type_arguments")
            named = [c for c in args.children() if c.is_named()] if args is not None else []
        else:
            return None
        if len(named) != 1 or named[0].kind() not in ("type_identifier", "nested_type_identifier"):
            return None
        return _provider.ts_type(self.index, self.doc.imports.resolve(named[0]))

    def _built_elements(self, value):
        """`[a, b]` of constructs of one class, `xs.map((…) => new Cls(…))` → Cls."""
        value = _ts_unwrap(value)
        if value.kind() == "array":
            return self.element_class(value)
        if value.kind() == "call_expression":
            func, args = value.field("function"), value.field("arguments")
            if func is None or args is None or func.kind() != "member_expression" or \
                    func.field("property") is None or func.field("property").text() != "map":
                return None
            callbacks = [a for a in args.children() if a.kind() == "arrow_function"]
            if len(callbacks) != 1:
                return None
            body = callbacks[0].field("body")
            body = _ts_unwrap(body) if body is not None else None
            if body is not None and body.kind() == "new_expression":
                return self._constructed(body)
        return None

    def element_class(self, node) -> str | None:
        if node is None:
            return None
        node = _ts_unwrap(node)
        key = _ts_key(node)
        if key:
            return self.elements.get(key)
        if node.kind() == "array":
            items = [c for c in node.children() if c.is_named() and c.kind() != "comment"]
            classes = {self.class_of(c) for c in items}
            return classes.pop() if items and len(classes) == 1 and None not in classes else None
        return None

    def _constructed(self, new):
        ctor = new.field("constructor")
        return _provider.ts_type(self.index, self.doc.imports.resolve(ctor)) if ctor is not None else None

    def _annotated(self, node):
        annotation = node.field("type")
        if annotation is None or annotation.kind() != "type_annotation":
            return None
        inner = [c for c in annotation.children() if c.is_named()]
        if len(inner) != 1 or inner[0].kind() not in ("type_identifier", "nested_type_identifier"):
            return None
        return _provider.ts_type(self.index, self.doc.imports.resolve(inner[0]))

    def class_of(self, node) -> str | None:
        node = _ts_unwrap(node)
        key = _ts_key(node)
        if key and key in self.bindings:
            return self.bindings[key]
        kind = node.kind()
        if kind == "member_expression":
            found = self.attr_of(node)
            return found[0].cls if found and found[0].kind == "object" else None
        if kind == "subscript_expression":
            found = self.attr_of(node.field("object"))  # `identity[0]`: the author means the element
            if found is not None:
                return found[0].cls if found[0].kind in HELPER_LISTS else None
            return self.element_class(node.field("object"))  # `subnets[0]`
        if kind == "call_expression":
            func = node.field("function")
            if func is not None and func.kind() == "member_expression" and \
                    func.field("property") is not None and func.field("property").text() == "get":
                found = self.attr_of(func.field("object"))
                return found[0].cls if found and found[0].kind in HELPER_LISTS else None
        return None

    def attr_of(self, node):
        if node is None:
            return None
        node = _ts_unwrap(node)
        if node.kind() != "member_expression":
            return None
        key = _ts_key(node)
        if key and key in self.bindings:
            return None
        obj, prop = node.field("object"), node.field("property")
        if obj is None or prop is None or prop.kind() != "property_identifier":
            return None
        return self.member(self.class_of(obj), prop.text())


def _ts_unwrap(node):
    while node is not None and node.kind() in ("parenthesized_expression", "non_null_expression"):
        inner = [c for c in node.children() if c.is_named() and c.kind() != "comment"]
        if len(inner) != 1:
            break
        node = inner[0]
    return node


def _ts_key(node) -> str | None:
    """`x` or `this.x` (the keys bindings are recorded under)."""
    if node.kind() == "identifier":
        return node.text()
    if node.kind() == "member_expression":
        obj, prop = node.field("object"), node.field("property")
        if obj is not None and prop is not None and obj.kind() == "this":
            return f"this.{prop.text()}"
    return None


def _ts_is_assigned(node) -> bool:
    parent = node.parent()
    if parent is None:
        return False
    if parent.kind() in ("assignment_expression", "augmented_assignment_expression"):
        left = parent.field("left")
        return left is not None and left == node
    return parent.kind() == "update_expression"


def _ts_plain_index(node) -> bool:
    kind = node.kind()
    if kind == "number":
        return node.text().isdigit()
    return kind not in ("string", "template_string", "unary_expression", "array", "object")


def _has_comment(text: str) -> bool:
    return "//" in text or "/*" in text
