"""The library surface every front door uses: the CLI, the tests, bulk runs and editors.

    report = api.run(["infra/"], fix=True, dry_run=True)
    for result in report.results: ...
"""
from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pathspec

from iacfix import config as config_mod
from iacfix import engine, rules as rules_mod
from iacfix.config import Config
from iacfix.engine import Context, FileResult

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "cdktf.out", "cdk.out", ".gen", "__pycache__",
                       ".venv", "venv", ".env", "env", ".tox", ".nox", ".terraform", ".mypy_cache",
                       ".pytest_cache", ".ruff_cache", "dist", "build", "site-packages"})


@dataclass
class InputError:
    path: str
    message: str


@dataclass
class Report:
    results: list[FileResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    notices: list[InputError] = field(default_factory=list)  # skipped valid input; not an error

    @property
    def findings(self):
        return [f for r in self.results for f in r.findings]

    @property
    def changed(self) -> list[FileResult]:
        return [r for r in self.results if r.changed]


def _is_venv(folder: Path) -> bool:
    return (folder / "pyvenv.cfg").is_file()


def iter_files(paths: list[str | Path], config: Config) -> Iterator[tuple[Path, Path, bool] | InputError]:
    """(file, the root it was found under, named explicitly) for every candidate, or an InputError.

    Walks folders skipping VCS, dependency and build folders, virtualenvs and what `.gitignore`
    files (at any level) and `exclude` patterns ignore. Symlinks are followed only when they point
    inside the root they were found under.
    """
    exclude = pathspec.GitIgnoreSpec.from_lines(config.exclude)
    seen: set[Path] = set()
    for raw in paths:
        root = Path(raw)
        if not root.exists() and not root.is_symlink():
            yield InputError(str(raw), "no such file or directory")
            continue
        if root.is_file() or (root.is_symlink() and not root.is_dir()):
            resolved = root.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield root, root.parent, True
            continue
        real_root = root.resolve()
        ignores: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
        for dirpath, dirnames, filenames in os.walk(root):
            folder = Path(dirpath)
            gitignore = folder / ".gitignore"
            if gitignore.is_file():
                try:
                    ignores.append((folder, pathspec.GitIgnoreSpec.from_lines(gitignore.read_text("utf-8", "replace").splitlines())))
                except OSError:
                    pass
            active = [(base, spec) for base, spec in ignores if folder == base or base in folder.parents]

            def ignored(path: Path, is_dir: bool) -> bool:
                rel_root = path.relative_to(root).as_posix() + ("/" if is_dir else "")
                if exclude.match_file(rel_root):
                    return True
                return any(spec.match_file(path.relative_to(base).as_posix() + ("/" if is_dir else ""))
                           for base, spec in active)

            kept = []
            for name in sorted(dirnames):
                sub = folder / name
                if name in SKIP_DIRS or sub.is_symlink() or _is_venv(sub) or ignored(sub, True):
                    continue
                kept.append(name)
            dirnames[:] = kept
            for name in sorted(filenames):
                path = folder / name
                if ignored(path, False):
                    continue
                if path.is_symlink():
                    target = path.resolve()
                    if real_root not in target.parents:
                        if name.endswith(_EXTENSIONS):
                            yield InputError(str(path), f"symlink points outside the tree ({target}); skipped")
                        continue
                    if not target.is_file():
                        continue
                resolved = path.resolve()
                if resolved in seen:
                    continue
                seen.add(resolved)
                yield path, root, False


def _extensions():
    from iacfix import languages
    return languages.EXTENSIONS


_EXTENSIONS = _extensions()


def read(path: Path, config: Config, explicit: bool) -> bytes | InputError | None:
    """The file's bytes; an InputError when it cannot be read; None when it is not worth reading."""
    if not explicit and not path.name.endswith(_EXTENSIONS):
        return None
    try:
        size = path.stat().st_size
        if size > config.max_file_size:
            return InputError(str(path), f"file too large ({size:,} bytes > max-file-size {config.max_file_size:,}); skipped")
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        return InputError(str(path), f"cannot read: {exc.strerror or exc}")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace the file's content in one step, keeping its mode; never leaves a half-written file."""
    target = path.resolve()
    mode = stat.S_IMODE(target.stat().st_mode)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".iacfix")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def context_for(path: Path, config: Config, root: Path | None = None) -> Context:
    """What the rules may know about the project `path` belongs to (target versions, its other files).

    The project is the nearest folder with a manifest at or above the file, searched up to `root`
    (default: the enclosing git repository, else the file's own folder)."""
    root = root or next((f for f in path.resolve().parents if (f / ".git").exists()), path.parent)
    project = config_mod.project_root(path.parent, root.resolve() if root.is_dir() else root)
    return Context(config_mod.target_for(path.parent, root, config), config, project)


def check_source(path: str | Path, data: bytes, config: Config | None = None, *, fix: bool = False,
                 unsafe: bool | None = None, select: list[str] | None = None, ignore: list[str] | None = None,
                 context: Context | None = None) -> FileResult:
    """One buffer (an editor's unsaved text, a file read elsewhere) through the rules, as `run` would
    treat the file at `path`; nothing is written. `context` may be reused across calls for speed."""
    path = Path(path)
    config = config or config_mod.load(start=path.parent)
    unsafe = config.unsafe_fixes if unsafe is None else unsafe
    chosen = rules_mod.select(select or config.select, list(config.ignore) + list(ignore or ()))
    ctx = context or context_for(path, config)
    return engine.process(str(path), data, chosen, ctx, fix=fix, unsafe=unsafe, explicit=True)


def run(paths: list[str | Path], config: Config | None = None, *, fix: bool = False, dry_run: bool = False,
        unsafe: bool | None = None, select: list[str] | None = None, ignore: list[str] | None = None) -> Report:
    """Check (and with `fix`, fix) every IaC file under `paths`. With `dry_run` nothing is written."""
    config = config or config_mod.load(start=Path(paths[0]) if paths else None)
    unsafe = config.unsafe_fixes if unsafe is None else unsafe
    # --select replaces the configured selection (as in Ruff); --ignore adds to it
    chosen = rules_mod.select(select or config.select, list(config.ignore) + list(ignore or ()))
    report = Report()
    contexts: dict[Path, Context] = {}
    for item in iter_files(list(paths), config):
        if isinstance(item, InputError):
            report.errors.append(item)
            continue
        path, root, explicit = item
        data = read(path, config, explicit)
        if data is None:
            continue
        if isinstance(data, InputError):
            report.errors.append(data)
            continue
        project = config_mod.project_root(path.parent, root.resolve() if root.is_dir() else root)
        ctx = contexts.get(project)
        if ctx is None:
            ctx = contexts[project] = context_for(path, config, root)
        result = engine.process(str(path), data, chosen, ctx, fix=fix, unsafe=unsafe, explicit=explicit)
        if result.error:
            report.errors.append(InputError(str(path), result.error))
        if result.notice:
            report.notices.append(InputError(str(path), result.notice))
        if result.internal_error:
            report.errors.append(InputError(str(path), f"internal error: {result.internal_error}"))
        if result.language is not None:
            report.results.append(result)
        if fix and not dry_run and result.changed:
            try:
                write_atomic(path, result.fixed)
            except OSError as exc:
                report.errors.append(InputError(str(path), f"cannot write: {exc.strerror or exc}"))
    return report
