"""IAC302 hardcoded-db-password."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _provider, _secrets
from iacfix.fixes import Applicability
from iacfix.knowledge.provider import parse_version, python_root, ts_package
from iacfix.rules import Example, Rule

# (submodule, class) → (password property, "let the service manage it" property), jsii names
TARGETS = {
    ("dbInstance", "DbInstance"): ("password", "manageMasterUserPassword"),
    ("rdsCluster", "RdsCluster"): ("masterPassword", "manageMasterUserPassword"),
    ("docdbCluster", "DocdbCluster"): ("masterPassword", "manageMasterUserPassword"),
    ("redshiftCluster", "RedshiftCluster"): ("masterPassword", "manageMasterPassword"),
}
MANAGED_SINCE = (12, 0, 12)  # manage_master_user_password appeared in provider-aws 12.0.12 (TF aws 4.61.0)
STRATEGIES = ("managed", "generate", "seed")
_PY_NAMES = {"password", "master_password"}
_TS_NAMES = {"password", "masterPassword"}
# a template/f-string substitution of one of these is naming context, not a secret: the result is
# still a password anyone reading the code can compute
_CONTEXT_WORDS = ("suffix", "env", "environment", "stage", "region", "project", "app", "name", "prefix", "account")
_PY_TRIGGER = re.compile(r"\b(?:master_)?password\s*=")
_TS_TRIGGER = re.compile(r"\b(?:masterP|p)assword['\"]?\s*:")


def _context_name(dotted: str) -> bool:
    last = _secrets.words(dotted.rsplit(".", 1)[-1])
    return bool(last) and any(w in _CONTEXT_WORDS for w in last)


class HardcodedDbPassword(Rule):
    """A database master password written into the code.

    A literal password is in the repository, in the synthesised template and in the Terraform
    state, and it is the same in every environment. Seeds 000 #2, 003 #1 and 004 #5 all found one
    (`masterPassword: 'temporaryPassword123!'`, `password="changeme123"`,
    `master_password="TradingPassword123!"`).

    What counts as hard-coded:

    - CDKTF (Python, TypeScript): the password property of `DbInstance` (`password`), `RdsCluster`
      and `DocdbCluster` (`master_password` / `masterPassword`) and `RedshiftCluster`
      (`master_password`, managed flag `manage_master_password`) — the provider types that take a
      master password and can let the service manage it — given as a string literal, an f-string /
      template literal without substitutions or whose substitutions are only naming context
      (`f"app-{environment_suffix}-pw"`, `` `Pay${props.environmentSuffix}!` ``), or a variable
      assigned such a value in an enclosing scope.
    - CloudFormation: `MasterUserPassword` of `AWS::RDS::DBInstance`, `AWS::RDS::DBCluster`,
      `AWS::DocDB::DBCluster` and `AWS::Redshift::Cluster` given as a literal (or a `!Sub` without
      substitutions), or as `!Ref` to a parameter that has a `Default` (usually `NoEcho`). A
      parameter without a default is an input, not hard-coded.

    The fix depends on the option `strategy`:

    - `managed` (default): the service keeps the password in Secrets Manager —
      `manage_master_user_password=True` / `manageMasterUserPassword: true` /
      `ManageMasterUserPassword: true` replaces the password (the provider and the schema forbid
      both). CDKTF needs provider-aws 12.0.12 or later and the property in the target provider
      index; below that the finding is reported without a fix (choose `generate`).
    - `generate`: a password generated at deploy time, never in synth code. CDKTF: the random
      provider's `Password` (RDS-invalid `/ @ " space` excluded), a `SecretsmanagerSecret` and a
      `SecretsmanagerSecretVersion` holding it, inserted before the statement of the database, and
      the password property set to the generated result; `RandomProvider` is added when the project
      has none, imports are added in the file's own idiom. CloudFormation: an
      `AWS::SecretsManager::Secret` with `GenerateSecretString` (username in
      `SecretStringTemplate`, `GenerateStringKey: password`, `ExcludeCharacters: '"@/\\'`) and a
      `{{resolve:secretsmanager:${Secret}:SecretString:password}}` reference; ordering (DependsOn,
      moving the secret) is IAC201's job in the next pass.
    - `seed`: the form the seeds' IDEAL responses use. CDKTF (seed 003 #1): the password read from
      an existing secret through `DataAwsSecretsmanagerSecret` + `DataAwsSecretsmanagerSecretVersion`
      (`password=<version>.secret_string`) — the secret, named `<construct id>-master-password`,
      must then be created outside the stack (IAC303 reports the lookup). CloudFormation (seed 001
      #2): a generated secret with a literal `Name` (`${AWS::StackName}-<resource>-password`),
      resolved by that name.

    Every fix is unsafe: the deployed password changes. A parameter whose only uses were the fixed
    passwords is removed with them (cfn-lint warns W2001 about unused parameters; deploy scripts
    that pass it must drop it). A password that already comes from
    somewhere else (a `{{resolve:…}}` reference, a resource attribute, a function argument, a
    parameter without a default, `Fn.*` calls) is left alone, as are `DmsEndpoint`, `CognitoUser`
    and the other resources whose password is not a database master password.
    """

    id = "IAC302"
    slug = "hardcoded-db-password"
    summary = "Hard-coded database master password (literal or NoEcho default): let the service manage it or generate it"
    rationale = "seed 000 #2, seed 003 #1, seed 004 #5 (hard-coded master passwords)"
    seeds = ("000#2", "003#1", "004#5")
    languages = ("python", "typescript", "cloudformation")
    applicability = Applicability.UNSAFE
    options = {"strategy": "managed"}
    option_choices = {"strategy": STRATEGIES}
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance

DbInstance(self, "postgres", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
           username="dbadmin",
           password="changeme123")  # Hard-coded password in code
""", """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance

DbInstance(self, "postgres", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
           username="dbadmin",
           manage_master_user_password=True)  # Hard-coded password in code
"""),
        Example("typescript", """\
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';

new RdsCluster(this, 'aurora-cluster', {
  engine: 'aurora-postgresql',
  masterUsername: 'dbadmin',
  masterPassword: 'temporaryPassword123!', // Will be rotated by Secrets Manager
});
""", """\
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';

new RdsCluster(this, 'aurora-cluster', {
  engine: 'aurora-postgresql',
  masterUsername: 'dbadmin',
  manageMasterUserPassword: true, // Will be rotated by Secrets Manager
});
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster


class Db:
    def __init__(self, scope):
        # Aurora cluster
        self.cluster = RdsCluster(scope, "aurora", engine="aurora-mysql", master_username="admin",
                                  master_password="TradingPassword123!")
""", """\
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret
from cdktf_cdktf_provider_aws.secretsmanager_secret_version import SecretsmanagerSecretVersion
from cdktf_cdktf_provider_random.password import Password
from cdktf_cdktf_provider_random.provider import RandomProvider


class Db:
    def __init__(self, scope):
        # master password generated by Terraform (random provider), kept in Secrets Manager
        RandomProvider(scope, "random")
        cluster_password = Password(scope, "aurora-password", length=32, override_special="!#$%&*()-_=+[]{}<>:?")
        cluster_secret = SecretsmanagerSecret(scope, "aurora-secret", name_prefix="aurora-password-")
        SecretsmanagerSecretVersion(scope, "aurora-secret-version", secret_id=cluster_secret.id, secret_string=cluster_password.result)
        # Aurora cluster
        self.cluster = RdsCluster(scope, "aurora", engine="aurora-mysql", master_username="admin",
                                  master_password=cluster_password.result)
""", options={"rules": {"hardcoded-db-password": {"strategy": "generate"}}}),
        Example("cloudformation", """\
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: '20'
      MasterUsername: admin
      MasterUserPassword: TempPassword123!
""", """\
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: '20'
      MasterUsername: admin
      ManageMasterUserPassword: true
"""),
        # valid: the password comes from a generated secret
        Example("typescript", """\
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';

new DbInstance(this, 'db', { engine: 'postgres', username: 'app', password: dbPassword.result });
"""),
        # reported, not fixed: managed passwords need provider-aws 12.0.12
        Example("python", """\
from cdktf_cdktf_provider_aws.db_instance import DbInstance

DbInstance(self, "db", engine="postgres", username="app", password="hunter2hunter2")
""", options={"target": {"provider": "12.0.0"}}, reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return "MasterUserPassword" in text or "MasterPassword" in text
        if not any(t in text for t in _provider.TRIGGERS):
            return False
        return bool((_TS_TRIGGER if language == "typescript" else _PY_TRIGGER).search(text))

    def _strategy(self, ctx) -> str:
        return ctx.option(self, "strategy")

    def _managed_available(self, ctx, struct: str, managed: str) -> bool:
        if ctx.target.provider and ctx.target.family == "cdktf":
            try:
                if parse_version(ctx.target.provider) < MANAGED_SINCE:
                    return False
            except ValueError:
                pass
        return ctx.provider.prop(struct, managed) is not None

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        strategy = self._strategy(ctx)
        state = {"random_provider": _has_random_provider(doc.text, ctx, ".py"),
                 "taken": {n.id for n in doc.names} | set(doc.imports.names) | _py_defined_names(doc.tree),
                 "ids": _py_string_constants(doc.tree)}
        for call in doc.calls:
            resolved = _provider.python_resolve(index, doc, call.func)
            if resolved not in TARGETS:
                continue
            struct = index.params_struct(*resolved)
            password_prop, managed_prop = (index.prop(struct, p) if struct else None for p in TARGETS[resolved])
            if password_prop is None:
                continue
            keyword = next((k for k in call.keywords if k.arg == password_prop.py_name), None)
            if keyword is None:
                continue
            why = _py_hardcoded(doc, keyword.value)
            if why is None:
                continue
            yield self._python_finding(doc, ctx, call, keyword, resolved, struct, managed_prop, why, strategy, state)

    def _python_finding(self, doc, ctx, call, keyword, resolved, struct, managed_prop, why, strategy, state):
        source, text = doc.source, doc.text
        start, end = doc.span(keyword)
        cls = resolved[1]
        message = f"`{keyword.arg}` of `{cls}` is {why}: a hard-coded password is in the code, the template and the state"
        managed_name = managed_prop.py_name if managed_prop else None
        present = next((k for k in call.keywords if managed_name and k.arg == managed_name), None)
        if present is not None:
            if _truthy(present.value):
                edits = _py_delete_keyword(doc, call, keyword)
                if edits is None:
                    return source.finding(self, start, end, message + f"; `{managed_name}` is set, remove the password "
                                          "(not fixed automatically: comments or other code on its line)")
                return source.finding(self, start, end, message + f"; `{managed_name}` is set, so the password is "
                                      "removed", edits)
            return source.finding(self, start, end, message + f" (`{managed_name}` is set but not true: not fixed)")
        if strategy == "managed":
            if managed_prop is None or not self._managed_available(ctx, struct, managed_prop.name):
                return source.finding(self, start, end, message + f"; `{managed_name or 'manage_master_user_password'}` "
                                      f"needs provider-aws 12.0.12 or later (use strategy = \"generate\")")
            return source.finding(self, start, end, message + f"; let the service manage it: `{managed_name}=True`",
                                  [source.edit(start, end, f"{managed_name}=True"),
                                   *_py_unused_declaration(doc, keyword.value)])
        if not call.args:
            return source.finding(self, start, end, message)
        stmt = _secrets.python_statement(doc.tree, call)
        stmt_start = doc.span(stmt)[0] if stmt is not None else None
        point = _secrets.insertion_point(text, stmt_start) if stmt_start is not None else None
        if point is None:
            return source.finding(self, start, end, message + " (not fixed: no statement to insert the secret before)")
        offset, indent = point
        scope = text[slice(*doc.span(call.args[0]))]
        base, cid = _py_names(doc, stmt, call)
        taken, ids = state["taken"], state["ids"]
        nl = doc.source.newline
        family = ctx.target.family
        aws_root = next((q.split(".")[0] for q in doc.imports.names.values() if q.split(".")[0] in _provider.PY_ROOTS),
                        python_root(family))
        index = ctx.provider
        edits = []

        def ref(module, name):
            local, more = doc.reference(module, name)
            edits.extend(more)
            return local

        if strategy == "generate":
            random_root = _secrets.random_python_root(family)
            pw = _secrets.unique(f"{base}_password", taken)
            secret = _secrets.unique(f"{base}_secret", taken)
            pw_id = _secrets.unique(_secrets.id_join(cid, "password"), ids)
            secret_id = _secrets.unique(_secrets.id_join(cid, "secret"), ids)
            version_id = _secrets.unique(_secrets.id_join(cid, "secret", "version"), ids)
            secret_cls = ref(f"{aws_root}.{index.python_leaf('secretsmanagerSecret')}", "SecretsmanagerSecret")
            version_cls = ref(f"{aws_root}.{index.python_leaf('secretsmanagerSecretVersion')}",
                              "SecretsmanagerSecretVersion")
            password_cls = ref(f"{random_root}.password", "Password")
            lines = ["# master password generated by Terraform (random provider), kept in Secrets Manager"]
            if not state["random_provider"]:
                lines.append(f'{ref(f"{random_root}.provider", "RandomProvider")}({scope}, "random")')
                state["random_provider"] = True
            lines += [
                f'{pw} = {password_cls}({scope}, "{pw_id}", length=32, '
                f'override_special="{_secrets.RDS_SAFE_SPECIALS}")',
                f'{secret} = {secret_cls}({scope}, "{secret_id}", name_prefix="{_secrets.id_join(cid, "password")}-")',
                f'{version_cls}({scope}, "{version_id}", secret_id={secret}.id, secret_string={pw}.result)',
            ]
            value = f"{pw}.result"
            message += ("; generate it at deploy time (random_password) and keep it in Secrets Manager "
                        "(the project needs the random provider: cdktf.json `terraformProviders` and its bindings)")
        else:  # seed
            secret = _secrets.unique(f"{base}_secret", taken)
            version = _secrets.unique(f"{base}_secret_version", taken)
            secret_id = _secrets.unique(_secrets.id_join(cid, "secret"), ids)
            version_id = _secrets.unique(_secrets.id_join(cid, "secret", "version"), ids)
            data_secret = ref(f"{aws_root}.{index.python_leaf('dataAwsSecretsmanagerSecret')}", "DataAwsSecretsmanagerSecret")
            data_version = ref(f"{aws_root}.{index.python_leaf('dataAwsSecretsmanagerSecretVersion')}",
                               "DataAwsSecretsmanagerSecretVersion")
            lines = [
                "# master password read from Secrets Manager (the secret is created outside this stack)",
                f'{secret} = {data_secret}({scope}, "{secret_id}", name="{_secrets.kebab(cid)}-master-password")',
                f'{version} = {data_version}({scope}, "{version_id}", secret_id={secret}.id)',
            ]
            value = f"{version}.secret_string"
            message += f"; read it from the existing Secrets Manager secret `{_secrets.kebab(cid)}-master-password`"
        block = "".join(f"{indent}{line}{nl}" for line in lines)
        value_start, value_end = doc.span(keyword.value)
        edits += [source.edit(offset, offset, block), source.edit(value_start, value_end, value),
                  *_py_unused_declaration(doc, keyword.value)]
        return source.finding(self, start, end, message, edits)

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        strategy = self._strategy(ctx)
        state = {"random_provider": _has_random_provider(doc.text, ctx, ".ts"),
                 "taken": set(re.findall(r"[A-Za-z_$][\w$]*", doc.text)),
                 "ids": set(re.findall(r"['\"`]([^'\"`\n]*)['\"`]", doc.text))}
        for new in doc.root.find_all(kind="new_expression"):
            ctor, args = new.field("constructor"), new.field("arguments")
            if ctor is None or args is None:
                continue
            resolved = _provider.ts_type(index, doc.imports.resolve(ctor))
            if resolved not in TARGETS:
                continue
            struct = index.params_struct(*resolved)
            password_prop, managed_prop = (index.prop(struct, p) if struct else None for p in TARGETS[resolved])
            objects = [a for a in args.children() if a.kind() == "object"]
            if password_prop is None or not objects:
                continue
            pairs = _ts_pairs(objects[-1])
            pair = pairs.get(password_prop.name)
            if pair is None:
                continue
            why = _ts_hardcoded(doc, pair.field("value"))
            if why is None:
                continue
            yield self._ts_finding(doc, ctx, new, args, pair, pairs, resolved, struct, managed_prop, why, strategy, state)

    def _ts_finding(self, doc, ctx, new, args, pair, pairs, resolved, struct, managed_prop, why, strategy, state):
        source, text = doc.source, doc.text
        start, end = doc.span(pair)
        key = pair.field("key").text()
        message = f"`{key}` of `{resolved[1]}` is {why}: a hard-coded password is in the code, the template and the state"
        managed_name = managed_prop.name if managed_prop else None
        present = pairs.get(managed_name) if managed_name else None
        if present is not None:
            if present.field("value") is not None and present.field("value").text() == "true":
                edits = _ts_delete_pair(doc, pair)
                if edits is None:
                    return source.finding(self, start, end, message + f"; `{managed_name}` is set, remove the password "
                                          "(not fixed automatically: comments or other code on its line)")
                return source.finding(self, start, end, message + f"; `{managed_name}` is set, so the password is "
                                      "removed", edits)
            return source.finding(self, start, end, message + f" (`{managed_name}` is set but not true: not fixed)")
        if strategy == "managed":
            if managed_prop is None or not self._managed_available(ctx, struct, managed_prop.name):
                return source.finding(self, start, end, message + f"; `{managed_name or 'manageMasterUserPassword'}` "
                                      "needs provider-aws 12.0.12 or later (use strategy = \"generate\")")
            return source.finding(self, start, end, message + f"; let the service manage it: `{managed_name}: true`",
                                  [source.edit(start, end, f"{managed_name}: true"),
                                   *_ts_unused_declaration(doc, pair.field("value"))])
        arguments = [c for c in args.children() if c.is_named() and c.kind() != "comment"]
        stmt = _secrets.ts_statement(new)
        point = _secrets.insertion_point(text, doc.span(stmt)[0], ("//", "/*", "*")) if stmt is not None else None
        if point is None or not arguments:
            return source.finding(self, start, end, message + " (not fixed: no statement to insert the secret before)")
        offset, indent = point
        scope = arguments[0].text()
        base, cid = _ts_names(stmt, arguments)
        quote = _ts_quote(doc, arguments)
        taken, ids = state["taken"], state["ids"]
        nl = doc.source.newline
        family = ctx.target.family
        index = ctx.provider
        aws = next((spec.split("/lib/")[0] for spec, _ in doc.imports.names.values()
                    if spec.split("/lib/")[0] in _provider.TS_PACKAGES), ts_package(family))
        edits = []
        step = _ts_indent_unit(text, indent)

        def ref(package, submodule_leaf, namespace, name):
            local, more = _secrets.ts_reference(doc, package, submodule_leaf, namespace, name, quote)
            edits.extend(more)
            return local

        def q(value: str) -> str:
            return f"{quote}{value}{quote}"

        if strategy == "generate":
            random_pkg = _secrets.random_ts_package(family)
            pw = _secrets.unique(f"{base}Password", taken)
            secret = _secrets.unique(f"{base}Secret", taken)
            pw_id = _secrets.unique(_secrets.id_join(cid, "password"), ids)
            secret_id = _secrets.unique(_secrets.id_join(cid, "secret"), ids)
            version_id = _secrets.unique(_secrets.id_join(cid, "secret", "version"), ids)
            secret_cls = ref(aws, index.ts_leaf('secretsmanagerSecret'), 'secretsmanagerSecret', 'SecretsmanagerSecret')
            version_cls = ref(aws, index.ts_leaf('secretsmanagerSecretVersion'), 'secretsmanagerSecretVersion',
                              'SecretsmanagerSecretVersion')
            password_cls = ref(random_pkg, 'password', 'password', 'Password')
            lines = ["// master password generated by Terraform (random provider), kept in Secrets Manager"]
            if not state["random_provider"]:
                lines.append(f"new {ref(random_pkg, 'provider', 'provider', 'RandomProvider')}({scope}, {q('random')});")
                state["random_provider"] = True
            lines += [
                f"const {pw} = new {password_cls}({scope}, {q(pw_id)}, {{",
                f"{step}length: 32,",
                f"{step}overrideSpecial: {q(_secrets.RDS_SAFE_SPECIALS)},",
                "});",
                f"const {secret} = new {secret_cls}({scope}, {q(secret_id)}, {{",
                f"{step}namePrefix: {q(_secrets.id_join(cid, 'password') + '-')},",
                "});",
                f"new {version_cls}({scope}, {q(version_id)}, {{",
                f"{step}secretId: {secret}.id,",
                f"{step}secretString: {pw}.result,",
                "});",
            ]
            value = f"{pw}.result"
            message += ("; generate it at deploy time (random_password) and keep it in Secrets Manager "
                        "(the project needs the random provider: cdktf.json `terraformProviders` and its bindings)")
        else:  # seed
            secret = _secrets.unique(f"{base}Secret", taken)
            version = _secrets.unique(f"{base}SecretVersion", taken)
            secret_id = _secrets.unique(_secrets.id_join(cid, "secret"), ids)
            version_id = _secrets.unique(_secrets.id_join(cid, "secret", "version"), ids)
            data_secret = ref(aws, index.ts_leaf("dataAwsSecretsmanagerSecret"), "dataAwsSecretsmanagerSecret",
                              "DataAwsSecretsmanagerSecret")
            data_version = ref(aws, index.ts_leaf("dataAwsSecretsmanagerSecretVersion"),
                               "dataAwsSecretsmanagerSecretVersion", "DataAwsSecretsmanagerSecretVersion")
            lines = [
                "// master password read from Secrets Manager (the secret is created outside this stack)",
                f"const {secret} = new {data_secret}({scope}, {q(secret_id)}, {{",
                f"{step}name: {q(_secrets.kebab(cid) + '-master-password')},",
                "});",
                f"const {version} = new {data_version}({scope}, {q(version_id)}, {{",
                f"{step}secretId: {secret}.id,",
                "});",
            ]
            value = f"{version}.secretString"
            message += f"; read it from the existing Secrets Manager secret `{_secrets.kebab(cid)}-master-password`"
        block = "".join(f"{indent}{line}{nl}" for line in lines)
        value_start, value_end = doc.span(pair.field("value"))
        edits += [source.edit(offset, offset, block), source.edit(value_start, value_end, value),
                  *_ts_unused_declaration(doc, pair.field("value"))]
        return source.finding(self, start, end, message, edits)

    # -- CloudFormation ----------------------------------------------------------------------
    def check_cloudformation(self, doc, ctx):
        from iacfix.codemods import _cfn_password
        return _cfn_password.check(self, doc, ctx, self._strategy(ctx))


# -- Python helpers ------------------------------------------------------------------------------

def _py_literal(node) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                from iacfix.languages.python import dotted
                name = dotted(part.value)
                if not name or not _context_name(name) or part.format_spec is not None:
                    return False
        return True
    return False


def _py_hardcoded(doc, value) -> str | None:
    """Why `value` is a hard-coded password, or None."""
    if _py_literal(value):
        return "a string literal" if isinstance(value, ast.Constant) else "an f-string of literal text"
    if isinstance(value, ast.Name):
        assigned = _py_assignments(doc.tree, value)
        if len(assigned) == 1 and _py_literal(assigned[0]):
            return f"the variable `{value.id}`, assigned a literal"
    return None


def _py_unused_declaration(doc, value) -> list:
    """Edits deleting `name = "literal"` when the fixed password was the variable's only use (the
    literal would otherwise stay in the code); [] when it is used elsewhere or shares its lines."""
    if not isinstance(value, ast.Name):
        return []
    if len(re.findall(r"(?<![\w.])%s\b" % re.escape(value.id), doc.text)) != 2:
        return []
    literal = _py_assignments(doc.tree, value)[0]
    stmt = _secrets.python_statement(doc.tree, literal)
    if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1:
        return []
    return _whole_lines(doc, *doc.span(stmt), "#") or []


def _py_assignments(tree, name: ast.Name) -> list:
    """Values assigned to `name.id` in the innermost function (or module) containing the use."""
    scope = tree
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                (node.lineno, node.col_offset) <= (name.lineno, name.col_offset) and \
                (name.end_lineno, name.end_col_offset) <= (node.end_lineno, node.end_col_offset):
            if scope is tree or node.lineno >= scope.lineno:
                scope = node
    values = []
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
            any(a.arg == name.id for a in scope.args.args + scope.args.kwonlyargs + scope.args.posonlyargs):
        return [None]
    for node in ast.walk(scope):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)) and node is not scope:
            continue
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name.id for t in node.targets):
            values.append(node.value)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name) \
                and node.target.id == name.id:
            values.append(getattr(node, "value", None))
        elif isinstance(node, (ast.For, ast.With, ast.NamedExpr)):
            targets = [node.target] if isinstance(node, (ast.For, ast.NamedExpr)) else \
                [i.optional_vars for i in node.items if i.optional_vars is not None]
            if any(isinstance(t, ast.Name) and t.id == name.id for t in targets):
                values.append(None)
    if not values and scope is not tree:
        return _py_assignments_module(tree, name)
    return values


def _py_assignments_module(tree, name):
    return [s.value for s in tree.body if isinstance(s, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name.id for t in s.targets)]


def _truthy(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _py_defined_names(tree) -> set[str]:
    """Every name bound anywhere (targets, parameters, attributes): new variables avoid them."""
    names = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.arg):
            names.add(n.arg)
        elif isinstance(n, ast.Attribute):
            names.add(n.attr)
    return names


def _py_string_constants(tree) -> set[str]:
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _py_names(doc, stmt, call) -> tuple[str, str]:
    """(base for new variable names, base for new construct ids)."""
    target = None
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        t = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
        target = t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else None
    cid = call.args[1].value if len(call.args) > 1 and isinstance(call.args[1], ast.Constant) \
        and isinstance(call.args[1].value, str) else None
    base = _secrets.snake(target or cid or "db")
    return base, cid if cid and re.fullmatch(r"[\w-]+", cid) else _secrets.kebab(cid or target or "db")


def _whole_lines(doc, start: int, end: int, comment: str):
    """An edit deleting the lines of [start, end) when nothing else (code, comments) is on them."""
    text = doc.text
    first = _secrets.line_start(text, start)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end + 1
    if text[first:start].strip() or text[end:line_end].strip() not in ("", ";") or comment in text[start:end]:
        return None
    # a blank line on both sides: one of them goes too
    previous = text[_secrets.line_start(text, max(first - 1, 0)):first] if first else "x"
    following_end = text.find("\n", line_end)
    following = text[line_end:len(text) if following_end == -1 else following_end + 1]
    if not previous.strip() and following and not following.strip():
        line_end += len(following)
    return [doc.source.edit(first, line_end, "")]


def _py_delete_keyword(doc, call, keyword):
    """Edits removing `keyword` when it sits alone on its line(s) without a comment, else None."""
    text, source = doc.text, doc.source
    start, end = doc.span(keyword)
    first = _secrets.line_start(text, start)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end + 1
    rest = text[end:line_end].strip()
    if text[first:start].strip() or rest not in (",", "") or "#" in text[start:end]:
        return None
    if rest == "" and keyword is call.keywords[-1]:
        return None  # the last argument without a trailing comma: the previous comma would dangle
    return [source.edit(first, line_end, "")]


def _has_random_provider(text: str, ctx, suffix: str) -> bool:
    if "RandomProvider" in text:
        return True
    try:
        return any("RandomProvider" in other for _, other in ctx.sources.files(suffix))
    except Exception:  # noqa: BLE001 - no project view: this file only
        return False


# -- TypeScript helpers --------------------------------------------------------------------------

def _ts_pairs(obj) -> dict:
    pairs = {}
    for pair in obj.children():
        if pair.kind() != "pair":
            continue
        key = pair.field("key")
        if key is None:
            continue
        name = key.text()[1:-1] if key.kind() == "string" else key.text()
        pairs[name] = pair
    return pairs


def _ts_literal(node) -> str | None:
    if node is None:
        return None
    kind = node.kind()
    if kind == "string":
        return "a string literal"
    if kind == "template_string":
        subs = [c for c in node.children() if c.kind() == "template_substitution"]
        for sub in subs:
            inner = [c for c in sub.children() if c.is_named()]
            if len(inner) != 1 or inner[0].kind() not in ("identifier", "member_expression") \
                    or not _context_name(inner[0].text()):
                return None
        return "a template literal of literal text"
    return None


def _ts_hardcoded(doc, value) -> str | None:
    why = _ts_literal(value)
    if why is not None or value is None:
        return why
    if value.kind() != "identifier":
        return None
    return f"the constant `{value.text()}`, assigned a literal" if _ts_declaration(doc, value) else None


def _ts_unused_declaration(doc, value) -> list:
    """Edits deleting `const name = 'literal';` when the fixed password was its only use."""
    decl = _ts_declaration(doc, value) if value is not None and value.kind() == "identifier" else None
    if decl is None or len(re.findall(r"(?<![\w$.])%s(?![\w$])" % re.escape(value.text()), doc.text)) != 2:
        return []
    stmt = decl.parent()
    if len([c for c in stmt.children() if c.kind() == "variable_declarator"]) != 1:
        return []
    return _whole_lines(doc, *doc.span(stmt), "//") or []


def _ts_declaration(doc, value):
    """The `const` declarator with a literal value that `value` (an identifier) refers to."""
    name = value.text()
    found = []
    for decl in doc.root.find_all(kind="variable_declarator"):
        ident = decl.field("name")
        if ident is None or ident.text() != name:
            continue
        block = decl.parent().parent() if decl.parent() is not None else None
        if block is not None and _ts_ancestor(block, value):
            found.append(decl)
    if len(found) == 1 and found[0].parent() is not None and found[0].parent().text().startswith("const") \
            and _ts_literal(found[0].field("value")) is not None:
        return found[0]
    return None


def _ts_ancestor(block, node) -> bool:
    current = node
    while current is not None:
        if current == block:
            return True
        current = current.parent()
    return False


def _ts_names(stmt, arguments) -> tuple[str, str]:
    target = None
    if stmt.kind() == "lexical_declaration":
        decl = stmt.find(kind="variable_declarator")
        ident = decl.field("name") if decl is not None else None
        target = ident.text() if ident is not None and ident.kind() == "identifier" else None
    elif stmt.kind() == "expression_statement":
        assign = stmt.find(kind="assignment_expression")
        left = assign.field("left") if assign is not None else None
        if left is not None and left.kind() == "member_expression":
            target = left.field("property").text()
        elif left is not None and left.kind() == "identifier":
            target = left.text()
    cid = None
    if len(arguments) > 1 and arguments[1].kind() == "string":
        cid = arguments[1].text()[1:-1]
    return _secrets.camel(target or cid or "db"), \
        cid if cid and re.fullmatch(r"[\w-]+", cid) else _secrets.kebab(cid or target or "db")


def _ts_quote(doc, arguments) -> str:
    """The file's quote style: its imports' (so imports added by two fixes are identical), else the call's."""
    if doc.imports.statements:
        return doc.import_quote()
    return '"' if len(arguments) > 1 and arguments[1].text().startswith('"') else "'"


def _ts_indent_unit(text: str, indent: str) -> str:
    return "\t" if indent.startswith("\t") else "  "


def _ts_delete_pair(doc, pair):
    text, source = doc.text, doc.source
    start, end = doc.span(pair)
    first = _secrets.line_start(text, start)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end + 1
    rest = text[end:line_end].strip()
    if text[first:start].strip() or rest != ",":
        return None
    return [source.edit(first, line_end, "")]
