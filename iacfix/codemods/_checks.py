"""Helpers shared by the issue-5 diagnostics (IAC501–IAC510): provider constructor calls with
their arguments, string literals, and what a rule may read of the project around a file."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from iacfix.codemods import _provider

TEST_NAME = re.compile(r"(?:^|/)(?:test_[^/]*\.py|[^/]*_test\.py|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?)$")
TEST_DIRS = ("test", "tests", "__tests__")


def is_test_path(path: str | Path) -> bool:
    """A test file by name (`test_*.py`, `*_test.py`, `*.test.ts`, `*.spec.ts`) or folder (`test/`, `tests/`)."""
    norm = str(path).replace("\\", "/")
    if TEST_NAME.search(norm):
        return True
    parts = norm.split("/")[:-1]
    return any(p in TEST_DIRS for p in parts) and norm.endswith((".py", ".ts", ".tsx", ".js", ".mts"))


# -- Python -----------------------------------------------------------------------------------
def py_kwargs(call: ast.Call) -> dict:
    return {k.arg: k.value for k in call.keywords if k.arg is not None}


def py_str(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def py_provider_calls(doc, ctx, classes):
    """(call, class name) for each call of a provider class in `classes` (any import form)."""
    index = ctx.provider
    for call in doc.calls:
        resolved = _provider.python_resolve(index, doc, call.func)
        if resolved and resolved[1] in classes:
            yield call, resolved[1]


def py_cdktf_calls(doc, names):
    """(call, name) for calls of `cdktf` core classes (TerraformOutput, TerraformAsset …)."""
    for call in doc.calls:
        qual = doc.imports.resolve(call.func)
        if qual is None and isinstance(call.func, ast.Name) and doc.imports.star_candidates(call.func.id):
            if any(m.split(".")[0] in ("cdktf", "cdktn") for m in doc.imports.star_candidates(call.func.id)):
                qual = f"cdktf.{call.func.id}"
        if qual and qual.split(".")[0] in ("cdktf", "cdktn") and qual.split(".")[-1] in names:
            yield call, qual.split(".")[-1]


# -- TypeScript -------------------------------------------------------------------------------
def ts_props(new) -> dict:
    """Property name → value node of the last object literal argument of a `new X(…)`."""
    args = new.field("arguments")
    if args is None:
        return {}
    objects = [a for a in args.children() if a.kind() == "object"]
    if not objects:
        return {}
    out = {}
    for pair in objects[-1].children():
        if pair.kind() == "pair":
            key, value = pair.field("key"), pair.field("value")
            if key is None or value is None:
                continue
            name = key.text()[1:-1] if key.kind() == "string" else key.text()
            out[name] = value
        elif pair.kind() == "shorthand_property_identifier":
            out[pair.text()] = pair
    return out


def ts_str(node) -> str | None:
    """A plain string literal (or a template string without substitutions)."""
    if node is None:
        return None
    text = node.text()
    if node.kind() == "string" or node.kind() == "template_string" and "${" not in text:
        return text[1:-1] if "\\" not in text else None
    return None


def ts_provider_news(doc, ctx, classes):
    """(new_expression, class name, props) for each `new X(…)` of a provider class in `classes`."""
    index = ctx.provider
    for new in doc.root.find_all(kind="new_expression"):
        ctor = new.field("constructor")
        resolved = _provider.ts_type(index, doc.imports.resolve(ctor)) if ctor is not None else None
        if resolved and resolved[1] in classes:
            yield new, resolved[1], ts_props(new)


def ts_cdktf_news(doc, names):
    """(new_expression, name) for `new TerraformOutput(…)` etc. from cdktf/cdktn (named or namespace)."""
    for new in doc.root.find_all(kind="new_expression"):
        ctor = new.field("constructor")
        resolved = doc.imports.resolve(ctor) if ctor is not None else None
        if resolved and resolved[0] in ("cdktf", "cdktn") and resolved[1].split(".")[-1] in names:
            yield new, resolved[1].split(".")[-1]


# -- the project ------------------------------------------------------------------------------
def project_files(ctx, *suffixes) -> list[tuple[Path, str]]:
    """The project's files (empty when the file is checked on its own, as in rule examples)."""
    if ctx.project is None:
        return []
    return ctx.sources.files(*suffixes)


def project_paths(ctx) -> tuple[Path, ...]:
    if ctx.project is None:
        return ()
    sources = ctx.sources
    sources.files(".__none__")  # walks once
    return sources._paths or ()


def package_json(ctx) -> dict | None:
    """The project root's package.json, parsed, or None."""
    if ctx.project is None:
        return None
    path = Path(ctx.project) / "package.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
