"""IAC103 nested-stack-construct."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

from iacfix.codemods._stack_graph import Graph
from iacfix.fixes import Applicability
from iacfix.languages import typescript as ts_lang
from iacfix.rules import Example, Rule

_STACK_MODULES = ("cdktf", "cdktn")


@dataclass
class _Verdict:
    target: tuple
    info: object
    applicability: Applicability | None  # None: report only
    message: str
    removals: list = field(default_factory=list)  # duplicate provider/backend statements (unsafe fix)


class NestedStackConstruct(Rule):
    """A class extending `TerraformStack` that is created inside another construct must extend `Construct`.

    In CDKTF a `TerraformStack` is a unit of deployment with its own providers and backend; a
    stack created with `this` / `self` as its scope inside another stack does not see the parent's
    provider, so a child that only declares resources fails synth with "Found resources without a
    matching provider construct" (seed 002 #1: `EducationStack extends TerraformStack`, created by
    `TapStack`). Such a child is a building block and must extend `Construct`:
    `class EducationStack extends Construct` / `class VpcStack(Construct)`. Its constructor
    (`super(scope, id)`, `super().__init__(scope, id)`) stays valid as it is.

    The rule looks across the project's files: the class is resolved at every instantiation
    through the importing file's imports (TypeScript named, aliased, default and namespace
    imports, `export … from` re-exports, `./x.js` specifiers; Python `from lib.x import Child as
    C`, relative imports, `import lib.x as m` + `m.Child(...)`, `from lib import x`, package
    `__init__` re-exports, and modules imported through a folder put on `sys.path`), and
    subclasses count (`DevStack extends BaseEnvironmentStack extends TerraformStack`: the base
    class is the one that changes).

    Policy:
    - created only with `this` / `self` as scope → **safe** fix: the base becomes `Construct`
      (the `constructs` import is reused, or added in the file's idiom: `import { Construct } from
      'constructs';` with the file's quotes and semicolons, `from constructs import Construct`);
      the `TerraformStack` import is dropped when nothing else uses it, the rest of the import
      statement kept byte for byte. A provider the parent does not declare (`ArchiveProvider` in
      the child) stays in the child: it now configures the parent's stack.
    - the child also declares a default (un-aliased) provider of a class the stack it ends up in
      declares, or a backend while that stack has one → reported: a nested stack with its own
      provider synthesises as a separate stack, and as a construct the provider would be configured
      twice. The **unsafe** fix converts the class, deletes the child's duplicate statements and
      the imports they leave unused (the child's provider settings, e.g. its region, are lost:
      check them). When the duplicate cannot be deleted mechanically (assigned to a variable,
      declared in a subclass, a comment inside it) only the report.
    - the child brings its own `AwsProvider` or backend and the stack above has none → it
      synthesises today as a separate stack, so the conversion moves its resources into the parent
      stack's Terraform state: **unsafe** fix (the provider/backend stay, now the stack's only ones).
    - the child (or a subclass) uses `TerraformStack`-only members on itself (`this.addOverride`,
      `addDependency`, `self.add_override` …) → reported without a fix: a `Construct` has no
      such member, so move that code to the root stack by hand.

    Left alone: a root stack (created with the `App` or any scope other than `this` / `self`); a
    class created both ways (reported: split it); a class never instantiated in the project; a
    parent chain that cannot be followed up to a stack when the child declares a provider or
    backend (reported).
    """

    id = "IAC103"
    slug = "nested-stack-construct"
    summary = "A TerraformStack subclass created inside another construct (`this`/`self` scope) must extend Construct"
    rationale = "seed 002 #1 (EducationStack extends TerraformStack → Construct)"
    seeds = ("002#1",)
    languages = ("python", "typescript")
    triggers = ("TerraformStack",)
    examples = (
        Example("typescript", """\
import { App, TerraformStack, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

class EducationStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new TerraformOutput(this, 'env', { value: id });
  }
}

class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    new EducationStack(this, 'education');
  }
}

const app = new App();
new TapStack(app, 'tap');
app.synth();
""", """\
import { App, TerraformStack, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

class EducationStack extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new TerraformOutput(this, 'env', { value: id });
  }
}

class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    new EducationStack(this, 'education');
  }
}

const app = new App();
new TapStack(app, 'tap');
app.synth();
"""),
        Example("python", """\
from cdktf import App, TerraformStack
from constructs import Construct


class VpcStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        VpcStack(self, "vpc")


app = App()
TapStack(app, "tap")
""", """\
from cdktf import App, TerraformStack
from constructs import Construct


class VpcStack(Construct):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        VpcStack(self, "vpc")


app = App()
TapStack(app, "tap")
"""),
        # valid: root stacks, created with the App
        Example("typescript", """\
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

class NetworkStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
  }
}

const app = new App();
new NetworkStack(app, 'network');
app.synth();
"""),
        # reported: the child overrides the Terraform block of its own stack
        Example("python", """\
from cdktf import App, TerraformStack
from constructs import Construct


class DataStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        self.add_override("terraform.backend.s3.use_lockfile", True)


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        DataStack(self, "data")


TapStack(App(), "tap")
""", reported=True),
    )

    # -- shared --------------------------------------------------------------------------------
    def _graph(self, ctx, language: str, doc) -> tuple[Graph, Path]:
        suffixes = (".py",) if language == "python" else ts_lang.EXTENSIONS
        project = ctx.project
        sources = ctx.sources
        base = sources.memo(("IAC103", language),
                            lambda: Graph(language, [(p, t) for p, t in sources.files(*suffixes)
                                                     if not p.name.endswith(".d.ts")], project))
        path = Path(doc.source.path).resolve()
        return base.with_current(path, doc), path

    def _verdicts(self, graph: Graph, path: Path) -> list[_Verdict]:
        model = graph.models[path]
        out = []
        for info in model.classes.values():
            if info.base is None or not graph.is_stack_base(graph.resolve(path, info.base)):
                continue
            verdict = self._verdict(graph, (path, info.name), info)
            if verdict is not None:
                out.append(verdict)
        return out

    def _where(self, graph: Graph, path: Path, line: int) -> str:
        try:
            rel = path.relative_to(graph.root) if graph.root else Path(path.name)
        except ValueError:
            rel = Path(path.name)
        return f"{rel.as_posix()}:{line}"

    def _verdict(self, graph: Graph, target: tuple, info) -> _Verdict | None:
        name = info.name
        subs = graph.subclasses(target)
        insts = [i for t in [target] + subs for i in graph.instantiations(t)]
        nested = [i for i in insts if i.nested]
        if not nested:
            return None  # a root stack, or not created in this project
        me = "this" if graph.language == "typescript" else "self"
        first = nested[0]
        inside = f" inside `{first.enclosing}`" if first.enclosing else ""
        created = (f"created with `{me}` as scope{inside} ({self._where(graph, first.path, first.line)})")
        others = [i for i in insts if not i.nested]
        if others:
            o = others[0]
            return _Verdict(target, info, None,
                            f"`{name}` extends TerraformStack and is {created}, but also created with scope "
                            f"`{o.scope}` ({self._where(graph, o.path, o.line)}): a class used both as a root "
                            "stack and as a nested construct is left alone; split it into a Construct and a stack")
        api = [(m, line, t) for t in [target] + subs for cls in [graph.class_info(t)] if cls
               for m, line in cls.stack_api]
        if api:
            member, line, owner = api[0]
            return _Verdict(target, info, None,
                            f"`{name}` extends TerraformStack and is {created}, so it should be a Construct, but it "
                            f"uses the TerraformStack-only `{member}` "
                            f"({self._where(graph, owner[0], line)}), which a Construct does not have: "
                            "move that to the root stack, then extend Construct")
        own = list(info.constructions)
        inherited = [c for t in subs for cls in [graph.class_info(t)] if cls for c in cls.constructions]
        above, complete = [], True
        for inst in nested:
            found, ok = graph.enclosing_constructions(inst)
            above.extend(found)
            complete = complete and ok
        providers = {c.name for c in above if c.kind == "provider" and not c.aliased}
        backend = any(c.kind == "backend" for c in above)

        def duplicate(c) -> bool:
            return c.kind == "backend" and backend or c.kind == "provider" and not c.aliased and c.name in providers

        risky = [c for c in own + inherited if c.kind == "backend" or not c.aliased]
        if not complete and risky:
            return _Verdict(target, info, None,
                            f"`{name}` extends TerraformStack and is {created}; it declares its own "
                            f"`{risky[0].name}` and the stack it ends up in could not be followed: check for a "
                            "duplicate provider or backend, then extend Construct")
        dups = [c for c in own if duplicate(c)]
        dups_elsewhere = [c for c in inherited if duplicate(c)]
        head = f"`{name}` extends TerraformStack but is {created}"
        if dups or dups_elsewhere:
            what = ", ".join(sorted({f"`{c.name}`" for c in dups + dups_elsewhere}))
            message = (f"{head}; it declares its own {what} while the stack it ends up in has one: "
                       "as a Construct (which a nested stack should be) that would be configured twice")
            if dups_elsewhere or not all(c.removable for c in dups):
                return _Verdict(target, info, None, message + "; remove the duplicate, then extend Construct")
            return _Verdict(target, info, Applicability.UNSAFE,
                            message + "; unsafe fix: extend Construct and delete the child's duplicate "
                            "(its settings, e.g. region, are lost)", dups)
        standalone = [c for c in own + inherited if c.kind == "backend" or c.name == "AwsProvider" and not c.aliased]
        if standalone:
            return _Verdict(target, info, Applicability.UNSAFE,
                            f"{head}; with its own `{standalone[0].name}` it synthesises as a separate stack today: "
                            "extend Construct (unsafe: its resources move into the parent stack's Terraform state)")
        return _Verdict(target, info, Applicability.SAFE,
                        f"{head}; a nested stack does not get its parent's provider (synth: \"Found resources "
                        "without a matching provider construct\"): extend Construct")

    def _findings(self, doc, verdicts, edits_for):
        source = doc.source
        for v in verdicts:
            start, end = doc.span(v.info.base)
            if v.applicability is None:
                yield source.finding(self, start, end, v.message)
                continue
            converting = [w for w in verdicts if w.applicability is Applicability.SAFE or
                          v.applicability is Applicability.UNSAFE and w.applicability is Applicability.UNSAFE]
            edits = edits_for(v, converting)
            if edits is None:
                yield source.finding(self, start, end, v.message)
                continue
            edits += [source.edit(c.start, c.end, "") for c in v.removals]
            yield source.finding(self, start, end, v.message, edits, v.applicability)

    # -- TypeScript ----------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        graph, path = self._graph(ctx, "typescript", doc)
        verdicts = self._verdicts(graph, path)
        if not verdicts:
            return
        yield from self._findings(doc, verdicts, lambda v, conv: self._ts_edits(doc, v, conv))

    def _ts_edits(self, doc, verdict, converting):
        source, text = doc.source, doc.text
        names = doc.imports.names
        edits = []
        ref = next((local for local, (m, p) in names.items() if m == "constructs" and p == "Construct"), None)
        if ref is None:
            ns = next((local for local, (m, p) in names.items() if m == "constructs" and p == ""), None)
            ref = f"{ns}.Construct" if ns else None
        base = verdict.info.base
        start, end = doc.span(base)
        edits.append(source.edit(start, end, ref or "Construct"))
        # imports that may go: TerraformStack, and the classes of the deleted duplicate statements
        skip = [doc.span(w.info.base) for w in converting] + [(c.start, c.end) for c in verdict.removals]
        wanted = []
        if base.kind() == "identifier" and names.get(base.text(), ("", ""))[0] in _STACK_MODULES:
            wanted.append(base.text())
        wanted += [c.name for c in verdict.removals if c.bare]
        drop = {local for local in wanted if not _ts_still_used(doc, local, skip)}
        by_statement: dict = {}
        for spec, _module in doc.imports.specifiers:
            if (spec.field("alias") or spec.field("name")).text() in drop:
                stmt = _ts_ancestor(spec, "import_statement")
                if stmt is not None:
                    by_statement.setdefault(doc.span(stmt), (stmt, []))[1].append(spec)
        anchor = None  # the statement a new constructs import goes next to
        for (s, e), (stmt, specs) in sorted(by_statement.items()):
            named = specs[0].parent()
            items = [c for c in named.children() if c.kind() == "import_specifier"]
            clause = named.parent()
            if len(specs) == len(items) and [c.kind() for c in clause.children() if c.is_named()] == ["named_imports"]:
                if ref is None and anchor is None:
                    edits.append(source.edit(s, e, _ts_construct_import(stmt)))
                    ref = anchor = "Construct"
                    continue
                ls, le, alone = _lines(text, s, e)
                if alone:
                    edits.append(source.edit(ls, le, ""))
                continue
            spans = [doc.span(c) for c in items]
            idx = [items.index(sp) for sp in specs]
            edits += [source.edit(a, b, "") for a, b in _list_removals(text, spans, idx, doc.span(named)[1] - 1)]
            anchor = anchor or stmt
        if ref is None:
            existing = next((s for s in doc.imports.statements if ts_lang.string_value(s.field("source")) == "constructs"
                             and s.find(kind="named_imports") is not None), None)
            first = existing.find(kind="named_imports").find(kind="import_specifier") if existing else None
            if first is not None:
                at = doc.span(first)[0]
                edits.append(source.edit(at, at, "Construct, "))
                return edits
            stack_stmt = next((s for s in doc.imports.statements
                               if ts_lang.string_value(s.field("source")) in _STACK_MODULES), None)
            model = stack_stmt or (doc.imports.statements[0] if doc.imports.statements else None)
            at = _lines(text, *doc.span(model))[0] if model is not None else 0
            newline = "\r\n" if "\r\n" in text else "\n"
            edits.append(source.edit(at, at, _ts_construct_import(model) + newline))
        return edits

    # -- Python --------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        graph, path = self._graph(ctx, "python", doc)
        verdicts = self._verdicts(graph, path)
        if not verdicts:
            return
        yield from self._findings(doc, verdicts, lambda v, conv: self._py_edits(doc, v, conv))

    def _py_edits(self, doc, verdict, converting):
        source, text = doc.source, doc.text
        ref, edits = doc.reference("constructs", "Construct")
        base = verdict.info.base
        edits = list(edits) + [source.edit(*doc.span(base), ref)]
        skip = [doc.span(w.info.base) for w in converting] + [(c.start, c.end) for c in verdict.removals]
        wanted = [base.id] if isinstance(base, ast.Name) else []
        wanted += [c.name for c in verdict.removals if c.bare]

        def used(local: str) -> bool:
            for node in doc.names:
                if node.id == local:
                    s, e = doc.span(node)
                    if not any(a <= s and e <= b for a, b in skip):
                        return True
            return False

        drop = {local for local in wanted if not used(local)}
        for stmt in doc.imports.top_level:
            if not isinstance(stmt, ast.ImportFrom) or stmt.names[0].name == "*":
                continue
            idx = [i for i, a in enumerate(stmt.names) if (a.asname or a.name) in drop]
            if not idx:
                continue
            if isinstance(base, ast.Name) and base.id in {(stmt.names[i].asname or stmt.names[i].name) for i in idx} \
                    and not (stmt.level == 0 and stmt.module in _STACK_MODULES):
                idx = [i for i in idx if (stmt.names[i].asname or stmt.names[i].name) != base.id]
            s, e = doc.span(stmt)
            if len(idx) == len(stmt.names):
                ls, le, alone = _lines(text, s, e)
                if alone and "#" not in text[s:e]:
                    edits.append(source.edit(ls, le, ""))
                continue
            spans = [doc.span(a) for a in stmt.names]
            close = e - 1 if text[e - 1] == ")" else e
            edits += [source.edit(a, b, "") for a, b in _list_removals(text, spans, idx, close)]
        return edits


def _lines(text: str, start: int, end: int) -> tuple[int, int, bool]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end + 1
    alone = not text[line_start:start].strip() and not text[end:line_end].strip()
    return line_start, line_end, alone


def _list_removals(text: str, spans: list[tuple[int, int]], remove: list[int], close: int) -> list[tuple[int, int]]:
    """The ranges to delete to drop the items `remove` of a comma-separated list (with their commas;
    a trailing comma stays trailing), or [] when a range would hold a comment. Keeps at least one item."""
    remove = sorted(set(remove))
    kept = [i for i in range(len(spans)) if i not in remove]
    if not kept:
        return []
    ranges = []
    tail = [i for i in remove if i > kept[-1]]
    for i in remove:
        if i not in tail:
            ranges.append((spans[i][0], spans[i + 1][0]))
    if tail:
        last_kept_end, last_end = spans[kept[-1]][1], spans[tail[-1]][1]
        comma = text.find(",", last_end, close)
        if comma != -1 and not text[last_end:comma].strip():  # a trailing comma: keep one
            ranges.append((text.find(",", last_kept_end) + 1, comma + 1))
        else:
            ranges.append((last_kept_end, last_end))
    for a, b in ranges:
        removed = text[a:b]
        if "#" in removed or "//" in removed or "/*" in removed:
            return []
    return ranges


def _ts_ancestor(node, kind: str):
    for anc in node.ancestors():
        if anc.kind() == kind:
            return anc
    return None


def _ts_still_used(doc, local: str, skip) -> bool:
    """Whether `local` is used outside import statements and the character ranges `skip`."""
    pattern = "^%s$" % re.escape(local)
    for kind in ("identifier", "type_identifier"):
        for node in doc.root.find_all(kind=kind, regex=pattern):
            if _ts_ancestor(node, "import_statement") is not None:
                continue
            s, e = node.range().start.index, node.range().end.index
            if any(a <= s and e <= b for a, b in skip):
                continue
            return True
    return False


def _ts_construct_import(model_stmt) -> str:
    """`import { Construct } from 'constructs';` in the quoting and semicolon style of `model_stmt`."""
    quote, semi = "'", ";"
    if model_stmt is not None:
        stmt_text = model_stmt.text()
        src = model_stmt.field("source")
        if src is not None and src.text()[:1] in "'\"":
            quote = src.text()[0]
        semi = ";" if stmt_text.rstrip().endswith(";") else ""
    return f"import {{ Construct }} from {quote}constructs{quote}{semi}"
