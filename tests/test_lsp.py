"""`iacfix lsp` driven over stdio by pytest-lsp, plus the position converter it relies on.

Golden cases give the expectations: a quick fix (or "fix all") applied to the `before/` buffer must
give the case's `after/` file. The server tests share one server started like VS Code's client
(versioned edits, code actions resolved), plus one for a client that declares no capability.
"""
import ast
import asyncio
import json
import re
import shutil
import subprocess
import sys
import tomllib

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client as lsp_client_mod

from conftest import ROOT
from iacfix import lsp
from iacfix.config import Config
from iacfix.engine import Context, FileResult
from iacfix.lsp import LineIndex, comment_prefix, minimal_edits, suppression_edit, workspace_edit

# the server tests share one event loop, and so one server, per module
on_server = pytest.mark.asyncio(loop_scope="module")

# (golden case, the one file the fix changes)
PY_SAFE = ("provider-import-path/py-package-namespace-crlf", "lib/tap_stack.py")  # CRLF
TS_SAFE = ("asg-elb-health-check/ts-attachment-namespace-import", "lib/tap-stack.ts")
CFN_YAML_SAFE = ("rds-engine-version/cfn-seed-001-mysql-8-0-35", "lib/TapStack.yml")
CFN_JSON_SAFE = ("secret-resolve-by-name/json-fn-sub-name-list-merge", "lib/TapStack.json")
PY_UNSAFE = ("db-subnet-group/py-group-created-not-passed", "lib/tap_stack.py")
FIX_ALL_MIXED = ("dependency-floors/py-pipfile-safe-only", "Pipfile")  # one unsafe fix stays
SLOW_RULE = ("cfn-lint-repair/e3002-move-yaml-shallower", "lib/TapStack.yml")  # IAC330: cfn-lint, 2 findings
CASES = [PY_SAFE, TS_SAFE, CFN_YAML_SAFE, CFN_JSON_SAFE, PY_UNSAFE, FIX_ALL_MIXED, SLOW_RULE]


# --- the converter ------------------------------------------------------------------------------

def test_byte_offsets_become_utf16_positions_across_crlf_cr_and_astral_characters():
    text = "é😀x = 1\r\nfoo\rbar\n😀"
    index = LineIndex(text)
    # é is 2 bytes / 1 UTF-16 unit, 😀 4 bytes / 2 units: x starts at byte 6, column 3
    assert index.position_of_byte(6) == types.Position(0, 3)
    assert index.position_of_byte(13) == types.Position(1, 0)  # after "x = 1\r\n" (5 + 2 bytes)
    assert index.position_of_byte(17) == types.Position(2, 0)  # a lone \r ends a line too
    assert index.position_of_byte(21) == types.Position(3, 0)
    assert index.position_of_byte(25) == types.Position(3, 2)  # end of text, after one astral character
    with pytest.raises(ValueError):
        index.position_of_byte(3)  # inside the 😀
    assert LineIndex(text, "utf-8").position_of_byte(6) == types.Position(0, 6)
    assert LineIndex(text, "utf-32").position_of_byte(6) == types.Position(0, 2)


def test_finding_columns_are_characters_on_newline_counted_lines():
    index = LineIndex("a\r\n  😀b = 1\n")
    # iacfix: line 2, column 4 is "b" (characters: space, space, 😀, b)
    assert index.position_of_finding(2, 4) == types.Position(1, 4)


def test_minimal_edits_touch_only_changed_lines_and_keep_crlf():
    old = "one\r\ntwo\r\nthree\r\n"
    new = "one\r\n2\r\nthree\r\nfour\r\n"
    index = LineIndex(old)
    edits = minimal_edits(index, new)
    assert [(e.range.start.line, e.range.end.line) for e in edits] == [(1, 2), (3, 3)]
    assert apply_edits(old, edits) == new


def test_suppression_comment_goes_above_or_joins_an_existing_one():
    text = "import x\r\n    value = f(1)  # iacfix: ignore[IAC101]\r\n    other = g()\r\n"
    index = LineIndex(text)
    joined = suppression_edit(index, 1, "IAC102", "#")
    assert apply_edits(text, [joined]).splitlines()[1].endswith("# iacfix: ignore[IAC101, IAC102]")
    above = suppression_edit(index, 2, "IAC102", "#")
    assert apply_edits(text, [above]) == ("import x\r\n    value = f(1)  # iacfix: ignore[IAC101]\r\n"
                                          "    # iacfix: ignore[IAC102]\r\n    other = g()\r\n")
    ts = LineIndex("// iacfix: ignore[]\nconst a = 1;\n")
    assert apply_edits(ts.text, [suppression_edit(ts, 1, "IAC101", "//")]).startswith("// iacfix: ignore[IAC101]\n")


def test_json_documents_get_no_comment_syntax():
    result = FileResult("t.json", language="cloudformation")
    assert comment_prefix(ROOT / "t.json", result, "{}") is None
    assert comment_prefix(ROOT / "t.template", result, ' {"Resources": {}}') is None
    assert comment_prefix(ROOT / "t.yaml", result, "Resources: {}") == "#"
    assert comment_prefix(ROOT / "t.ts", FileResult("t.ts", language="typescript"), "") == "//"


def test_edits_are_versioned_only_for_clients_that_support_it():
    edit = types.TextEdit(types.Range(types.Position(0, 0), types.Position(0, 1)), "x")
    versioned = workspace_edit("file:///a.py", 7, [edit], versioned=True)
    assert versioned.changes is None
    (change,) = versioned.document_changes
    assert change.text_document.version == 7 and change.edits == [edit]
    plain = workspace_edit("file:///a.py", 7, [edit], versioned=False)
    assert plain.document_changes is None and plain.changes == {"file:///a.py": [edit]}


@pytest.mark.parametrize("outcome", ["raises", "internal error"])
def test_a_crash_while_checking_shows_nothing_and_offers_nothing(monkeypatch, outcome):
    def check_source(path, data, *args, **kwargs):
        if outcome == "raises":
            raise RuntimeError("boom")
        return FileResult(str(path), language="python", original=data,
                          internal_error="rule IAC101 crashed: KeyError; file left unchanged")

    monkeypatch.setattr(lsp.api, "check_source", check_source)
    analysis = lsp.analyse("file:///w/a.py", ROOT / "a.py", "import cdktf\n", 1, Config(), Context(), "utf-16")
    assert analysis.diagnostics == [] and not analysis.usable
    assert (analysis.crash == "RuntimeError: boom") == (outcome == "raises")


@pytest.mark.parametrize("shutdown_first, code", [(True, 0), (False, 1)])
def test_exit_code_follows_the_protocol(shutdown_first, code):
    """0 after shutdown then exit, 1 for an exit without shutdown (LSP's rule for `exit`)."""
    def message(**body) -> bytes:
        data = json.dumps({"jsonrpc": "2.0", **body}).encode()
        return b"Content-Length: %d\r\n\r\n%s" % (len(data), data)

    requests = [message(id=1, method="initialize", params={"capabilities": {}}),
                message(method="initialized", params={})]
    if shutdown_first:
        requests.append(message(id=2, method="shutdown"))
    requests.append(message(method="exit"))
    done = subprocess.run([sys.executable, "-m", "iacfix", "lsp"], input=b"".join(requests),
                          capture_output=True, timeout=120)
    assert done.returncode == code, done.stderr.decode()
    assert b'"serverInfo"' in done.stdout


# --- helpers ------------------------------------------------------------------------------------

def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions, all relative to `text`) as an editor would."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def offset(position: types.Position) -> int:
        at, units = starts[position.line] if position.line < len(starts) else len(text), 0
        while units < position.character:
            assert text[at] not in "\r\n", "column past the end of the line"
            units += 2 if ord(text[at]) > 0xFFFF else 1
            at += 1
        assert units == position.character, "column inside a surrogate pair"
        return at

    spans = [(offset(e.range.start), offset(e.range.end), i, e.new_text) for i, e in enumerate(edits)]
    for start, end, _, new_text in sorted(spans, key=lambda s: (s[0], s[2]), reverse=True):
        text = text[:start] + new_text + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str, version: int | None) -> list[types.TextEdit]:
    """The action's edits for `uri`: versioned `documentChanges` for a client that asked for them
    (`version` given), plain `changes` otherwise."""
    if version is None:
        assert action.edit.document_changes is None
        return list(action.edit.changes[uri])
    (change,) = action.edit.document_changes
    assert change.text_document.uri == uri and change.text_document.version == version
    return list(change.edits)


def _record_publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
    client.diagnostics[params.uri] = params.diagnostics
    client.published[params.uri] = (params.version, params.diagnostics)
    client.history.append((params.uri, params.version))
    client.codes.append((params.uri, params.version, sorted(d.code for d in params.diagnostics)))


def make_client() -> LanguageClient:
    """pytest-lsp's test client, also remembering which version each publish was for."""
    client = LanguageClient(converter_factory=lsp_client_mod.default_converter)
    client.published = {}  # uri -> (version, diagnostics) of the latest publish
    client.history = []  # (uri, version) of every publish, in order
    client.codes = []  # (uri, version, the rule ids published), in order
    lsp_client_mod.register_lsp_features(client, {**lsp_client_mod.DEFAULT_CLIENT_FEATURES,
                                                 types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record_publish})
    return client


async def diagnostics(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """Wait for the diagnostics the server publishes for this version of the document."""
    for _ in range(1200):  # a generous bound for a cold first run on a busy CI machine, not a timing check
        published = client.published.get(uri)
        if published and published[0] == version:
            return list(published[1])
        await asyncio.sleep(0.025)
    raise AssertionError(f"no diagnostics for {uri} version {version}")


def open_document(client: LanguageClient, path, text: str, language: str = "python", version: int = 1) -> str:
    uri = from_fs_path(str(path))
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def change_document(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [types.TextDocumentContentChangeWholeDocument(text=text)]))


async def code_actions(client, uri, where: types.Range, only=None, diagnostics_=()) -> list[types.CodeAction]:
    return await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), where, types.CodeActionContext(list(diagnostics_), only=only))) or []


def read_text(path) -> str:
    return path.read_bytes().decode("utf-8")  # line breaks exactly as stored


# --- the server ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """The golden cases' `before/` trees, each with a config selecting the case's rules."""
    root = tmp_path_factory.mktemp("lsp-workspace")
    for case, _ in CASES:
        dest = root / case.replace("/", "__")
        shutil.copytree(ROOT / "golden" / case / "before", dest)
        select = tomllib.loads((ROOT / "golden" / case / "case.toml").read_text()).get("options", {}).get("select")
        if select:
            (dest / ".iacfix.toml").write_text("select = [" + ", ".join(f'"{r}"' for r in select) + "]\n")
    return root


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "iacfix", "lsp"], client_factory=make_client))
async def client(lsp_client: LanguageClient, workspace):
    # as VS Code: versioned edits, and code actions whose edit is filled in on resolve
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True)),
        text_document=types.TextDocumentClientCapabilities(code_action=types.CodeActionClientCapabilities(
            resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"]))))
    lsp_client.initialize_result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=capabilities,
        workspace_folders=[types.WorkspaceFolder(from_fs_path(str(workspace)), "workspace")]))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "iacfix", "lsp"], client_factory=make_client))
async def plain_client(lsp_client: LanguageClient, workspace):
    """A client that declares no optional capability at all."""
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=from_fs_path(str(workspace))))
    yield
    await lsp_client.shutdown_session()


def case_paths(workspace, case):
    name, rel = case
    return workspace / name.replace("/", "__") / rel, ROOT / "golden" / name / "after" / rel


@on_server
async def test_the_server_announces_full_sync_saves_and_its_action_kinds(client):
    capabilities = client.initialize_result.capabilities
    assert client.initialize_result.server_info.name == "iacfix"
    sync = capabilities.text_document_sync
    assert sync.change == types.TextDocumentSyncKind.Full and sync.open_close and sync.save
    assert set(capabilities.code_action_provider.code_action_kinds) == {
        "quickfix", "source.fixAll", "source.fixAll.iacfix"}


@on_server
@pytest.mark.parametrize("case", [PY_SAFE, TS_SAFE, CFN_YAML_SAFE, CFN_JSON_SAFE], ids=lambda c: c[0])
async def test_preferred_quick_fix_gives_the_golden_after(client, workspace, case):
    path, after = case_paths(workspace, case)
    before = read_text(path)
    language = {".py": "python", ".ts": "typescript", ".yml": "yaml", ".json": "json"}[path.suffix]
    uri = open_document(client, path, before, language)
    found = await diagnostics(client, uri, 1)
    assert len(found) == 1
    (diagnostic,) = found
    assert diagnostic.source == "iacfix" and re.fullmatch(r"IAC\d{3}", diagnostic.code)
    assert diagnostic.severity == types.DiagnosticSeverity.Warning

    actions = await code_actions(client, uri, diagnostic.range, diagnostics_=[diagnostic])
    fixes = [a for a in actions if a.title.startswith("Fix: ")]
    assert len(fixes) == 1 and fixes[0].is_preferred and fixes[0].kind == types.CodeActionKind.QuickFix
    assert "(unsafe)" not in fixes[0].title
    assert apply_edits(before, edits_of(fixes[0], uri, 1)) == read_text(after)

    ignores = [a for a in actions if a.title.startswith("Ignore ")]
    if path.suffix == ".json":
        assert ignores == []  # JSON has no comments
    else:
        assert [a.title for a in ignores] == [f"Ignore {diagnostic.code} on this line"]


@on_server
async def test_unsafe_fix_is_labelled_not_preferred_and_still_gives_the_golden_after(client, workspace):
    path, after = case_paths(workspace, PY_UNSAFE)
    before = read_text(path)
    uri = open_document(client, path, before)
    (diagnostic,) = await diagnostics(client, uri, 1)
    actions = await code_actions(client, uri, diagnostic.range, only=[types.CodeActionKind.QuickFix])
    (fix,) = [a for a in actions if a.title.startswith("Fix: ")]
    assert fix.title.endswith("(unsafe)") and not fix.is_preferred
    assert apply_edits(before, edits_of(fix, uri, 1)) == read_text(after)
    # nothing safe to do in this file: no fix-all
    everything = await code_actions(client, uri, diagnostic.range)
    assert not [a for a in everything if a.kind == "source.fixAll.iacfix"]


@on_server
async def test_slow_rules_publish_after_the_others_and_their_fixes_apply(client, workspace):
    path, after = case_paths(workspace, SLOW_RULE)
    before = read_text(path)
    uri = open_document(client, path, before, "yaml")
    for _ in range(2400):  # a bound for cfn-lint's cold start on a busy machine, not a timing check
        if [codes for u, v, codes in client.codes if u == uri and "IAC330" in codes]:
            break
        await asyncio.sleep(0.025)
    published = [(v, codes) for u, v, codes in client.codes if u == uri]
    # the first publish comes without the cfn-lint pass, the next one adds its findings
    assert published[0] == (1, []) and published[-1] == (1, ["IAC330", "IAC330"]), published
    whole = types.Range(types.Position(0, 0), types.Position(0, 0))
    (offered,) = await code_actions(client, uri, whole, only=[types.CodeActionKind.SourceFixAll])
    fix_all = await client.code_action_resolve_async(offered)
    assert apply_edits(before, edits_of(fix_all, uri, 1)) == read_text(after)


@on_server
async def test_fix_all_applies_only_the_safe_fixes(client, workspace):
    path, after = case_paths(workspace, FIX_ALL_MIXED)
    before = read_text(path)
    uri = open_document(client, path, before, "toml")
    found = await diagnostics(client, uri, 1)
    assert len(found) == 3
    whole = types.Range(types.Position(0, 0), types.Position(0, 0))
    assert not await code_actions(client, uri, whole, only=[types.CodeActionKind.QuickFix + ".nothing"])
    (offered,) = await code_actions(client, uri, whole, only=[types.CodeActionKind.SourceFixAll])
    assert offered.kind == "source.fixAll.iacfix" and offered.title == "Fix all safe iacfix issues in file"
    assert offered.edit is None  # this client resolves: the fix passes run only when picked
    fix_all = await client.code_action_resolve_async(offered)
    fixed = apply_edits(before, edits_of(fix_all, uri, 1))
    assert fixed == read_text(after)
    change_document(client, uri, fixed, 2)
    remaining = await diagnostics(client, uri, 2)
    assert len(remaining) == 1  # the unsafe one is still reported
    (action,) = [a for a in await code_actions(client, uri, remaining[0].range) if a.title.startswith("Fix: ")]
    assert action.title.endswith("(unsafe)")
    # the action offered for version 1, resolved now, gets no edit for a text that moved on
    assert (await client.code_action_resolve_async(offered)).edit is None


@on_server
async def test_a_client_without_resolve_or_versioned_edits_gets_complete_plain_edits(plain_client, workspace):
    path, after = case_paths(workspace, FIX_ALL_MIXED)
    before = read_text(path)
    uri = open_document(plain_client, path, before, "toml")
    found = await diagnostics(plain_client, uri, 1)
    (fix_all,) = await code_actions(plain_client, uri, found[0].range, only=["source"])
    assert apply_edits(before, edits_of(fix_all, uri, None)) == read_text(after)
    quick = [a for a in await code_actions(plain_client, uri, found[0].range) if a.title.startswith("Fix: ")]
    assert quick and all(a.edit.changes for a in quick)


@on_server
async def test_suppression_action_makes_the_diagnostic_disappear(client, workspace):
    path, _ = case_paths(workspace, TS_SAFE)
    path = path.with_name("suppressed.ts")
    text = read_text(path.with_name("tap-stack.ts"))
    uri = open_document(client, path, text, "typescript")
    (diagnostic,) = await diagnostics(client, uri, 1)
    actions = await code_actions(client, uri, diagnostic.range)
    (ignore,) = [a for a in actions if a.title == f"Ignore {diagnostic.code} on this line"]
    suppressed = apply_edits(text, edits_of(ignore, uri, 1))
    assert f"// iacfix: ignore[{diagnostic.code}]" in suppressed
    change_document(client, uri, suppressed, 2)
    assert await diagnostics(client, uri, 2) == []
    # a stale request for the old text's range now gets no fix (the finding is gone)
    assert not [a for a in await code_actions(client, uri, diagnostic.range) if a.title.startswith("Fix")]


@on_server
async def test_crlf_and_astral_characters_before_the_edit_get_correct_ranges(client, workspace):
    path, after = case_paths(workspace, PY_SAFE)
    path = path.with_name("astral_stack.py")

    def decorate(text: str) -> str:
        assert "\r\n" in text
        text = text.replace("import", "# café 😀 𝔘\r\nimport", 1)
        return text.replace('network = aws', 'label = "😀é𝔘"; network = aws', 1)

    before, expected = decorate(read_text(path.with_name("tap_stack.py"))), decorate(read_text(after))
    uri = open_document(client, path, before)
    (diagnostic,) = await diagnostics(client, uri, 1)
    (fix,) = [a for a in await code_actions(client, uri, diagnostic.range) if a.is_preferred]
    assert apply_edits(before, edits_of(fix, uri, 1)) == expected


@on_server
async def test_rapid_changes_publish_in_order_and_end_on_the_latest_version(client, workspace):
    path, after = case_paths(workspace, PY_SAFE)
    path = path.with_name("typing_fast.py")
    before = read_text(path.with_name("tap_stack.py"))
    uri = open_document(client, path, before)
    assert len(await diagnostics(client, uri, 1)) == 1
    already = len(client.history)
    for version, text in enumerate([read_text(after), before + "\r\n# more", read_text(after) + "# done\r\n"], 2):
        change_document(client, uri, text, version)  # no waiting between changes: one debounce window
    assert await diagnostics(client, uri, 4) == []
    seen = [version for published, version in client.history[already:] if published == uri]
    assert seen == sorted(seen) and seen[-1] == 4  # an older version never overwrites a newer one


@on_server
async def test_the_buffer_not_the_disk_is_analysed(client, workspace):
    path, after = case_paths(workspace, PY_SAFE)
    path = path.with_name("on_disk_fixed.py")
    path.write_bytes(after.read_bytes())  # the disk holds the fixed file
    uri = open_document(client, path, read_text(path.with_name("tap_stack.py")))  # the buffer, the broken one
    assert len(await diagnostics(client, uri, 1)) == 1
    change_document(client, uri, read_text(after), 2)
    assert await diagnostics(client, uri, 2) == []


@on_server
async def test_a_broken_buffer_gets_at_most_one_note_and_no_actions(client, workspace):
    path, _ = case_paths(workspace, PY_SAFE)
    path = path.with_name("broken.py")
    text = read_text(path.with_name("tap_stack.py")).replace("def __init__(", "def __init__((", 1)
    uri = open_document(client, path, text)
    found = await diagnostics(client, uri, 1)
    assert len(found) <= 1
    if found:
        assert found[0].severity == types.DiagnosticSeverity.Information and "parse" in found[0].message
    everywhere = types.Range(types.Position(0, 0), types.Position(len(text.splitlines()), 0))
    assert await code_actions(client, uri, everywhere) == []
    change_document(client, uri, "from cdktf import App\x00\x01", 2)  # binary garbage
    assert len(await diagnostics(client, uri, 2)) <= 1
    assert await code_actions(client, uri, everywhere) == []
    # the server is still there and still working
    change_document(client, uri, read_text(path.with_name("tap_stack.py")), 3)
    assert len(await diagnostics(client, uri, 3)) == 1


@on_server
async def test_a_bad_config_is_shown_once_and_defaults_are_used(client, workspace):
    folder = workspace / "bad-config"
    folder.mkdir()
    (folder / ".iacfix.toml").write_text("select = [\n")
    shutil.copy(ROOT / "golden" / PY_SAFE[0] / "before" / "cdktf.json", folder / "cdktf.json")
    text = read_text(ROOT / "golden" / PY_SAFE[0] / "before" / PY_SAFE[1])
    first = open_document(client, folder / "a.py", text)
    second = open_document(client, folder / "b.py", text)
    assert any(d.code == "IAC110" for d in await diagnostics(client, first, 1))
    await diagnostics(client, second, 1)
    shown = [m for m in client.messages if ".iacfix.toml" in m.message]
    assert len(shown) == 1 and shown[0].type == types.MessageType.Error


@on_server
async def test_saving_a_config_file_rechecks_open_documents_with_it(client, workspace):
    folder = workspace / "config-edited"
    shutil.copytree(ROOT / "golden" / PY_SAFE[0] / "before", folder)
    config = folder / ".iacfix.toml"
    config.write_text('select = ["IAC110"]\n')
    uri = open_document(client, folder / PY_SAFE[1], read_text(folder / PY_SAFE[1]))
    assert len(await diagnostics(client, uri, 1)) == 1
    config.write_text('select = ["IAC110"]\nignore = ["IAC110"]\n')
    config_uri = open_document(client, config, config.read_text(), "toml")
    already = len(client.history)
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config_uri)))
    for _ in range(1200):
        if (uri, 1) in client.history[already:]:
            break
        await asyncio.sleep(0.025)
    assert client.published[uri][0] == 1 and not client.published[uri][1]


@on_server
async def test_a_new_user_fixes_an_example_from_the_light_bulb(client):
    """examples/ opened as it is in the repository: its own config lookup and project."""
    path = ROOT / "examples" / "cdktf-python" / "lib" / "tap_stack.py"
    text = read_text(path)
    uri = open_document(client, path, text)
    found = await diagnostics(client, uri, 1)
    assert found
    target = found[0]
    actions = await code_actions(client, uri, target.range, diagnostics_=[target])
    preferred = [a for a in actions if a.is_preferred]
    assert preferred and preferred[0].diagnostics[0].code == target.code
    fixed = apply_edits(text, edits_of(preferred[0], uri, 1))
    assert fixed != text
    ast.parse(fixed)
    change_document(client, uri, fixed, 2)
    assert len(await diagnostics(client, uri, 2)) == len(found) - 1
