"""Resolving code references to provider-aws binding types, shared by the CDKTF rules."""
from __future__ import annotations

from iacfix.knowledge.provider import python_root, ts_package

PY_ROOTS = (python_root("cdktf"), python_root("cdktn"))
TS_PACKAGES = (ts_package("cdktf"), ts_package("cdktn"))
TRIGGERS = PY_ROOTS + TS_PACKAGES


def python_type(index, qualified: str | None) -> tuple[str, str] | None:
    """`cdktf_cdktf_provider_aws.s3_bucket.S3Bucket` → (submodule key, "S3Bucket")."""
    if not qualified:
        return None
    parts = qualified.split(".")
    if len(parts) != 3 or parts[0] not in PY_ROOTS:
        return None
    submodule = index.module_for_python(parts[1])
    return (submodule, parts[2]) if submodule else None


def python_module(index, qualified: str) -> str | None:
    """`cdktf_cdktf_provider_aws.s3_bucket` → submodule key."""
    parts = qualified.split(".")
    if len(parts) != 2 or parts[0] not in PY_ROOTS:
        return None
    return index.module_for_python(parts[1])


def python_resolve(index, doc, expr) -> tuple[str, str] | None:
    """The provider type a Name/Attribute expression refers to, through any import form."""
    found = python_type(index, doc.imports.resolve(expr))
    name = getattr(expr, "id", None)  # a bare ast.Name
    if found is not None or name is None:
        return found
    for module in doc.imports.star_candidates(name):  # `from …provider_aws.x import *`
        submodule = python_module(index, module)
        if submodule and (index.has_type(submodule, name) or index.rename(submodule, name)):
            return submodule, name
    return None


def ts_module(index, specifier: str) -> str | None:
    """`@cdktf/provider-aws/lib/s3-bucket` → submodule key."""
    for package in TS_PACKAGES:
        prefix = package + "/lib/"
        if specifier.startswith(prefix):
            leaf = specifier[len(prefix):].removesuffix("/index").removesuffix(".js")
            return index.module_for_ts(leaf)
    return None


def ts_type(index, resolved: tuple[str, str] | None) -> tuple[str, str] | None:
    """(module specifier, dotted path) from the TS import resolver → (submodule key, type name)."""
    if resolved is None:
        return None
    module, path = resolved
    parts = path.split(".") if path else []
    if module in TS_PACKAGES:
        if len(parts) == 2:
            submodule = index.module_for_ts_namespace(parts[0])
            return (submodule, parts[1]) if submodule else None
        return None
    submodule = ts_module(index, module)
    if submodule and len(parts) == 1:
        return submodule, parts[0]
    return None


def ts_struct_literals(doc, index):
    """(config struct key, (submodule, class), object literal) for every object literal the provider
    types: the last object argument of `new X(scope, id, {…})`, and the initialiser of a variable
    declared with a struct type (`const r: Struct = {…}`, `const rs: Struct[] = [{…}, …]`)."""
    for new in doc.root.find_all(kind="new_expression"):
        ctor, args = new.field("constructor"), new.field("arguments")
        resolved = ts_type(index, doc.imports.resolve(ctor)) if ctor is not None else None
        struct = index.params_struct(*resolved) if resolved else None
        if struct and args is not None:
            objects = [a for a in args.children() if a.kind() == "object"]
            if objects:
                yield struct, resolved, objects[-1]
    for declarator in doc.root.find_all(kind="variable_declarator"):
        annotation, value = declarator.field("type"), declarator.field("value")
        if annotation is None or value is None or value.kind() not in ("object", "array"):
            continue
        type_node = next((c for c in annotation.children() if c.is_named()), None)
        is_array = type_node is not None and type_node.kind() == "array_type"
        if is_array:
            type_node = next((c for c in type_node.children() if c.is_named()), None)
        resolved = ts_type(index, doc.imports.resolve(type_node)) if type_node is not None else None
        struct = index.params_struct(*resolved) if resolved else None
        if not struct:
            continue
        if value.kind() == "object" and not is_array:
            yield struct, resolved, value
        elif value.kind() == "array" and is_array:
            for obj in value.children():
                if obj.kind() == "object":
                    yield struct, resolved, obj
