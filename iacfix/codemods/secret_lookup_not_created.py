"""IAC303 secret-lookup-not-created."""
from __future__ import annotations

import ast
import re
from functools import lru_cache

from ast_grep_py import SgRoot

from iacfix.codemods import _provider, _secrets
from iacfix.fixes import Applicability
from iacfix.knowledge.provider import python_root, ts_package
from iacfix.rules import Example, Rule

_LOOKUP = ("dataAwsSecretsmanagerSecret", "DataAwsSecretsmanagerSecret")
_VERSION = ("dataAwsSecretsmanagerSecretVersion", "DataAwsSecretsmanagerSecretVersion")
_CREATE_PY = re.compile(r"\bSecretsmanagerSecret\s*\(")
_CREATE_TS = re.compile(r"\bnew\s+[\w$.]*\bSecretsmanagerSecret\s*\(")
_JSON_USE = re.compile(r"json_?decode|JSON\.parse|Fn\.lookup|jsonDecode", re.I)
WILDCARD = "\0"


def pattern_matches(lookup: str, created: str) -> bool:
    """Whether a looked-up name and a created name (each with WILDCARD for a substitution such
    as `${environmentSuffix}`) can be the same string."""
    def regex(p):
        return re.compile("".join(".*" if c == WILDCARD else re.escape(c) for c in p), re.S)
    return bool(regex(lookup).fullmatch(created.replace(WILDCARD, "x"))
                or regex(created).fullmatch(lookup.replace(WILDCARD, "x")))


def _py_pattern(node) -> str | None:
    """The name a Python string / f-string spells, substitutions as WILDCARD; None otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(p.value if isinstance(p, ast.Constant) else WILDCARD for p in node.values)
    return None


def _ts_pattern(node) -> str | None:
    if node is None:
        return None
    if node.kind() == "string":
        return node.text()[1:-1]
    if node.kind() == "template_string":
        out = []
        for child in node.children():
            if child.kind() == "string_fragment":
                out.append(child.text())
            elif child.kind() == "template_substitution":
                out.append(WILDCARD)
        return "".join(out)
    return None


@lru_cache(maxsize=512)
def _created_python_cached(text: str) -> tuple:
    return tuple(_created_python_uncached(text))


def _created_python(text: str) -> list[str | None]:
    """Names of the secrets a Python file creates (cached per text: every file with a lookup asks)."""
    return list(_created_python_cached(text)) if _CREATE_PY.search(text) else []


def _created_python_uncached(text: str) -> list[str | None]:
    """Names of the secrets a Python file creates (None: a name not known statically)."""
    if not _CREATE_PY.search(text):
        return []
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return [None]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) \
                == "SecretsmanagerSecret":
            kw = {k.arg: k.value for k in node.keywords}
            if None in kw:  # `**options`: the name may be in there
                names.append(None)
            elif "name" in kw:
                names.append(_py_pattern(kw["name"]))
            elif "name_prefix" in kw:
                prefix = _py_pattern(kw["name_prefix"])
                names.append(None if prefix is None else prefix + WILDCARD)
            # no name at all: Terraform makes one up, no literal lookup can mean it
    return names


def _created_typescript(text: str, path: str) -> list[str | None]:
    """Names of the secrets a TypeScript file creates (None: a name not known statically)."""
    if not _CREATE_TS.search(text):
        return []
    return list(_created_typescript_cached(text, path.endswith(".tsx")))


@lru_cache(maxsize=512)
def _created_typescript_cached(text: str, tsx: bool) -> tuple:
    names = []
    root = SgRoot(text, "tsx" if tsx else "typescript").root()
    for new in root.find_all(kind="new_expression"):
        ctor = new.field("constructor")
        if ctor is None or not re.search(r"(?:^|\.)SecretsmanagerSecret$", ctor.text()):
            continue
        args = new.field("arguments")
        obj = next((c for c in args.children() if c.kind() == "object"), None) if args is not None else None
        pairs = _pairs(obj) if obj is not None else {}
        if "name" in pairs:
            names.append(_ts_pattern(pairs["name"].field("value")))
        elif "namePrefix" in pairs:
            prefix = _ts_pattern(pairs["namePrefix"].field("value"))
            names.append(None if prefix is None else prefix + WILDCARD)
        elif obj is None and args is not None and len([c for c in args.children() if c.is_named()]) > 2 or \
                obj is not None and any(c.kind() == "spread_element" for c in obj.children()):
            names.append(None)  # the config is a variable or spreads one: the name is not known here
    return tuple(names)


def _pairs(obj) -> dict:
    out = {}
    for pair in obj.children():
        if pair.kind() == "pair" and pair.field("key") is not None:
            key = pair.field("key")
            out[key.text()[1:-1] if key.kind() == "string" else key.text()] = pair
    return out


class SecretLookupNotCreated(Rule):
    """A Secrets Manager secret looked up by a literal name that nothing in the project creates.

    `DataAwsSecretsmanagerSecret(name=…)` (and `DataAwsSecretsmanagerSecretVersion(secret_id=
    "<name>")`) reads a secret that must already exist: when nothing creates it, the first plan
    fails with `ResourceNotFoundException` (seed 000 #1: "Secrets should be fetched from existing
    entries", but none existed). The rule compares the looked-up name with the names of the
    `SecretsmanagerSecret` resources the whole project creates (Python and TypeScript files, through
    `ctx.sources`): an f-string / template literal matches when its literal parts do
    (`assessment-db-credentials-${environmentSuffix}`), a `name_prefix` matches names it begins, a
    secret created under a name the code computes is assumed to match (nothing is reported then).

    The fix is unsafe (it creates a resource instead of reading one): the data source becomes a
    `SecretsmanagerSecret` with the same construct id and name, and a
    `DataAwsSecretsmanagerSecretVersion` reading it becomes a `SecretsmanagerSecretVersion` whose
    value is a password generated at deploy time by the random provider (`RandomProvider` added
    when the project has none) — seed 000's IDEAL, without its password computed in synth code.
    Left reported without a fix: a lookup by ARN, versions pinned by `version_id`/`version_stage`,
    a value the code parses as JSON (the generated plain password would not have its keys), and a
    TypeScript file that uses the data-source class as a type.
    """

    id = "IAC303"
    slug = "secret-lookup-not-created"
    summary = "Secrets Manager secret looked up by a name that nothing in the project creates"
    rationale = "seed 000 #1 (DataAwsSecretsmanagerSecret of a secret that does not exist)"
    seeds = ("000#1",)
    languages = ("python", "typescript")
    applicability = Applicability.UNSAFE
    examples = (
        Example("typescript", """\
import { DataAwsSecretsmanagerSecret } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret';

// Fetch existing database secret
const dbSecret = new DataAwsSecretsmanagerSecret(this, 'db-secret', {
  name: `assessment-db-credentials-${environmentSuffix}`,
});
""", """\
import { DataAwsSecretsmanagerSecret } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';

// Fetch existing database secret
const dbSecret = new SecretsmanagerSecret(this, 'db-secret', {
  name: `assessment-db-credentials-${environmentSuffix}`,
});
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.data_aws_secretsmanager_secret import DataAwsSecretsmanagerSecret
from cdktf_cdktf_provider_aws.data_aws_secretsmanager_secret_version import DataAwsSecretsmanagerSecretVersion

db_secret = DataAwsSecretsmanagerSecret(self, "db_secret", name=f"rds-password-{environment_suffix}")
db_secret_version = DataAwsSecretsmanagerSecretVersion(self, "db_secret_version", secret_id=db_secret.id)
""", """\
from cdktf_cdktf_provider_aws.data_aws_secretsmanager_secret import DataAwsSecretsmanagerSecret
from cdktf_cdktf_provider_aws.data_aws_secretsmanager_secret_version import DataAwsSecretsmanagerSecretVersion
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret
from cdktf_cdktf_provider_aws.secretsmanager_secret_version import SecretsmanagerSecretVersion
from cdktf_cdktf_provider_random.password import Password
from cdktf_cdktf_provider_random.provider import RandomProvider

db_secret = SecretsmanagerSecret(self, "db_secret", name=f"rds-password-{environment_suffix}")
# secret value generated by Terraform (random provider)
RandomProvider(self, "random")
db_secret_version_value = Password(self, "db_secret_version_value", length=32, override_special="!#$%&*()-_=+[]{}<>:?")
db_secret_version = SecretsmanagerSecretVersion(self, "db_secret_version", secret_id=db_secret.id, secret_string=db_secret_version_value.result)
"""),
        # valid: the same project creates the secret it reads
        Example("python", """\
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret
from cdktf_cdktf_provider_aws.data_aws_secretsmanager_secret import DataAwsSecretsmanagerSecret

SecretsmanagerSecret(self, "s", name=f"app-{env}-creds")
DataAwsSecretsmanagerSecret(self, "lookup", name=f"app-{env}-creds")
"""),
        # reported, not fixed: the value is parsed as JSON
        Example("typescript", """\
import { Fn } from 'cdktf';
import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';

const creds = new DataAwsSecretsmanagerSecretVersion(this, 'creds', { secretId: 'prod/db' });
const password = Fn.lookup(Fn.jsondecode(creds.secretString), 'password', '');
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if "DataAwsSecretsmanagerSecret" in text or "dataAwsSecretsmanagerSecret" in text:
            return True
        # IAC302 with strategy = seed writes such lookups in a later pass of the same run, and the
        # engine only keeps the rules a file triggered at first: be there for them
        from iacfix.rules import lookup
        passwords = lookup("IAC302")
        return passwords is not None and ctx.option(passwords, "strategy") == "seed" and \
            passwords.triggered(text, ctx, language)

    def _created(self, ctx, doc, suffix: str) -> list[str | None]:
        """Names of the secrets the project creates (this file as it is now, the others from disk)."""
        here = doc.text
        names = _created_python(here) if suffix == ".py" else _created_typescript(here, doc.source.path)
        try:
            others = ctx.sources.files(".py", ".ts", ".tsx")
        except Exception:  # noqa: BLE001 - no project view
            others = []
        this = doc.source.path
        for path, text in others:
            if str(path) == this or str(path).endswith("/" + this.lstrip("./")) or path.name.endswith(".d.ts"):
                continue
            names += _created_python(text) if path.suffix == ".py" else _created_typescript(text, str(path))
        return names

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        lookups, versions = [], []
        for call in doc.calls:
            resolved = _provider.python_resolve(index, doc, call.func)
            if resolved == _LOOKUP:
                lookups.append(call)
            elif resolved == _VERSION:
                versions.append(call)
        if not lookups and not versions:
            return
        created = self._created(ctx, doc, ".py")
        statements = {id(c): _secrets.python_statement(doc.tree, c) for c in lookups + versions}
        targets = {}  # lookup call → the text it is assigned to
        for call in lookups:
            stmt = statements[id(call)]
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is call:
                target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
                targets[id(call)] = ast.unparse(target)
        state = {"random": _has_random(doc.text, ctx, ".py"),
                 "taken": {n.id for n in doc.names} | set(doc.imports.names),
                 "ids": {n.value for n in doc.nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)}}
        for call in lookups:
            kw = {k.arg: k for k in call.keywords}
            if "name" not in kw:
                continue
            pattern = _py_pattern(kw["name"].value)
            if pattern is None or any(c is None or pattern_matches(pattern, c) for c in created):
                continue
            readers = [v for v in versions if _py_reads(v, targets.get(id(call)))]
            yield self._python_fix(doc, ctx, call, readers, statements, pattern, state)
        for call in versions:
            kw = {k.arg: k for k in call.keywords}
            secret_id = kw.get("secret_id")
            pattern = _py_pattern(secret_id.value) if secret_id is not None else None
            if pattern is None or pattern.startswith("arn:") or \
                    any(c is None or pattern_matches(pattern, c) for c in created):
                continue
            yield self._python_fix(doc, ctx, None, [call], statements, pattern, state, secret_id)

    def _python_fix(self, doc, ctx, lookup, readers, statements, pattern, state, name_kw=None):
        source, text = doc.source, doc.text
        anchor = lookup if lookup is not None else readers[0]
        start, end = doc.span(anchor)
        shown = pattern.replace(WILDCARD, "…")
        message = (f"the secret `{shown}` is looked up but nothing in the project creates it: the plan fails "
                   "with ResourceNotFoundException")
        family = ctx.target.family
        index = ctx.provider
        aws_root = next((q.split(".")[0] for q in doc.imports.names.values() if q.split(".")[0] in _provider.PY_ROOTS),
                        python_root(family))
        edits = []

        def ref(module, name):
            local, more = doc.reference(module, name)
            edits.extend(more)
            return local

        if lookup is not None and any(k.arg not in ("name", "provider", "depends_on", "lifecycle", "tags")
                                      for k in lookup.keywords):
            return source.finding(self, start, end, message + " (not fixed: other lookup arguments)")
        for reader in readers:
            kw = {k.arg for k in reader.keywords}
            if kw & {"version_id", "version_stage"}:
                return source.finding(self, start, end, message + " (not fixed: the version is pinned)")
            stmt = statements.get(id(reader)) or _secrets.python_statement(doc.tree, reader)
            target = _py_target(stmt, reader)
            if target is None or _json_use(text, target):
                return source.finding(self, start, end, message + "; create it (not fixed automatically: "
                                      "its value is parsed as JSON or not kept in a variable)")
        secret_cls = ref(f"{aws_root}.{index.python_leaf('secretsmanagerSecret')}", "SecretsmanagerSecret")
        if lookup is not None:
            edits.append(source.edit(*doc.span(lookup.func), secret_cls))
        if readers:
            version_cls = ref(f"{aws_root}.{index.python_leaf('secretsmanagerSecretVersion')}",
                              "SecretsmanagerSecretVersion")
            random_root = _secrets.random_python_root(family)
            password_cls = ref(f"{random_root}.password", "Password")
        for reader in readers:
            stmt = statements.get(id(reader)) or _secrets.python_statement(doc.tree, reader)
            point = _secrets.insertion_point(text, doc.span(stmt)[0])
            if point is None or not reader.args:
                return source.finding(self, start, end, message + " (not fixed: no statement to insert before)")
            offset, indent = point
            scope = text[slice(*doc.span(reader.args[0]))]
            target = _py_target(stmt, reader)
            base = _secrets.snake(target.rsplit(".", 1)[-1])
            cid = reader.args[1].value if len(reader.args) > 1 and isinstance(reader.args[1], ast.Constant) else base
            pw = _secrets.unique(f"{base}_value", state["taken"])
            pw_id = _secrets.unique(_secrets.id_join(cid, "value"), state["ids"])
            nl = doc.source.newline
            lines = ["# secret value generated by Terraform (random provider)"]
            if not state["random"]:
                lines.append(f'{ref(f"{random_root}.provider", "RandomProvider")}({scope}, "random")')
                state["random"] = True
            lines.append(f'{pw} = {password_cls}({scope}, "{pw_id}", length=32, '
                         f'override_special="{_secrets.RDS_SAFE_SPECIALS}")')
            if lookup is None:
                # looked up by name only: create the secret under that name and point the version at it
                secret_var = _secrets.unique(f"{base}_secret", state["taken"])
                secret_id = _secrets.unique(_secrets.id_join(cid, "secret"), state["ids"])
                name_text = text[slice(*doc.span(name_kw.value))]
                lines.append(f'{secret_var} = {secret_cls}({scope}, "{secret_id}", name={name_text})')
                edits.append(source.edit(*doc.span(name_kw.value), f"{secret_var}.id"))
            edits.append(source.edit(offset, offset, "".join(f"{indent}{line}{nl}" for line in lines)))
            edits.append(source.edit(*doc.span(reader.func), version_cls))
            edits += _py_add_keyword(doc, reader, f"secret_string={pw}.result")
        message += "; create the secret in the stack instead"
        if not readers:
            message += " (it starts without a value: give it one with a SecretsmanagerSecretVersion)"
        return source.finding(self, start, end, message, edits)

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        lookups, versions = [], []
        for new in doc.root.find_all(kind="new_expression"):
            ctor = new.field("constructor")
            resolved = _provider.ts_type(index, doc.imports.resolve(ctor)) if ctor is not None else None
            if resolved == _LOOKUP:
                lookups.append(new)
            elif resolved == _VERSION:
                versions.append(new)
        if not lookups and not versions:
            return
        created = self._created(ctx, doc, ".ts")
        state = {"random": _has_random(doc.text, ctx, ".ts"),
                 "taken": set(re.findall(r"[A-Za-z_$][\w$]*", doc.text)),
                 "ids": set(re.findall(r"['\"`]([^'\"`\n]*)['\"`]", doc.text))}
        for new in lookups:
            pairs = _object_pairs(new)
            if pairs is None or "name" not in pairs:
                continue
            pattern = _ts_pattern(pairs["name"].field("value"))
            if pattern is None or any(c is None or pattern_matches(pattern, c) for c in created):
                continue
            target = _ts_target(new)
            readers = [v for v in versions if _ts_reads(v, target)]
            yield self._ts_fix(doc, ctx, new, readers, pattern, state)
        for new in versions:
            pairs = _object_pairs(new)
            pattern = _ts_pattern(pairs["secretId"].field("value")) if pairs and "secretId" in pairs else None
            if pattern is None or pattern.startswith("arn:") or \
                    any(c is None or pattern_matches(pattern, c) for c in created):
                continue
            yield self._ts_fix(doc, ctx, None, [new], pattern, state, pairs["secretId"])

    def _ts_fix(self, doc, ctx, lookup, readers, pattern, state, name_pair=None):
        source, text = doc.source, doc.text
        anchor = lookup if lookup is not None else readers[0]
        start, end = doc.span(anchor)
        shown = pattern.replace(WILDCARD, "…")
        message = (f"the secret `{shown}` is looked up but nothing in the project creates it: the plan fails "
                   "with ResourceNotFoundException")
        family = ctx.target.family
        index = ctx.provider
        aws = next((spec.split("/lib/")[0] for spec, _ in doc.imports.names.values()
                    if spec.split("/lib/")[0] in _provider.TS_PACKAGES), ts_package(family))
        quote = next((s.field("source").text()[0] for s in doc.imports.statements if s.field("source") is not None), "'")
        edits = []

        def ref(package, leaf, namespace, name):
            local, more = _secrets.ts_reference(doc, package, leaf, namespace, name, quote)
            edits.extend(more)
            return local

        for node in ([lookup] if lookup is not None else []) + readers:
            ctor = node.field("constructor").text()
            local = ctor.split(".")[0]
            if re.search(r"[:<|,]\s*%s\b" % re.escape(ctor), text) or \
                    any(t.text() == local for t in doc.root.find_all(kind="type_identifier")):
                return source.finding(self, start, end, message + " (not fixed: the data-source class is used as a type)")
        if lookup is not None:
            pairs = _object_pairs(lookup)
            if pairs is None or set(pairs) - {"name", "provider", "dependsOn", "lifecycle"}:
                return source.finding(self, start, end, message + " (not fixed: other lookup arguments)")
        for reader in readers:
            pairs = _object_pairs(reader) or {}
            if set(pairs) & {"versionId", "versionStage"}:
                return source.finding(self, start, end, message + " (not fixed: the version is pinned)")
            target = _ts_target(reader)
            if target is None or _json_use(text, target):
                return source.finding(self, start, end, message + "; create it (not fixed automatically: "
                                      "its value is parsed as JSON or not kept in a variable)")
        if lookup is not None:
            secret_cls = ref(aws, index.ts_leaf("secretsmanagerSecret"), "secretsmanagerSecret", "SecretsmanagerSecret")
            edits.append(source.edit(*doc.span(lookup.field("constructor")), secret_cls))
        random_pkg = _secrets.random_ts_package(family)
        nl = doc.source.newline
        if lookup is None:
            secret_cls = ref(aws, index.ts_leaf("secretsmanagerSecret"), "secretsmanagerSecret", "SecretsmanagerSecret")
        for reader in readers:
            version_cls = ref(aws, index.ts_leaf("secretsmanagerSecretVersion"), "secretsmanagerSecretVersion",
                              "SecretsmanagerSecretVersion")
            password_cls = ref(random_pkg, "password", "password", "Password")
            stmt = _secrets.ts_statement(reader)
            point = _secrets.insertion_point(text, doc.span(stmt)[0], ("//", "/*", "*")) if stmt is not None else None
            args = [c for c in reader.field("arguments").children() if c.is_named() and c.kind() != "comment"]
            if point is None or not args:
                return source.finding(self, start, end, message + " (not fixed: no statement to insert before)")
            offset, indent = point
            scope = args[0].text()
            target = _ts_target(reader)
            base = _secrets.camel(target.rsplit(".", 1)[-1])
            cid = args[1].text()[1:-1] if len(args) > 1 and args[1].kind() == "string" else _secrets.kebab(base)
            pw = _secrets.unique(f"{base}Value", state["taken"])
            pw_id = _secrets.unique(_secrets.id_join(cid, "value"), state["ids"])
            q = quote
            lines = ["// secret value generated by Terraform (random provider)"]
            if not state["random"]:
                lines.append(f"new {ref(random_pkg, 'provider', 'provider', 'RandomProvider')}({scope}, {q}random{q});")
                state["random"] = True
            lines += [f"const {pw} = new {password_cls}({scope}, {q}{pw_id}{q}, {{",
                      "  length: 32,", f"  overrideSpecial: {q}{_secrets.RDS_SAFE_SPECIALS}{q},", "});"]
            if lookup is None:
                secret_var = _secrets.unique(f"{base}Secret", state["taken"])
                secret_id = _secrets.unique(_secrets.id_join(cid, "secret"), state["ids"])
                value = name_pair.field("value")
                lines += [f"const {secret_var} = new {secret_cls}({scope}, {q}{secret_id}{q}, {{",
                          f"  name: {value.text()},", "});"]
                edits.append(source.edit(*doc.span(value), f"{secret_var}.id"))
            edits.append(source.edit(offset, offset, "".join(f"{indent}{line}{nl}" for line in lines)))
            edits.append(source.edit(*doc.span(reader.field("constructor")), version_cls))
            edits += _ts_add_property(doc, reader, f"secretString: {pw}.result")
        message += "; create the secret in the stack instead"
        if not readers:
            message += " (it starts without a value: give it one with a SecretsmanagerSecretVersion)"
        return source.finding(self, start, end, message, edits)


# -- helpers -----------------------------------------------------------------------------------

def _has_random(text: str, ctx, suffix: str) -> bool:
    if "RandomProvider" in text:
        return True
    try:
        return any("RandomProvider" in other for _, other in ctx.sources.files(suffix))
    except Exception:  # noqa: BLE001
        return False


def _json_use(text: str, target: str) -> bool:
    """True when `<target>.secret_string` / `.secretString` is parsed as JSON somewhere."""
    for m in re.finditer(re.escape(target) + r"\s*\.\s*secret_?[sS]tring", text):
        window = text[max(0, m.start() - 80):m.start()]
        if _JSON_USE.search(window):
            return True
    return False


def _py_reads(call, target: str | None) -> bool:
    if target is None:
        return False
    for k in call.keywords:
        if k.arg == "secret_id" and isinstance(k.value, ast.Attribute) and k.value.attr in ("id", "arn", "name") \
                and ast.unparse(k.value.value) == target:
            return True
    return False


def _py_target(stmt, call) -> str | None:
    if isinstance(stmt, ast.Assign) and stmt.value is call and len(stmt.targets) == 1:
        return ast.unparse(stmt.targets[0])
    if isinstance(stmt, ast.AnnAssign) and stmt.value is call:
        return ast.unparse(stmt.target)
    return None


def _py_add_keyword(doc, call, text_to_add: str) -> list:
    """Edits appending a keyword argument to a call, in its layout (own line when the last one is)."""
    text, source = doc.text, doc.source
    last = (call.args + call.keywords)[-1] if call.args or call.keywords else None
    if last is None:
        return []
    start, end = doc.span(last)
    _, call_end = doc.span(call)
    between = text[end:call_end - 1]
    line_begin = _secrets.line_start(text, start)
    own_line = not text[line_begin:start].strip() and "\n" in between
    if own_line:
        return _new_last_line(doc, start, end, between, text_to_add)
    return [source.edit(end, end, f", {text_to_add}")]


def _new_last_line(doc, start: int, end: int, between: str, text_to_add: str) -> list:
    """Edits adding `text_to_add` on a new line after the last argument / property [start, end),
    whose line may end with a comma and a comment (both stay on that line)."""
    text, source = doc.text, doc.source
    indent = text[_secrets.line_start(text, start):start]
    nl = doc.source.newline
    eol = text.find("\n", end)
    if eol > 0 and text[eol - 1] == "\r":
        eol -= 1
    if between.lstrip().startswith(","):
        return [source.edit(eol, eol, f"{nl}{indent}{text_to_add},")]
    if text[end:eol].strip():  # a comment after the value: the comma goes before it
        return [source.edit(end, end, ","), source.edit(eol, eol, f"{nl}{indent}{text_to_add}")]
    return [source.edit(end, end, f",{nl}{indent}{text_to_add}")]


def _object_pairs(new):
    args = new.field("arguments")
    obj = next((c for c in args.children() if c.kind() == "object"), None) if args is not None else None
    return _pairs(obj) if obj is not None else None


def _ts_target(new) -> str | None:
    parent = new.parent()
    if parent is None:
        return None
    if parent.kind() == "variable_declarator" and parent.field("name") is not None:
        return parent.field("name").text()
    if parent.kind() == "assignment_expression" and parent.field("left") is not None:
        return parent.field("left").text()
    return None


def _ts_reads(new, target: str | None) -> bool:
    if target is None:
        return False
    pairs = _object_pairs(new) or {}
    value = pairs["secretId"].field("value") if "secretId" in pairs else None
    return value is not None and value.kind() == "member_expression" and \
        value.field("object").text() == target and value.field("property").text() in ("id", "arn", "name")


def _ts_add_property(doc, new, text_to_add: str) -> list:
    text, source = doc.text, doc.source
    args = new.field("arguments")
    obj = next((c for c in args.children() if c.kind() == "object"), None)
    pairs = [c for c in obj.children() if c.kind() in ("pair", "shorthand_property_identifier", "spread_element")]
    if not pairs:
        s, e = doc.span(obj)
        return [source.edit(s + 1, e - 1, f" {text_to_add} ")]
    start, end = doc.span(pairs[-1])
    _, obj_end = doc.span(obj)
    between = text[end:obj_end - 1]
    line_begin = _secrets.line_start(text, start)
    if not text[line_begin:start].strip() and "\n" in between:
        return _new_last_line(doc, start, end, between, text_to_add)
    return [source.edit(end, end, f", {text_to_add}")]
