"""Runtime queries over the shipped core-library index: cdktf's (or cdktn's) own API (stdlib only).

Derived from the core library's jsii assembly by :mod:`iacfix.knowledge.derive_core`; see
``README.md`` beside this file. Names are jsii (TypeScript) names unless a method says Python.

* ``exports()`` / ``kind_of(name)``: the types the package root exports, with their kind
  (``class``, ``struct``, ``interface``, ``enum``);
* ``static_members(cls)``: the static methods and properties of a class, inherited ones included
  (``Fn`` has ``FnGenerated``'s ``jsondecode``), jsii name → :class:`Member`;
  ``python_name(cls, member)`` / ``jsii_name(cls, python)``;
* ``props(struct)``: config-struct properties (``TerraformOutputConfig``, ``S3BackendConfig`` …) as
  the provider index's :class:`~iacfix.knowledge.provider.Prop` rows.
"""
from __future__ import annotations

import functools
import glob
import gzip
import json
import os
from dataclasses import dataclass

from iacfix.knowledge.provider import STRUCT_KINDS, Prop, parse_version

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
PACKAGES = ("cdktf", "cdktn")


@dataclass(frozen=True)
class Member:
    name: str       # jsii name (TypeScript)
    py_name: str    # Python name
    what: str       # "method", "property" or "const"


def shipped_versions(family: str = "cdktf") -> list[str]:
    out = [os.path.basename(p)[len(f"core-{family}-"):-len(".json.gz")]
           for p in glob.glob(os.path.join(DATA_DIR, f"core-{family}-*.json.gz"))]
    return sorted(out, key=parse_version)


class CoreIndex:
    """One version of the core library (module docstring)."""

    def __init__(self, data: dict):
        self._data = data
        self.meta: dict = data["meta"]
        self.package: str = self.meta["package"]  # "cdktf" / "cdktn": npm package and Python module
        self.family: str = self.meta["family"]
        self.version: str = self.meta["version"]
        self._types: dict[str, str] = data["types"]
        self._static: dict[str, dict[str, Member]] = {}
        self._by_py: dict[str, dict[str, Member]] = {}

    @classmethod
    def load(cls, version: str | None = None, family: str = "cdktf") -> "CoreIndex":
        """The index for `version` (None: the newest shipped; an unshipped version: the oldest
        shipped one at or above it, else the newest). Cached."""
        return _load(None if version is None else ".".join(map(str, parse_version(version))), family)

    # -- exports -----------------------------------------------------------------------------
    def exports(self) -> frozenset[str]:
        """Type names exported by the package root."""
        return frozenset(self._types)

    def kind_of(self, name: str) -> str | None:
        return self._types.get(name)

    def submodule_of(self, name: str) -> str | None:
        """The Python module of a type exported only by a submodule (`testingMatchers`), else None."""
        for python, types in self._data["submodules"].values():
            if name in types:
                return python
        return None

    # -- static members ----------------------------------------------------------------------
    def static_members(self, cls: str) -> dict[str, Member]:
        """jsii name → Member for the static methods/properties of `cls` (inherited included)."""
        cached = self._static.get(cls)
        if cached is None:
            rows = self._data["static"].get(cls, {})
            cached = self._static[cls] = {k: Member(k, v[0], v[1]) for k, v in rows.items()}
        return cached

    def instance_members(self, cls: str) -> dict[str, Member]:
        return {k: Member(k, v[0], v[1]) for k, v in self._data["instance"].get(cls, {}).items()}

    def python_name(self, cls: str, member: str) -> str | None:
        m = self.static_members(cls).get(member)
        return m.py_name if m else None

    def jsii_name(self, cls: str, py_name: str) -> str | None:
        by_py = self._by_py.get(cls)
        if by_py is None:
            by_py = self._by_py[cls] = {m.py_name: m for m in self.static_members(cls).values()}
        m = by_py.get(py_name)
        return m.name if m else None

    def classes_with_static_members(self) -> list[str]:
        return sorted(self._data["static"])

    # -- structs -------------------------------------------------------------------------------
    def _short(self, struct: str) -> str:
        return struct.partition(".")[2] if struct.partition(".")[0] in PACKAGES else struct

    def is_struct(self, struct: str) -> bool:
        return self._short(struct) in self._data["structs"]

    def props(self, struct: str) -> dict[str, Prop]:
        """Properties of a core struct (`TerraformOutputConfig` or `cdktf.TerraformOutputConfig`),
        inherited ones included, keyed by jsii name; {} if unknown."""
        short = self._short(struct)
        out: dict[str, Prop] = {}
        for r in self._data["structs"].get(short, []):
            ref = r[3] if len(r) > 3 and r[2] in STRUCT_KINDS else None
            out[r[0]] = Prop(r[0], r[1], r[2], ref)
        for base in self._data["bases"].get(short, []):
            for k, p in self.props(base).items():
                out.setdefault(k, p)
        return out

    def prop(self, struct: str, name: str) -> Prop | None:
        """A property by jsii or Python name."""
        ps = self.props(struct)
        return ps.get(name) or next((p for p in ps.values() if p.py_name == name), None)

    def __repr__(self) -> str:
        return f"<CoreIndex {self.package} {self.version}>"


@functools.lru_cache(maxsize=None)
def _load(version: str | None, family: str) -> CoreIndex:
    if family not in PACKAGES:
        raise ValueError(f"unknown family {family!r} (cdktf or cdktn)")
    shipped = shipped_versions(family)
    if not shipped:
        raise FileNotFoundError(f"no core index for {family} in {DATA_DIR}")
    use = shipped[-1]
    if version is not None:
        wanted = parse_version(version)
        use = next((v for v in shipped if parse_version(v) >= wanted), shipped[-1])
    with gzip.open(os.path.join(DATA_DIR, f"core-{family}-{use}.json.gz"), "rb") as f:
        return CoreIndex(json.loads(f.read()))
