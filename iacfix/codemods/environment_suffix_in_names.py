"""IAC106 environment-suffix-in-names."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _provider
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

# properties that name the deployed resource (jsii names); a name made only of the environment
# (`dev`, `prod`) collides with the next deployment of the same environment
NAME_PROPS = {"name", "namePrefix", "bucket", "bucketPrefix", "identifier", "identifierPrefix",
              "clusterIdentifier", "functionName", "replicationGroupId", "clusterId", "alarmName",
              "dashboardName", "domainName", "repositoryName", "streamName", "tableName", "topicName",
              "queueName", "roleName", "policyName", "userPoolName", "apiName", "stateMachineName"}
# resources whose name must be unique per account and region (or globally): a literal name with
# no suffix at all collides between two deployments of the stack
UNIQUE_NAMED = {("kmsAlias", "KmsAlias"): "name", ("s3Bucket", "S3Bucket"): "bucket"}
_PY_ENV = re.compile(r"\{(\s*)(self\.)?(_?)environment(\s*)\}")
_TS_ENV = re.compile(r"\$\{(\s*)(this\.|props\.|props\?\.)?environment(\s*)\}")
_PY_TRIGGER = re.compile(r"environment_suffix")
_TS_TRIGGER = re.compile(r"environmentSuffix")


def _snake(name: str) -> str:
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


PY_NAME_PROPS = {_snake(p) for p in NAME_PROPS}


class EnvironmentSuffixInNames(Rule):
    """A resource name built from the environment (`dev`) in a stack that has an environment suffix.

    Stacks that take an `environment_suffix` / `environmentSuffix` (a parameter, a local, an
    attribute `self.environment_suffix` / `this.environmentSuffix`, or a prop) use it to keep two
    deployments of the same environment apart (`dev-001`, `dev-pr42`). A name built from the
    environment alone (`f"db-sg-{environment}"`) collides with the other deployment of that
    environment (seed 003 #11); so does a name with no suffix at all for resources whose name is
    unique per account and region or globally — a KMS alias (`alias/trading-{self.region}`, seed
    004 #4: "alias already exists") or an S3 bucket.

    Fix, following the seeds' IDEAL forms: in the name properties of provider constructs (`name`,
    `bucket`, `identifier`, `function_name`, `cluster_identifier` …), `{environment}` /
    `{self.environment}` (`${environment}`, `${this.environment}`, `${props.environment}`) becomes
    the suffix in the form the code has it (`{environment_suffix}` when a local or parameter holds
    it, else `{self.environment_suffix}`; TypeScript `${environmentSuffix}`, `this.environmentSuffix`
    or `props.environmentSuffix`); a KMS alias `name` or S3 `bucket` that mentions no suffix gets
    `-{suffix}` appended (a plain literal becomes an f-string / template literal).

    Unsafe: renaming a deployed resource replaces it (a new bucket, a new alias). Left alone: names
    that already use the suffix (also together with the environment), names built by a helper call
    (`${resourceName('payment-rds')}`: it may add the suffix), names in code where no suffix exists, tags and descriptions (they are not names), string concatenation and `.format` calls.
    """

    id = "IAC106"
    slug = "environment-suffix-in-names"
    summary = "Resource name built from the environment (or a KMS alias/bucket without suffix) where an environment suffix exists: use the suffix"
    rationale = "seed 003 #11 (name=f\"db-sg-{environment}\"), seed 004 #4 (KMS alias without the suffix)"
    seeds = ("003#11", "004#4")
    languages = ("python", "typescript")
    applicability = Applicability.UNSAFE
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.security_group import SecurityGroup


def build(self, environment, environment_suffix):
    SecurityGroup(self, "db_sg", name=f"db-sg-{environment}", tags={"Env": environment})
""", """\
from cdktf_cdktf_provider_aws.security_group import SecurityGroup


def build(self, environment, environment_suffix):
    SecurityGroup(self, "db_sg", name=f"db-sg-{environment_suffix}", tags={"Env": environment})
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.kms_alias import KmsAlias


class Trading:
    def __init__(self, scope, region, environment_suffix):
        self.region = region
        self.environment_suffix = environment_suffix
        KmsAlias(scope, "alias", name=f"alias/trading-{self.region}", target_key_id="k")
""", """\
from cdktf_cdktf_provider_aws.kms_alias import KmsAlias


class Trading:
    def __init__(self, scope, region, environment_suffix):
        self.region = region
        self.environment_suffix = environment_suffix
        KmsAlias(scope, "alias", name=f"alias/trading-{self.region}-{self.environment_suffix}", target_key_id="k")
"""),
        Example("typescript", """\
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

export function build(scope: any, environment: string, environmentSuffix: string) {
  new S3Bucket(scope, 'data', { bucket: `app-data-${environment}` });
  new KmsAlias(scope, 'alias', { name: 'alias/app-key', targetKeyId: 'k' });
}
""", """\
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

export function build(scope: any, environment: string, environmentSuffix: string) {
  new S3Bucket(scope, 'data', { bucket: `app-data-${environmentSuffix}` });
  new KmsAlias(scope, 'alias', { name: `alias/app-key-${environmentSuffix}`, targetKeyId: 'k' });
}
"""),
        # valid: no suffix exists in this code, and a name that has both
        Example("python", """\
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


def build(self, environment):
    S3Bucket(self, "b", bucket=f"app-{environment}")


def other(self, environment, environment_suffix):
    S3Bucket(self, "c", bucket=f"app-{environment}-{environment_suffix}")
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if not any(t in text for t in _provider.TRIGGERS):
            return False
        return bool((_TS_TRIGGER if language == "typescript" else _PY_TRIGGER).search(text))

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        classes = [n for n in doc.nodes if isinstance(n, ast.ClassDef)]
        class_attrs = {c: _py_self_attrs(c) for c in classes}
        for function in [n for n in doc.nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            owner = next((c for c in classes if function in c.body), None)
            local = _py_has_local(function, "environment_suffix")
            attr = owner is not None and "environment_suffix" in class_attrs[owner]
            if not local and not attr:
                continue
            for call in _py_calls_in(function):
                resolved = _provider.python_resolve(index, doc, call.func)
                if resolved is None:
                    continue
                unique_prop = UNIQUE_NAMED.get(resolved)
                for keyword in call.keywords:
                    if keyword.arg not in PY_NAME_PROPS:
                        continue
                    finding = self._py_value(doc, keyword, resolved, local, attr,
                                             _snake(unique_prop) == keyword.arg if unique_prop else False)
                    if finding is not None:
                        yield finding

    def _py_value(self, doc, keyword, resolved, local, attr, unique):
        value = keyword.value
        start, end = doc.span(value)
        raw = doc.text[start:end]
        if "suffix" in raw:
            return None
        source = doc.source
        if isinstance(value, ast.JoinedStr):
            m = _PY_ENV.search(raw)
            if m is not None:
                use_attr = (m.group(2) or not local) and attr
                new = "self.environment_suffix" if use_attr else "environment_suffix"
                new_raw = _PY_ENV.sub(lambda mm: "{" + mm.group(1) + new + mm.group(4) + "}", raw)
                return source.finding(
                    self, start, end,
                    f"`{keyword.arg}` of `{resolved[1]}` is built from the environment, not the environment suffix: "
                    f"two deployments of one environment collide; use `{new}` (renaming replaces the resource)",
                    [source.edit(start, end, new_raw)])
        if not unique or isinstance(value, ast.JoinedStr) and any(
                isinstance(v, ast.FormattedValue) and not isinstance(v.value, (ast.Name, ast.Attribute))
                for v in value.values):
            return None  # a helper call may add the suffix already
        suffix = "self.environment_suffix" if attr and ("self." in raw or not local) else "environment_suffix"
        new_raw = _py_append(raw, suffix)
        if new_raw is None:
            return None
        return source.finding(
            self, start, end,
            f"`{keyword.arg}` of `{resolved[1]}` has no environment suffix: it must be unique per account and region, "
            f"so a second deployment fails; append `{suffix}` (renaming replaces the resource)",
            [source.edit(start, end, new_raw)])

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        for new in doc.root.find_all(kind="new_expression"):
            ctor, args = new.field("constructor"), new.field("arguments")
            resolved = _provider.ts_type(index, doc.imports.resolve(ctor)) if ctor is not None else None
            if resolved is None or args is None:
                continue
            objects = [a for a in args.children() if a.kind() == "object"]
            if not objects:
                continue
            suffix = _ts_suffix(new)
            if suffix is None:
                continue
            unique_prop = UNIQUE_NAMED.get(resolved)
            for pair in objects[-1].children():
                if pair.kind() != "pair":
                    continue
                key, value = pair.field("key"), pair.field("value")
                if key is None or value is None:
                    continue
                name = key.text().strip("'\"")
                if name not in NAME_PROPS:
                    continue
                finding = self._ts_value(doc, value, name, resolved, suffix, unique_prop == name)
                if finding is not None:
                    yield finding

    def _ts_value(self, doc, value, name, resolved, suffix, unique):
        raw = value.text()
        start, end = doc.span(value)
        source = doc.source
        if "uffix" in raw:
            return None
        if value.kind() == "template_string" and _TS_ENV.search(raw):
            new_raw = _TS_ENV.sub(lambda m: "${" + m.group(1) + suffix + m.group(3) + "}", raw)
            return source.finding(
                self, start, end,
                f"`{name}` of `{resolved[1]}` is built from the environment, not the environment suffix: two "
                f"deployments of one environment collide; use `{suffix}` (renaming replaces the resource)",
                [source.edit(start, end, new_raw)])
        if not unique:
            return None
        if value.kind() == "template_string":
            if any(c.kind() == "template_substitution" and c.find(kind="call_expression") is not None
                   for c in value.children()):
                return None  # a helper call may add the suffix already
            new_raw = raw[:-1] + f"-${{{suffix}}}`"
        elif value.kind() == "string" and "\\" not in raw:
            new_raw = "`" + raw[1:-1].replace("`", "\\`").replace("${", "\\${") + f"-${{{suffix}}}`"
        else:
            return None
        return source.finding(
            self, start, end,
            f"`{name}` of `{resolved[1]}` has no environment suffix: it must be unique per account and region, so a "
            f"second deployment fails; append `{suffix}` (renaming replaces the resource)",
            [source.edit(start, end, new_raw)])


# -- Python helpers ------------------------------------------------------------------------------

def _py_self_attrs(cls: ast.ClassDef) -> set[str]:
    attrs = set()
    for node in ast.walk(cls):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
                    attrs.add(target.attr)
    return attrs


def _py_has_local(function, name: str) -> bool:
    args = function.args
    if any(a.arg == name for a in args.posonlyargs + args.args + args.kwonlyargs):
        return True
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return True
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            return True
    return False


def _py_calls_in(function):
    """Calls in `function`, not in nested functions or classes."""
    stack = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Call):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _py_append(raw: str, suffix: str) -> str | None:
    m = re.match(r"([rRuUfF]{0,2})('|\")", raw)
    if m is None or not raw.endswith(m.group(2)) or len(raw) < len(m.group(0)) + 1:
        return None
    prefix, quote = m.group(1), m.group(2)
    body = raw[len(m.group(0)):-1]
    if re.search(r"(?<!\\)" + quote, body):
        return None
    if "f" in prefix.lower():
        return f"{prefix}{quote}{body}-{{{suffix}}}{quote}"
    if "b" in prefix.lower():
        return None
    body = body.replace("{", "{{").replace("}", "}}")
    return f"{prefix.replace('u', '').replace('U', '')}f{quote}{body}-{{{suffix}}}{quote}"


# -- TypeScript helpers --------------------------------------------------------------------------

def _ts_suffix(node) -> str | None:
    """How the suffix is reachable where `node` is: a local / parameter `environmentSuffix`, else
    `this.environmentSuffix`, else `props.environmentSuffix`; None when the function has none."""
    function, cls = None, None
    current = node.parent()
    while current is not None:
        kind = current.kind()
        if function is None and kind in ("method_definition", "function_declaration", "arrow_function",
                                         "function_expression", "function"):
            if kind in ("method_definition", "function_declaration"):
                function = current
        if kind in ("class_declaration", "class"):
            cls = current
            break
        current = current.parent()
    if function is None:
        return None
    text = function.text()
    if re.search(r"(?:const|let|var)\s+(?:\{[^}]*\b)?environmentSuffix\b", text):
        return "environmentSuffix"
    params = function.field("parameters")
    if params is not None and re.search(r"\benvironmentSuffix\b", params.text()):
        return "environmentSuffix"
    if cls is not None and re.search(r"this\.environmentSuffix\s*=[^=]", cls.text()):
        return "this.environmentSuffix"
    m = re.search(r"\b(props\??\.)environmentSuffix\b", text)
    if m:
        return m.group(1) + "environmentSuffix"
    return None
