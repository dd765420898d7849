"""`iacfix lsp`: the language server editors start over stdio.

It publishes iacfix's findings for the editor's buffer (not the file on disk) and offers each
fixable finding as a quick fix, a "fix all safe issues" source action and a suppression comment.
Everything goes through `iacfix.api`, as the command line does.

Rules run on a worker thread, one buffer at a time, so the event loop stays free to take the
next change; a result is kept per (document, version), so diagnostics and code actions for one
version never run the rules twice. Rules marked `slow` (IAC330 runs cfn-lint: seconds on a large
template) run in a second pass on a worker of their own: the other rules' diagnostics are
published first, with the slow rules' last ones kept until the new ones replace them. Edits are the rules' byte edits converted to LSP positions by
`LineIndex` (UTF-16 columns unless the client negotiated another encoding).
"""
from __future__ import annotations

import asyncio
import bisect
import difflib
import gc
import itertools
import logging
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from iacfix import __version__, api, languages
from iacfix import config as config_mod, rules as rules_mod
from iacfix.config import Config, ConfigError
from iacfix.engine import Context, FileResult
from iacfix.fixes import Applicability, Finding

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.05  # coalesces a burst of keystrokes; overtaken versions are skipped anyway
FIX_ALL_KIND = types.CodeActionKind.SourceFixAll + ".iacfix"
FIX_ALL_TITLE = "Fix all safe iacfix issues in file"
CONFIG_NAMES = frozenset(config_mod.CONFIG_FILES)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_IGNORE_COMMENT = re.compile(r"(?:#|//)\s*iacfix:\s*ignore\[([^\]]*)\]")
_PARSE_LINE = re.compile(r"\(line (\d+)\)$")


class LineIndex:
    """Offsets into one text as LSP positions.

    Lines end at `\\n`, `\\r\\n` or `\\r`, as LSP defines them; columns count code units of the
    negotiated position encoding: UTF-16 by default (a character outside the BMP counts 2),
    or `utf-8` / `utf-32`.
    """

    def __init__(self, text: str, encoding: str = "utf-16"):
        self.text = text
        self.encoding = encoding
        self.data = text.encode("utf-8", "surrogatepass")  # a lone surrogate: the engine reports it
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        if len(self.data) == len(text):  # ASCII: bytes and characters agree
            self.byte_starts = self.line_starts
        else:
            self.byte_starts = [0]
            for start, end in zip(self.line_starts, self.line_starts[1:]):
                self.byte_starts.append(self.byte_starts[-1] + len(text[start:end].encode("utf-8", "surrogatepass")))
        # iacfix counts lines at "\n" only (engine's Source); findings are located that way
        self._newline_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def units(self, chars: str) -> int:
        """Length of `chars` in the position encoding's code units."""
        if self.encoding == "utf-8":
            return len(chars.encode("utf-8", "surrogatepass"))
        if self.encoding == "utf-32":
            return len(chars)
        return len(chars.encode("utf-16-le", "surrogatepass")) // 2

    def position_of_char(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return types.Position(line, self.units(self.text[self.line_starts[line]:offset]))

    def position_of_byte(self, offset: int) -> types.Position:
        """Position of a UTF-8 byte offset (an `Edit` bound); ValueError inside a character."""
        if not 0 <= offset <= len(self.data):
            raise ValueError(f"byte offset {offset} outside the text")
        line = bisect.bisect_right(self.byte_starts, offset) - 1
        prefix = self.data[self.byte_starts[line]:offset].decode("utf-8")  # strict: no half characters
        return types.Position(line, self.units(prefix))

    def position_of_finding(self, line: int, column: int) -> types.Position:
        """Position of a finding's 1-based line and 1-based character column."""
        line = max(1, min(line, len(self._newline_starts)))
        return self.position_of_char(self._newline_starts[line - 1] + max(column, 1) - 1)

    def line_text(self, line: int) -> str:
        """The text of an LSP line without its line break."""
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        return self.text[self.line_starts[line]:end].rstrip("\r\n")

    def line_break(self, line: int) -> str:
        """The break that ends `line`, or the text's usual one for the last line."""
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        ending = self.text[self.line_starts[line]:end][len(self.line_text(line)):]
        return ending or ("\r\n" if "\r\n" in self.text else "\n")


def minimal_edits(index: LineIndex, new_text: str) -> list[types.TextEdit]:
    """Edits turning `index.text` into `new_text`, one per run of changed lines."""
    old_lines = _split_lines(index.text)
    new_lines = _split_lines(new_text)
    starts = list(itertools.accumulate(map(len, old_lines), initial=0))  # character offset of each line
    edits = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            where = types.Range(index.position_of_char(starts[i1]), index.position_of_char(starts[i2]))
            edits.append(types.TextEdit(where, "".join(new_lines[j1:j2])))
    return edits


def _split_lines(text: str) -> list[str]:
    """Lines with their breaks (`\\n`, `\\r\\n`, `\\r` only, unlike str.splitlines)."""
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    lines = [text[a:b] for a, b in zip(starts, starts[1:])]
    if starts[-1] < len(text):
        lines.append(text[starts[-1]:])
    return lines


def comment_prefix(path: Path, result: FileResult, text: str) -> str | None:
    """How this document writes a line comment; None for JSON, which has none."""
    if path.suffix.lower() == ".json" or (result.language in ("cloudformation", "manifest")
                                          and text.lstrip().startswith(("{", "["))):
        return None
    return "//" if result.language == "typescript" else "#"


def suppression_edit(index: LineIndex, line: int, rule: str, comment: str) -> types.TextEdit:
    """Add `rule` to the `iacfix: ignore[...]` comment of `line` (or of a comment line just above
    it); else insert `<comment> iacfix: ignore[rule]` as a line of its own above `line`, which
    `engine.Suppressions` applies to the next line too and which cannot land inside a string
    that the line ends in."""
    for number in (line, line - 1):
        if number < 0:
            continue
        text = index.line_text(number)
        if number != line and not text.lstrip().startswith(comment):
            continue
        match = _IGNORE_COMMENT.search(text)
        if match:
            listed = match.group(1).strip()
            at = types.Position(number, index.units(text[:match.end(1)]))
            return types.TextEdit(types.Range(at, at), f", {rule}" if listed else rule)
    current = index.line_text(line)
    indent = current[:len(current) - len(current.lstrip())]
    at = types.Position(line, 0)
    return types.TextEdit(types.Range(at, at), f"{indent}{comment} iacfix: ignore[{rule}]{index.line_break(line)}")


def workspace_edit(uri: str, version: int | None, edits: list[types.TextEdit], versioned: bool) -> types.WorkspaceEdit:
    """`edits` to one document: tied to its version when the client supports `documentChanges`
    (it then refuses them if the text moved on), else as plain `changes`."""
    if versioned:
        document = types.OptionalVersionedTextDocumentIdentifier(uri, version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, edits)])
    return types.WorkspaceEdit(changes={uri: edits})


@dataclass
class Analysis:
    """One document version through the rules."""

    uri: str
    path: Path
    version: int | None
    result: FileResult
    index: LineIndex
    config: Config
    context: Context
    crash: str | None = None  # check_source itself raised: logged, nothing shown
    diagnostics: list[types.Diagnostic] = field(default_factory=list)
    slow_rules: tuple[str, ...] = ()  # chosen rules left for the second pass
    slow_pass: asyncio.Future | None = None  # that pass, once started
    fixed_all: asyncio.Future | None = None  # the safe-fix-all text, computed when first asked for

    @property
    def usable(self) -> bool:
        return self.crash is None and not self.result.error and not self.result.internal_error


def slow_rules(config: Config) -> tuple[str, ...]:
    """The configured rules that `analyse` leaves for the second pass."""
    return tuple(r.id for r in rules_mod.select(config.select, config.ignore) if r.slow)


def analyse(uri: str, path: Path, text: str, version: int | None, config: Config, context: Context,
             encoding: str, later: tuple[str, ...] = ()) -> Analysis:
    """The buffer through every chosen rule but those in `later` (see `add_slow_findings`)."""
    index = LineIndex(text, encoding)
    try:
        result = api.check_source(path, index.data, config, context=context, ignore=list(later))
        analysis = Analysis(uri, path, version, result, index, config, context)
        analysis.diagnostics = _diagnostics(analysis)
        analysis.slow_rules = later if analysis.usable and result.language else ()
    except Exception as exc:  # noqa: BLE001 - a bug on one buffer must not stop the server
        log.exception("iacfix failed on %s", path)
        return Analysis(uri, path, version, FileResult(str(path), original=index.data), index, config, context,
                        crash=f"{type(exc).__name__}: {exc}")
    return analysis


def add_slow_findings(analysis: Analysis) -> list[types.Diagnostic]:
    """Run the rules `analyse` left out on the same buffer; add their findings to the analysis
    and return their diagnostics."""
    result = api.check_source(analysis.path, analysis.index.data, analysis.config, context=analysis.context,
                              select=list(analysis.slow_rules))
    if result.error or result.internal_error:
        return []
    diagnostics = [_diagnostic(analysis.index, finding) for finding in result.findings]
    analysis.result.findings = analysis.result.findings + result.findings
    analysis.diagnostics = analysis.diagnostics + diagnostics
    return diagnostics


def _diagnostics(analysis: Analysis) -> list[types.Diagnostic]:
    result, index = analysis.result, analysis.index
    if result.error:
        # a buffer iacfix cannot read or parse (often mid-typing): one quiet note, no findings
        if result.language is None and not analysis.path.name.endswith(languages.EXTENSIONS):
            return []
        match = _PARSE_LINE.search(result.error)
        line = int(match.group(1)) - 1 if match else 0
        line = max(0, min(line, len(index.line_starts) - 1))
        where = types.Range(types.Position(line, 0), types.Position(line, index.units(index.line_text(line))))
        return [types.Diagnostic(where, f"iacfix cannot check this file: {result.error}",
                                 severity=types.DiagnosticSeverity.Information, source="iacfix")]
    return [_diagnostic(index, finding) for finding in result.findings]


def _diagnostic(index: LineIndex, finding: Finding) -> types.Diagnostic:
    start = index.position_of_finding(finding.line, finding.column)
    end = index.position_of_finding(finding.end_line, finding.end_column)
    if (end.line, end.character) < (start.line, start.character):
        end = start
    # every finding is a defect that breaks a deploy, fixable or not: a warning, leaving errors
    # to the language's own tools
    return types.Diagnostic(types.Range(start, end), finding.message, severity=types.DiagnosticSeverity.Warning,
                            code=finding.rule, source="iacfix")


def _touches(a: types.Range, b: types.Range) -> bool:
    return ((a.start.line, a.start.character) <= (b.end.line, b.end.character)
            and (b.start.line, b.start.character) <= (a.end.line, a.end.character))


class IacfixServer(LanguageServer):
    def __init__(self):
        # full sync: the buffer is exactly the client's text, line breaks included
        super().__init__("iacfix", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        # one worker: a file's rules run alone, and the loop stays free to take newer changes
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="iacfix-rules")
        # the slow rules' own worker: a cfn-lint pass of seconds never holds up the next change's
        # fast pass (they share the interpreter, so the fast pass runs slower meanwhile, not later)
        self.slow_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="iacfix-slow-rules")
        self.configs: dict[Path, Config] = {}
        self.contexts: dict[tuple[Path, str | None, Path], Context] = {}
        self.analyses: dict[str, tuple[int | None, asyncio.Future]] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.published: set[str] = set()
        self.slow_diagnostics: dict[str, list[types.Diagnostic]] = {}  # the last second pass, per uri
        self.config_errors: set[str] = set()
        self.shut_down = False
        self.modules_at_freeze = 0

    # --- settings -------------------------------------------------------------------------------

    def config_for(self, folder: Path) -> Config:
        """The nearest config above `folder`, cached; a broken one is shown once and defaults used."""
        config = self.configs.get(folder)
        if config is None:
            try:
                config = config_mod.load(start=folder)
            except ConfigError as exc:
                if str(exc) not in self.config_errors:
                    self.config_errors.add(str(exc))
                    self.window_show_message(types.ShowMessageParams(
                        types.MessageType.Error, f"iacfix: {exc}; using the default settings"))
                config = Config()
            self.configs[folder] = config
        return config

    def search_root(self, path: Path) -> Path:
        """Where the project search for `path` stops: its workspace folder, else the nearest
        folder with a project manifest, else its own folder (never the whole disk)."""
        roots = [Path(to_fs_path(f.uri)) for f in self.workspace.folders.values()]
        if self.workspace.root_path:
            roots.append(Path(self.workspace.root_path))
        inside = [r for r in roots if r in path.parents]
        if inside:
            return max(inside, key=lambda r: len(r.parts))
        anchor = Path(path.anchor)
        found = config_mod.project_root(path.parent, anchor)
        return path.parent if found == anchor else found

    def project_of(self, path: Path) -> Path:
        return config_mod.project_root(path.parent, self.search_root(path))

    def context_for(self, path: Path, config: Config) -> Context:
        """One Context per project and config, so cross-file rules read the project once."""
        stop = self.search_root(path)
        key = (config_mod.project_root(path.parent, stop), config.source, stop)
        context = self.contexts.get(key)
        if context is None:
            context = self.contexts[key] = api.context_for(path, config, root=stop)
        return context

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return str(getattr(encoding, "value", encoding) or "utf-16")

    # --- analysis -------------------------------------------------------------------------------

    async def analysis(self, uri: str) -> Analysis | None:
        """The current version of `uri` through the rules: computed once per version, shared."""
        document = self.workspace.get_text_document(uri)
        cached = self.analyses.get(uri)
        if cached is None or cached[0] != document.version:
            if not uri.startswith("file:"):
                return None
            path = Path(to_fs_path(uri))
            config = self.config_for(path.parent)
            context = self.context_for(path, config)
            future = asyncio.get_running_loop().run_in_executor(
                self.executor, self._analyse_if_current, uri, path, document.source, document.version, config,
                context, self.encoding, slow_rules(config))
            cached = self.analyses[uri] = (document.version, future)
        # shielded: a cancelled waiter (a newer change) must not cancel the run others await
        return await asyncio.shield(cached[1])

    def _analyse_if_current(self, uri: str, path: Path, text: str, version: int | None, *rest) -> Analysis | None:
        # on the worker: a version that was overtaken while queued is not worth its rules
        if not self._is_latest(uri, version):
            return None
        analysis = analyse(uri, path, text, version, *rest)
        if len(sys.modules) != self.modules_at_freeze:
            # a run that loaded libraries also loaded their tables (provider indexes, cfn-lint's
            # schemas), kept for the session: frozen out of the collector's generations, they are
            # no longer walked by every full collection (which cost a change ~60 ms at p95)
            gc.freeze()
            self.modules_at_freeze = len(sys.modules)
        return analysis

    def _is_latest(self, uri: str, version: int | None) -> bool:
        document = self.workspace.text_documents.get(uri)
        return document is not None and document.version == version

    def is_current(self, analysis: Analysis) -> bool:
        return self._is_latest(analysis.uri, analysis.version)

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Publish diagnostics for `uri` after `delay`, replacing a run still waiting."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._publish(uri, delay))

    async def _publish(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        try:
            analysis = await self.analysis(uri)
        except Exception as exc:  # noqa: BLE001 - e.g. an unreadable folder: say so, keep serving
            log.exception("iacfix: cannot check %s", uri)
            self.note(uri, str(exc))
            return
        if analysis is None or not self.is_current(analysis):
            return
        self._log_problems(analysis)
        if not analysis.slow_rules:
            self.slow_diagnostics.pop(uri, None)
        if analysis.slow_pass is None:
            # until the slow rules have seen this version, their last findings stay on screen
            shown = analysis.diagnostics + self.slow_diagnostics.get(uri, [])
            if shown or analysis.result.language or uri in self.published:
                self.published.add(uri)
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                    uri, shown, version=analysis.version))
        if analysis.slow_rules:
            await self._publish_slow(analysis)

    async def _publish_slow(self, analysis: Analysis) -> None:
        """The second pass for this version (run once, however many publishes wait for it)."""
        if analysis.slow_pass is None:
            analysis.slow_pass = asyncio.get_running_loop().run_in_executor(
                self.slow_executor, lambda: add_slow_findings(analysis) if self.is_current(analysis) else None)
            try:
                diagnostics = await asyncio.shield(analysis.slow_pass)
            except Exception as exc:  # noqa: BLE001 - a rule bug: logged, the fast findings stay
                self.note(analysis.path, str(exc))
                return
            if diagnostics is None or not self.is_current(analysis):
                return
            self.slow_diagnostics[analysis.uri] = diagnostics
            self.published.add(analysis.uri)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                analysis.uri, analysis.diagnostics, version=analysis.version))

    def note(self, where, message: str, level: types.MessageType = types.MessageType.Error) -> None:
        """A line in the editor's output log for iacfix."""
        self.window_log_message(types.LogMessageParams(level, f"iacfix: {where}: {message}"))

    def _log_problems(self, analysis: Analysis) -> None:
        problem = analysis.crash or analysis.result.internal_error
        if problem:
            self.note(analysis.path, problem)
        elif analysis.result.notice:
            self.note(analysis.path, analysis.result.notice, types.MessageType.Info)

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.analyses.pop(uri, None)
        self.slow_diagnostics.pop(uri, None)

    def saved(self, uri: str) -> None:
        """A saved file may be a config, or another open file's cross-file input (read from disk):
        check again the documents it can affect, all of them for a config, else its project's."""
        if not uri.startswith("file:"):
            return
        path = Path(to_fs_path(uri))
        if path.name in CONFIG_NAMES:
            self.configs.clear()
            self.config_errors.clear()  # a config broken again is worth saying again
            self.contexts.clear()
            affected = list(self.workspace.text_documents)
        else:
            project = self.project_of(path)
            self.contexts = {key: ctx for key, ctx in self.contexts.items() if key[0] != project}
            affected = [u for u in self.workspace.text_documents
                        if u.startswith("file:") and self.project_of(Path(to_fs_path(u))) == project]
        for open_uri in affected:
            self.analyses.pop(open_uri, None)
            self.schedule(open_uri, 0.0 if open_uri == uri else DEBOUNCE_SECONDS)

    # --- code actions ---------------------------------------------------------------------------

    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        try:
            analysis = await self.analysis(uri)
        except Exception:  # noqa: BLE001 - logged when diagnostics were published; no actions
            log.exception("iacfix: cannot check %s", uri)
            return []
        if analysis is None or not analysis.usable or not self.is_current(analysis):
            return []  # a stale request gets nothing rather than edits for another text
        only = params.context.only

        def wanted(kind: str) -> bool:
            return only is None or any(kind == k or kind.startswith(f"{k}.") for k in only)

        actions: list[types.CodeAction] = []
        if wanted(types.CodeActionKind.QuickFix):
            comment = comment_prefix(analysis.path, analysis.result, analysis.index.text)
            suppressed: set[tuple[str, int]] = set()
            for finding, diagnostic in zip(analysis.result.findings, analysis.diagnostics):
                if not _touches(diagnostic.range, params.range):
                    continue
                if finding.fixable:
                    action = self._fix_action(analysis, finding, diagnostic)
                    if action is not None:
                        actions.append(action)
                line = diagnostic.range.start.line
                if comment and (finding.rule, line) not in suppressed:
                    suppressed.add((finding.rule, line))
                    edit = suppression_edit(analysis.index, line, finding.rule, comment)
                    actions.append(types.CodeAction(
                        f"Ignore {finding.rule} on this line", kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic], edit=self._workspace_edit(analysis, [edit])))
        if wanted(FIX_ALL_KIND) and any(f.fixable and f.fix.applicability is Applicability.SAFE
                                        for f in analysis.result.findings):
            if self._resolves_edits():
                # the fix passes run only if the user picks the action (codeAction/resolve), not
                # on every light-bulb request
                actions.append(types.CodeAction(FIX_ALL_TITLE, kind=FIX_ALL_KIND,
                                                data={"uri": uri, "version": analysis.version}))
            else:
                edit = await self._fix_all_edit(analysis)
                if edit is not None and self.is_current(analysis):
                    actions.append(types.CodeAction(FIX_ALL_TITLE, kind=FIX_ALL_KIND, edit=edit))
        return actions

    async def resolve_code_action(self, action: types.CodeAction) -> types.CodeAction:
        """Fill in the fix-all edit; a request for a version that moved on gets no edit."""
        data = action.data if isinstance(action.data, dict) else {}
        if action.kind != FIX_ALL_KIND or "uri" not in data:
            return action
        analysis = await self.analysis(data["uri"])
        if analysis is not None and analysis.usable and analysis.version == data.get("version") \
                and self.is_current(analysis):
            action.edit = await self._fix_all_edit(analysis)
        return action

    def _resolves_edits(self) -> bool:
        code_action = self.client_capabilities.text_document and self.client_capabilities.text_document.code_action
        support = code_action and code_action.resolve_support
        return bool(support and "edit" in support.properties)

    def _fix_action(self, analysis: Analysis, finding: Finding,
                    diagnostic: types.Diagnostic) -> types.CodeAction | None:
        index = analysis.index
        try:
            edits = [types.TextEdit(types.Range(index.position_of_byte(e.start), index.position_of_byte(e.end)), e.text)
                     for e in finding.fix.edits]
        except ValueError as exc:  # an edit not on a character boundary: a rule bug, not the user's
            self.note(analysis.path, f"{finding.rule} fix dropped: {exc}")
            return None
        safe = finding.fix.applicability is Applicability.SAFE
        title = f"Fix: {finding.message}" + ("" if safe else " (unsafe)")
        return types.CodeAction(title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                                is_preferred=safe, edit=self._workspace_edit(analysis, edits))

    async def _fix_all_edit(self, analysis: Analysis) -> types.WorkspaceEdit | None:
        """The safe fixes to a fixpoint, as the few edits that turn the buffer into the result."""
        if analysis.fixed_all is None:
            data = analysis.index.data
            analysis.fixed_all = asyncio.get_running_loop().run_in_executor(
                self.executor, lambda: api.check_source(analysis.path, data, analysis.config, fix=True, unsafe=False,
                                                        context=analysis.context))
        try:
            fixed = await asyncio.shield(analysis.fixed_all)
        except Exception as exc:  # noqa: BLE001 - a rule bug: logged, no action
            self.note(analysis.path, str(exc))
            return None
        if fixed.internal_error:
            self.note(analysis.path, fixed.internal_error)
            return None
        if not fixed.changed:
            return None
        return self._workspace_edit(analysis, minimal_edits(analysis.index, fixed.fixed.decode("utf-8")))

    def _workspace_edit(self, analysis: Analysis, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        capabilities = self.client_capabilities
        versioned = bool(capabilities.workspace and capabilities.workspace.workspace_edit
                         and capabilities.workspace.workspace_edit.document_changes)
        return workspace_edit(analysis.uri, analysis.version, edits, versioned)


server = IacfixServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: IacfixServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: IacfixServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: IacfixServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.saved(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(ls: IacfixServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.forget(uri)
    if uri in ls.published:
        ls.published.discard(uri)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL_KIND],
    resolve_provider=True))
async def code_action(ls: IacfixServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    return await ls.code_actions(params)


@server.feature(types.CODE_ACTION_RESOLVE)
async def code_action_resolve(ls: IacfixServer, action: types.CodeAction) -> types.CodeAction:
    return await ls.resolve_code_action(action)


@server.feature(types.SHUTDOWN)
def shutdown(ls: IacfixServer, *args) -> None:
    ls.shut_down = True


def serve() -> None:
    """Run the server on stdin/stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING)  # stderr: stdout carries the protocol
    server.start_io()
    # pygls has closed stdout; skip the interpreter's teardown, which spends seconds freeing the
    # rules' tables while the editor waits. Exit 1 when told to exit without a shutdown (LSP).
    sys.stderr.flush()
    os._exit(0 if server.shut_down else 1)
