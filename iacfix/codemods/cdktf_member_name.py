"""IAC113 cdktf-member-name."""
from __future__ import annotations

import ast
import re

from iacfix.knowledge.names import normalise, suggestions
from iacfix.rules import NAMES, Example, Rule

CORE_PACKAGES = ("cdktf", "cdktn")
# Known renames the did-you-mean cannot find: cdktf names Terraform's `length` `lengthOf`, because
# every JavaScript function already has a `length` property (jsii name; Python `length_of`).
KNOWN_RENAMES = {("Fn", "length"): "lengthOf"}
# What to use instead of a function cdktf does not have, for the names generated code invents.
# Only a message: the replacement is a resource, not an expression.
HINTS = {
    "randompassword": "a generated password is the random provider's `Password` resource "
                      "(or Secrets Manager's `manage_master_user_password`), not a function",
    "randomstring": "a random string is the random provider's `StringResource` resource, not a function",
    "randomid": "a random id is the random provider's `Id` resource, not a function",
    "randominteger": "a random number is the random provider's `Integer` resource, not a function",
    "getenv": "environment variables are read in synth code (`process.env` / `os.environ`) or passed "
              "as a `TerraformVariable`",
}
# AWS CDK names generated code imports from cdktf: what cdktf has instead (message only)
IMPORT_HINTS = {
    "ITaggable": "that is AWS CDK's tagging API; in cdktf, tags are the provider's `default_tags` or an "
                 "`IAspect` that sets `tags` on the resources it visits",
    "TagManager": "that is AWS CDK's tagging API; in cdktf, tags are the provider's `default_tags` or an "
                  "`IAspect` that sets `tags` on the resources it visits",
    "Tags": "that is AWS CDK's tagging API; in cdktf, tags are the provider's `default_tags` or an "
            "`IAspect` that sets `tags` on the resources it visits",
    "CfnOutput": "that is AWS CDK's; cdktf's is `TerraformOutput`",
    "Duration": "that is AWS CDK's; cdktf properties take plain numbers or strings",
    "RemovalPolicy": "that is AWS CDK's; in cdktf, use the resource's `lifecycle` (`prevent_destroy`) or "
                     "its own deletion settings",
}
# invented members another rule repairs: `Fn.data('aws_caller_identity.current.account_id')` is a
# data source reference, which IAC119 raw-interpolation turns into the data source's attribute
LEFT_TO_OTHERS = frozenset({("Fn", "data")})
# properties every JavaScript function has: `Fn.name` compiles and means the class's name
_JS_FUNCTION_PROPS = frozenset({"name", "length", "prototype", "call", "apply", "bind", "toString", "caller", "arguments"})
_TRIGGER = re.compile(r"\b(?:cdktf|cdktn)\b")


class CdktfMemberName(Rule):
    """A static member of a cdktf class (`Fn`, `Token`, `Op`, `Lazy`, `Tokenization`, …), or a name
    imported from `cdktf`, that the library does not have.

    Terraform's functions are spelled in lower case without separators on `Fn` (`Fn.jsondecode`,
    `Fn.base64encode`, `Fn.cidrsubnet`), while the rest of cdktf is camelCase in TypeScript and
    snake_case in Python (`Fn.lookupNested` / `Fn.lookup_nested`, `Token.asString` /
    `Token.as_string`, `Op.not_`). Generated code mixes the conventions: `Fn.jsonDecode` (TS2551),
    `Fn.base64_encode`, `Token.asString` in Python (AttributeError at synth).

    The valid names come from cdktf's own jsii assembly (`ctx.core`: static methods and properties
    of each class, inherited ones included — `Fn` gets its functions from `FnGenerated` — with the
    Python names jsii generates). A wrong name is compared with that class's members only, through
    the shared did-you-mean (`iacfix.knowledge.names`: same name up to case and separators, then
    singular/plural, then one or two edits). One candidate → the member is renamed (safe: the code
    cannot run as written and the candidate is the only credible meaning); several → reported
    with the candidates; none → reported, with what to use instead when that is known
    (`Fn.random_password` → the random provider's `Password` resource). One known rename the
    did-you-mean cannot find is a table: `Fn.length` → `Fn.lengthOf` (only when called in
    TypeScript, where `Fn.length` is also every function's arity).

    Names imported from `cdktf` that it does not export (`from cdktf import ITaggable`,
    ImportError) get the same treatment against the package's exported types; provider classes
    imported from `cdktf` are left to IAC110. AWS CDK names with no cdktf counterpart
    (`ITaggable`, `TagManager`, `CfnOutput`, `Duration`, `RemovalPolicy`) are reported with what
    cdktf has instead (a small message table, never a fix). Every import form is followed (`from cdktf import Fn
    as F`, `import cdktf` + `cdktf.Fn.x`, `from cdktf import *`, TypeScript named and namespace
    imports). Instance members and dunder/underscore names are never touched. `Fn.data('<type>.<name>.<attr>')`
    (a data source reference spelt as a function) is left to IAC119 raw-interpolation, which
    refers to the data source's attribute instead.
    """

    id = "IAC113"
    slug = "cdktf-member-name"
    summary = "`Fn`/`Token`/`Op` member or `cdktf` import that the library does not have (`Fn.jsonDecode` → `Fn.jsondecode`)"
    rationale = "issue 6 family 2b: cdktf's own API misspelt (casing, snake vs camel), from cdktf's type info"
    languages = ("python", "typescript")
    phase = NAMES
    triggers = ("cdktf", "cdktn")
    examples = (
        Example("typescript", """\
import { Fn, TerraformStack } from 'cdktf';

const policy = Fn.jsonDecode(doc);
const encoded = Fn.base64_encode(policy);
""", """\
import { Fn, TerraformStack } from 'cdktf';

const policy = Fn.jsondecode(doc);
const encoded = Fn.base64encode(policy);
"""),
        Example("python", """\
from cdktf import Fn, Token

subnets = Fn.lookupNested(config, ["subnets"])
name = Token.asString(Fn.jsonDecode(raw))
""", """\
from cdktf import Fn, Token

subnets = Fn.lookup_nested(config, ["subnets"])
name = Token.as_string(Fn.jsondecode(raw))
"""),
        Example("python", """\
import cdktf

count = cdktf.Fn.length(cdktf.Fn.tolist(ids))
""", """\
import cdktf

count = cdktf.Fn.length_of(cdktf.Fn.tolist(ids))
"""),
        # no such function: reported with what to use instead
        Example("typescript", """\
import { Fn } from 'cdktf';

const password = Fn.random_password(16);
""", reported=True),
        # not exported by cdktf, no credible candidate: reported
        Example("python", """\
from cdktf import IAspect, ITaggable
""", reported=True),
        # valid: Python names of FnGenerated's functions, Op.not_, Token constants, Fn.name in TS
        Example("python", """\
from cdktf import Fn, Op, Token

x = Fn.try_([a, b])
y = Op.not_(flag)
z = Token.STRING_MAP_TOKEN_VALUE
"""),
        Example("typescript", """\
import * as cdktf from 'cdktf';

const n = cdktf.Fn.lengthOf(cdktf.Fn.tolist(ids));
const label = cdktf.Fn.name;
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return bool(_TRIGGER.search(text))

    # -- shared ----------------------------------------------------------------------------
    def _member_verdict(self, core, cls: str, member: str, language: str):
        """(replacement or None, candidates, hint) for `cls.member`; None when it is valid or not ours."""
        statics = core.static_members(cls)
        if not statics or member.startswith("_") or (cls, member) in LEFT_TO_OTHERS:
            return None
        python = language == "python"
        valid = {m.py_name for m in statics.values()} if python else set(statics)
        if member in valid:
            return None
        instance = core.instance_members(cls)
        if member in ({m.py_name for m in instance.values()} if python else set(instance)):
            return None  # an instance member reached through the class: another problem
        known = KNOWN_RENAMES.get((cls, member))  # keyed by the name as written (`length` in both languages)
        if known is not None:
            right = statics[known].py_name if python else known
            return right, [right], None
        found = suggestions(member, valid)
        hint = HINTS.get(normalise(member)) if not found else None
        return (found[0] if len(found) == 1 else None), found, hint

    def _member_message(self, core, cls, member, right, found, hint) -> str:
        head = f"`{cls}` has no static member `{member}` ({core.package} {core.version})"
        if right:
            return f"{head}; it is `{cls}.{right}`"
        if found:
            return f"{head}; did you mean one of: " + ", ".join(f"`{cls}.{c}`" for c in found)
        return f"{head}; {hint}" if hint else head

    def _import_verdict(self, core, provider, name: str):
        """(replacement or None, candidates) for a name imported from the core package; None if valid
        or not ours (a provider class: IAC110; a submodule)."""
        if name in core.exports() or name == "*" or core.submodule_of(name) or not name[:1].isupper():
            return None
        if provider.modules_with_type(name):
            return None
        found = suggestions(name, core.exports())
        return (found[0] if len(found) == 1 else None), found

    def _import_message(self, core, name, right, found) -> str:
        head = f"`{core.package}` {core.version} does not export `{name}`"
        if right:
            return f"{head}; it is `{right}`"
        if found:
            return f"{head}; did you mean one of: " + ", ".join(f"`{c}`" for c in found)
        return f"{head}; {IMPORT_HINTS[name]}" if name in IMPORT_HINTS else head

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        core, source = ctx.core, doc.source
        stars = [m for m in doc.imports.star_modules if m in CORE_PACKAGES]
        for node in doc.attributes:
            if not isinstance(node.ctx, ast.Load):
                continue
            qualified = doc.imports.resolve(node.value)
            if qualified is None and stars and isinstance(node.value, ast.Name) and \
                    node.value.id not in doc.imports.local_names:
                qualified = f"{stars[0]}.{node.value.id}"
            if not qualified or qualified.count(".") != 1:
                continue
            package, cls = qualified.split(".")
            if package not in CORE_PACKAGES or core.kind_of(cls) != "class":
                continue
            verdict = self._member_verdict(core, cls, node.attr, "python")
            if verdict is None:
                continue
            right, found, hint = verdict
            start, end = doc.attr_span(node)
            if source.text[start:end] != node.attr:
                continue
            message = self._member_message(core, cls, node.attr, right, found, hint)
            yield source.finding(self, start, end, message, [source.edit(start, end, right)] if right else None)
        for stmt in doc.import_statements:
            if not isinstance(stmt, ast.ImportFrom) or stmt.level or stmt.module not in CORE_PACKAGES:
                continue
            for alias in stmt.names:
                verdict = self._import_verdict(core, ctx.provider, alias.name)
                if verdict is None:
                    continue
                right, found = verdict
                start, _ = doc.span(alias)
                end = start + len(alias.name)
                edits = None
                if right:
                    edits = [source.edit(start, end, right)]
                    if alias.asname is None:
                        edits += [source.edit(*doc.span(n), right) for n in doc.names if n.id == alias.name]
                yield source.finding(self, start, end, self._import_message(core, alias.name, right, found), edits)

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        core, source = ctx.core, doc.source
        locals_ = [local for local, (spec, path) in doc.imports.names.items()
                   if spec in CORE_PACKAGES and (path == "" or core.kind_of(path) == "class")]
        if locals_:
            pattern = "^(?:%s)$" % "|".join(map(re.escape, sorted(locals_)))
            for ident in doc.root.find_all(kind="identifier", regex=pattern):
                access = ident.parent()
                if access is None or access.kind() != "member_expression" or access.field("object") != ident:
                    continue
                spec, path = doc.imports.names[ident.text()]
                if path == "":  # namespace import: cdktf.Fn.member
                    cls_node = access.field("property")
                    access = access.parent()
                    if cls_node is None or access is None or access.kind() != "member_expression":
                        continue
                    path = cls_node.text()
                    if core.kind_of(path) != "class":
                        continue
                prop = access.field("property")
                if prop is None or prop.kind() != "property_identifier":
                    continue
                member = prop.text()
                if member in _JS_FUNCTION_PROPS and not (member == "length" and _called(access)):
                    continue
                verdict = self._member_verdict(core, path, member, "typescript")
                if verdict is None:
                    continue
                right, found, hint = verdict
                start, end = doc.span(prop)
                message = self._member_message(core, path, member, right, found, hint)
                yield source.finding(self, start, end, message, [source.edit(start, end, right)] if right else None)
        for spec, module in doc.imports.specifiers:
            if module not in CORE_PACKAGES:
                continue
            name_node, alias = spec.field("name"), spec.field("alias")
            if name_node is None:
                continue
            verdict = self._import_verdict(core, ctx.provider, name_node.text())
            if verdict is None:
                continue
            right, found = verdict
            start, end = doc.span(name_node)
            edits = None
            if right:
                edits = [source.edit(start, end, right)]
                if alias is None:
                    edits += _ts_uses(doc, name_node.text(), right)
            yield source.finding(self, start, end, self._import_message(core, name_node.text(), right, found), edits)


def _called(member_expression) -> bool:
    parent = member_expression.parent()
    return parent is not None and parent.kind() == "call_expression" and parent.field("function") == member_expression


def _ts_uses(doc, name: str, right: str) -> list:
    """Edits renaming the bare uses of an imported name (values and types, not properties)."""
    edits = []
    pattern = f"^{re.escape(name)}$"
    for kind in ("identifier", "type_identifier"):
        for node in doc.root.find_all(kind=kind, regex=pattern):
            parent = node.parent()
            if parent is not None and parent.kind() == "import_specifier":
                continue
            edits.append(doc.source.edit(*doc.span(node), right))
    return edits
