"""`iacfix migrate --verify`: the project's own oracles run on the fixed tree.

    verify(worktree, ["main.py"]) → {"cfn-lint": "passed", "tsc": "skipped: no tsconfig.json",
                                     "python-import": "failed: lib/stack.py: ImportError: …"}

Three oracles, each reported as "passed", "failed: <first errors>" or "skipped: <why>":

- **cfn-lint** (as a library, errors only) on every CloudFormation template of the repository;
- **tsc** — `tsc --noEmit -p .` in every folder with a `tsconfig.json`, with the project's
  `node_modules/.bin/tsc`, else `tsc` on PATH;
- **python-import** — each CDKTF Python project (a folder with a `cdktf.json` of language python,
  or the repository when a module imports cdktf) has its IaC modules imported in a subprocess with its folder on `sys.path`.
  This **executes the project's code**, which is why `--verify` is opt-in. The interpreter is
  `$IACFIX_VERIFY_PYTHON`, else the project's `.venv`/`venv`, else the one running iacfix; a
  package that interpreter does not have (cdktf itself, say) makes the check "skipped", not failed.

Errors in files the migration changed are listed first. The check reports the state after the fix;
it does not re-run the oracle on the original commit. A git worktree has none of the checkout's
untracked dependencies, so `node_modules` and the virtualenv are also looked for in the repository's
main checkout (`node_modules` is linked into the tree only while `tsc` runs).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

TIMEOUT = 300  # seconds for one oracle subprocess
SHOWN = 3  # error lines quoted in a "failed: …" value
LINE = 200  # characters kept of each (cfn-lint lists every allowed value in some messages)
_TEST = re.compile(r"(^|/)(tests?|__tests__)/|(^|/)(test_[^/]*|[^/]*_test|conftest)\.py$")
_IMPORTS_CDKTF = re.compile(r"^\s*(?:from|import)\s+(?:cdktf|cdktn)\b", re.MULTILINE)
_MENTIONS_IAC = re.compile(r"\b(?:cdktf|cdktn|constructs)\b")
_SYNTH_AT_TOP = re.compile(r"^\S.*\.synth\(\)", re.MULTILINE)
_TSC_ERROR = re.compile(r"^(?P<file>[^(\s][^(]*)\(\d+,\d+\): error TS\d+", re.MULTILINE)


def verify(repo_dir: Path, changed_files: list[str], *, timeout: float = TIMEOUT) -> dict[str, str]:
    """Each oracle's verdict on the repository at `repo_dir` (changed files repo-relative, posix)."""
    repo_dir = Path(repo_dir).resolve()
    files = project_files(repo_dir)
    changed = set(changed_files)
    return {
        "cfn-lint": check_cloudformation(repo_dir, files, changed),
        "tsc": check_typescript(repo_dir, files, changed, timeout),
        "python-import": check_python(repo_dir, files, changed, timeout),
    }


def project_files(repo_dir: Path) -> list[str]:
    """The repository's files as iacfix walks them (VCS, dependency and build folders and
    .gitignore'd paths left out), repo-relative."""
    from iacfix import api
    from iacfix.config import Config

    return [item[0].relative_to(repo_dir).as_posix() for item in api.iter_files([repo_dir], Config())
            if not isinstance(item, api.InputError)]


def _failed(errors: list[tuple[str, str]], changed: set[str]) -> str:
    """ "failed: …" quoting the first errors, those in changed files first; errors are (file, line)."""
    errors = sorted(errors, key=lambda error: error[0] not in changed)  # stable: keeps the tool's order
    shown = "; ".join(line if len(line) <= LINE else line[:LINE - 1] + "…" for _, line in errors[:SHOWN])
    more = f" (+{len(errors) - SHOWN} more)" if len(errors) > SHOWN else ""
    return f"failed: {shown}{more}"


def _main_checkout(repo_dir: Path) -> Path | None:
    """The main working tree when `repo_dir` is a linked git worktree, else None."""
    try:
        common = subprocess.run(["git", "-C", str(repo_dir), "rev-parse", "--path-format=absolute",
                                 "--git-common-dir"], capture_output=True, text=True, timeout=30,
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return None
    main = Path(common.stdout.strip()).parent if common.returncode == 0 and common.stdout.strip() else None
    return main if main is not None and main.resolve() != repo_dir.resolve() else None


def _run(cmd: list[str], cwd: Path, timeout: float, env: dict | None = None) -> tuple[int | None, str]:
    """(exit code, stdout + stderr); the code is None when the command ran past `timeout`. The
    command gets its own process group, killed whole on time-out (jsii starts node under Python)."""
    process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, text=True, errors="replace", start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return None, output
    return process.returncode, output


# ---- CloudFormation ----------------------------------------------------------------------------


def check_cloudformation(repo_dir: Path, files: list[str], changed: set[str]) -> str:
    from cfnlint.api import lint

    from iacfix.cfn_repairs import REGIONS
    from iacfix.languages import cloudformation

    templates = []
    for rel in files:
        if not rel.endswith(cloudformation.EXTENSIONS):
            continue
        try:
            text = (repo_dir / rel).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if cloudformation.detect(rel, text):
            templates.append((rel, text))
    if not templates:
        return "skipped: no CloudFormation template"
    errors = []
    for rel, text in templates:
        try:
            matches = lint(text, regions=list(REGIONS))
        except Exception as exc:  # noqa: BLE001 - a template cfn-lint cannot read is a failure, not a crash
            errors.append((rel, f"{rel}: cfn-lint could not check it ({type(exc).__name__}: {exc})"))
            continue
        for match in matches:
            if match.rule.id.startswith("E"):
                errors.append((rel, f"{rel}:{match.linenumber} {match.rule.id} {match.message}"))
    return _failed(errors, changed) if errors else "passed"


# ---- TypeScript --------------------------------------------------------------------------------


def _find_tsc(folder: Path, repo_dir: Path, main: Path | None) -> str | None:
    for base in (folder, repo_dir, main):
        if base is not None and (base / "node_modules" / ".bin" / "tsc").is_file():
            return str(base / "node_modules" / ".bin" / "tsc")
    return shutil.which("tsc")


def _declares_dependencies(folder: Path) -> bool:
    try:
        manifest = json.loads((folder / "package.json").read_text("utf-8"))
    except (OSError, ValueError):
        return False
    deps = {**(manifest.get("dependencies") or {}), **(manifest.get("devDependencies") or {})}
    return any(name != "typescript" for name in deps)


def check_typescript(repo_dir: Path, files: list[str], changed: set[str], timeout: float = TIMEOUT) -> str:
    projects = [repo_dir / rel for rel in files if rel.rsplit("/", 1)[-1] == "tsconfig.json"]
    if not projects:
        return "skipped: no tsconfig.json"
    if shutil.which("node") is None:
        return "skipped: node is not installed"
    main = _main_checkout(repo_dir)
    errors: list[tuple[str, str]] = []
    for config in projects:
        folder = config.parent
        tsc = _find_tsc(folder, repo_dir, main)
        if tsc is None:
            return "skipped: tsc not found (no node_modules/.bin/tsc, none on PATH)"
        linked = None
        if not any((base / "node_modules").is_dir() for base in (folder, repo_dir)) and _declares_dependencies(folder):
            borrowed = main / folder.relative_to(repo_dir) / "node_modules" if main is not None else None
            if borrowed is None or not borrowed.is_dir():
                return "skipped: dependencies not installed (no node_modules; run npm ci first)"
            linked = folder / "node_modules"
            linked.symlink_to(borrowed, target_is_directory=True)
        try:
            code, output = _run([tsc, "--noEmit", "-p", "."], folder, timeout)
        finally:
            if linked is not None:
                linked.unlink()
        where = folder.relative_to(repo_dir).as_posix()
        prefix = "" if where == "." else f"{where}/"
        if code is None:
            errors.append((prefix, f"{prefix or './'}: tsc ran over {timeout:g}s"))
        elif code != 0:
            found = [(prefix + m["file"].strip(), prefix + line.strip()) for m, line in
                     ((_TSC_ERROR.match(line), line) for line in output.splitlines()) if m]
            errors.extend(found or [(prefix, f"{prefix or './'}: tsc exit {code}: "
                                             f"{(output.strip().splitlines() or [''])[0]}")])
    return _failed(errors, changed) if errors else "passed"


# ---- Python (CDKTF) ----------------------------------------------------------------------------

# Runs in the project's interpreter: compiles every file, imports every module, prints one JSON line.
_IMPORTER = r"""
import importlib, importlib.util, json, sys, traceback
files, modules = json.loads(sys.argv[1]), json.loads(sys.argv[2])
tops = {f.split("/")[0].removesuffix(".py") for f in files}
errors, missing = [], set()
for f in files:
    try:
        compile(open(f, encoding="utf-8", errors="replace").read(), f, "exec")
    except SyntaxError as e:
        errors.append([f, f"{f}:{e.lineno}: SyntaxError: {e.msg}"])
for f, name in modules:
    try:
        importlib.import_module(name)
    except BaseException as e:
        top = (getattr(e, "name", None) or "").split(".")[0]
        if isinstance(e, ModuleNotFoundError) and top and top not in tops and importlib.util.find_spec(top) is None:
            missing.add(top)
            continue
        where = [fr for fr in traceback.extract_tb(e.__traceback__) if not fr.filename.startswith("<")]
        line = f":{where[-1].lineno}" if where and where[-1].filename.endswith(f) else ""
        message = (str(e).strip().splitlines() or [""])[0][:300]
        errors.append([f, f"{f}{line}: {type(e).__name__}: {message}"])
print("IACFIX_VERIFY " + json.dumps({"errors": errors, "missing": sorted(missing)}))
"""


def _python_for(repo_dir: Path) -> str:
    explicit = os.environ.get("IACFIX_VERIFY_PYTHON")
    if explicit:
        return explicit
    for base in (repo_dir, _main_checkout(repo_dir)):  # the root's virtualenv serves its subprojects
        for venv in (".venv", "venv"):
            if base is not None and (base / venv / "bin" / "python").is_file():
                return str(base / venv / "bin" / "python")
    return sys.executable


def _cdktf_json(folder: Path) -> dict:
    try:
        data = json.loads((folder / "cdktf.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _python_projects(files: list[str], sources: dict[str, str]) -> dict[str, list[str]]:
    """Project folder ("" for the repository root) → its Python files (each in its deepest project).
    A project is a folder with a cdktf.json whose language is python; files importing cdktf outside
    every such folder make the repository root one too."""
    roots = [rel.rpartition("/")[0] for rel in files if rel.rsplit("/", 1)[-1] == "cdktf.json"]
    projects: dict[str, list[str]] = {}
    for rel in sources:
        owner = max((root for root in roots if not root or rel.startswith(root + "/")), key=len, default=None)
        projects.setdefault(owner, []).append(rel)
    loose = projects.pop(None, [])
    if any(_IMPORTS_CDKTF.search(sources[rel]) for rel in loose):
        projects.setdefault("", []).extend(loose)
    return projects


def check_python(repo_dir: Path, files: list[str], changed: set[str], timeout: float = TIMEOUT) -> str:
    sources = {}
    for rel in files:
        if rel.endswith(".py") and not _TEST.search(rel):
            try:
                sources[rel] = (repo_dir / rel).read_text("utf-8", "replace")
            except OSError:
                continue
    projects = {root: rels for root, rels in _python_projects(files, sources).items()
                if _cdktf_json(repo_dir / root).get("language", "python") == "python"}
    if not projects:
        return "skipped: no CDKTF Python project"
    python = _python_for(repo_dir)
    errors, missing, imported = [], set(), 0
    for root, rels in sorted(projects.items()):
        verdict = _import_project(python, repo_dir, root, rels, sources, timeout)
        if isinstance(verdict, str):
            return verdict
        errors += verdict["errors"]
        missing |= set(verdict["missing"])
        imported += verdict["imported"]
    if errors:
        return _failed([tuple(error) for error in errors], changed)
    if missing:
        return (f"skipped: {', '.join(sorted(missing))} not installed for {python} "
                "(set IACFIX_VERIFY_PYTHON to the project's interpreter)")
    return "passed" if imported else "passed: compiled (no IaC module to import)"


def _import_project(python: str, repo_dir: Path, root: str, rels: list[str], sources: dict[str, str],
                    timeout: float) -> dict | str:
    """Compile the project's files and import its IaC modules with `root` on sys.path: the importer's
    result (paths repo-relative), or a "failed: …" verdict when it did not report."""
    folder = repo_dir / root
    prefix = f"{root}/" if root else ""
    app = next((tok.removeprefix("./") for tok in str(_cdktf_json(folder).get("app", "")).split()
                if tok.endswith(".py")), None)
    local = [rel[len(prefix):] for rel in sorted(rels)]
    modules = []
    for rel in local:
        name = rel[:-3].replace("/", ".").removesuffix(".__init__")
        text = sources[prefix + rel]
        # the app script synthesizes when imported: it is compiled, not imported
        if rel == app or _SYNTH_AT_TOP.search(text) or not _MENTIONS_IAC.search(text):
            continue
        if all(part.isidentifier() for part in name.split(".")):
            modules.append((rel, name))
    with tempfile.TemporaryDirectory(prefix="iacfix-verify-") as scratch:
        path = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1", "CDKTF_OUTDIR": scratch,
               "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION": "1"}
        code, output = _run([python, "-c", _IMPORTER, json.dumps(local), json.dumps(modules)], folder, timeout, env)
    where = f" in {root}/" if root else ""
    if code is None:
        return f"failed: importing the modules{where} ran over {timeout:g}s"
    result = next((json.loads(line.removeprefix("IACFIX_VERIFY ")) for line in reversed(output.splitlines())
                   if line.startswith("IACFIX_VERIFY ")), None)
    if result is None:
        return f"failed: {python} exit {code}{where}: {(output.strip().splitlines() or [''])[-1][:300]}"
    result["errors"] = [(prefix + file, prefix + line) for file, line in result["errors"]]
    result["imported"] = len(modules)
    return result
