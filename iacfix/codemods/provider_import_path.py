"""IAC110 provider-import-path."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import lru_cache

from iacfix.codemods import _provider
from iacfix.fixes import Applicability
from iacfix.knowledge.provider import ROOT_KINDS, python_root, ts_package
from iacfix.languages.typescript import module_of, same_module
from iacfix.rules import NAMES, Example, Rule

CORE = ("cdktf", "cdktn")  # the core library: exports no provider class
_VALUE_KINDS = frozenset(ROOT_KINDS | {"class", "enum"})  # types that exist at run time in TS


# -- where a name lives ----------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _renamed_in(index) -> dict[str, tuple[str, ...]]:
    """wrong name → the submodules whose `rename` corrects it (IAC101 finishes the job there)."""
    out: dict[str, list[str]] = {}
    for sub, table in index._data["renames"].items():
        for wrong in table:
            out.setdefault(wrong, []).append(sub)
    return {k: tuple(v) for k, v in out.items()}


def _candidates(index, name: str) -> dict[str, str]:
    """submodule → kind, for every submodule where `name` is a type or a known misspelling of one."""
    found = {sub: index.kind_of(sub, name) or "" for sub in index.modules_with_type(name)}
    for sub in _renamed_in(index).get(name, ()):
        right = index.rename(sub, name)
        if right:
            found.setdefault(sub, index.kind_of(sub, right) or "")
    casing = index.casing_fix(name)
    if casing:
        found.setdefault(casing[0], index.kind_of(*casing) or "")
    return found


@dataclass
class Home:
    name: str
    submodule: str | None  # None: ambiguous (see candidates) or nowhere
    candidates: tuple[str, ...] = ()
    safe: bool = True


def home_of(index, name: str, as_value: bool) -> Home:
    """The one submodule `name` belongs to. `as_value`: the code constructs it or reads a static
    member (a struct/interface cannot be). Among several homes the module whose resource, data
    source or provider class it is wins; a choice made that way on type positions alone is unsafe."""
    found = _candidates(index, name)
    if not found:
        return Home(name, None)
    pool = {s: k for s, k in found.items() if k in _VALUE_KINDS} if as_value else found
    roots = [s for s, k in pool.items() if k in ROOT_KINDS]
    if len(roots) == 1:
        pick = roots[0]
    elif len(pool) == 1:
        pick = next(iter(pool))
    else:
        return Home(name, None, tuple(sorted(found)))
    return Home(name, pick, tuple(sorted(found)), safe=len(found) == 1 or as_value)


def _family_of(module: str) -> str | None:
    """"cdktf"/"cdktn" for a provider or core module path, None otherwise."""
    for family in CORE:
        if module == family or module.startswith((python_root(family), ts_package(family))):
            return family
    return None


def target_module(index, submodule: str, language: str, written: str) -> str:
    """The import path of `submodule`, in the binding family the code already imports from."""
    path = index.ts_module(submodule) if language == "typescript" else index.python_module(submodule)
    family = _family_of(written)
    if family and family != index.family:
        old = ts_package(index.family) if language == "typescript" else python_root(index.family)
        new = ts_package(family) if language == "typescript" else python_root(family)
        path = new + path[len(old):]
    return path


def _ts_root(module: str) -> str:
    """`@cdktf/provider-aws/lib/vpc` → `@cdktf/provider-aws`."""
    return module.split("/lib/")[0]


def valid_in(index, submodule: str, name: str) -> bool:
    """`name` is right in `submodule`, or a suffix/casing slip IAC101 corrects in place."""
    return (index.has_type(submodule, name) or index.rename(submodule, name) is not None
            or index.ambiguous_rename(submodule, name) is not None)


# -- list surgery shared by both languages ------------------------------------------------------------

def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end == -1 else end


def remove_items(source, spans: list[tuple[int, int]], remove: set[int], comment: str,
                 carried: dict[int, str] | None = None, rebuild: bool = False) -> list:
    """Edits deleting the items `remove` (indices into `spans`, not all of them) from a
    comma-separated list: one-line lists without comments (and, with `rebuild`, any list: a Python
    import without parentheses, continued with backslashes) are rewritten; otherwise an item alone
    on its line goes with its line (a comment after it goes into `carried`, to follow the item),
    else with its comma; other comments stay."""
    text = source.text
    first, last = spans[0][0], spans[-1][1]
    between = text[first:last]
    if rebuild or "\n" not in between and comment not in between and "/*" not in between:
        kept = [text[s:e] for i, (s, e) in enumerate(spans) if i not in remove]
        return [source.edit(first, last, ", ".join(kept))]
    ranges = []
    for i in sorted(remove):
        s, e = spans[i]
        ls, le = _line_bounds(text, s)
        if not text[ls:s].strip() and le < len(text):
            rest = text[e:le].strip()
            trailing = re.fullmatch(r",?\s*(%s.*)" % re.escape(comment), rest)
            if rest in ("", ",") or (trailing and carried is not None):
                if trailing and carried is not None:
                    carried[i] = trailing.group(1)
                ranges.append((ls, le + 1))
                continue
        m = re.match(r"\s*,[ \t]*", text[e:])
        if m:
            ranges.append((s, e + m.end()))
            continue
        m = re.search(r",\s*\Z", text[:s])
        ranges.append((m.start() if m else s, e))
    ranges.sort()
    merged: list[list[int]] = []
    for s, e in ranges:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [source.edit(s, e, "") for s, e in merged]


def replace_statement(source, start: int, end: int, lines: list[str], comments: list[str]) -> list:
    """Edits replacing the statement [start, end) by `lines` (comments from inside it kept above),
    or deleting it with its line when nothing replaces it."""
    text, nl = source.text, source.newline
    ls, le = _line_bounds(text, start)
    indent = text[ls:start] if not text[ls:start].strip() else ""
    new = [c for c in comments] + lines
    if new:
        return [source.edit(start, end, (nl + indent).join(new))]
    _, le = _line_bounds(text, end)
    if not text[ls:start].strip() and not text[end:le].strip() and le < len(text):
        return [source.edit(ls, le + 1, "")]
    return [source.edit(start, end, "")]


# -- the plan ----------------------------------------------------------------------------------------

@dataclass
class Plan:
    """What one file needs: specifiers removed per statement, names to import per module, uses to
    rewrite, and what is reported without a fix."""

    removed: dict[int, set[int]] = field(default_factory=dict)  # statement no. → specifier indices
    moved: dict[tuple[int, int], str] = field(default_factory=dict)  # (statement, specifier) → module
    imports: dict[str, list[str]] = field(default_factory=dict)  # module → specifier texts, in order
    anchors: dict[str, int] = field(default_factory=dict)  # module → statement no. the import goes after
    edits: list = field(default_factory=list)  # use rewrites
    notes: list[str] = field(default_factory=list)  # for the message
    unsafe: bool = False  # a home chosen by kind among several (allowed in this plan)
    skipped_unsafe: bool = False  # such a move was left out of this (safe) plan
    at: int | None = None  # where the finding points when no import statement changes

    def mark(self, offset: int) -> None:
        self.at = offset if self.at is None else min(self.at, offset)

    def add_import(self, module: str, text: str, anchor: int) -> None:
        names = self.imports.setdefault(module, [])
        if text not in names:
            names.append(text)
        self.anchors.setdefault(module, anchor)
        self.anchors[module] = min(self.anchors[module], anchor)

    def remove(self, stmt: int, item: int) -> None:
        self.removed.setdefault(stmt, set()).add(item)


class ProviderImportPath(Rule):
    """A provider class imported from, or looked up in, a place that does not export it.

    Generated CDKTF code often imports bindings the way AWS CDK or older docs do:
    `import { AwsProvider, Vpc } from '@cdktf/provider-aws'` (the package root exports only
    submodule namespaces: TS2724, and `AwsProvider is not a constructor` at synth), AWS-CDK-style
    namespaces (`import { ec2, iam } from '@cdktf/provider-aws'`, `aws.ec2.Vpc`: TS2305),
    a class looked up in another class's namespace (`vpc.Subnet`: TS2339/TS2694), a provider class
    from the core library (`import { DataAwsCallerIdentity } from 'cdktf'`), and in Python
    `from cdktf_cdktf_provider_aws import AwsProvider`, `from cdktf_cdktf_provider_aws import iam`
    + `iam.IamRole(...)`, `from cdktf_cdktf_provider_aws.vpc import Subnet` (ImportError,
    AttributeError).

    Where each name belongs comes from the provider index of the target version: the submodules
    where it is a type (or a suffix slip IAC101 corrects there). Among several, the module whose
    resource, data-source or provider class it is wins; a name that is constructed cannot be a
    struct or interface.

    The fix, per form:

    * a misplaced named import moves to `…/lib/<leaf>` (`cdktf_cdktf_provider_aws.<leaf>`), one
      import per submodule, after the statement it came from (or into an existing import of that
      module); valid root exports stay; an emptied statement is replaced, its comments kept;
    * `ns.Class` through a named namespace that does not hold the class (`ec2.Vpc`, `vpc.Subnet`,
      `iam.IamRole` in Python) becomes `Class`, imported from its submodule; the namespace import
      goes when nothing else uses it;
    * through a namespace import of the package (`import * as aws`, `import cdktf_cdktf_provider_aws
      as aws`) only the namespace segment changes: `aws.ec2.Vpc` → `aws.vpc.Vpc`, `aws.Vpc` →
      `aws.vpc.Vpc` (every submodule is an attribute of the Python package too).

    Safe when every moved name has one home (a pure import-path fix); unsafe when the home was
    chosen by kind among several and the code only uses the name as a type. Reported without a fix:
    a name with several equally credible homes (the candidates are listed). When the class name of a
    `ns.Class` is already taken in the file (a local class, another import), the root-namespace form
    is used instead (`subnet.Subnet`, `from cdktf_cdktf_provider_aws import subnet`), and reported
    without a fix when that name is taken too. Names that exist nowhere in the provider are left to
    the did-you-mean rules.
    """

    id = "IAC110"
    slug = "provider-import-path"
    summary = "Provider class imported from the package root, a CDK-style namespace or the wrong submodule"
    rationale = "issue 6 family 1: classes imported from where the bindings do not export them"
    languages = ("python", "typescript")
    phase = NAMES
    triggers = _provider.TRIGGERS + CORE
    examples = (
        Example("typescript", """\
import { AwsProvider, Vpc, Subnet, s3Bucket } from '@cdktf/provider-aws';

new AwsProvider(this, 'aws', { region: 'us-east-1' });
const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
new Subnet(this, 'a', { vpcId: vpc.id, cidrBlock: '10.0.1.0/24' });
new s3Bucket.S3Bucket(this, 'b', {});
""", """\
import { s3Bucket } from '@cdktf/provider-aws';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';

new AwsProvider(this, 'aws', { region: 'us-east-1' });
const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
new Subnet(this, 'a', { vpcId: vpc.id, cidrBlock: '10.0.1.0/24' });
new s3Bucket.S3Bucket(this, 'b', {});
"""),
        Example("typescript", """\
import { vpc, ec2 } from '@cdktf/provider-aws';

const main = new vpc.Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
const subnet: vpc.Subnet = new vpc.Subnet(this, 'a', { vpcId: main.id, cidrBlock: '10.0.1.0/24' });
new ec2.SecurityGroup(this, 'sg', { vpcId: main.id });
""", """\
import { vpc } from '@cdktf/provider-aws';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';

const main = new vpc.Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
const subnet: Subnet = new Subnet(this, 'a', { vpcId: main.id, cidrBlock: '10.0.1.0/24' });
new SecurityGroup(this, 'sg', { vpcId: main.id });
"""),
        Example("typescript", """\
import * as aws from '@cdktf/provider-aws';

new aws.ec2.Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
new aws.Eip(this, 'eip', { domain: 'vpc' });
""", """\
import * as aws from '@cdktf/provider-aws';

new aws.vpc.Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
new aws.eip.Eip(this, 'eip', { domain: 'vpc' });
"""),
        Example("python", """\
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import AwsProvider, iam

AwsProvider(self, "aws", region="us-east-1")
iam.IamRole(self, "role", assume_role_policy="{}")
""", """\
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.iam_role import IamRole

AwsProvider(self, "aws", region="us-east-1")
IamRole(self, "role", assume_role_policy="{}")
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.vpc import Vpc, Subnet
""", """\
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.subnet import Subnet
"""),
        Example("python", """\
import cdktf_cdktf_provider_aws as aws

aws.vpc.Subnet(self, "a", vpc_id="vpc-1", cidr_block="10.0.1.0/24")
""", """\
import cdktf_cdktf_provider_aws as aws

aws.subnet.Subnet(self, "a", vpc_id="vpc-1", cidr_block="10.0.1.0/24")
"""),
        # valid: root namespaces, classes from their submodules
        Example("typescript", """\
import { s3Bucket } from '@cdktf/provider-aws';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';

new s3Bucket.S3Bucket(this, 'b', {});
new Vpc(this, 'vpc', {});
"""),
    )

    # == TypeScript ====================================================================================
    def check_typescript(self, doc, ctx):
        plan, specs_of, diagnostics = self._ts_plan(doc, ctx, allow_unsafe=False)
        for node, message in diagnostics:
            start, end = doc.span(node)
            yield doc.source.finding(self, start, end, message)
        if plan.notes:
            yield self._ts_finding(doc, plan, specs_of)
        if plan.skipped_unsafe:
            plan, specs_of, _ = self._ts_plan(doc, ctx, allow_unsafe=True)
            yield self._ts_finding(doc, plan, specs_of)

    def _ts_plan(self, doc, ctx, allow_unsafe: bool):
        index = ctx.provider
        source = doc.source
        statements = list(doc.imports.statements)
        taken = self._ts_declared(doc)
        value_uses = self._ts_value_names(doc)
        plan = Plan()
        diagnostics = []
        # (local) → (statement no., specifier index, module of the statement, exported name)
        bindings: dict[str, tuple[int, int, str, str]] = {}
        specs_of: dict[int, list] = {}
        for i, stmt in enumerate(statements):
            module = module_of(stmt)
            named = stmt.find(kind="named_imports")
            if module is None or named is None:
                continue
            specs = named.find_all(kind="import_specifier")
            specs_of[i] = specs
            where = self._ts_place(index, module)
            if where is None:
                continue
            for j, spec in enumerate(specs):
                name_node = spec.field("name")
                if name_node is None:
                    continue
                name = name_node.text()
                local = (spec.field("alias") or name_node).text()
                bindings[local] = (i, j, module, name)
                if self._ts_valid(index, where, name):
                    continue
                if where == "core" and not any(k in ROOT_KINDS for k in _candidates(index, name).values()):
                    continue
                if where == "root" and name[:1].islower():
                    continue  # a CDK-style namespace: its uses decide (below)
                home = home_of(index, name, local in value_uses)
                if home.submodule is None:
                    if home.candidates:
                        diagnostics.append((spec, self._ambiguous(name, home, "typescript", index)))
                    continue
                if not (home.safe or allow_unsafe):
                    plan.skipped_unsafe = True
                    continue
                target = target_module(index, home.submodule, "typescript", module)
                if same_module(module, target):
                    continue
                plan.remove(i, j)
                plan.moved[(i, j)] = target
                plan.unsafe |= not home.safe
                if not self._ts_already(doc, target, spec.text()):
                    plan.add_import(target, spec.text(), i)
                plan.notes.append(f"`{name}` → `{target}`")
        # uses through namespaces
        ns_locals = {local for local, (m, p) in doc.imports.names.items()
                     if m in _provider.TS_PACKAGES or _provider.ts_module(index, m)}
        rewritten: dict[str, int] = {}
        for node in self._ts_chain_nodes(doc, ns_locals):
            chain = self._chain(node)
            if not chain or len(chain) < 2:
                continue
            local = chain[0].text()
            module, path = doc.imports.names[local]
            parts = [p.text() for p in chain[1:]]
            as_value = node.kind() == "member_expression"
            if path == "" and module in _provider.TS_PACKAGES:  # import * as aws from the root
                self._ts_root_namespace(index, node, chain, parts, as_value, plan, diagnostics, source,
                                        allow_unsafe)
                continue
            if path == "default" or len(chain) != 2:
                continue
            namespace = path or None
            sub = (index.module_for_ts_namespace(path) if module in _provider.TS_PACKAGES
                   else _provider.ts_module(index, module) if path == "" else None)
            if namespace is None and sub is None:
                continue
            if module in _provider.TS_PACKAGES and sub is None and namespace[:1].isupper():
                continue  # a class imported from the root: moved above
            name = parts[0]
            if sub is not None and valid_in(index, sub, name):
                continue
            home = home_of(index, name, as_value)
            if home.submodule is None:
                if home.candidates:
                    diagnostics.append((chain[-1], self._ambiguous(name, home, "typescript", index)))
                continue
            if not (home.safe or allow_unsafe):
                plan.skipped_unsafe = True
                continue
            target = target_module(index, home.submodule, "typescript", module)
            anchor = bindings[local][0] if local in bindings else self._stmt_index(doc, local)
            bound = doc.imports.names.get(name)
            namespace = home.submodule
            ns_bound = doc.imports.names.get(namespace)
            root = _ts_root(target)
            if bound is not None and same_module(bound[0], target) and bound[1] == name:
                written = name  # already imported right
            elif name not in taken and name not in doc.imports.names:
                written = name
                plan.add_import(target, name, anchor)
            elif ns_bound in ((root, namespace), (target, "")):
                written = f"{namespace}.{name}"  # the class name is taken: the namespace form
            elif namespace not in taken and namespace not in doc.imports.names:
                written = f"{namespace}.{name}"
                plan.add_import(root, namespace, anchor)
            else:
                diagnostics.append((node, f"`{node.text()}`: `{name}` is exported by `{target}`, but the names "
                                          f"`{name}` and `{namespace}` are already taken in this file; "
                                          f"import it under another name"))
                continue
            start, end = doc.span(node)
            plan.mark(start)
            plan.edits.append(source.edit(start, end, written))
            plan.unsafe |= not home.safe
            plan.notes.append(f"`{node.text()}` → `{written}` from `{target}`")
            rewritten[local] = rewritten.get(local, 0) + 1
        # namespace imports left without a use; a CDK-style namespace nobody uses
        for local, (i, j, module, name) in bindings.items():
            if module not in _provider.TS_PACKAGES or not name[:1].islower():
                continue
            uses = self._ts_uses(doc, local)
            if local in rewritten and rewritten[local] == uses:
                plan.remove(i, j)
            elif uses == 0 and index.module_for_ts_namespace(name) is None and name[:1].islower():
                plan.remove(i, j)
                plan.notes.append(f"`{name}` (no such namespace, unused) removed")
        return plan, specs_of, diagnostics

    def _ts_root_namespace(self, index, node, chain, parts, as_value, plan, diagnostics, source, allow_unsafe):
        """`aws.ec2.Vpc` → `aws.vpc.Vpc`, `aws.Vpc` → `aws.vpc.Vpc` (only the namespace segment)."""
        doc_span = lambda n: (n.range().start.index, n.range().end.index)  # noqa: E731
        first = parts[0]
        if len(parts) == 1:
            if index.module_for_ts_namespace(first) or not first[:1].isupper():
                return
            name, segment, insert = first, None, True
        elif len(parts) == 2 and first[:1].islower():
            name, segment, insert = parts[1], chain[1], False
            if index.module_for_ts_namespace(first) and valid_in(index, first, name):
                return
        else:
            return
        home = home_of(index, name, as_value)
        if home.submodule is None:
            if home.candidates:
                diagnostics.append((chain[-1], self._ambiguous(name, home, "typescript", index)))
            return
        if not (home.safe or allow_unsafe):
            plan.skipped_unsafe = True
            return
        plan.mark(doc_span(node)[0])
        if insert:
            start, _ = doc_span(chain[1])
            plan.edits.append(source.edit(start, start, f"{home.submodule}."))
        else:
            start, end = doc_span(segment)
            plan.edits.append(source.edit(start, end, home.submodule))
        plan.unsafe |= not home.safe
        plan.notes.append(f"`{node.text()}` → `{chain[0].text()}.{home.submodule}.{name}`")

    def _ts_finding(self, doc, plan: Plan, specs_of):
        source = doc.source
        statements = list(doc.imports.statements)
        edits = list(plan.edits)
        by_anchor: dict[int, list[str]] = {}
        for module, names in plan.imports.items():
            anchor = plan.anchors[module]
            existing = self._ts_open_import(doc, module, statements, plan)
            if existing is not None:
                edits.extend(doc.append_specifier(existing, ", ".join(names)))
                continue
            stmt = statements[anchor]
            quote = (stmt.field("source").text() or "'")[0]
            semi = ";" if stmt.text().rstrip().endswith(";") else ""
            kind = "import type" if re.match(r"import\s+type\b", stmt.text()) else "import"
            by_anchor.setdefault(anchor, []).append(f"{kind} {{ {', '.join(names)} }} from {quote}{module}{quote}{semi}")
        touched = sorted(set(plan.removed) | set(by_anchor))
        removals, carried = {}, {}
        for i in touched:
            removed, specs = plan.removed.get(i, set()), specs_of.get(i, [])
            if removed and len(removed) < len(specs):
                kept: dict[int, str] = {}
                removals[i] = remove_items(source, [doc.span(s) for s in specs], removed, "//", kept)
                for j, comment in kept.items():
                    carried.setdefault(plan.moved.get((i, j)), []).append(comment)
        for anchor, lines in by_anchor.items():
            by_anchor[anchor] = [self._with_comment(line, carried) for line in lines]
        first = None
        for i in touched:
            stmt = statements[i]
            start, end = doc.span(stmt)
            first = start if first is None else min(first, start)
            lines = by_anchor.get(i, [])
            removed = plan.removed.get(i, set())
            specs = specs_of.get(i, [])
            if removed and len(removed) == len(specs):
                comments = [c.text() for c in stmt.find_all(kind="comment")]
                edits.extend(replace_statement(source, start, end, lines, comments))
                continue
            edits.extend(removals.get(i, []))
            if lines:
                nl = source.newline
                edits.append(source.edit(end, end, "".join(nl + line for line in lines)))
        return self._finding(source, first if first is not None else (plan.at or 0), plan, edits)

    @staticmethod
    def _with_comment(line: str, carried: dict) -> str:
        """A new import line with the comments that followed its names in the old import."""
        for module, comments in carried.items():
            if module and (re.search(r"""from ['"]%s['"];?$""" % re.escape(module), line)
                           or line.startswith(f"from {module} import ")):
                return line + ("  " if line.startswith("from ") else " ") + " ".join(comments)
        return line

    def _finding(self, source, at: int, plan: Plan, edits):
        notes = list(dict.fromkeys(plan.notes))
        shown = "; ".join(notes[:6]) + (f"; … ({len(notes)} in all)" if len(notes) > 6 else "")
        message = f"provider classes imported from where the bindings do not export them: {shown}"
        return source.finding(self, at, at, message, edits,
                              Applicability.UNSAFE if plan.unsafe else Applicability.SAFE)

    # -- TypeScript helpers ---------------------------------------------------------------------------
    @staticmethod
    def _ts_place(index, module: str):
        """"root", "core", a submodule key, "nowhere" (a missing `lib/<leaf>`), or None (not ours)."""
        if module in _provider.TS_PACKAGES:
            return "root"
        if module in CORE:
            return "core"
        for package in _provider.TS_PACKAGES:
            if module.startswith(package + "/lib/"):
                return _provider.ts_module(index, module) or "nowhere"
        return None

    @staticmethod
    def _ts_valid(index, where: str, name: str) -> bool:
        if where == "root":
            return index.module_for_ts_namespace(name) is not None
        if where == "core":
            return False
        if where == "nowhere":
            return False
        return valid_in(index, where, name)

    @staticmethod
    def _ts_already(doc, module: str, spec_text: str) -> bool:
        local = spec_text.split(" as ")[-1].strip()
        bound = doc.imports.names.get(local)
        return bound is not None and same_module(bound[0], module) and bound[1] == spec_text.split(" as ")[0].strip()

    def _ts_open_import(self, doc, module: str, statements, plan: Plan):
        """An existing value import `{ … }` of `module` that this fix leaves alone, to append to."""
        for i, stmt in enumerate(statements):
            named = stmt.find(kind="named_imports")
            if named is None or not same_module(module_of(stmt), module) or i in plan.removed:
                continue
            if re.match(r"import\s+type\b", stmt.text()):
                continue
            return named
        return None

    @staticmethod
    def _stmt_index(doc, local: str) -> int:
        for i, stmt in enumerate(doc.imports.statements):
            clause = stmt.find(kind="namespace_import")
            if clause is not None and clause.find(kind="identifier") is not None and \
                    clause.find(kind="identifier").text() == local:
                return i
        return 0

    @staticmethod
    def _chain(node):
        kind = node.kind()
        if kind in ("identifier", "type_identifier"):
            return [node]
        if kind == "member_expression":
            obj, prop = node.field("object"), node.field("property")
            if obj is None or prop is None or prop.kind() != "property_identifier":
                return None
            base = ProviderImportPath._chain(obj)
            return base + [prop] if base else None
        if kind in ("nested_type_identifier", "nested_identifier"):
            children = [c for c in node.children() if c.is_named()]
            if len(children) != 2:
                return None
            base = ProviderImportPath._chain(children[0])
            return base + [children[1]] if base else None
        return None

    @staticmethod
    def _ts_chain_nodes(doc, locals_: set[str]):
        if not locals_:
            return []
        pattern = "^(?:%s)\\." % "|".join(map(re.escape, sorted(locals_)))
        out = []
        for kind in ("member_expression", "nested_type_identifier"):
            out.extend(doc.root.find_all(kind=kind, regex=pattern))
        out.sort(key=lambda n: n.range().start.index)
        return out

    @staticmethod
    def _ts_uses(doc, local: str) -> int:
        """Occurrences of `local` as an identifier outside import statements."""
        count = 0
        for node in doc.root.find_all(kind="identifier", regex=f"^{re.escape(local)}$"):
            anc = node.parent()
            inside_import = False
            while anc is not None:
                if anc.kind() == "import_statement":
                    inside_import = True
                    break
                anc = anc.parent()
            count += not inside_import
        return count

    @staticmethod
    def _ts_value_names(doc) -> set[str]:
        """Identifiers used in value positions (constructed, `extends`, static member reads)."""
        out = set()
        for node in doc.root.find_all(kind="identifier", regex="^[A-Z]"):
            parent = node.parent()
            if parent is not None and parent.kind() not in ("import_specifier", "namespace_import", "import_clause"):
                out.add(node.text())
        return out

    @staticmethod
    def _ts_declared(doc) -> set[str]:
        """Names declared in the file (classes, interfaces, types, functions, variables, parameters)."""
        out = set()
        for kind in ("class_declaration", "abstract_class_declaration", "interface_declaration",
                     "type_alias_declaration", "enum_declaration", "function_declaration", "variable_declarator"):
            for node in doc.root.find_all(kind=kind):
                name = node.field("name")
                if name is not None and name.kind() in ("identifier", "type_identifier"):
                    out.add(name.text())
        for kind in ("required_parameter", "optional_parameter"):
            for node in doc.root.find_all(kind=kind):
                pattern = node.field("pattern")
                if pattern is not None and pattern.kind() == "identifier":
                    out.add(pattern.text())
        return out

    @staticmethod
    def _ambiguous(name: str, home: Home, language: str, index) -> str:
        where = ", ".join(f"`{index.ts_module(s)}`" if language == "typescript" else f"`{index.python_module(s)}`"
                          for s in home.candidates)
        return f"`{name}` is not exported here; it is a type in several provider modules ({where}): import it from the one meant"

    # == Python ========================================================================================
    def check_python(self, doc, ctx):
        plan, diagnostics = self._py_plan(doc, ctx, allow_unsafe=False)
        for node, message in diagnostics:
            start, end = doc.span(node)
            yield doc.source.finding(self, start, end, message)
        if plan.notes:
            yield self._py_finding(doc, plan)
        if plan.skipped_unsafe:
            plan, _ = self._py_plan(doc, ctx, allow_unsafe=True)
            yield self._py_finding(doc, plan)

    def _py_plan(self, doc, ctx, allow_unsafe: bool):
        index = ctx.provider
        source = doc.source
        statements = [s for s in doc.import_statements if isinstance(s, ast.ImportFrom)]
        taken = self._py_declared(doc)
        constructed = {_dotted(c.func) for c in doc.calls if len(c.args) >= 2}
        plan, diagnostics = Plan(), []
        bindings: dict[str, tuple[int, int]] = {}

        def allowed(home) -> bool:
            if home.safe or allow_unsafe:
                return True
            plan.skipped_unsafe = True
            return False

        for i, stmt in enumerate(statements):
            where = self._py_place(index, stmt)
            if where is None:
                continue
            for j, alias in enumerate(stmt.names):
                name = alias.name
                if name == "*":
                    continue
                local = alias.asname or name
                bindings[local] = (i, j)
                if where == "root" and index.module_for_python(name) is not None:
                    continue
                if where not in ("root", "core", "nowhere") and valid_in(index, where, name):
                    continue
                if where == "core" and not any(k in ROOT_KINDS for k in _candidates(index, name).values()):
                    continue
                if where == "root" and name[:1].islower():
                    continue  # a CDK-style namespace (`iam`): its uses decide (below)
                home = home_of(index, name, local in constructed)
                if home.submodule is None:
                    if home.candidates:
                        diagnostics.append((alias, self._ambiguous(name, home, "python", index)))
                    continue
                target = target_module(index, home.submodule, "python", stmt.module)
                if target == stmt.module or not allowed(home):
                    continue
                plan.remove(i, j)
                plan.moved[(i, j)] = target
                plan.unsafe |= not home.safe
                start, end = doc.span(alias)
                plan.add_import(target, source.text[start:end], i)
                plan.notes.append(f"`{name}` → `{target}`")
        rewritten: dict[str, int] = {}
        for node in doc.attributes:
            parts = _dotted(node).split(".")
            if len(parts) < 2 or not isinstance(_root_name(node), ast.Name):
                continue
            local = parts[0]
            qualified = doc.imports.names.get(local)
            if qualified is None:
                continue
            as_value = _dotted(node) in constructed
            if qualified in _provider.PY_ROOTS:  # import cdktf_cdktf_provider_aws as aws
                self._py_root_namespace(doc, index, node, parts, as_value, plan, diagnostics, allowed)
                continue
            head, _, leaf = qualified.partition(".")
            if head not in _provider.PY_ROOTS or not leaf or "." in leaf or len(parts) != 2:
                continue
            sub = index.module_for_python(leaf)
            name = parts[1]
            if sub is not None and valid_in(index, sub, name):
                continue
            if sub is None and not name[:1].isupper():
                continue
            home = home_of(index, name, as_value)
            if home.submodule is None:
                if home.candidates:
                    diagnostics.append((node, self._ambiguous(name, home, "python", index)))
                continue
            if not allowed(home):
                continue
            target = target_module(index, home.submodule, "python", qualified)
            anchor = bindings[local][0] if local in bindings else self._py_anchor(doc, local, statements)
            root, _, leaf = target.rpartition(".")
            if doc.imports.names.get(name) == f"{target}.{name}":
                written = name  # already imported right
            elif name not in taken and name not in doc.imports.names:
                written = name
                plan.add_import(target, name, anchor)
            elif doc.imports.names.get(leaf) == target:
                written = f"{leaf}.{name}"  # the class name is taken: the module form
            elif leaf not in taken and leaf not in doc.imports.names:
                written = f"{leaf}.{name}"
                plan.add_import(root, leaf, anchor)
            else:
                diagnostics.append((node, f"`{_dotted(node)}`: `{name}` is in `{target}`, but the names `{name}` "
                                          f"and `{leaf}` are already taken in this file; import it under another name"))
                continue
            start, end = doc.span(node)
            plan.mark(start)
            plan.edits.append(source.edit(start, end, written))
            plan.unsafe |= not home.safe
            plan.notes.append(f"`{_dotted(node)}` → `{written}` from `{target}`")
            rewritten[local] = rewritten.get(local, 0) + 1
        for local, (i, j) in bindings.items():
            stmt = statements[i]
            name = stmt.names[j].name
            if stmt.module not in _provider.PY_ROOTS or not name[:1].islower():
                continue
            uses = sum(1 for n in doc.names if n.id == local)
            if local in rewritten and rewritten[local] == uses:
                plan.remove(i, j)
            elif uses == 0 and index.module_for_python(name) is None:
                plan.remove(i, j)
                plan.notes.append(f"`{name}` (no such module, unused) removed")
        return plan, diagnostics

    def _py_root_namespace(self, doc, index, node, parts, as_value, plan, diagnostics, allowed):
        """`aws.vpc.Subnet` → `aws.subnet.Subnet`, `aws.Vpc` → `aws.vpc.Vpc` (the package's
        `__init__` imports every submodule, so the attribute form works)."""
        source = doc.source
        if len(parts) == 2:
            name = parts[1]
            if index.module_for_python(name) is not None or not name[:1].isupper():
                return
            segment = None
        elif len(parts) == 3 and parts[1][:1].islower():
            name = parts[2]
            sub = index.module_for_python(parts[1])
            if sub is not None and valid_in(index, sub, name):
                return
            segment = node.value
        else:
            return
        home = home_of(index, name, as_value)
        if home.submodule is None:
            if home.candidates:
                diagnostics.append((node, self._ambiguous(name, home, "python", index)))
            return
        if not allowed(home):
            return
        leaf = index.python_leaf(home.submodule)
        start, end = doc.span(node)
        plan.mark(start)
        if segment is None:
            at, _ = doc.attr_span(node)
            if source.text[at:end] != name:
                return
            plan.edits.append(source.edit(at, at, f"{leaf}."))
        else:
            s, e = doc.attr_span(segment)
            if source.text[s:e] != parts[1]:
                return
            plan.edits.append(source.edit(s, e, leaf))
        plan.unsafe |= not home.safe
        plan.notes.append(f"`{_dotted(node)}` → `{parts[0]}.{leaf}.{name}`")

    def _py_finding(self, doc, plan: Plan):
        source, text = doc.source, doc.text
        statements = [s for s in doc.import_statements if isinstance(s, ast.ImportFrom)]
        edits = list(plan.edits)
        by_anchor: dict[int, list[str]] = {}
        for module, names in plan.imports.items():
            existing = next((s for k, s in enumerate(statements) if s.level == 0 and s.module == module
                             and k not in plan.removed and s.names[0].name != "*"), None)
            if existing is not None:
                edits.extend(doc._append_to_from_import(existing, ", ".join(names)))
                continue
            if plan.anchors[module] < 0:
                edits.append(doc._new_import_line(module, ", ".join(names)))
                continue
            by_anchor.setdefault(plan.anchors[module], []).append(f"from {module} import {', '.join(names)}")
        touched = sorted(set(plan.removed) | set(by_anchor))
        removals, carried = {}, {}
        for i in touched:
            removed, stmt = plan.removed.get(i, set()), statements[i]
            if removed and len(removed) < len(stmt.names):
                kept: dict[int, str] = {}
                parenthesised = "(" in text[doc.span(stmt)[0]:doc.span(stmt.names[0])[0]]
                removals[i] = remove_items(source, [doc.span(a) for a in stmt.names], removed, "#", kept,
                                           rebuild=not parenthesised)
                for j, comment in kept.items():
                    carried.setdefault(plan.moved.get((i, j)), []).append(comment)
        for anchor, lines in by_anchor.items():
            by_anchor[anchor] = [self._with_comment(line, carried) for line in lines]
        first = None
        for i in touched:
            stmt = statements[i]
            start, end = doc.span(stmt)
            first = start if first is None else min(first, start)
            lines = by_anchor.get(i, [])
            removed = plan.removed.get(i, set())
            if removed and len(removed) == len(stmt.names):
                comments = re.findall(r"#[^\r\n]*", text[start:end])
                edits.extend(replace_statement(source, start, end, lines, comments))
                continue
            edits.extend(removals.get(i, []))
            if lines:
                ls, _ = _line_bounds(text, start)
                indent = text[ls:start] if not text[ls:start].strip() else ""
                edits.append(source.edit(end, end, "".join(source.newline + indent + line for line in lines)))
        return self._finding(source, first if first is not None else (plan.at or 0), plan, edits)

    # -- Python helpers -------------------------------------------------------------------------------
    @staticmethod
    def _py_place(index, stmt: ast.ImportFrom):
        if stmt.level or not stmt.module:
            return None
        module = stmt.module
        if module in _provider.PY_ROOTS:
            return "root"
        if module in CORE:
            return "core"
        head, _, leaf = module.partition(".")
        if head in _provider.PY_ROOTS and leaf and "." not in leaf:
            return index.module_for_python(leaf) or "nowhere"
        return None

    @staticmethod
    def _py_anchor(doc, local: str, statements) -> int:
        """The from-import of the provider package last in the file (-1: a new line is added)."""
        best = -1
        for i, stmt in enumerate(statements):
            if stmt.level == 0 and (stmt.module or "").split(".")[0] in _provider.PY_ROOTS:
                best = i
        return best

    @staticmethod
    def _py_declared(doc) -> set[str]:
        """Names bound in the file other than by imports: definitions, parameters, assignments."""
        out = set(doc.imports.local_names)
        for node in doc.nodes:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                out.add(node.name)
            elif isinstance(node, ast.arg):
                out.add(node.arg)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                out.add(node.id)
        return out


def _dotted(expr) -> str:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        base = _dotted(expr.value)
        return f"{base}.{expr.attr}" if base else ""
    return ""


def _root_name(expr):
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return expr
