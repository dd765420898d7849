"""What the CDKTF → CDK Terrain migration rules (IAC601, IAC602) know about the fork, all from data.

Module and package names and the PyPI versions come from the shipped indexes
(`core-cdktn-*.json.gz`, `provider-aws-cdktn-*.json.gz`: their `meta`); the npm versions, which
differ from PyPI (`@cdktn/provider-aws` 25.7.0 on npm, 25.8.1 on PyPI), from
`knowledge/data/cdktn-npm.json`, regenerated with

    for p in cdktn cdktn-cli @cdktn/provider-aws; do npm view "$p" version; done

(written as `{"package": "version"}`).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache

from iacfix.knowledge.core import DATA_DIR, CoreIndex
from iacfix.knowledge.provider import ProviderIndex, python_root, ts_package

NPM_VERSIONS_FILE = os.path.join(DATA_DIR, "cdktn-npm.json")
CORE_CLI_SUFFIX = "-cli"  # the CLI's npm package is the core package's name + "-cli" in both families


@dataclass(frozen=True)
class Family:
    """The names one binding family publishes."""

    core: str            # Python module and npm package of the core library: cdktf / cdktn
    core_dist: str       # its PyPI distribution
    provider_module: str  # cdktf_cdktf_provider_aws / cdktn_provider_aws
    provider_dist: str   # cdktf-cdktf-provider-aws / cdktn-provider-aws
    provider_npm: str    # @cdktf/provider-aws / @cdktn/provider-aws

    @property
    def cli(self) -> str:
        return self.core + CORE_CLI_SUFFIX

    @property
    def npm_scope(self) -> str:
        return self.provider_npm.split("/")[0] + "/"


def _family(name: str) -> Family:
    core, provider = CoreIndex.load(family=name), ProviderIndex.load(family=name)
    return Family(core=core.meta.get("python_module", core.package),
                  core_dist=core.meta.get("python_dist", core.package),
                  provider_module=provider.meta.get("python_root", python_root(name)),
                  provider_dist=provider.meta.get("python_dist", python_root(name).replace("_", "-")),
                  provider_npm=provider.meta.get("package", ts_package(name)))


@lru_cache(maxsize=1)
def families() -> tuple[Family, Family]:
    """(cdktf, cdktn)."""
    return _family("cdktf"), _family("cdktn")


@lru_cache(maxsize=1)
def fork_indexes() -> tuple[CoreIndex, ProviderIndex]:
    return CoreIndex.load(family="cdktn"), ProviderIndex.load(family="cdktn")


@lru_cache(maxsize=1)
def old_indexes() -> tuple[CoreIndex, ProviderIndex]:
    return CoreIndex.load(family="cdktf"), ProviderIndex.load(family="cdktf")


@lru_cache(maxsize=1)
def pypi_versions() -> dict[str, str]:
    """PyPI distribution → the fork's version (the shipped indexes' versions)."""
    core, provider = fork_indexes()
    _, new = families()
    return {new.core_dist: core.version, new.provider_dist: provider.index_version}


@lru_cache(maxsize=1)
def npm_versions() -> dict[str, str]:
    """npm package → the fork's version on npm (module docstring)."""
    with open(NPM_VERSIONS_FILE, encoding="utf-8") as f:
        return {k: v for k, v in json.load(f).items() if not k.startswith("_")}


def migration_finding(rule, source, edits, message: str):
    """One finding for all of a file's migration edits, on the line of the first one."""
    first = min(edits, key=lambda e: e.start)
    at = len(source.data[:first.start].decode("utf-8", "ignore"))
    line_end = source.text.find("\n", at)
    return source.finding(rule, at, len(source.text) if line_end == -1 else line_end, message, edits)
