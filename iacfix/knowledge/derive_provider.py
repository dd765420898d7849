"""Derive the provider-knowledge index from a prebuilt AWS provider's jsii assembly.

Usage::

    python -m iacfix.knowledge.derive_provider PATH            # .jsii / .jsii.tgz / .whl / package dir
    python -m iacfix.knowledge.derive_provider --version 21.22.1 [--family cdktf|cdktn]
    python -m iacfix.knowledge.derive_provider PATH -o out.json.gz

PATH may be a ``.jsii`` file, a ``*.jsii.tgz`` (holds ``package/.jsii``), a wheel, an npm package
directory (``node_modules/@cdktf/provider-aws``) or the installed Python package directory
(``site-packages/cdktf_cdktf_provider_aws``).  ``--version`` runs ``pip download --no-deps`` of
the wheel into a temporary directory.

The output (default ``iacfix/knowledge/data/provider-aws-<family>-<version>.json.gz``) is the
index read by :mod:`iacfix.knowledge.provider`; its layout is described in ``README.md`` beside
this file.  Output is deterministic (sorted keys, gzip mtime 0), so regenerating is byte-stable.

This module only uses the standard library, so it can also run where only iacfix is installed.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import deque
from typing import Any, Iterable

FORMAT = 1
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

FAMILIES = {
    # family: (PyPI dist, python root module, npm package)
    "cdktf": ("cdktf-cdktf-provider-aws", "cdktf_cdktf_provider_aws", "@cdktf/provider-aws"),
    "cdktn": ("cdktn-provider-aws", "cdktn_provider_aws", "@cdktn/provider-aws"),
}

# Python keywords as jsii-pacmak escapes them (a trailing "_"); a fixed list so the result does not
# depend on the Python that runs the derivation.  Builtins (type, id, filter, ...) are not escaped.
PY_KEYWORDS = frozenset(
    "False None True and as assert async await break class continue def del elif else except "
    "finally for from global if import in is lambda nonlocal not or pass raise return try while "
    "with yield".split()
)

# Structs of the core library (cdktf / cdktn) that provider structs extend or reference.  They are
# not in the provider assembly, so their shapes are written here (checked against the core
# library's assembly by tests/test_knowledge.py when it is installed).  "{core}" is the core
# library's jsii name ("cdktf" or "cdktn").
CORE_STRUCTS: dict[str, dict[str, Any]] = {
    "TerraformMetaArguments": {
        "connection": {"union": {"types": [{"fqn": "{core}.SSHProvisionerConnection"},
                                           {"fqn": "{core}.WinrmProvisionerConnection"}]}},
        "count": {"union": {"types": [{"primitive": "number"}, {"fqn": "{core}.TerraformCount"}]}},
        "dependsOn": {"collection": {"kind": "array", "elementtype": {"fqn": "{core}.ITerraformDependable"}}},
        "forEach": {"fqn": "{core}.ITerraformIterator"},
        "lifecycle": {"fqn": "{core}.TerraformResourceLifecycle"},
        "provider": {"fqn": "{core}.TerraformProvider"},
        "provisioners": {"collection": {"kind": "array", "elementtype": {"union": {"types": [
            {"fqn": "{core}.FileProvisioner"}, {"fqn": "{core}.LocalExecProvisioner"},
            {"fqn": "{core}.RemoteExecProvisioner"}]}}}},
    },
    "TerraformEphemeralMetaArguments": {
        "count": {"union": {"types": [{"primitive": "number"}, {"fqn": "{core}.TerraformCount"}]}},
        "dependsOn": {"collection": {"kind": "array", "elementtype": {"fqn": "{core}.ITerraformDependable"}}},
        "forEach": {"fqn": "{core}.ITerraformIterator"},
        "lifecycle": {"fqn": "{core}.TerraformEphemeralResourceLifecycle"},
        "provider": {"fqn": "{core}.TerraformProvider"},
    },
    "TerraformResourceLifecycle": {
        "createBeforeDestroy": {"primitive": "boolean"},
        "ignoreChanges": {"union": {"types": [
            {"collection": {"kind": "array", "elementtype": {"primitive": "string"}}}, {"primitive": "string"}]}},
        "postcondition": {"collection": {"kind": "array", "elementtype": {"fqn": "{core}.Postcondition"}}},
        "precondition": {"collection": {"kind": "array", "elementtype": {"fqn": "{core}.Precondition"}}},
        "preventDestroy": {"primitive": "boolean"},
        "replaceTriggeredBy": {"collection": {"kind": "array", "elementtype": {"union": {"types": [
            {"primitive": "string"}, {"fqn": "{core}.ITerraformDependable"}]}}}},
    },
    "TerraformEphemeralResourceLifecycle": {
        "postcondition": {"collection": {"kind": "array", "elementtype": {"fqn": "{core}.Postcondition"}}},
        "precondition": {"collection": {"kind": "array", "elementtype": {"fqn": "{core}.Precondition"}}},
    },
    "TerraformCondition": {
        "condition": {"primitive": "any"},
        "errorMessage": {"primitive": "string"},
    },
    "Precondition": {},
    "Postcondition": {},
}
CORE_BASES = {"Precondition": ["TerraformCondition"], "Postcondition": ["TerraformCondition"]}

# kinds of a type reference; see README.md
STRUCT_KINDS = ("list_struct", "struct", "map_struct")
PRIMITIVE_KIND = {"string": "string", "number": "number", "boolean": "boolean", "any": "any"}

ROOT_BASES = {
    "TerraformResource": "resource",
    "TerraformDataSource": "data",
    "TerraformProvider": "provider",
    "TerraformEphemeralResource": "ephemeral",
}
HELPER_SUFFIXES = ("OutputReference", "List", "Map")

_LINK_RX = re.compile(r"\{@link\s+(\S+)\s+([^}]*)\}")


# --------------------------------------------------------------------------- naming helpers

def snake(name: str) -> str:
    """jsii's snake_case (codemaker ``toSnakeCase``, i.e. ``decamelize``)."""
    lead = len(name) - len(name.lstrip("_"))
    s = name[lead:]
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    s = re.sub(r"([A-Z]+)([A-Z][a-z0-9])", r"\1_\2", s)
    return "_" * lead + s.lower()


def python_name(jsii_name: str) -> str:
    """The Python keyword-argument / attribute name jsii generates for a jsii property."""
    s = snake(jsii_name)
    return s + "_" if s in PY_KEYWORDS else s


def pascal(tf_name: str) -> str:
    """The cdktf generator's PascalCase (npm ``camelcase`` with ``pascalCase``): words split on
    ``_``/``-``/``.``/space, and a letter that follows a digit is capitalised
    (``s3control_bucket`` -> ``S3ControlBucket``)."""
    s = tf_name.lower()
    s = re.sub(r"[_.\- ]+(\w|$)", lambda m: m.group(1).upper(), s)
    s = re.sub(r"\d+(\w|$)", lambda m: m.group(0).upper(), s)
    return s[:1].upper() + s[1:]


def naive_pascal(tf_name: str) -> str:
    """PascalCase without the capital after digits (what people usually guess)."""
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[_\-.]+", tf_name) if p)


def upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


# --------------------------------------------------------------------------- reading assemblies

def _read_tgz(data: bytes) -> tuple[dict, dict | None]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tf:
        asm = json.load(tf.extractfile("package/.jsii"))  # type: ignore[arg-type]
        try:
            pkg = json.load(tf.extractfile("package/package.json"))  # type: ignore[arg-type]
        except KeyError:
            pkg = None
    return asm, pkg


def load_assembly(path: str) -> tuple[dict, dict | None]:
    """Return (assembly, package.json or None) from any of the accepted inputs."""
    path = os.path.expanduser(path)
    if os.path.isdir(path):
        if os.path.isfile(os.path.join(path, ".jsii")):
            pkg = None
            pj = os.path.join(path, "package.json")
            if os.path.isfile(pj):
                with open(pj, encoding="utf-8") as f:
                    pkg = json.load(f)
            with open(os.path.join(path, ".jsii"), "rb") as f:
                return json.load(f), pkg
        tgzs = sorted(glob.glob(os.path.join(path, "**", "*.jsii.tgz"), recursive=True))
        if tgzs:
            with open(tgzs[0], "rb") as f:
                return _read_tgz(f.read())
        whls = sorted(glob.glob(os.path.join(path, "*.whl")))
        if whls:
            return load_assembly(whls[0])
        raise FileNotFoundError(f"no .jsii assembly under {path}")
    if path.endswith(".whl"):
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.endswith(".jsii.tgz")]
            if not names:
                raise FileNotFoundError(f"no *.jsii.tgz in {path}")
            return _read_tgz(z.read(names[0]))
    if path.endswith(".tgz") or path.endswith(".tar.gz"):
        with open(path, "rb") as f:
            return _read_tgz(f.read())
    with open(path, "rb") as f:
        head = f.read(2)
        f.seek(0)
        if head == b"\x1f\x8b":
            return json.load(gzip.GzipFile(fileobj=f)), None
        return json.load(f), None


def download_wheel(version: str, family: str, dest: str) -> str:
    dist = FAMILIES[family][0]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
         f"{dist}=={version}", "-d", dest],
        check=True,
    )
    whls = glob.glob(os.path.join(dest, "*.whl"))
    if not whls:
        raise FileNotFoundError(f"pip download of {dist}=={version} gave no wheel")
    return whls[0]


def load_version(version: str, family: str = "cdktf") -> tuple[dict, dict | None]:
    with tempfile.TemporaryDirectory(prefix="iacfix-asm-") as tmp:
        return load_assembly(download_wheel(version, family, tmp))


# --------------------------------------------------------------------------- the model

class Assembly:
    """Convenience view over a parsed jsii assembly."""

    def __init__(self, asm: dict, pkg: dict | None = None):
        self.asm = asm
        self.pkg = pkg
        self.name: str = asm["name"]                      # "@cdktf/provider-aws"
        self.version: str = asm["version"]
        self.types: dict[str, dict] = asm["types"]
        self.family = "cdktn" if self.name.startswith("@cdktn/") else "cdktf"
        self.core = self.family                          # jsii name of the core library
        self.prefix = self.name + "."
        self.submodules: list[str] = sorted(
            k[len(self.prefix):] for k in asm.get("submodules", {}) if k.startswith(self.prefix)
        )
        self.by_module: dict[str, list[str]] = {m: [] for m in self.submodules}
        for fqn in self.types:
            sub, _, nm = fqn[len(self.prefix):].rpartition(".")
            self.by_module.setdefault(sub, []).append(nm)
        for v in self.by_module.values():
            v.sort()

    # fqn helpers
    def split(self, fqn: str) -> tuple[str, str]:
        sub, _, nm = fqn[len(self.prefix):].rpartition(".")
        return sub, nm

    def key(self, fqn: str) -> str:
        """fqn -> index key: "submodule.Name" for local types, "<core>.Name" for core types."""
        if fqn.startswith(self.prefix):
            return fqn[len(self.prefix):]
        return fqn

    def is_struct(self, fqn: str) -> bool:
        t = self.types.get(fqn)
        if t is not None:
            return bool(t.get("datatype"))
        core, _, nm = fqn.partition(".")
        return core == self.core and nm in CORE_STRUCTS

    def type_kind(self, fqn: str) -> str:
        t = self.types[fqn]
        if t["kind"] == "enum":
            return "enum"
        if t["kind"] == "interface":
            return "struct" if t.get("datatype") else "interface"
        base = t.get("base")
        seen = set()
        while base and base not in seen:
            seen.add(base)
            short = base.rpartition(".")[2]
            if base.partition(".")[0] == self.core and short in ROOT_BASES:
                return ROOT_BASES[short]
            base = self.types.get(base, {}).get("base")
        return "class"

    # type-reference classification
    def classify(self, tref: dict) -> tuple[str, str | None]:
        """Return (kind, struct fqn or None) for a jsii type reference."""
        iresolvable = f"{self.core}.IResolvable"
        if "union" in tref:
            members = [t for t in tref["union"]["types"] if t.get("fqn") != iresolvable]
            if len(members) == 1:
                return self.classify(members[0])
            return "other", None
        if "primitive" in tref:
            return PRIMITIVE_KIND.get(tref["primitive"], "other"), None
        if "fqn" in tref:
            if self.is_struct(tref["fqn"]):
                return "struct", tref["fqn"]
            return "other", None
        if "collection" in tref:
            coll = tref["collection"]
            ek, eref = self.classify(coll["elementtype"])
            prefix = "list_" if coll["kind"] == "array" else "map_"
            if ek == "struct":
                return prefix + "struct", eref
            if ek in ("string", "number", "boolean"):
                return prefix + ek, None
            return "other", None
        return "other", None

    def struct_props(self, fqn: str) -> list[tuple[str, str, str | None]]:
        """Own properties of a local struct: [(jsii name, kind, element/struct fqn)]."""
        out = []
        for p in self.types[fqn].get("properties", []):
            kind, ref = self.classify(p["type"])
            out.append((p["name"], kind, ref))
        return out

    def attribute_kind(self, tref: dict) -> tuple[str, str | None]:
        """Kind of a getter (attribute) of a resource / data source / helper class: the property
        kinds, plus ``object`` (an ``…OutputReference``), ``list_object`` / ``map_object`` (a
        ``…List`` / ``…Map`` helper whose ``get(i)`` / ``get(key)`` returns the element class);
        the ref is the element (or object) class."""
        fqn = tref.get("fqn")
        if fqn and fqn.startswith(self.prefix) and fqn in self.types and not self.is_struct(fqn):
            t = self.types[fqn]
            get = next((m for m in t.get("methods", []) if m["name"] == "get" and not m.get("static")), None)
            if get is not None and "fqn" in ((get.get("returns") or {}).get("type") or {}):
                params = get.get("parameters") or []
                element = get["returns"]["type"]["fqn"]
                if params and params[0]["type"].get("primitive") == "number":
                    return "list_object", element
                if params and params[0]["type"].get("primitive") == "string":
                    return "map_object", element
            if t["kind"] == "class":
                return "object", fqn
            return "other", None
        return self.classify(tref)

    def attributes(self, fqn: str) -> list[list[str]]:
        """Own instance getters of a resource / data source / helper class (not the ``…Input``
        mirrors of the arguments, not ``internalValue``): [[jsii name, kind(, class key)], ...]."""
        rows = []
        for p in self.types[fqn].get("properties", []):
            name = p["name"]
            if p.get("static") or name == "internalValue" or (name.endswith("Input") and len(name) > 5):
                continue
            kind, ref = self.attribute_kind(p["type"])
            rows.append([name, kind] + ([self.key(ref)] if ref else []))
        return sorted(rows)

    def tf_provider_version(self) -> str | None:
        if self.pkg:
            v = ((self.pkg.get("cdktf") or {}).get("provider") or {}).get("version")
            if v:
                return v
        for sm in self.asm.get("submodules", {}).values():
            md = (sm.get("readme") or {}).get("markdown", "")
            m = re.search(r"providers/hashicorp/aws/(\d+\.\d+\.\d+)/", md)
            if m:
                return m.group(1)
        return None


def _doc_text(docs: dict | None) -> str:
    if not docs:
        return ""
    return " ".join(str(docs.get(k, "")) for k in ("summary", "remarks"))


def tf_type_of(t: dict) -> str | None:
    """Terraform type from a root class's doc link (``{@link URL aws_x}``)."""
    for txt in (_doc_text(t.get("docs")), _doc_text((t.get("initializer") or {}).get("docs"))):
        for url, label in _LINK_RX.findall(txt):
            label = label.strip()
            if re.fullmatch(r"[a-z0-9_]+", label):
                return label
    return None


def tf_attr_of(p: dict) -> str | None:
    """Terraform attribute name from a property doc link (``{@link URL#attr Class#attr}``)."""
    for url, label in _LINK_RX.findall(_doc_text(p.get("docs"))):
        if "#" in url:
            return url.rpartition("#")[2]
    return None


def uncollided_root_name(kind: str, tf_type: str, provider_name: str = "aws") -> str:
    if kind == "provider":
        return pascal(tf_type) + "Provider"
    body = tf_type[len(provider_name) + 1:] if tf_type.startswith(provider_name + "_") else tf_type
    if kind == "data":
        return "Data" + pascal(tf_type)
    if kind == "ephemeral":
        return "Ephemeral" + pascal(tf_type)
    return pascal(body)


def naive_root_name(kind: str, tf_type: str, provider_name: str = "aws") -> str:
    body = tf_type[len(provider_name) + 1:] if tf_type.startswith(provider_name + "_") else tf_type
    if kind == "provider":
        return naive_pascal(tf_type) + "Provider"
    if kind == "data":
        return "Data" + naive_pascal(tf_type)
    if kind == "ephemeral":
        return "Ephemeral" + naive_pascal(tf_type)
    return naive_pascal(body)


# --------------------------------------------------------------------------- the walk

def _refs(tref: dict) -> Iterable[str]:
    if "fqn" in tref:
        yield tref["fqn"]
    elif "collection" in tref:
        yield from _refs(tref["collection"]["elementtype"])
    elif "union" in tref:
        for t in tref["union"]["types"]:
            yield from _refs(t)


def walk_module(A: Assembly, sub: str) -> tuple[dict[str, str], dict[str, dict]]:
    """Name every type of a submodule the way the generator would without collision handling.

    Returns ({real name: un-collided name}, {root class name: info}).  Types that cannot be
    reached keep no entry.
    """
    names = A.by_module.get(sub, [])
    fq = {n: f"{A.prefix}{sub}.{n}" for n in names}
    U: dict[str, str] = {}
    roots: dict[str, dict] = {}
    config_of_root: dict[str, str] = {}   # config struct real name -> root un-collided name
    struct_queue: deque[tuple[str, str]] = deque()

    def set_name(real: str, u: str) -> bool:
        if real in U:
            return False
        U[real] = u
        return True

    for n in names:
        t = A.types[fq[n]]
        k = A.type_kind(fq[n])
        if k not in ("resource", "data", "provider", "ephemeral"):
            continue
        tft = tf_type_of(t)
        if tft is None:
            continue
        u = uncollided_root_name(k, tft)
        set_name(n, u)
        info = {"kind": k, "tf_type": tft, "uncollided": u, "naive": naive_root_name(k, tft)}
        params = (t.get("initializer") or {}).get("parameters") or []
        cfg = [p for p in params if p["name"] == "config"]
        if cfg and "fqn" in cfg[0]["type"] and cfg[0]["type"]["fqn"].startswith(A.prefix + sub + "."):
            cname = A.split(cfg[0]["type"]["fqn"])[1]
            info["config"] = cname
            if set_name(cname, u + "Config"):
                config_of_root[cname] = u
                struct_queue.append((cname, u))
        roots[n] = info

    # 1. structs, through doc-linked attributes
    while struct_queue:
        real, base = struct_queue.popleft()
        for p in A.types[fq[real]].get("properties", []):
            for ref in _refs(p["type"]):
                if not ref.startswith(A.prefix + sub + "."):
                    continue
                child = A.split(ref)[1]
                if child in U or not A.types[ref].get("datatype"):
                    continue
                attr = tf_attr_of(p)
                seg = pascal(attr) if attr else upper_first(p["name"])
                cu = base + seg
                set_name(child, cu)
                struct_queue.append((child, cu))

    def add_helpers() -> None:
        for real, u in list(U.items()):
            if not A.types[fq[real]].get("datatype"):
                continue
            for suf in HELPER_SUFFIXES:
                if real + suf in fq:
                    set_name(real + suf, u + suf)

    add_helpers()

    # 2. classes, through getters / get() / internalValue, until nothing new is named
    changed = True
    while changed:
        changed = False
        for real in names:
            if real not in U or A.types[fq[real]].get("datatype"):
                continue
            t = A.types[fq[real]]
            u = U[real]
            if real in roots:
                base = u
            else:
                base = next((u[: -len(s)] for s in HELPER_SUFFIXES if u.endswith(s)), u)
            members = [(p["name"], p["type"]) for p in t.get("properties", [])]
            members += [(m["name"], m["returns"]["type"]) for m in t.get("methods", [])
                        if m.get("returns") and "type" in m["returns"]]
            for mname, mtype in members:
                for ref in _refs(mtype):
                    if not ref.startswith(A.prefix + sub + "."):
                        continue
                    child = A.split(ref)[1]
                    if child in U:
                        continue
                    if mname in ("internalValue", "get"):
                        if mname == "internalValue":
                            cu = base
                        else:
                            cu = base + "OutputReference"
                    else:
                        suf = next((s for s in HELPER_SUFFIXES if child.endswith(s)), "")
                        attr = mname[:-5] if mname.endswith("Input") and len(mname) > 5 else mname
                        cands = [base + upper_first(attr) + suf]
                        if attr.endswith("Attribute"):
                            cands.append(base + upper_first(attr[: -len("Attribute")]) + suf)
                        cu = child if child in cands else cands[0]
                    set_name(child, cu)
                    changed = True
        if changed:
            add_helpers()
    return U, roots


# --------------------------------------------------------------------------- building the index

def build_index(asm: dict, pkg: dict | None = None) -> dict:
    A = Assembly(asm, pkg)
    core = A.core
    modules: dict[str, list[str]] = {}
    types: dict[str, dict] = {}
    attributes: dict[str, dict[str, list]] = {}
    renames: dict[str, dict[str, str]] = {}
    ambiguous: dict[str, dict[str, str]] = {}
    casing: dict[str, list[str]] = {}
    valid_in: dict[str, list[str]] = {}
    wrong_names: set[str] = set()
    unreached = 0

    for sub in A.submodules:
        sm = asm["submodules"][A.prefix + sub]
        py_leaf = ((sm.get("targets") or {}).get("python") or {}).get("module")
        py_leaf = py_leaf.rpartition(".")[2] if py_leaf else snake(sub)
        m = re.match(r"src/([^/]+)/index:", sm.get("symbolId", ""))
        ts_leaf = m.group(1) if m else snake(sub).replace("_", "-")
        modules[sub] = [py_leaf, ts_leaf]

    for sub in sorted(A.by_module):
        classes: dict[str, Any] = {}
        structs: dict[str, list] = {}
        bases: dict[str, list[str]] = {}
        required: dict[str, list[str]] = {}  # struct -> its own non-optional properties (jsii names)
        for n in A.by_module[sub]:
            fqn = f"{A.prefix}{sub}.{n}"
            t = A.types[fqn]
            k = A.type_kind(fqn)
            if k in ("resource", "data", "provider", "ephemeral"):
                params = (t.get("initializer") or {}).get("parameters") or []
                cfg = [p for p in params if p["name"] == "config" and "fqn" in p["type"]]
                classes[n] = [k, A.key(cfg[0]["type"]["fqn"])] if cfg else k
            else:
                classes[n] = k
            if k == "struct":
                structs[n] = [
                    [j, python_name(j), kind] + ([A.key(ref)] if ref else [])
                    for j, kind, ref in A.struct_props(fqn)
                ]
                if t.get("interfaces"):
                    bases[n] = [A.key(b) for b in t["interfaces"]]
                needed = sorted(p["name"] for p in t.get("properties", []) if not p.get("optional"))
                if needed:
                    required[n] = needed
        entry: dict[str, Any] = {"classes": classes, "structs": structs}
        if bases:
            entry["bases"] = bases
        if required:
            entry["required"] = required
        types[sub] = entry
        attrs = {n: rows for n in A.by_module[sub] if classes[n] not in ("struct", "interface", "enum")
                 and (rows := A.attributes(f"{A.prefix}{sub}.{n}"))}
        if attrs:
            attributes[sub] = attrs

        U, roots = walk_module(A, sub)
        unreached += sum(1 for n in A.by_module[sub] if n not in U)
        for real, u in sorted(U.items()):
            if real == u:
                continue
            wrong_names.add(u)
            target = ambiguous if u in classes else renames
            target.setdefault(sub, {})[u] = real
        for real, info in sorted(roots.items()):
            if info["naive"] != real and info["naive"] != info["uncollided"]:
                casing[info["naive"]] = [sub, real]

    for sub, entry in types.items():
        for n in entry["classes"]:
            if n in wrong_names:
                valid_in.setdefault(n, []).append(sub)
    elsewhere = {
        w: sorted(s for s in valid_in.get(w, []) if not (w in renames.get(s, {}) or w in ambiguous.get(s, {})))
        for w in sorted(wrong_names)
    }
    elsewhere = {w: v for w, v in elsewhere.items() if v}

    core_structs = {}
    for cname, props in CORE_STRUCTS.items():
        rows = []
        for j, tref in sorted(props.items()):
            tref = json.loads(json.dumps(tref).replace("{core}", core))
            kind, ref = A.classify(tref)
            rows.append([j, python_name(j), kind] + ([A.key(ref)] if ref else []))
        core_structs[f"{core}.{cname}"] = rows
    core_bases = {f"{core}.{k}": [f"{core}.{b}" for b in v] for k, v in CORE_BASES.items()}

    n_structs = sum(len(e["structs"]) for e in types.values())
    kinds_count: dict[str, int] = {}
    for e in types.values():
        for rows in e["structs"].values():
            for r in rows:
                kinds_count[r[2]] = kinds_count.get(r[2], 0) + 1
    dist, py_root, npm = FAMILIES[A.family]
    meta = {
        "package": A.name,
        "python_dist": (asm.get("targets", {}).get("python") or {}).get("distName", dist),
        "python_root": (asm.get("targets", {}).get("python") or {}).get("module", py_root),
        "version": A.version,
        "family": A.family,
        "terraform_provider": "registry.terraform.io/hashicorp/aws",
        "terraform_provider_version": A.tf_provider_version(),
        "core_dependency": (asm.get("dependencies") or {}).get(core),
        "jsii_fingerprint": asm.get("fingerprint"),
        "generated_by": "iacfix.knowledge.derive_provider (format %d)" % FORMAT,
        "counts": {
            "types": len(A.types),
            "submodules": len(A.submodules),
            "structs": n_structs,
            "struct_props_by_kind": dict(sorted(kinds_count.items())),
            "renames": sum(len(v) for v in renames.values()),
            "ambiguous": sum(len(v) for v in ambiguous.values()),
            "casing_pitfalls": len(casing),
            "types_unreached_by_walk": unreached,
            "attributes": sum(len(rows) for e in attributes.values() for rows in e.values()),
            "required_props": sum(len(v) for e in types.values() for v in e.get("required", {}).values()),
        },
    }
    return {
        "format": FORMAT,
        "meta": meta,
        "modules": modules,
        "types": types,
        "attributes": attributes,
        "renames": renames,
        "ambiguous": ambiguous,
        "elsewhere": elsewhere,
        "casing": casing,
        "core_structs": core_structs,
        "core_bases": core_bases,
    }


def dumps_index(index: dict) -> bytes:
    """Serialise deterministically: the per-submodule type tables are stored as JSON strings so
    the runtime can decode them lazily."""
    out = dict(index)
    out["types"] = {
        sub: json.dumps(entry, sort_keys=True, separators=(",", ":"))
        for sub, entry in index["types"].items()
    }
    if "attributes" in index:
        out["attributes"] = {
            sub: json.dumps(entry, sort_keys=True, separators=(",", ":"))
            for sub, entry in index["attributes"].items()
        }
    return gzip_json(out)


def gzip_json(obj) -> bytes:
    """Deterministic bytes: sorted keys, no whitespace, gzip level 9 with mtime 0."""
    raw = json.dumps(obj, sort_keys=True, separators=(",", ":")).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    return buf.getvalue()


def write_or_check(out: str, data: bytes, check: bool) -> bool | None:
    """With `check`, whether `out` already holds `data` (and says so); else writes it (None)."""
    if check:
        same = os.path.isfile(out) and open(out, "rb").read() == data
        print(("up to date: " if same else "DIFFERS: ") + out)
        return same
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "wb") as f:
        f.write(data)
    return None


def default_output(index: dict) -> str:
    m = index["meta"]
    return os.path.join(DATA_DIR, f"provider-aws-{m['family']}-{m['version']}.json.gz")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m iacfix.knowledge.derive_provider", description=__doc__.split("\n\n")[0])
    ap.add_argument("path", nargs="?", help=".jsii / .jsii.tgz / wheel / package dir")
    ap.add_argument("--version", help="download this provider version from PyPI (pip download --no-deps)")
    ap.add_argument("--family", choices=sorted(FAMILIES), default="cdktf")
    ap.add_argument("-o", "--output", help="output file (default: the package's data dir)")
    ap.add_argument("--check", action="store_true", help="exit 1 if the output file differs instead of writing it")
    args = ap.parse_args(argv)
    if bool(args.path) == bool(args.version):
        ap.error("give exactly one of PATH or --version")
    asm, pkg = load_version(args.version, args.family) if args.version else load_assembly(args.path)
    index = build_index(asm, pkg)
    data = dumps_index(index)
    out = args.output or default_output(index)
    if args.check:
        return 0 if write_or_check(out, data, check=True) else 1
    write_or_check(out, data, check=False)
    c = index["meta"]["counts"]
    print(f"wrote {out} ({len(data):,} bytes): {c['submodules']} submodules, {c['types']} types, "
          f"{c['structs']} structs, {c['renames']} renames (+{c['ambiguous']} ambiguous), "
          f"{c['casing_pitfalls']} casing pitfalls, {c['types_unreached_by_walk']} types unreached")
    return 0


if __name__ == "__main__":
    sys.exit(main())
