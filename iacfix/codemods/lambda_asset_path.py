"""IAC109 lambda-asset-path."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from iacfix.codemods import _provider
from iacfix.languages.typescript import module_of
from iacfix.rules import Example, Rule

_TYPES = {("lambdaFunction", "LambdaFunction"), ("lambdaLayerVersion", "LambdaLayerVersion")}
_HASH_STRING = re.compile(r'\$\{filebase64sha256\("([^"$\\]+)"\)\}')
_TRIGGER = re.compile(r"\bfilename\b|filebase64sha256")


def relative_asset(value: str) -> bool:
    """A path Terraform would read relative to its working directory, written relative to the project:
    not absolute, not a URL, no interpolation, not already climbing out (`../../../x.zip` is the
    seed's stack-directory-relative form and is left as it is)."""
    if not value or value.startswith(("/", "~", "\\", "..")) or "${" in value or "://" in value:
        return False
    return not re.match(r"[A-Za-z]:[\\/]", value)


def ups_to_root(file_path: str, project) -> int | None:
    """How many folders lie between the file's folder and the project root (`lib/x.py` → 1);
    None when the file is not inside the project or the project has no manifest (`cdktf.json`,
    `package.json`, …) to say where its root is. Without a known project (one file checked on its
    own) a relative path is taken as relative to the project root (iacfix run from the root)."""
    from iacfix.config import PROJECT_MARKERS
    path = Path(file_path)
    if project is not None:
        if not any((Path(project) / marker).is_file() for marker in PROJECT_MARKERS):
            return None  # no manifest up to the folder iacfix was run on: where the root is is a guess
        try:
            rel = path.resolve().parent.relative_to(Path(project).resolve())
        except ValueError:
            return None
        return len(rel.parts)
    if path.is_absolute():
        return None
    return len([p for p in path.parent.parts if p not in ("", ".")])


class LambdaAssetPath(Rule):
    """A Lambda deployment package path written relative to the project root.

    CDKTF writes the Terraform configuration to `cdktf.out/stacks/<stack>/` and Terraform runs
    there, so `filename = "lambda/enrollment.zip"` and `${filebase64sha256("lambda/enrollment.zip")}`
    are opened relative to that folder and the deployment fails with "open lambda/enrollment.zip:
    no such file or directory" (seed 002 #6).

    Checked: CDKTF `LambdaFunction` and `LambdaLayerVersion` with a string-literal `filename` and
    a `source_code_hash` (`sourceCodeHash`) that is the string `${filebase64sha256("…")}` or
    `Fn.filebase64sha256("…")` with a literal path, in Python and TypeScript.

    Fix (safe: the same file the author named): the path is made absolute at synth time, anchored
    to the folder of the source file that names it and climbing to the project root (the nearest
    folder with `cdktf.json`, `package.json`, …):
    `os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lambda/enrollment.zip")` in
    Python (`import os` added when missing), `path.resolve(__dirname, '..', 'lambda/enrollment.zip')`
    in TypeScript (`import * as path from 'path'` added when missing); a hash string becomes
    `Fn.filebase64sha256(<same expression>)` (`Fn` imported from `cdktf`).

    Why this form and not the seed's `../../../lambda/enrollment.zip`: that one is relative to
    `cdktf.out/stacks/<stack>/`, so it silently depends on the output folder (`output` in
    cdktf.json) and on the stack layout, and it is wrong for anything that reads the path at synth
    time (unit tests, `Testing.synth`). Anchoring to the source file works whatever the working
    directory of synth or Terraform, and needs nothing on disk at synth time (a `TerraformAsset`
    would copy the archive during synth and fail synth when it is built later). The cost: the
    synthesized JSON holds an absolute path of the machine that ran synth, which is where
    `cdktf deploy` runs it. TypeScript compiled to another folder before running (an `app` that runs
    `node dist/…`) moves `__dirname`; such projects run `ts-node` in practice, which keeps it.

    Left alone: absolute paths, paths that already climb (`../…`), `${path.module}` and other
    interpolations, any non-literal value (a variable, `path.join(__dirname, …)`, a `TerraformAsset`
    or an `archive_file` output), and files outside the project; without a manifest to locate the project root the path is
    reported without a fix.
    """

    id = "IAC109"
    slug = "lambda-asset-path"
    summary = "Lambda filename / filebase64sha256 path relative to the project root: anchored to the source file"
    rationale = "seed 002 #6 ('lambda/enrollment.zip' read from cdktf.out/stacks/<stack>/; the seed used ../../../)"
    seeds = ("002#6",)
    languages = ("python", "typescript")
    examples = (
        Example("typescript", """\
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';

new LambdaFunction(this, 'enrollment', {
  functionName: 'enrollment',
  filename: 'lambda/enrollment.zip',
  sourceCodeHash: '${filebase64sha256("lambda/enrollment.zip")}',
  handler: 'index.handler',
  runtime: 'nodejs18.x',
  role: role.arn,
});
""", """\
import * as path from 'path';
import { Fn } from 'cdktf';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';

new LambdaFunction(this, 'enrollment', {
  functionName: 'enrollment',
  filename: path.resolve(__dirname, '..', 'lambda/enrollment.zip'),
  sourceCodeHash: Fn.filebase64sha256(path.resolve(__dirname, '..', 'lambda/enrollment.zip')),
  handler: 'index.handler',
  runtime: 'nodejs18.x',
  role: role.arn,
});
"""),
        Example("python", """\
from cdktf import Fn
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction

LambdaFunction(self, "fn", function_name="fn", role=role.arn, handler="index.handler", runtime="python3.12",
               filename="lambda_function.zip",  # built by CI
               source_code_hash=Fn.filebase64sha256("lambda_function.zip"))
""", """\
import os
from cdktf import Fn
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction

LambdaFunction(self, "fn", function_name="fn", role=role.arn, handler="index.handler", runtime="python3.12",
               filename=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lambda_function.zip"),  # built by CI
               source_code_hash=Fn.filebase64sha256(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lambda_function.zip")))
"""),
        # valid: already anchored, an asset, the seed's stack-relative form
        Example("typescript", """\
import * as path from 'path';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';

new LambdaFunction(this, 'a', { filename: path.join(__dirname, 'lambda', 'a.zip'), functionName: 'a', role: r, handler: 'h', runtime: 'nodejs18.x' });
new LambdaFunction(this, 'b', { filename: asset.path, sourceCodeHash: asset.assetHash, functionName: 'b', role: r, handler: 'h', runtime: 'nodejs18.x' });
new LambdaFunction(this, 'c', { filename: '../../../lambda/c.zip', functionName: 'c', role: r, handler: 'h', runtime: 'nodejs18.x' });
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return any(t in text for t in _provider.TRIGGERS) and "ambda" in text and bool(_TRIGGER.search(text))

    def _message(self, what: str, value: str) -> str:
        return (f"Lambda {what} `{value}` is relative to the project, but Terraform opens it from "
                f"cdktf.out/stacks/<stack>/; anchored to this file's folder so it resolves from any working directory")

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        ups = None
        for call in doc.calls:
            if _provider.python_resolve(index, doc, call.func) not in _TYPES:
                continue
            args = {k.arg: k.value for k in call.keywords if k.arg is not None}
            targets = []  # (node to replace, path, wrap in Fn.filebase64sha256)
            filename = args.get("filename")
            if _literal(doc, filename) is not None and relative_asset(filename.value):
                targets.append((filename, filename.value, False))
            digest = args.get("source_code_hash")
            if _literal(doc, digest) is not None:
                m = _HASH_STRING.fullmatch(digest.value)
                if m and relative_asset(m.group(1)):
                    targets.append((digest, m.group(1), True))
            elif isinstance(digest, ast.Call) and len(digest.args) == 1 and not digest.keywords and \
                    doc.imports.resolve(digest.func) == "cdktf.Fn.filebase64sha256":
                arg = digest.args[0]
                if _literal(doc, arg) is not None and relative_asset(arg.value):
                    targets.append((arg, arg.value, False))
            if not targets:
                continue
            if ups is None:
                ups = ups_to_root(doc.source.path, ctx.project)
            start, end = doc.span(targets[0][0])
            message = self._message("filename" if targets[0][0] is filename else "source_code_hash path", targets[0][1])
            if ups is None:
                yield doc.source.finding(self, start, end, message)
                continue
            os_name, edits = _py_os(doc)
            if os_name is None:
                yield doc.source.finding(self, start, end, message)
                continue
            quote = doc.text[start]
            for node, value, wrap in targets:
                parts = ", ".join([f"{os_name}.path.dirname({os_name}.path.abspath(__file__))"] +
                                  [f"{quote}..{quote}"] * ups + [f"{quote}{value}{quote}"])
                expr = f"{os_name}.path.join({parts})"
                if wrap:
                    fn, fn_edits = doc.reference("cdktf", "Fn")
                    edits += fn_edits
                    expr = f"{fn}.filebase64sha256({expr})"
                s, e = doc.span(node)
                edits.append(doc.source.edit(s, e, expr))
            yield doc.source.finding(self, start, end, message, _dedupe(edits))

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        ups = None
        for new in doc.root.find_all(kind="new_expression"):
            ctor, args = new.field("constructor"), new.field("arguments")
            if ctor is None or args is None or _provider.ts_type(index, doc.imports.resolve(ctor)) not in _TYPES:
                continue
            objects = [a for a in args.children() if a.kind() == "object"]
            if not objects:
                continue
            values = {}
            for pair in objects[-1].children():
                key = pair.field("key") if pair.kind() == "pair" else None
                if key is not None and pair.field("value") is not None:
                    values[key.text().strip("'\"")] = pair.field("value")
            targets = []
            filename = values.get("filename")
            value = _ts_literal(filename)
            if value is not None and relative_asset(value):
                targets.append((filename, value, False))
            digest = values.get("sourceCodeHash")
            value = _ts_literal(digest)
            if value is not None:
                m = _HASH_STRING.fullmatch(value)
                if m and relative_asset(m.group(1)):
                    targets.append((digest, m.group(1), True))
            elif digest is not None and digest.kind() == "call_expression":
                func, call_args = digest.field("function"), digest.field("arguments")
                resolved = doc.imports.resolve(func) if func is not None else None
                inner = [c for c in call_args.children() if c.is_named()] if call_args is not None else []
                if resolved == ("cdktf", "Fn.filebase64sha256") and len(inner) == 1:
                    value = _ts_literal(inner[0])
                    if value is not None and relative_asset(value):
                        targets.append((inner[0], value, False))
            if not targets:
                continue
            if ups is None:
                ups = ups_to_root(doc.source.path, ctx.project)
            start, end = doc.span(targets[0][0])
            message = self._message("filename" if targets[0][0] is filename else "sourceCodeHash path", targets[0][1])
            if ups is None:
                yield doc.source.finding(self, start, end, message)
                continue
            quote = doc.text[start] if doc.text[start] in "'\"" else "'"
            path_name, edits = _ts_path(doc, doc.import_quote())
            if path_name is None:
                yield doc.source.finding(self, start, end, message)
                continue
            for node, value, wrap in targets:
                parts = ", ".join(["__dirname"] + [f"{quote}..{quote}"] * ups + [f"{quote}{value}{quote}"])
                expr = f"{path_name}.resolve({parts})"
                if wrap:
                    fn, fn_edits = _ts_fn(doc, doc.import_quote())
                    edits += fn_edits
                    expr = f"{fn}.filebase64sha256({expr})"
                s, e = doc.span(node)
                edits.append(doc.source.edit(s, e, expr))
            yield doc.source.finding(self, start, end, message, _dedupe(edits))


# -- helpers ---------------------------------------------------------------------------------
def _dedupe(edits: list) -> list:
    out = []
    for edit in edits:
        if edit not in out:
            out.append(edit)
    return out


def _literal(doc, node) -> str | None:
    """The value of a plain one-line string literal (no prefix, no escapes, no concatenation)."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return None
    start, end = doc.span(node)
    text = doc.text[start:end]
    if len(text) < 2 or text[0] not in "'\"" or text[-1] != text[0] or text[1:-1].replace('\\"', '"') != node.value:
        return None
    return node.value


def _ts_literal(node) -> str | None:
    """The value of a plain string literal, or of a template literal without `${…}` substitutions."""
    if node is None or node.kind() not in ("string", "template_string"):
        return None
    text = node.text()
    if node.kind() == "template_string" and "${" in text:
        return None
    value = text[1:-1].replace("\\'", "'").replace('\\"', '"')
    return None if "\\" in value else value


def _py_os(doc) -> tuple[str | None, list]:
    """The local name of the `os` module, and the edit adding `import os` when there is none."""
    for local, qual in doc.imports.names.items():
        if qual == "os":
            return local, []
    if "os" in doc.imports.names or "os" in doc.imports.local_names:
        return None, []  # `os` is something else here
    first = next((s for s in doc.imports.top_level
                  if not (isinstance(s, ast.ImportFrom) and s.module == "__future__")), None)
    nl = doc.source.newline
    if first is None:
        last = doc.imports.top_level[-1] if doc.imports.top_level else None
        if last is None:
            return "os", [doc.source.edit(0, 0, f"import os{nl}")]
        _, end = doc.span(last)
        return "os", [doc.source.edit(end, end, f"{nl}import os")]
    start, _ = doc.span(first)
    return "os", [doc.source.edit(start, start, f"import os{nl}")]


def _ts_path(doc, quote: str) -> tuple[str | None, list]:
    """The local name of Node's `path` module and the edit importing it when it is not imported."""
    for local, (spec, member) in doc.imports.names.items():
        if spec in ("path", "node:path") and member in ("", "default"):
            return local, []
    if "path" in doc.imports.names:
        return None, []
    if re.search(r"\b(?:const|let|var|function|class)\s+path\b", doc.text):
        return None, []  # a local `path` would shadow the import
    nl = doc.source.newline
    line = f"import * as path from {quote}path{quote};{nl}"
    first = doc.imports.statements[0] if doc.imports.statements else None
    at = doc.span(first)[0] if first is not None else 0
    return "path", [doc.source.edit(at, at, line)]


def _ts_fn(doc, quote: str) -> tuple[str, list]:
    """How to reach cdktf's `Fn` here, with the import edits."""
    for local, (spec, member) in doc.imports.names.items():
        if spec == "cdktf" and member == "Fn":
            return local, []
    for local, (spec, member) in doc.imports.names.items():
        if spec == "cdktf" and member == "":
            return f"{local}.Fn", []
    for stmt in doc.imports.statements:
        named = stmt.find(kind="named_imports")
        if named is not None and module_of(stmt) == "cdktf" and "type" not in stmt.text().split("{")[0]:
            return "Fn", doc.append_specifier(named, "Fn")
    nl = doc.source.newline
    line = f"import {{ Fn }} from {quote}cdktf{quote};{nl}"
    first = doc.imports.statements[0] if doc.imports.statements else None
    anchor = next((s for s in doc.imports.statements if module_of(s) != "path"), first)
    at = doc.span(anchor)[0] if anchor is not None else 0
    return "Fn", [doc.source.edit(at, at, line)]
