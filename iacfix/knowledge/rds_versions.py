"""RDS engine versions, read at run time from the data bundled with the installed cfn-lint.

cfn-lint validates `AWS::RDS::DBInstance` and `AWS::RDS::DBCluster` `Engine`/`EngineVersion` with
JSON-Schema extensions shipped inside the package (`cfnlint/data/schemas/extensions/aws_rds_*`):

- `engine_version.json` (E3691 instances, E3690 clusters): per engine, every version RDS knows;
- `engine_version_deprecated.json` (W3691 / W3690): the versions that can no longer be used to
  create a new instance or cluster.

Supported = known and not deprecated. Nothing is copied into this repository: the files are read
from the installed package, and `data_version()` names the cfn-lint release they came from, so a
finding can say which snapshot decided. The data has no region dimension (one list per engine for
every region), so region does not change the answer.

Version strings are compared by tokens (numbers numerically), so `8.0.9 < 8.0.10`,
`5.7.44 < 5.7.44-rds.20250213` (an RDS build of the same upstream version sorts after it) and
`8.0.mysql_aurora.3.04.0 < 8.0.mysql_aurora.3.10.0`. The major version is the first two numeric
components (`8.0`, `10.11`, `15.00`), except PostgreSQL 10 and later, where it is the first (`15`).
A suffix other than an RDS build (`16.4-limitless`) is a flavour: a replacement keeps it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.metadata import PackageNotFoundError, version as _package_version

INSTANCE = "instance"
CLUSTER = "cluster"
_MODULES = {INSTANCE: "aws_rds_dbinstance", CLUSTER: "aws_rds_dbcluster"}
# the cfn-lint rule behind each list: (unknown, deprecated)
CODES = {INSTANCE: ("E3691", "W3691"), CLUSTER: ("E3690", "W3690")}
POLICIES = ("nearest", "newest")
_TOKEN = re.compile(r"\d+|[A-Za-z_]+")
_RDS_BUILD = re.compile(r"^rds\.\d+$")


def data_version() -> str:
    """The installed cfn-lint's version, e.g. `1.58.0` (its RDS data is that release's snapshot)."""
    try:
        return _package_version("cfn-lint")
    except PackageNotFoundError:  # pragma: no cover - cfn-lint is a dependency
        return "unknown"


@lru_cache(maxsize=None)
def _read(kind: str, filename: str) -> dict:
    try:
        path = resources.files(f"cfnlint.data.schemas.extensions.{_MODULES[kind]}") / filename
        return json.loads(path.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError, ValueError):
        return {}


@lru_cache(maxsize=None)
def table(kind: str) -> dict[str, tuple[tuple[str, ...], frozenset[str]]]:
    """engine → (every known version, the deprecated ones), for `instance` or `cluster`."""
    known: dict[str, tuple[str, ...]] = {}
    for clause in _read(kind, "engine_version.json").get("allOf", ()):
        engine = clause.get("if", {}).get("properties", {}).get("Engine", {}).get("const")
        versions = clause.get("then", {}).get("properties", {}).get("EngineVersion", {}).get("enum")
        if isinstance(engine, str) and isinstance(versions, list):
            known[engine] = tuple(str(v) for v in versions)
    deprecated: dict[str, frozenset[str]] = {}
    for clause in _read(kind, "engine_version_deprecated.json").get("allOf", ()):
        props = clause.get("if", {}).get("properties", {})
        engine = props.get("Engine", {}).get("const")
        versions = props.get("EngineVersion", {}).get("enum")
        if isinstance(engine, str) and isinstance(versions, list):
            deprecated[engine] = frozenset(str(v) for v in versions)
    return {e: (v, deprecated.get(e, frozenset())) for e, v in known.items()}


def sort_key(version: str) -> tuple:
    """Token-wise order: numbers numerically, a number before a word at the same position."""
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in _TOKEN.findall(version))


def _numbers(version: str) -> list[int]:
    """The leading dot-separated numeric components: `8.0.mysql_aurora.3.04.0` → [8, 0]."""
    out = []
    for part in re.split(r"[.-]", version):
        if not part.isdigit():
            break
        out.append(int(part))
    return out


def major(engine: str, version: str) -> tuple[int, ...] | None:
    """`(8, 0)` for mysql 8.0.35, `(15,)` for postgres 15.4, `(9, 6)` for postgres 9.6.24."""
    nums = _numbers(version)
    if not nums:
        return None
    if "postgres" in engine and nums[0] >= 10:
        return (nums[0],)
    return tuple(nums[:2]) if len(nums) >= 2 else None


def major_text(m: tuple[int, ...]) -> str:
    return ".".join(str(n) for n in m)


def flavour(version: str) -> str:
    """The suffix after `-` that is not an RDS build number: `16.4-limitless` → `limitless`."""
    if "-" not in version:
        return ""
    suffix = version.split("-", 1)[1]
    return "" if _RDS_BUILD.match(suffix) else suffix


def is_major_only(engine: str, version: str) -> bool:
    """`8.0` for mysql, `15` for postgres: RDS resolves it to that major's default minor."""
    m = major(engine, version)
    return m is not None and re.fullmatch(r"\d+(?:\.\d+)*", version) is not None and len(_numbers(version)) == len(m)


@dataclass(frozen=True)
class Verdict:
    status: str  # "supported", "deprecated", "unknown"
    major_only: bool = False
    replacement: str | None = None  # in the same major (and flavour), by policy
    upgrade: str | None = None  # when the major is gone: the policy's pick in the oldest newer major
    majors: tuple[str, ...] = ()  # supported majors of the engine (and flavour), oldest first


def supported(kind: str, engine: str) -> list[str]:
    """The supported versions of `engine`, oldest first ([] for an engine without version data)."""
    entry = table(kind).get(engine)
    if entry is None:
        return []
    known, deprecated = entry
    return sorted((v for v in known if v not in deprecated), key=sort_key)


def has_data(kind: str, engine: str) -> bool:
    return engine in table(kind)


def _pick(engine: str, version: str, candidates: list[str], policy: str) -> str | None:
    # a pin is a pin: a major-only entry ("8.4", "18") is chosen only when nothing else exists
    pinned = [v for v in candidates if not is_major_only(engine, v)] or candidates
    if not pinned:
        return None
    if policy == "newest":
        return pinned[-1]
    key = sort_key(version)
    return next((v for v in pinned if sort_key(v) >= key), pinned[-1])


def judge(kind: str, engine: str, version: str, policy: str = "nearest") -> Verdict | None:
    """What cfn-lint's data says about `version` of `engine`; None when it has no list for the engine.

    `policy`: `nearest` = the smallest supported version ≥ the given one in the same major, else
    the newest of that major; `newest` = the newest of that major.
    """
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {POLICIES}")
    entry = table(kind).get(engine)
    if entry is None:
        return None
    known, deprecated = entry
    only = is_major_only(engine, version)
    if version in known and version not in deprecated:
        return Verdict("supported", only)
    status = "deprecated" if version in known else "unknown"
    m = major(engine, version)
    flav = flavour(version)
    pool = [v for v in supported(kind, engine) if flavour(v) == flav]
    majors: list[str] = []
    for v in pool:
        mv = major(engine, v)
        text = ".".join(re.split(r"[.-]", v)[:len(mv)]) if mv is not None else None
        if text is not None and text not in majors:
            majors.append(text)
    if m is None:
        return Verdict(status, only, majors=tuple(majors))
    same = [v for v in pool if major(engine, v) == m]
    replacement = _pick(engine, version, same, policy)
    upgrade = None
    if replacement is None:
        newer = sorted({major(engine, v) for v in pool if major(engine, v) is not None and major(engine, v) > m})
        if newer:
            upgrade = _pick(engine, version, [v for v in pool if major(engine, v) == newer[0]], policy)
    return Verdict(status, only, replacement, upgrade, tuple(majors))
