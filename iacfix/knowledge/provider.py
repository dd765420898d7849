"""Runtime queries over the shipped provider-knowledge index (stdlib only).

The index is derived from the prebuilt AWS provider's jsii assembly by
:mod:`iacfix.knowledge.derive_provider`; per-property kind changes across provider versions come
from :mod:`iacfix.knowledge.derive_kind_changes`.  See ``README.md`` beside this file.

Names used here:

* *submodule key*: the jsii submodule name, which is also the TS root-namespace export, e.g.
  ``s3BucketVersioning`` (Python leaf ``s3_bucket_versioning``, TS lib leaf ``s3-bucket-versioning``).
* *struct key*: ``"<submodule>.<StructName>"``, e.g. ``"s3Bucket.S3BucketConfig"``; structs of the
  core library are ``"cdktf.TerraformResourceLifecycle"`` (``"cdktn...."`` for the fork).
* *kind* of a property: ``list_struct`` (``IResolvable | Struct[]``), ``struct``, ``map_struct``,
  ``string``, ``number``, ``boolean`` (incl. ``boolean | IResolvable``), ``list_string``,
  ``list_number``, ``list_boolean``, ``map_string``, ``map_number``, ``map_boolean``, ``any``,
  ``other``.
* *kind* of a type: ``resource``, ``data``, ``provider``, ``ephemeral``, ``struct``, ``class``,
  ``enum``, ``interface``.
"""

from __future__ import annotations

import functools
import glob
import gzip
import json
import os
import re
from dataclasses import dataclass
from typing import Iterator

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
KIND_CHANGES_FILE = os.path.join(DATA_DIR, "provider-aws-kind-changes.json")
# the family the kind-changes table was derived for (its version numbers are that family's)
KIND_CHANGES_FAMILY = "cdktf"

STRUCT_KINDS = frozenset({"list_struct", "struct", "map_struct"})
ROOT_KINDS = frozenset({"resource", "data", "provider", "ephemeral"})

_PY_ROOT = {"cdktf": "cdktf_cdktf_provider_aws", "cdktn": "cdktn_provider_aws"}
_TS_PACKAGE = {"cdktf": "@cdktf/provider-aws", "cdktn": "@cdktn/provider-aws"}


def python_root(family: str = "cdktf") -> str:
    """Python package of the prebuilt provider: ``cdktf_cdktf_provider_aws`` / ``cdktn_provider_aws``."""
    return _PY_ROOT[family]


def ts_package(family: str = "cdktf") -> str:
    """npm package of the prebuilt provider: ``@cdktf/provider-aws`` / ``@cdktn/provider-aws``."""
    return _TS_PACKAGE[family]


@dataclass(frozen=True)
class Prop:
    name: str           # jsii (TS) name, camelCase
    py_name: str        # Python kwarg name
    kind: str           # one of the property kinds (module docstring)
    struct: str | None  # "submodule.StructName" for list_struct/struct/map_struct, else None


@dataclass(frozen=True)
class Attr:
    name: str           # jsii (TS) getter name, camelCase
    py_name: str        # Python attribute name
    kind: str           # a property kind, or object / list_object / map_object
    cls: str | None     # "submodule.ClassName": the object, or the element class of a list/map helper


_PY_KEYWORDS = frozenset(
    "False None True and as assert async await break class continue def del elif else except "
    "finally for from global if import in is lambda nonlocal not or pass raise return try while "
    "with yield".split()
)


def _py_attr_name(jsii_name: str) -> str:
    """jsii's Python name for a getter (the same snake_case as struct properties; see
    ``derive_provider.python_name``)."""
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", jsii_name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z0-9])", r"\1_\2", s).lower()
    return s + "_" if s in _PY_KEYWORDS else s


def parse_version(v: str) -> tuple[int, ...]:
    """``"21.22.1"`` -> ``(21, 22, 1)``; tolerant of prefixes such as ``^``, ``~=``, ``v``."""
    m = re.search(r"\d+(?:\.\d+)*", v or "")
    if not m:
        raise ValueError(f"not a version: {v!r}")
    parts = tuple(int(x) for x in m.group(0).split("."))
    return (parts + (0, 0, 0))[:3]


def shipped_versions(family: str = "cdktf") -> list[str]:
    """Provider versions that have a shipped index for ``family``, oldest first."""
    out = []
    for p in glob.glob(os.path.join(DATA_DIR, f"provider-aws-{family}-*.json.gz")):
        v = os.path.basename(p)[len(f"provider-aws-{family}-"):-len(".json.gz")]
        out.append(v)
    return sorted(out, key=parse_version)


def _nearest(requested: str, shipped: list[str]) -> str:
    """The shipped index to use for ``requested``: the oldest shipped version >= requested (the
    closest generator), else the newest shipped."""
    rv = parse_version(requested)
    for v in shipped:
        if parse_version(v) >= rv:
            return v
    return shipped[-1]


@functools.lru_cache(maxsize=None)
def _read_index(path: str) -> dict:
    with gzip.open(path, "rb") as f:
        return json.loads(f.read())


@functools.lru_cache(maxsize=1)
def _read_kind_changes() -> dict[str, list[list[str]]]:
    if not os.path.isfile(KIND_CHANGES_FILE):
        return {}
    with open(KIND_CHANGES_FILE, encoding="utf-8") as f:
        return json.load(f)


def kind_history(struct: str, jsii_prop: str) -> list[tuple[str, str]]:
    """``[(kind, first checked version with that kind), ...]`` for a property whose kind changed
    between the checked versions (cdktf family); ``[]`` if it never changed."""
    return [(k, v) for k, v in _read_kind_changes().get(f"{struct}.{jsii_prop}", [])]


def _kind_for_version(history: list[list[str]], version: tuple[int, ...]) -> str:
    kind = history[0][0]  # older than the first checked version: assume the oldest known kind
    for k, v in history:
        if parse_version(v) <= version:
            kind = k
    return kind


class ProviderIndex:
    """Facts about one version of the prebuilt AWS provider (see module docstring)."""

    version: str         # the version asked for (kinds are corrected for it)
    family: str          # "cdktf" or "cdktn"
    index_version: str   # the version of the shipped index actually read

    def __init__(self, data: dict, version: str | None = None, family: str | None = None):
        self._data = data
        meta = data["meta"]
        self.meta: dict = meta
        self.index_version = meta["version"]
        self.family = family or meta["family"]
        self.version = version or self.index_version
        self._modules: dict[str, list[str]] = data["modules"]
        self._by_py = {v[0]: k for k, v in self._modules.items()}
        self._by_ts = {v[1]: k for k, v in self._modules.items()}
        self._blobs: dict[str, str] = data["types"]
        self._decoded: dict[str, dict] = {}
        self._props_cache: dict[str, dict[str, Prop]] = {}
        self._py_cache: dict[str, dict[str, Prop]] = {}
        self._loose_py: dict[str, str] | None = None
        self._type_homes: dict[str, list[str]] | None = None
        self._overrides: dict[str, dict[str, str]] = {}
        self._attr_tables: dict[str, dict] = {}
        self._attr_cache: dict[str, dict[str, Attr]] = {}
        if (self.version != self.index_version and self.family == KIND_CHANGES_FAMILY
                and meta["family"] == KIND_CHANGES_FAMILY):
            rv = parse_version(self.version)
            for key, hist in _read_kind_changes().items():
                struct, _, prop = key.rpartition(".")
                kind = _kind_for_version(hist, rv)
                self._overrides.setdefault(struct, {})[prop] = kind

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, version: str | None = None, family: str = "cdktf") -> "ProviderIndex":
        """The index for ``version`` (None: newest shipped).  An unshipped version gets the nearest
        shipped index with property kinds corrected by the kind-changes table.  Cached."""
        return _load(version, family)

    # ------------------------------------------------------------------ modules
    def submodules(self) -> list[str]:
        return sorted(self._modules)

    def module_for_python(self, leaf: str) -> str | None:
        """Python module leaf (``s3_bucket_versioning``; a dotted path is accepted) -> submodule key."""
        return self._by_py.get(leaf.rpartition(".")[2])

    def module_for_ts(self, leaf: str) -> str | None:
        """TS lib leaf (``s3-bucket-versioning``; ``@cdktf/provider-aws/lib/x`` accepted) -> submodule key."""
        return self._by_ts.get(leaf.rstrip("/").rpartition("/")[2])

    def module_for_ts_namespace(self, name: str) -> str | None:
        """Root namespace export (``s3BucketVersioning``) -> submodule key."""
        return name if name in self._modules else None

    def module_for_python_loose(self, leaf: str) -> str | None:
        """Like :meth:`module_for_python`, but also matches the casing-after-digits mistakes
        (``s3control_bucket`` -> ``s3ControlBucket``): underscores are ignored."""
        leaf = leaf.rpartition(".")[2]
        sub = self._by_py.get(leaf)
        if sub is not None:
            return sub
        if self._loose_py is None:
            self._loose_py = {k.replace("_", ""): v for k, v in self._by_py.items()}
        return self._loose_py.get(leaf.replace("_", ""))

    def python_leaf(self, submodule: str) -> str:
        return self._modules[submodule][0]

    def ts_leaf(self, submodule: str) -> str:
        return self._modules[submodule][1]

    def ts_namespace(self, submodule: str) -> str:
        if submodule not in self._modules:
            raise KeyError(submodule)
        return submodule

    def python_module(self, submodule: str) -> str:
        """Full Python module path, e.g. ``cdktf_cdktf_provider_aws.s3_bucket``."""
        return f"{python_root(self.family)}.{self.python_leaf(submodule)}"

    def ts_module(self, submodule: str) -> str:
        """Full TS module path, e.g. ``@cdktf/provider-aws/lib/s3-bucket``."""
        return f"{ts_package(self.family)}/lib/{self.ts_leaf(submodule)}"

    # ------------------------------------------------------------------ types
    def _mod(self, submodule: str) -> dict | None:
        d = self._decoded.get(submodule)
        if d is None:
            blob = self._blobs.get(submodule)
            if blob is None:
                return None
            d = self._decoded[submodule] = json.loads(blob)
        return d

    def types(self, submodule: str) -> list[str]:
        m = self._mod(submodule)
        return sorted(m["classes"]) if m else []

    def has_type(self, submodule: str, name: str) -> bool:
        m = self._mod(submodule)
        return bool(m) and name in m["classes"]

    def kind_of(self, submodule: str, name: str) -> str | None:
        m = self._mod(submodule)
        if not m:
            return None
        v = m["classes"].get(name)
        return v[0] if isinstance(v, list) else v

    def rename(self, submodule: str, name: str) -> str | None:
        """The correct name for a wrong one in ``submodule`` (A/Struct suffix collisions, casing
        after digits).  None if ``name`` is valid there, unknown, or ambiguous."""
        if self.has_type(submodule, name):
            return None
        r = self._data["renames"].get(submodule, {}).get(name)
        if r is not None:
            return r
        c = self._data["casing"].get(name)
        if c is not None and c[0] == submodule:
            return c[1]
        return None

    def ambiguous_rename(self, submodule: str, name: str) -> str | None:
        """For the few wrong names that are *also* valid in the module (e.g.
        ``ConnectHoursOfOperationConfig``: the resource Config struct, while the block struct is
        ``ConnectHoursOfOperationConfigA``): the block-struct name.  Only a caller that knows the
        usage is the block may apply it."""
        return self._data["ambiguous"].get(submodule, {}).get(name)

    def exists_elsewhere(self, name: str) -> list[str]:
        """For a wrong (renamed) name: the other submodules where it is a valid type."""
        return list(self._data["elsewhere"].get(name, []))

    def casing_fix(self, name: str) -> tuple[str, str] | None:
        """For a class name spelled without the capital after digits (``S3controlBucket``):
        (submodule, correct name)."""
        c = self._data["casing"].get(name)
        return (c[0], c[1]) if c else None

    def modules_with_type(self, name: str) -> list[str]:
        """Every submodule where ``name`` is a valid type (decodes all submodules on first use)."""
        if self._type_homes is None:
            homes: dict[str, list[str]] = {}
            for sub in sorted(self._blobs):
                for n in self._mod(sub)["classes"]:  # type: ignore[index]
                    homes.setdefault(n, []).append(sub)
            self._type_homes = homes
        return list(self._type_homes.get(name, []))

    def params_struct(self, submodule: str, name: str) -> str | None:
        """resource/data/provider/ephemeral class -> its config struct key; struct -> itself."""
        m = self._mod(submodule)
        if not m:
            return None
        v = m["classes"].get(name)
        if isinstance(v, list):
            return v[1]
        if v == "struct":
            return f"{submodule}.{name}"
        return None

    # ------------------------------------------------------------------ attributes
    def attributes(self, cls: str) -> dict[str, Attr]:
        """Getters (Terraform attributes) of a resource / data source / helper class, keyed by
        jsii name: ``attributes("dataAwsAvailabilityZones.DataAwsAvailabilityZones")["names"]``
        is ``list_string``.  Kinds: the property kinds plus ``object`` (an ``…OutputReference``),
        ``list_object`` / ``map_object`` (a ``…List`` / ``…Map`` helper; ``cls`` of the Attr is the
        element class returned by ``get``).  {} if unknown or the index has no attribute table."""
        cached = self._attr_cache.get(cls)
        if cached is not None:
            return cached
        sub, _, name = cls.rpartition(".")
        table = self._attr_tables.get(sub)
        if table is None:
            blob = self._data.get("attributes", {}).get(sub)
            table = self._attr_tables[sub] = json.loads(blob) if blob else {}
        out = {r[0]: Attr(r[0], _py_attr_name(r[0]), r[1], r[2] if len(r) > 2 else None)
               for r in table.get(name, [])}
        self._attr_cache[cls] = out
        return out

    def attribute(self, cls: str, name: str) -> Attr | None:
        """An attribute by jsii name or Python name."""
        attrs = self.attributes(cls)
        a = attrs.get(name)
        if a is not None:
            return a
        return next((a for a in attrs.values() if a.py_name == name), None)

    def has_attributes(self) -> bool:
        """Whether this index carries the attribute table (indexes derived before it did not)."""
        return bool(self._data.get("attributes"))

    # ------------------------------------------------------------------ structs
    def _struct_rows(self, struct: str) -> tuple[list | None, list[str]]:
        if struct in self._data["core_structs"]:
            return self._data["core_structs"][struct], self._data["core_bases"].get(struct, [])
        sub, _, name = struct.rpartition(".")
        m = self._mod(sub)
        if not m or name not in m["structs"]:
            return None, []
        return m["structs"][name], m.get("bases", {}).get(name, [])

    def is_struct(self, struct: str) -> bool:
        return self._struct_rows(struct)[0] is not None

    def props(self, struct: str) -> dict[str, Prop]:
        """Properties of a struct (inherited ones included), keyed by jsii name; {} if unknown."""
        cached = self._props_cache.get(struct)
        if cached is not None:
            return cached
        rows, bases = self._struct_rows(struct)
        out: dict[str, Prop] = {}
        if rows is not None:
            over = self._overrides.get(struct, {})
            for r in rows:
                kind = over.get(r[0], r[2])
                ref = r[3] if len(r) > 3 and kind in STRUCT_KINDS else None
                out[r[0]] = Prop(r[0], r[1], kind, ref)
            for b in bases:
                for k, p in self.props(b).items():
                    out.setdefault(k, p)
        self._props_cache[struct] = out
        return out

    def prop(self, struct: str, name: str) -> Prop | None:
        """A property by jsii name or Python name."""
        ps = self.props(struct)
        p = ps.get(name)
        if p is not None:
            return p
        by_py = self._py_cache.get(struct)
        if by_py is None:
            by_py = self._py_cache[struct] = {p.py_name: p for p in ps.values()}
        return by_py.get(name)

    def kind_at(self, struct: str, jsii_prop: str) -> str | None:
        """Kind of a property at ``self.version`` (already version-corrected)."""
        p = self.props(struct).get(jsii_prop)
        return p.kind if p else None

    def required_props(self, struct: str) -> frozenset[str] | None:
        """jsii names of the struct's non-optional properties (a provider base struct's included;
        the core bases, ``cdktf.TerraformMetaArguments``, have none). None when unknown: the struct
        is not in the index, or the index was derived before it recorded optionality."""
        if "required_props" not in self.meta.get("counts", {}):
            return None
        rows, bases = self._struct_rows(struct)
        if rows is None or struct in self._data["core_structs"]:
            return None
        sub, _, name = struct.rpartition(".")
        out = set(self._mod(sub).get("required", {}).get(name, []))  # type: ignore[union-attr]
        for b in bases:
            if b in self._data["core_structs"]:
                continue
            more = self.required_props(b)
            if more is None:
                return None
            out |= more
        return frozenset(out)

    def iter_structs(self) -> Iterator[str]:
        for sub in sorted(self._blobs):
            for n in sorted(self._mod(sub)["structs"]):  # type: ignore[index]
                yield f"{sub}.{n}"

    def wrong_names(self) -> frozenset[str]:
        """Every name that `rename` may correct in some submodule (for cheap text triggers)."""
        names = {n for table in self._data["renames"].values() for n in table}
        return frozenset(names | set(self._data["casing"]))

    def __repr__(self) -> str:
        extra = "" if self.version == self.index_version else f" (index {self.index_version})"
        return f"<ProviderIndex {self.family} {self.version}{extra}>"


@functools.lru_cache(maxsize=None)
def _load(version: str | None, family: str) -> ProviderIndex:
    if family not in _PY_ROOT:
        raise ValueError(f"unknown family {family!r} (cdktf or cdktn)")
    shipped = shipped_versions(family)
    idx_family = family
    if not shipped:
        # no index for this family: fall back to the cdktf one (same generator)
        idx_family = "cdktf"
        shipped = shipped_versions(idx_family)
        if not shipped:
            raise FileNotFoundError(f"no provider index in {DATA_DIR}")
        if version is not None:
            version = None  # version numbers of another family are meaningless here
    if version is None:
        use = shipped[-1]
    else:
        norm = ".".join(str(x) for x in parse_version(version))
        use = norm if norm in shipped else _nearest(norm, shipped)
        version = norm
    data = _read_index(os.path.join(DATA_DIR, f"provider-aws-{idx_family}-{use}.json.gz"))
    return ProviderIndex(data, version=version or use, family=family)
