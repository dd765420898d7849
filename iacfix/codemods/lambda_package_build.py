"""IAC503 lambda-package-build."""
from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

from iacfix.codemods import _checks
from iacfix.rules import Example, Rule

_ASSET_CLASSES = {"TerraformAsset": ("path",), "DataArchiveFile": ("source_dir", "source_file"),
                  "LambdaFunction": ()}
_TS_KEYS = {"path": "path", "source_dir": "sourceDir", "source_file": "sourceFile"}
_NODE_BUILTINS = frozenset(
    "assert async_hooks buffer child_process cluster console constants crypto dgram diagnostics_channel dns "
    "domain events fs http http2 https inspector module net os path perf_hooks process punycode querystring "
    "readline repl stream string_decoder sys timers tls trace_events tty url util v8 vm wasi worker_threads "
    "zlib".split())
_IMPORT = re.compile(r"""(?:\bfrom\s+|\bimport\s+|\brequire\(\s*|\bimport\(\s*)['"]([^'"./][^'"]*)['"]""")
_NODE_RUNTIME = re.compile(r"""['"]nodejs(\d+)\.x['"]""")
_PY_PROVIDED = frozenset({"boto3", "botocore", "s3transfer", "jmespath", "urllib3", "python-dateutil", "six"})
_SOURCE_SUFFIXES = (".ts", ".mts", ".cts")
_JS_SUFFIXES = (".js", ".mjs", ".cjs")
_BUILD_WORDS = re.compile(r"\b(?:npm\s+(?:ci|install|i)|yarn|pnpm|esbuild|tsc|webpack|rollup|pip\s+install|bundle)\b")


class LambdaPackageBuild(Rule):
    """A Lambda package that cannot run as shipped: TypeScript sources never compiled, or
    dependencies that nothing installs into the package.

    The code of a CDKTF Lambda is zipped from a folder or file (`TerraformAsset(path=…)`,
    `DataArchiveFile(source_dir=… / source_file=…)`) exactly as it is on disk at synth time.
    Seed 002 #10: only TypeScript sources were in `lib/lambda/`, nothing compiled them to
    JavaScript nor zipped them; seed 002 #7: the handlers imported packages, but no
    `package.json`, no `npm install` and no `node_modules` went into the zip ("Cannot find
    module" at run time).

    Reported, for an asset path written as a literal or joined from `__dirname` /
    `os.path.dirname(__file__)` and string literals:
    - the asset is a `.ts` file, or a folder with TypeScript sources and no `.js`/`.mjs`/`.cjs`
      file (Lambda's Node.js runtimes do not run TypeScript);
    - the folder's `package.json` has `dependencies` the runtime does not provide, and the folder
      has no `node_modules`; the Node.js 18+ runtimes provide the AWS SDK v3 (`@aws-sdk/*`),
      older ones `aws-sdk` v2 (read from the file's `nodejs<N>.x` runtime literals);
    - the folder has no `package.json`, yet its sources import packages that are neither Node
      built-ins nor provided by the runtime;
    - a Python folder's `requirements.txt` lists packages other than the runtime's `boto3` /
      `botocore`, and they are not vendored into the folder.
    Not reported when the project builds the folder: its path (relative to the project) appears
    in `package.json`, a `Makefile`, a shell script or `cdktf.json`, or the stack file itself
    runs a build (`npm ci`, `esbuild`, `tsc`, `pip install` …). Paths computed otherwise are not
    followed. Diagnostic only: bundling (esbuild), `npm ci --omit=dev` in the folder or a layer
    are all valid answers.
    """

    id = "IAC503"
    slug = "lambda-package-build"
    summary = "Lambda package shipped without a build: TypeScript not compiled or dependencies not installed"
    rationale = "seed 002 #7 (no package.json/npm install for the Lambda's imports), 002 #10 (TS sources only)"
    seeds = ("002#7", "002#10")
    languages = ("python", "typescript")
    examples = (
        Example("typescript", """\
import * as path from 'path';
import { TerraformAsset, AssetType } from 'cdktf';

const asset = new TerraformAsset(this, 'handler', {
  path: path.resolve(__dirname, 'lambda/enrollment.ts'),
  type: AssetType.ARCHIVE,
});
""", reported=True),
        Example("python", """\
import os
from cdktf_cdktf_provider_archive.data_archive_file import DataArchiveFile

DataArchiveFile(self, "zip", type="zip", output_path="handler.zip",
                source_file=os.path.join(os.path.dirname(__file__), "lambda", "handler.ts"))
""", reported=True),
        Example("typescript", """\
import * as path from 'path';
import { TerraformAsset, AssetType } from 'cdktf';

const asset = new TerraformAsset(this, 'handler', {
  path: path.resolve(__dirname, 'lambda/dist'),
  type: AssetType.ARCHIVE,
});
"""),
    )

    def triggered(self, text, ctx, language):
        return "TerraformAsset" in text or "DataArchiveFile" in text

    # -- locating the assets -------------------------------------------------------------------
    def check_python(self, doc, ctx):
        for call in doc.calls:
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            keys = _ASSET_CLASSES.get(name)
            if not keys:
                continue
            kwargs = _checks.py_kwargs(call)
            for key in keys:
                if key in kwargs:
                    where = _py_path(kwargs[key])
                    if where is not None:
                        yield from self._judge(doc, ctx, where, doc.span(kwargs[key]))

    def check_typescript(self, doc, ctx):
        for new in doc.root.find_all(kind="new_expression"):
            ctor = new.field("constructor")
            name = ctor.text().split(".")[-1] if ctor is not None else ""
            keys = _ASSET_CLASSES.get(name)
            if not keys:
                continue
            props = _checks.ts_props(new)
            for key in keys:
                node = props.get(_TS_KEYS[key])
                if node is not None:
                    where = _ts_path(node)
                    if where is not None:
                        yield from self._judge(doc, ctx, where, doc.span(node))

    # -- judging ---------------------------------------------------------------------------------
    def _judge(self, doc, ctx, where, span):
        base, rel = where
        if rel.lower().endswith(_SOURCE_SUFFIXES) and not rel.endswith(".d.ts"):
            yield doc.source.finding(
                self, *span,
                f"the Lambda asset `{rel}` is a TypeScript source: Lambda's Node.js runtimes run JavaScript; compile "
                "or bundle it (tsc, esbuild) and package the .js output")
            return
        folder = _resolve(doc, ctx, base, rel)
        if folder is None or not folder.is_dir():
            return
        if self._built_by_project(doc, ctx, folder):
            return
        files = [p for p in _files(folder)]
        sources = [p for p in files if p.suffix in _SOURCE_SUFFIXES and not p.name.endswith(".d.ts")]
        scripts = [p for p in files if p.suffix in _JS_SUFFIXES]
        if sources and not scripts:
            yield doc.source.finding(
                self, *span,
                f"the Lambda asset folder `{rel}` holds only TypeScript sources ({sources[0].name}…), which Lambda "
                "cannot run: add a build step that compiles or bundles them (tsc, esbuild) and package its output")
            return
        runtimes = {int(m.group(1)) for m in _NODE_RUNTIME.finditer(doc.text)}
        provided = ("@aws-sdk/",) if not runtimes or min(runtimes) >= 18 else ("aws-sdk",)
        manifest = folder / "package.json"
        missing: list[str] = []
        if manifest.is_file():
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            deps = data.get("dependencies") if isinstance(data, dict) else None
            deps = list(deps) if isinstance(deps, dict) else []
            missing = [d for d in deps if not _provided(d, provided)]
            if missing and not (folder / "node_modules").is_dir():
                yield doc.source.finding(
                    self, *span,
                    f"the Lambda asset folder `{rel}` declares dependencies the runtime does not provide "
                    f"({', '.join(missing[:4])}) but has no node_modules and no build installs them: the function "
                    "fails with \"Cannot find module\"; run `npm ci --omit=dev` in it before synth or bundle it")
            return
        imported = set()
        for path in sources + scripts:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for m in _IMPORT.finditer(text):
                package = _package(m.group(1))
                if package and package not in _NODE_BUILTINS and not package.startswith("node:") and \
                        not _provided(package, provided):
                    imported.add(package)
        if imported:
            yield doc.source.finding(
                self, *span,
                f"the Lambda code in `{rel}` imports {', '.join(sorted(imported)[:4])}, which the runtime does not "
                "provide, and the folder has no package.json: add one with these dependencies and install or bundle "
                "them into the package")
            return
        requirements = folder / "requirements.txt"
        if requirements.is_file():
            try:
                lines = requirements.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                lines = []
            wanted = [re.split(r"[<>=!~\[; ]", ln.strip(), maxsplit=1)[0] for ln in lines
                      if ln.strip() and not ln.strip().startswith(("#", "-"))]
            vendored = {p.name.lower().replace("_", "-") for p in folder.iterdir()}
            missing = [w for w in wanted if w.lower() not in _PY_PROVIDED and
                       w.lower().replace("_", "-") not in vendored]
            if missing:
                yield doc.source.finding(
                    self, *span,
                    f"the Lambda asset folder `{rel}` requires {', '.join(missing[:4])} (requirements.txt) but they are "
                    "not installed into it and no build does so: `pip install -r requirements.txt -t` the folder "
                    "before synth, or use a layer")

    def _built_by_project(self, doc, ctx, folder: Path) -> bool:
        if _BUILD_WORDS.search(doc.text) and re.search(r"\b(?:execSync|spawnSync|subprocess|os\.system)\b", doc.text):
            return True
        if ctx.project is None:
            return False
        try:
            rel = folder.resolve().relative_to(Path(ctx.project).resolve()).as_posix()
        except ValueError:
            return False
        for path, text in _checks.project_files(ctx, "package.json", "Makefile", ".sh", ".mk", "cdktf.json",
                                                "Pipfile", "Dockerfile"):
            if "node_modules" in path.parts or path.parent == folder:
                continue
            if rel in text:
                return True
        return False


def _provided(package: str, provided: tuple) -> bool:
    return any(package == p.rstrip("/") or package.startswith(p) for p in provided)


def _package(spec: str) -> str:
    parts = spec.split("/")
    return "/".join(parts[:2]) if spec.startswith("@") else parts[0]


def _files(folder: Path):
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d not in ("node_modules", "__pycache__") and not d.startswith(".")]
        for name in filenames:
            yield Path(dirpath) / name


def _resolve(doc, ctx, base: str, rel: str) -> Path | None:
    if os.path.isabs(rel) or "${" in rel:
        return None
    if base == "file":
        return Path(os.path.normpath(Path(doc.source.path).resolve().parent / rel))
    if ctx.project is None:
        return None
    return Path(os.path.normpath(Path(ctx.project).resolve() / rel))


def _py_path(node):
    """("file" | "root", relative path) for a literal or a join from the module's folder."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return "root", node.value
    if isinstance(node, ast.JoinedStr):
        return None
    if isinstance(node, ast.Call):
        func = ast.unparse(node.func)
        if func in ("str", "os.path.abspath", "os.path.normpath", "os.path.realpath") and len(node.args) == 1:
            return _py_path(node.args[0])
        if func in ("os.path.dirname",) and node.args and "__file__" in ast.unparse(node.args[0]):
            return "file", ""
        if func == "os.path.join" and node.args:
            parts = [_py_path(a) for a in node.args]
            if any(p is None for p in parts):
                return None
            base = parts[0][0]
            if any(p[0] == "file" for p in parts[1:]):
                return None
            return base, "/".join(p[1] for p in parts if p[1])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        left, right = _py_path(node.left), _py_path(node.right)
        if left and right and right[0] == "root":
            return left[0], "/".join(p for p in (left[1], right[1]) if p)
    if isinstance(node, ast.Attribute) and node.attr == "parent" and "__file__" in ast.unparse(node.value):
        return "file", ""
    return None


def _ts_path(node):
    text = node.text()
    if node.kind() == "string" or node.kind() == "template_string" and "${" not in text:
        return "root", text[1:-1]
    if node.kind() == "identifier" and node.text() == "__dirname":
        return "file", ""
    if node.kind() == "call_expression":
        func = node.field("function")
        args = node.field("arguments")
        if func is None or args is None or func.text() not in ("path.join", "path.resolve", "join", "resolve"):
            return None
        parts = [_ts_path(a) for a in args.children() if a.is_named() and a.kind() != "comment"]
        if not parts or any(p is None for p in parts) or any(p[0] == "file" for p in parts[1:]):
            return None
        return parts[0][0], "/".join(p[1] for p in parts if p[1])
    return None
