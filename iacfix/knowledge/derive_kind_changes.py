"""Derive the table of struct properties whose kind changed across provider versions.

Usage::

    python -m iacfix.knowledge.derive_kind_changes                 # default versions
    python -m iacfix.knowledge.derive_kind_changes --versions 11.0.8 11.0.9 21.22.1
    python -m iacfix.knowledge.derive_kind_changes --bisect        # refine every change point
    python -m iacfix.knowledge.derive_kind_changes --asm-dir DIR   # reuse *.jsii.tgz files

For every version the jsii assembly is read (from ``--asm-dir`` if it holds
``cdktf-cdktf-provider-aws-<v>.jsii.tgz`` or ``provider-aws@<v>.jsii.tgz``, else from a wheel fetched
with ``pip download --no-deps`` into a temporary directory that is deleted right after) and reduced
to the kind of every property of every struct reachable from a resource / data source / provider
config.  Structs are matched across versions by their Terraform path (resource type + block path),
so a struct that was renamed (e.g. an ``A`` suffix added when a name collision appeared) is still
the same struct; the newest version's names are used as keys (for a property that is gone from the
newest version: the newest name of a struct that still has it).

``--bisect`` lists the published versions (``pip index versions``) and, between two checked
versions whose kinds differ, checks the versions in between until each change is pinned to the
first published version that shows it.

Output: ``iacfix/knowledge/data/provider-aws-kind-changes.json``::

    {"<submodule>.<Struct>.<jsiiProp>": [["struct", "10.0.2"], ["list_struct", "12.0.11"]], ...}

(each entry: a kind and the first checked version that shows it, oldest first) and, beside it,
``provider-aws-kind-changes.meta.json`` (versions checked, struct renames seen, counts).
Per-version summaries are cached in ``~/.cache/iacfix-knowledge/kinds/``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections import deque

from .derive_provider import (
    DATA_DIR,
    Assembly,
    download_wheel,
    load_assembly,
    tf_attr_of,
    tf_type_of,
)

DEFAULT_VERSIONS = [
    "10.0.2", "11.0.8", "11.0.9", "11.0.10", "12.0.10", "12.0.11", "12.0.13", "14.0.4", "16.0.9",
    "17.0.11", "18.2.0", "19.0.0", "19.10.0", "19.20.0", "19.30.0", "19.40.0", "19.47.0", "19.48.0",
    "19.50.0", "19.51.0", "19.52.0", "19.60.0", "19.65.1", "20.1.0", "21.0.0", "21.22.1",
]
OUT_FILE = os.path.join(DATA_DIR, "provider-aws-kind-changes.json")
META_FILE = os.path.join(DATA_DIR, "provider-aws-kind-changes.meta.json")
CACHE_DIR = os.path.expanduser(os.environ.get("IACFIX_KNOWLEDGE_CACHE", "~/.cache/iacfix-knowledge"))
SUMMARY_FORMAT = 2


def vkey(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


def summarize(asm: dict, pkg: dict | None = None) -> dict:
    """{path key: [submodule, struct name, {jsii prop: kind}]} for every struct.  Path key of a
    struct reachable from a config: ``"<root kind>:<tf type>/<attr>/<attr>..."``; of any other
    struct: ``"name:<submodule>.<Struct>"``."""
    A = Assembly(asm, pkg)
    out: dict[str, list] = {}
    for sub in A.submodules:
        prefix = f"{A.prefix}{sub}."
        for n in A.by_module.get(sub, []):
            fqn = prefix + n
            k = A.type_kind(fqn)
            if k not in ("resource", "data", "provider", "ephemeral"):
                continue
            tft = tf_type_of(A.types[fqn])
            params = (A.types[fqn].get("initializer") or {}).get("parameters") or []
            cfg = [p for p in params if p["name"] == "config" and "fqn" in p["type"]]
            if not tft or not cfg or not cfg[0]["type"]["fqn"].startswith(prefix):
                continue
            queue = deque([(cfg[0]["type"]["fqn"], f"{k}:{tft}")])
            seen = set()
            while queue:
                sfqn, path = queue.popleft()
                if sfqn in seen or path in out:
                    continue
                seen.add(sfqn)
                props = {}
                for p in A.types[sfqn].get("properties", []):
                    kind, ref = A.classify(p["type"])
                    props[p["name"]] = kind
                    if ref and ref.startswith(prefix) and ref in A.types:
                        queue.append((ref, f"{path}/{tf_attr_of(p) or p['name']}"))
                out[path] = [sub, sfqn[len(prefix):], props]
    reached = {(e[0], e[1]) for e in out.values()}
    for sub in A.submodules:
        for n in A.by_module.get(sub, []):
            fqn = f"{A.prefix}{sub}.{n}"
            if (sub, n) in reached or not A.types[fqn].get("datatype"):
                continue
            out[f"name:{sub}.{n}"] = [sub, n, {j: k for j, k, _ in A.struct_props(fqn)}]
    return out


def _find_local(version: str, family: str, asm_dirs: list[str]) -> str | None:
    dist = "cdktf-cdktf-provider-aws" if family == "cdktf" else "cdktn-provider-aws"
    for d in asm_dirs:
        for name in (f"{dist}-{version}.jsii.tgz", f"provider-aws@{version}.jsii.tgz"):
            p = os.path.join(os.path.expanduser(d), name)
            if os.path.isfile(p):
                return p
    return None


def get_summary(version: str, family: str = "cdktf", asm_dirs: list[str] | None = None,
                use_cache: bool = True, log=print) -> dict:
    cache = os.path.join(CACHE_DIR, "kinds", f"{family}-{version}.v{SUMMARY_FORMAT}.json.gz")
    if use_cache and os.path.isfile(cache):
        with gzip.open(cache, "rb") as f:
            return json.loads(f.read())
    local = _find_local(version, family, asm_dirs or [])
    if local:
        log(f"  reading {local}")
        asm, pkg = load_assembly(local)
    else:
        log(f"  downloading {family} {version}")
        with tempfile.TemporaryDirectory(prefix="iacfix-asm-") as tmp:
            asm, pkg = load_assembly(download_wheel(version, family, tmp))
    if asm["version"] != version:
        raise RuntimeError(f"asked for {version}, assembly is {asm['version']}")
    s = summarize(asm, pkg)
    del asm
    if use_cache:
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        with gzip.open(cache + ".tmp", "wb") as f:
            f.write(json.dumps(s, sort_keys=True).encode())
        os.replace(cache + ".tmp", cache)
    return s


def differing(sa: dict, sb: dict) -> set[tuple[str, str]]:
    """(path, prop) pairs present in both summaries with different kinds."""
    out = set()
    for path, (_, _, pa) in sa.items():
        if path not in sb:
            continue
        pb = sb[path][2]
        for prop, ka in pa.items():
            kb = pb.get(prop)
            if kb is not None and kb != ka:
                out.add((path, prop))
    return out


def published_versions(family: str = "cdktf") -> list[str]:
    dist = "cdktf-cdktf-provider-aws" if family == "cdktf" else "cdktn-provider-aws"
    r = subprocess.run([sys.executable, "-m", "pip", "index", "versions", dist],
                       capture_output=True, text=True, check=True)
    for line in r.stdout.splitlines():
        if line.strip().startswith("Available versions:"):
            vs = [v.strip() for v in line.split(":", 1)[1].split(",")]
            return sorted((v for v in vs if v and all(p.isdigit() for p in v.split("."))), key=vkey)
    raise RuntimeError("could not parse `pip index versions` output")


def canonicalize(summaries: dict[str, dict]) -> dict[str, dict]:
    """Re-key structs that a version does not reach from a config ("name:" keys) by the
    Terraform path they have in another version (the newest that reaches them)."""
    versions = sorted(summaries, key=vkey)
    name2path: dict[tuple[str, str], str] = {}
    for v in reversed(versions):
        for path, e in summaries[v].items():
            if not path.startswith("name:"):
                name2path.setdefault((e[0], e[1]), path)
    out = {}
    for v in versions:
        s = {p: e for p, e in summaries[v].items() if not p.startswith("name:")}
        for p, e in summaries[v].items():
            if p.startswith("name:"):
                s.setdefault(name2path.get((e[0], e[1]), p), e)
        out[v] = s
    return out


def build_table(summaries: dict[str, dict]) -> tuple[dict, dict]:
    versions = sorted(summaries, key=vkey)
    summaries = canonicalize(summaries)
    table: dict[str, list[list[str]]] = {}
    renamed_structs: dict[str, list[list[str]]] = {}
    dropped = 0
    keys: set[tuple[str, str]] = set()
    for a, b in zip(versions, versions[1:]):
        keys |= differing(summaries[a], summaries[b])
    for path, prop in sorted(keys):
        # newest name of the struct that still has the property
        holder = next(summaries[v][path] for v in reversed(versions)
                      if path in summaries[v] and prop in summaries[v][path][2])
        if holder is not summaries[versions[-1]].get(path) or prop not in holder[2]:
            dropped += 1
        sub, name, _ = holder
        hist: list[list[str]] = []
        for v in versions:
            entry = summaries[v].get(path)
            if not entry or prop not in entry[2]:
                continue
            kind = entry[2][prop]
            if not hist or hist[-1][0] != kind:
                hist.append([kind, v])
        if len(hist) > 1:
            table[f"{sub}.{name}.{prop}"] = hist
    # struct renames along the way (for the props in the table)
    for key in sorted(table):
        sub, name, _ = key.rsplit(".", 2)
        path = next(p for v in reversed(versions) for p, e in summaries[v].items()
                    if e[0] == sub and e[1] == name)
        seen: list[list[str]] = []
        for v in versions:
            e = summaries[v].get(path)
            if e and (not seen or seen[-1][0] != f"{e[0]}.{e[1]}"):
                seen.append([f"{e[0]}.{e[1]}", v])
        if len(seen) > 1:
            renamed_structs[f"{sub}.{name}"] = seen
    meta = {
        "versions_checked": versions,
        "props_changed": len(table),
        "changed_props_missing_in_newest": dropped,  # keyed by the newest name that has them
        "struct_names_changed": renamed_structs,
        "generated_by": "iacfix.knowledge.derive_kind_changes",
    }
    return table, meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m iacfix.knowledge.derive_kind_changes",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--versions", nargs="+", default=None, help="versions to check (default: %(default)s)")
    ap.add_argument("--family", choices=["cdktf", "cdktn"], default="cdktf")
    ap.add_argument("--asm-dir", action="append", default=[],
                    help="directory with <dist>-<v>.jsii.tgz or provider-aws@<v>.jsii.tgz files")
    ap.add_argument("--bisect", action="store_true", help="pin every change to its first published version")
    ap.add_argument("--min-version", default="10.0.0", help="with --bisect: ignore older published versions")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("-o", "--output", default=OUT_FILE)
    args = ap.parse_args(argv)
    versions = sorted(set(args.versions or DEFAULT_VERSIONS), key=vkey)
    summaries: dict[str, dict] = {}

    def get(v: str) -> dict:
        if v not in summaries:
            print(f"[{len(summaries) + 1}] {v}", flush=True)
            summaries[v] = get_summary(v, args.family, args.asm_dir, not args.no_cache)
        return summaries[v]

    for v in versions:
        get(v)
    if args.bisect:
        published = [v for v in published_versions(args.family) if vkey(v) >= vkey(args.min_version)]
        published = [v for v in published if vkey(v) <= vkey(versions[-1])]
        stack = list(zip(versions, versions[1:]))
        while stack:
            a, b = stack.pop()
            if not differing(get(a), get(b)):
                continue
            between = [v for v in published if vkey(a) < vkey(v) < vkey(b)]
            if not between:
                continue
            m = between[len(between) // 2]
            get(m)
            stack += [(a, m), (m, b)]
    table, meta = build_table(summaries)
    meta["bisected"] = bool(args.bisect)
    meta["family"] = args.family
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(table, f, sort_keys=True, indent=0, separators=(",", ":"))
        f.write("\n")
    meta_out = os.path.join(os.path.dirname(os.path.abspath(args.output)),
                            os.path.basename(args.output).replace(".json", ".meta.json"))
    with open(meta_out, "w", encoding="utf-8") as f:
        json.dump(meta, f, sort_keys=True, indent=1)
        f.write("\n")
    print(f"wrote {args.output}: {len(table)} props changed kind across {len(summaries)} versions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
