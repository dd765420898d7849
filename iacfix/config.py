"""Configuration: `[tool.iacfix]` in pyproject.toml or a `.iacfix.toml`, plus the detected target.

```toml
[tool.iacfix]                  # or top level of .iacfix.toml
select = ["IAC1"]              # ids, slugs or id prefixes
ignore = ["IAC102"]
unsafe-fixes = false
max-file-size = 10_000_000     # bytes; larger files are reported and skipped
exclude = ["generated/**"]     # gitignore-style patterns, on top of .gitignore

[tool.iacfix.target]           # anything left out is detected per project, else the newest known
provider = "21.22.1"           # provider-aws bindings version
terraform = "1.9"
family = "cdktf"               # or "cdktn" (CDK Terrain)
region = "us-east-1"

[tool.iacfix.rules.hardcoded-db-password]   # per-rule options, by slug or id; see `iacfix explain`
strategy = "generate"
```
Detection reads the project's own manifests: requirements.txt, Pipfile, pyproject.toml,
package.json and cdktf.json.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

CONFIG_FILES = (".iacfix.toml", "pyproject.toml")
PROJECT_MARKERS = ("cdktf.json", "package.json", "requirements.txt", "Pipfile", "pyproject.toml", "setup.py")


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Target:
    provider: str | None = None  # None: the newest version iacfix knows
    terraform: str | None = None
    family: str = "cdktf"
    region: str | None = None

    def merged(self, **explicit) -> "Target":
        return replace(self, **{k: v for k, v in explicit.items() if v is not None})


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    max_file_size: int = 10_000_000
    exclude: tuple[str, ...] = ()
    target: dict = field(default_factory=dict)  # explicit target settings; the rest is detected
    rules: dict = field(default_factory=dict)  # rule slug → {option: value}
    source: str | None = None  # the file it came from

    def option(self, rule, name: str):
        """The configured value of a rule's option, else the rule's default."""
        for key in (rule.slug, rule.id, rule.id.lower()):
            if name in self.rules.get(key, {}):
                return self.rules[key][name]
        return rule.options[name]


def load(path: str | Path | None = None, start: Path | None = None) -> Config:
    """Config from an explicit file, else the nearest config file above `start` (default cwd)."""
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        return _from_file(path)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                config = _from_file(candidate, required=False)
                if config is not None:
                    return config
    return Config()


def _from_file(path: Path, required: bool = True) -> Config | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("iacfix")
        if data is None:
            return None if not required else Config(source=str(path))
    known = {"select", "ignore", "unsafe-fixes", "max-file-size", "exclude", "target", "rules"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}")
    target = dict(data.get("target", {}))
    bad = set(target) - {"provider", "terraform", "family", "region"}
    if bad:
        raise ConfigError(f"{path}: unknown target setting(s) {', '.join(sorted(bad))}")
    if target.get("family", "cdktf") not in ("cdktf", "cdktn"):
        raise ConfigError(f"{path}: target.family must be 'cdktf' or 'cdktn'")
    try:
        rule_options = check_rule_options(data.get("rules", {}))
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    return Config(select=tuple(data.get("select", ())), ignore=tuple(data.get("ignore", ())),
                  unsafe_fixes=bool(data.get("unsafe-fixes", False)),
                  max_file_size=int(data.get("max-file-size", Config.max_file_size)),
                  exclude=tuple(data.get("exclude", ())), target=target, rules=rule_options,
                  source=str(path))


def check_rule_options(table: dict) -> dict:
    """`[rules.<slug or id>]` tables, checked against each rule's declared options and choices."""
    from iacfix import rules as rules_mod
    checked = {}
    for key, values in table.items():
        rule = rules_mod.lookup(key)
        if rule is None:
            raise ConfigError(f"rules.{key}: no such rule")
        if not isinstance(values, dict):
            raise ConfigError(f"rules.{key}: expected a table of options")
        for name, value in values.items():
            if name not in rule.options:
                known = ", ".join(sorted(rule.options)) or "none"
                raise ConfigError(f"rules.{key}.{name}: unknown option (known: {known})")
            choices = rule.option_choices.get(name)
            if choices and value not in choices:
                raise ConfigError(f"rules.{key}.{name}: {value!r} is not one of {', '.join(map(str, choices))}")
        checked[rule.slug] = dict(values)
    return checked


# -- target detection -------------------------------------------------------------------------

def effective_version(spec: str) -> str | None:
    """The version a requirement most likely installs, for comparing against known boundaries.

    `==1.2.3`, `1.2.3` → 1.2.3; `^19.51.0` → 19.999.999 (newest of that major); `~19.51.0`,
    `~=19.51.0` → 19.51.999; `>=19.0` or `*` → None (newest known).
    """
    spec = spec.strip().split(",")[0].strip()
    m = re.fullmatch(r"(==|===|=)?\s*v?(\d+(?:\.\d+){0,2})", spec)
    if m:
        return m.group(2)
    m = re.fullmatch(r"\^\s*v?(\d+)(?:\.\d+){0,2}", spec)
    if m:
        return f"{m.group(1)}.999.999"
    m = re.fullmatch(r"(?:~=?|~>)\s*v?(\d+)\.(\d+)(?:\.\d+)?", spec)
    if m:
        return f"{m.group(1)}.{m.group(2)}.999"
    m = re.fullmatch(r"<=?\s*v?(\d+(?:\.\d+){0,2})", spec)
    if m:
        return m.group(1)
    return None


_PY_REQ = re.compile(r"(?<![\w.-])(cdktf-cdktf-provider-aws|cdktn-provider-aws|cdktn|cdktf)(?![\w-])"
                     r"(?:[^\n\d,;#]{0,16}?((?:===|==|~=|>=|<=|\^|~|<|>|=)?\s*\d+(?:\.\d+){0,2}))?", re.I)


def _python_requirements(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, spec in _PY_REQ.findall(text):
        if spec or name.lower() not in found:
            found[name.lower()] = spec.replace(" ", "")
    return found


@lru_cache(maxsize=256)
def detect_target(project: Path) -> Target:
    """What the project's manifests say about provider version, binding family and Terraform."""
    provider = family = terraform = None
    reqs: dict[str, str] = {}
    for name in ("requirements.txt", "Pipfile", "pyproject.toml", "setup.py"):
        try:
            reqs.update(_python_requirements((project / name).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            pass
    try:
        package = json.loads((project / "package.json").read_text(encoding="utf-8"))
        for section in ("dependencies", "devDependencies", "peerDependencies"):
            for dep, spec in (package.get(section) or {}).items():
                if dep in ("@cdktf/provider-aws", "@cdktn/provider-aws", "cdktf", "cdktn") and isinstance(spec, str):
                    reqs[{"@cdktf/provider-aws": "cdktf-cdktf-provider-aws",
                          "@cdktn/provider-aws": "cdktn-provider-aws"}.get(dep, dep)] = spec
    except (OSError, ValueError, AttributeError, UnicodeDecodeError):
        pass
    if "cdktn-provider-aws" in reqs or ("cdktn" in reqs and "cdktf" not in reqs):
        family = "cdktn"
        provider = effective_version(reqs.get("cdktn-provider-aws", "")) if "cdktn-provider-aws" in reqs else None
    elif "cdktf-cdktf-provider-aws" in reqs:
        family = "cdktf"
        provider = effective_version(reqs["cdktf-cdktf-provider-aws"])
    try:
        cdktf_json = json.loads((project / "cdktf.json").read_text(encoding="utf-8"))
        tf = cdktf_json.get("terraformVersion") if isinstance(cdktf_json, dict) else None
        if isinstance(tf, str):
            terraform = effective_version(tf)
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    return Target(provider=provider, terraform=terraform, family=family or "cdktf")


def project_root(path: Path, stop: Path) -> Path:
    """The nearest folder at or above `path` (not above `stop`) that holds a project manifest."""
    folder = path if path.is_dir() else path.parent
    stop = stop if stop.is_dir() else stop.parent
    while True:
        if any((folder / m).is_file() for m in PROJECT_MARKERS):
            return folder
        if folder == stop or folder.parent == folder:
            return stop
        folder = folder.parent


def target_for(path: Path, stop: Path, config: Config) -> Target:
    detected = detect_target(project_root(path, stop))
    return detected.merged(**config.target)
