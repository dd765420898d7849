"""Derive the core-library index (cdktf's own API) from its jsii assembly.

Usage::

    python -m iacfix.knowledge.derive_core PATH                 # .jsii / .jsii.tgz / .whl / package dir
    python -m iacfix.knowledge.derive_core --version 0.21.0 [--family cdktf|cdktn]
    python -m iacfix.knowledge.derive_core PATH --check         # exit 1 if the shipped file differs

PATH may be a ``.jsii`` file, a ``*.jsii.tgz``, a wheel, the npm package directory
(``node_modules/cdktf``) or the installed Python package (``site-packages/cdktf``).
``--version`` runs ``pip download --no-deps`` of the ``cdktf`` / ``cdktn`` wheel into a temporary
directory.

The output (default ``iacfix/knowledge/data/core-<family>-<version>.json.gz``) is read by
:mod:`iacfix.knowledge.core`; its layout is described in ``README.md`` beside this file. Output is
deterministic (sorted keys, gzip mtime 0). Standard library only, like ``derive_provider``.
"""
from __future__ import annotations

import argparse
import glob
import os
import subprocess
import sys
import tempfile

from iacfix.knowledge.derive_provider import (Assembly, PY_KEYWORDS, gzip_json, load_assembly, python_name, snake,
                                              write_or_check)

FORMAT = 1
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
FAMILIES = {"cdktf": "cdktf", "cdktn": "cdktn"}  # family: PyPI dist (= Python module = npm package)


def member_python_name(member: dict) -> str:
    """The Python name jsii-pacmak gives a method or property: constants are upper snake case
    (``tfResourceType`` -> ``TF_RESOURCE_TYPE``), everything else is snake_case with keywords
    escaped (``try_``)."""
    if member.get("const"):
        return snake(member["name"]).upper()
    s = snake(member["name"])
    return s + "_" if s in PY_KEYWORDS else s


def type_kind(t: dict) -> str:
    if t["kind"] == "enum":
        return "enum"
    if t["kind"] == "interface":
        return "struct" if t.get("datatype") else "interface"
    return "class"


def _members(asm: dict, fqn: str) -> tuple[dict, dict]:
    """(static, instance) members of a class, own and inherited from bases in the same assembly:
    {jsii name: [python name, "method" | "property" | "const"]}; the nearest declaration wins."""
    static: dict[str, list[str]] = {}
    instance: dict[str, list[str]] = {}
    seen = set()
    while fqn in asm["types"] and fqn not in seen:
        seen.add(fqn)
        t = asm["types"][fqn]
        for m in t.get("methods", []):
            if m["name"].startswith("_"):
                continue
            (static if m.get("static") else instance).setdefault(m["name"], [member_python_name(m), "method"])
        for p in t.get("properties", []):
            if p["name"].startswith("_"):
                continue
            what = "const" if p.get("const") else "property"
            (static if p.get("static") else instance).setdefault(p["name"], [member_python_name(p), what])
        fqn = t.get("base")
    return static, instance


def build_index(asm: dict) -> dict:
    name = asm["name"]  # "cdktf" / "cdktn"
    view = Assembly(asm)
    view.core = name  # IResolvable and the core structs live in this very assembly
    prefix = name + "."
    types: dict[str, str] = {}
    submodule_types: dict[str, dict[str, str]] = {}
    static: dict[str, dict] = {}
    instance: dict[str, dict] = {}
    structs: dict[str, list] = {}
    bases: dict[str, list] = {}
    for fqn, t in sorted(asm["types"].items()):
        local = fqn[len(prefix):]
        sub, _, short = local.rpartition(".")
        kind = type_kind(t)
        if sub:
            submodule_types.setdefault(sub, {})[short] = kind
            continue
        types[short] = kind
        if t["kind"] == "class":
            s, i = _members(asm, fqn)
            if s:
                static[short] = s
            if i:
                instance[short] = i
        if kind == "struct":
            rows = []
            for p in t.get("properties", []):
                k, ref = view.classify(p["type"])
                rows.append([p["name"], python_name(p["name"]), k] + ([ref] if ref else []))
            structs[short] = rows
            if t.get("interfaces"):
                bases[short] = sorted(t["interfaces"])
    python = asm.get("targets", {}).get("python", {})
    submodules = {}
    for key, sm in sorted(asm.get("submodules", {}).items()):
        leaf = key[len(prefix):]
        submodules[leaf] = [((sm.get("targets") or {}).get("python") or {}).get("module")
                            or f"{python.get('module', name)}.{snake(leaf)}", submodule_types.get(leaf, {})]
    meta = {
        "package": name,
        "family": "cdktn" if name == "cdktn" else "cdktf",
        "version": asm["version"],
        "python_module": python.get("module", name),
        "python_dist": python.get("distName", name),
        "jsii_fingerprint": asm.get("fingerprint"),
        "generated_by": "iacfix.knowledge.derive_core",
        "counts": {"types": len(types), "classes_with_static_members": len(static), "structs": len(structs),
                   "static_members": sum(len(v) for v in static.values())},
    }
    return {"format": FORMAT, "meta": meta, "types": types, "static": static, "instance": instance,
            "structs": structs, "bases": bases, "submodules": submodules}


def dumps_index(index: dict) -> bytes:
    return gzip_json(index)


def default_output(index: dict) -> str:
    m = index["meta"]
    return os.path.join(DATA_DIR, f"core-{m['family']}-{m['version']}.json.gz")


def load_version(version: str, family: str = "cdktf") -> dict:
    with tempfile.TemporaryDirectory(prefix="iacfix-core-") as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                        f"{FAMILIES[family]}=={version}", "-d", tmp], check=True)
        wheels = glob.glob(os.path.join(tmp, "*.whl"))
        if not wheels:
            raise FileNotFoundError(f"pip download of {family}=={version} gave no wheel")
        return load_assembly(wheels[0])[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m iacfix.knowledge.derive_core", description=__doc__.split("\n\n")[0])
    ap.add_argument("path", nargs="?", help=".jsii / .jsii.tgz / wheel / package dir")
    ap.add_argument("--version", help="download this cdktf (or cdktn) version from PyPI")
    ap.add_argument("--family", choices=sorted(FAMILIES), default="cdktf")
    ap.add_argument("-o", "--output", help="output file (default: the package's data dir)")
    ap.add_argument("--check", action="store_true", help="exit 1 if the output file differs instead of writing it")
    args = ap.parse_args(argv)
    if bool(args.path) == bool(args.version):
        ap.error("give exactly one of PATH or --version")
    asm = load_version(args.version, args.family) if args.version else load_assembly(args.path)[0]
    index = build_index(asm)
    data = dumps_index(index)
    out = args.output or default_output(index)
    if args.check:
        return 0 if write_or_check(out, data, check=True) else 1
    write_or_check(out, data, check=False)
    c = index["meta"]["counts"]
    print(f"wrote {out} ({len(data):,} bytes): {c['types']} exported types, {c['structs']} structs, "
          f"{c['static_members']} static members of {c['classes_with_static_members']} classes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
