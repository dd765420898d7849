"""The resumable state file: JSON Lines, one line per finished repository.

    {"key": "<resolved source>#<options digest>", "result": {...RepoResult.to_dict()...}}

Each line is appended, flushed and fsynced as its repository finishes, so a killed run leaves at
most a torn last line, which `load` ignores. A later line for the same key wins.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from iacfix.migrate import is_url

DEFAULT_PATH = ".iacfix-migrate-state.jsonl"


def task_key(task) -> str:
    """Which repository, under which options: a result is reused only for the same both."""
    options = {"branch": task.branch, "select": sorted(task.select), "ignore": sorted(task.ignore),
               "unsafe": task.unsafe, "write": task.write, "push": task.push, "verify": task.verify}
    digest = hashlib.sha256(json.dumps(options, sort_keys=True).encode()).hexdigest()[:16]
    return f"{resolved_source(task.source)}#{digest}"


def resolved_source(source: str) -> str:
    """A URL as given; a folder as its absolute, symlink-free path."""
    return source if is_url(source) else str(Path(source).expanduser().resolve())


def load(path: str | Path) -> dict[str, dict]:
    """key → recorded result dict; a missing file is an empty state, unreadable lines are skipped."""
    recorded: dict[str, dict] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return recorded
    for line in lines:
        try:
            entry = json.loads(line)
            recorded[entry["key"]] = entry["result"]
        except (ValueError, KeyError, TypeError):
            continue  # a line torn by a kill, or not ours
    return recorded


def append(path: str | Path, key: str, result: dict) -> None:
    """Record one finished repository durably before the next is reported."""
    line = json.dumps({"key": key, "result": result}, sort_keys=True) + "\n"
    with open(path, "a", encoding="utf-8") as handle:
        if handle.tell() > 0 and not _ends_with_newline(path):
            handle.write("\n")  # a torn last line must not swallow this one
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())


def _ends_with_newline(path: str | Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"
