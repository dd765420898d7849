"""What cross-file rules see of the rest of a project: its source files, read from disk once per run.

A rule looking at one file sometimes needs the others (a stack class defined in `lib/` and
instantiated in `main.py`; a secret looked up here and created there). `ctx.sources` gives the
project's text files by suffix; the same folders are skipped as in a normal run.
"""
from __future__ import annotations

import os
from pathlib import Path

MAX_FILES = 2000  # a "project" larger than this is a monorepo root: cross-file rules stay local


class ProjectSources:
    def __init__(self, root: Path | None, max_size: int = 10_000_000):
        self.root = root
        self.max_size = max_size
        self._cache: dict[tuple[str, ...], list[tuple[Path, str]]] = {}
        self._paths: tuple[Path, ...] | None = None
        self._memo: dict = {}

    def files(self, *suffixes: str) -> list[tuple[Path, str]]:
        """(path, text) of every readable UTF-8 file under the root ending in one of `suffixes`."""
        key = tuple(sorted(suffixes))
        if key not in self._cache:
            if self._paths is None:
                self._paths = () if self.root is None else _walk(self.root)
            self._cache[key] = _read(self._paths, key, self.max_size)
        return self._cache[key]

    def memo(self, key, factory):
        """A value derived from the project's files (a parsed index), computed once per run."""
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]


def _walk(root: Path) -> tuple[Path, ...]:
    from iacfix.api import SKIP_DIRS
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        found.extend(Path(dirpath) / name for name in sorted(filenames))
        if len(found) > MAX_FILES:
            return ()
    return tuple(found)


def _read(paths: tuple[Path, ...], suffixes: tuple[str, ...], max_size: int) -> list[tuple[Path, str]]:
    out = []
    for path in paths:
        if not path.name.endswith(suffixes):
            continue
        try:
            if path.stat().st_size > max_size:
                continue
            out.append((path, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return out
