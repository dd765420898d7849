"""The editor integration around `iacfix lsp`: the VS Code extension and docs/editors.md agree with
each other and with what the server serves.

The compile test (`tsc` over the extension) is in the oracle tier: it needs the extension's npm
dependencies (`npm ci --prefix editors/vscode`), which CI installs; elsewhere it is skipped with
that reason, and it fails under IACFIX_REQUIRE_ORACLES=1.
"""
import asyncio
import json
import os
import re
import subprocess
import sys
import tomllib

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from typer.testing import CliRunner

from conftest import ROOT
from iacfix import cli, languages

EXTENSION = ROOT / "editors" / "vscode"
PACKAGE = json.loads((EXTENSION / "package.json").read_text())
SOURCE = (EXTENSION / "src" / "extension.ts").read_text()
DOCS = (ROOT / "docs" / "editors.md").read_text()

# The language VS Code gives a file by default, for each suffix iacfix's front ends read; names it
# does not know (Pipfile, .template) must be matched by a pattern instead.
VSCODE_LANGUAGE = {".py": "python", ".ts": "typescript", ".mts": "typescript", ".cts": "typescript",
                   ".tsx": "typescriptreact", ".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def selector() -> tuple[set[str], list[str]]:
    """The languages and glob patterns of the extension's DOCUMENT_SELECTOR."""
    block = re.search(r"DOCUMENT_SELECTOR = \[(.*?)\];", SOURCE, re.S).group(1)
    return set(re.findall(r'language: "([^"]+)"', block)), re.findall(r'pattern: "([^"]+)"', block)


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOCS, re.S)


def test_package_json_is_a_loadable_extension_manifest():
    for key in ("name", "publisher", "version", "engines", "main", "activationEvents", "contributes"):
        assert key in PACKAGE, key
    assert PACKAGE["engines"]["vscode"].startswith("^1.")
    assert "vscode-languageclient" in PACKAGE["dependencies"]
    # vsce refuses to package when @types/vscode is newer than the oldest VS Code the engine admits
    types = re.search(r"(\d+)\.(\d+)", PACKAGE["devDependencies"]["@types/vscode"]).groups()
    engine = re.search(r"(\d+)\.(\d+)", PACKAGE["engines"]["vscode"]).groups()
    assert tuple(map(int, types)) <= tuple(map(int, engine))


def test_main_is_what_the_build_produces():
    config = json.loads((EXTENSION / "tsconfig.json").read_text())["compilerOptions"]
    main = PACKAGE["main"].removeprefix("./")
    out_dir, root_dir = config["outDir"].rstrip("/"), config["rootDir"].rstrip("/")
    assert main.startswith(out_dir + "/") and main.endswith(".js")
    source = EXTENSION / root_dir / (main[len(out_dir) + 1:-3] + ".ts")
    assert source.is_file(), f"{PACKAGE['main']} is compiled from {source}, which does not exist"
    assert re.search(r"export (async )?function activate\(", source.read_text())
    assert PACKAGE["scripts"]["compile"].startswith("tsc")


def test_selector_and_activation_cover_every_file_the_server_reads():
    languages_, patterns = selector()
    activation = set(PACKAGE["activationEvents"])
    for suffix in languages.EXTENSIONS:
        language = VSCODE_LANGUAGE.get(suffix)
        if language:
            assert language in languages_, f"{suffix}: no selector entry for language {language}"
            assert f"onLanguage:{language}" in activation, f"{suffix}: not activated by onLanguage:{language}"
        elif suffix not in ("package.json", "cdktf.json"):  # JSON files: the json language covers them
            assert any(p.endswith(suffix) for p in patterns), f"{suffix}: no selector pattern"
            assert any(e.startswith("workspaceContains:") and e.endswith(suffix) for e in activation), suffix
    assert "**/.github/workflows/*.yml" in patterns


def test_configuration_keys_used_are_declared_and_declared_keys_used():
    declared = set(PACKAGE["contributes"]["configuration"]["properties"])
    section = re.search(r'getConfiguration\("(\w+)"\)', SOURCE).group(1)
    used = {f"{section}.{key}" for key in re.findall(r'settings\.get<[^>]+>\("([\w.]+)"', SOURCE)}
    used |= set(re.findall(r'affectsConfiguration\("([\w.]+)"\)', SOURCE))
    assert used and used <= declared, used - declared
    # the client reads `<id>.trace.server` by itself, for the id it is constructed with
    client_id = re.search(r'new LanguageClient\("([\w-]+)"', SOURCE).group(1)
    assert used | {f"{client_id}.trace.server"} == declared
    defaults = PACKAGE["contributes"]["configuration"]["properties"]
    assert [defaults["iacfix.path"]["default"], *defaults["iacfix.args"]["default"]] == ["iacfix", "lsp"]


def test_build_outputs_and_dependencies_are_not_committed():
    ignored = (EXTENSION / ".gitignore").read_text().split()
    assert "node_modules/" in ignored and "out/" in ignored
    assert "src/**" in (EXTENSION / ".vscodeignore").read_text().split()
    assert (EXTENSION / "package-lock.json").is_file()  # `npm ci` needs it


def test_the_documented_command_starts_the_server():
    result = CliRunner().invoke(cli.app, ["lsp", "--help"])
    assert result.exit_code == 0, result.output
    assert "language server" in result.output.lower()


def test_docs_snippets_name_the_real_command():
    lua = code_blocks("lua")
    servers = [block for block in lua if "cmd =" in block]
    assert len(servers) == 2  # vim.lsp.config and lspconfig's configs
    for block in servers:
        assert "cmd = { 'iacfix', 'lsp' }" in block
        for filetype in ("python", "typescript", "yaml", "json"):
            assert f"'{filetype}'" in block
        for marker in (".iacfix.toml", "pyproject.toml", "cdktf.json", ".git"):
            assert f"'{marker}'" in block
    assert "vim.lsp.enable('iacfix')" in servers[0] and "lspconfig.iacfix.setup" in servers[1]
    helix = tomllib.loads(next(b for b in code_blocks("toml") if "[language-server.iacfix]" in b))
    assert helix["language-server"]["iacfix"] == {"command": "iacfix", "args": ["lsp"]}
    assert {lang["name"] for lang in helix["language"] if "iacfix" in lang["language-servers"]} == \
        {"python", "typescript", "yaml", "json"}
    assert '("iacfix" "lsp")' in code_blocks("elisp")[0]
    sublime = next(json.loads(b) for b in code_blocks("json") if '"clients"' in b)
    assert sublime["clients"]["iacfix"]["command"] == ["iacfix", "lsp"]


def test_docs_vscode_settings_are_the_extensions():
    settings = next(json.loads(b) for b in code_blocks("json") if '"iacfix.path"' in b)
    declared = set(PACKAGE["contributes"]["configuration"]["properties"])
    assert {k for k in settings if k.startswith("iacfix.")} == declared
    assert settings["editor.codeActionsOnSave"] == {"source.fixAll.iacfix": "explicit"}
    assert "npm ci && npm run compile && npx @vscode/vsce package" in DOCS


async def server_capabilities() -> types.ServerCapabilities:
    """What `python -m iacfix lsp` from this work tree announces to an editor over stdio."""
    client = LanguageClient("test-editors", "0")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    await client.start_io(sys.executable, "-m", "iacfix", "lsp", env=env)
    try:
        result = await asyncio.wait_for(client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=ROOT.as_uri())), 60)
        await asyncio.wait_for(client.shutdown_async(None), 10)
        client.exit(None)
        return result.capabilities
    finally:
        await client.stop()


def test_the_action_docs_bind_to_save_is_one_the_server_offers():
    capabilities = asyncio.run(server_capabilities())
    kinds = capabilities.code_action_provider.code_action_kinds
    assert "source.fixAll.iacfix" in kinds
    assert "source.fixAll.iacfix" in DOCS and "source.fixAll.iacfix" in (EXTENSION / "README.md").read_text()


@pytest.mark.oracle
def test_extension_compiles_with_tsc(tmp_path):
    tsc = EXTENSION / "node_modules" / ".bin" / "tsc"
    if not (EXTENSION / "node_modules" / "vscode-languageclient").is_dir() or not tsc.exists():
        message = "the extension's npm dependencies are not installed (npm ci --prefix editors/vscode)"
        if os.environ.get("IACFIX_REQUIRE_ORACLES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run([str(tsc), "-p", str(EXTENSION), "--outDir", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / PACKAGE["main"].removeprefix("./out/")).is_file()
