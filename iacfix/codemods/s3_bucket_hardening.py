"""IAC314 s3-bucket-hardening."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from iacfix.codemods import _companions, _provider, _secrets
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

_SSE_MODULE = "s3BucketServerSideEncryptionConfiguration"
_PAB_MODULE = "s3BucketPublicAccessBlock"
_CLASSES = re.compile(r"\b(S3BucketPublicAccessBlock|S3BucketServerSideEncryptionConfigurationA?|"
                      r"S3BucketWebsiteConfiguration|S3BucketAcl|S3BucketPolicy)\s*\(")
_PUBLIC_ACLS = ("public-read", "public-read-write")
_PUBLIC_PRINCIPAL = re.compile(r"""Principal['"]?\s*[:=]\s*(?:['"]\*['"]|\{\s*['"]?AWS['"]?\s*[:=]\s*['"]\*['"])""")
_PAB_FIELDS = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
_CFN_PAB = {"BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True}


def _cfn_sse(algorithm: str) -> dict:
    return {"ServerSideEncryptionConfiguration": [
        {"ServerSideEncryptionByDefault": {"SSEAlgorithm": algorithm}, "BucketKeyEnabled": True}]}


class S3BucketHardening(Rule):
    """An S3 bucket without server-side encryption or without a public access block gets them.

    CDKTF (Python, TypeScript): an `S3Bucket` statement with no
    `S3BucketServerSideEncryptionConfigurationA` for it gets one right after the statement, with
    the rule structs of the target provider version (`rule=[…RuleA(apply_server_side_encryption_by_default=
    …RuleApplyServerSideEncryptionByDefaultA(sse_algorithm="AES256"), bucket_key_enabled=True)]`
    in Python, object literals in TypeScript); one with no `S3BucketPublicAccessBlock` gets one
    with the four `block_public_acls`/`block_public_policy`/`ignore_public_acls`/
    `restrict_public_buckets` set to true (seed 003 #4). Class and struct names come from the
    provider index of the target version; imports are added in the file's idiom (several names of
    one module on one new line). The new construct ids derive from the bucket's
    (`"bucket"` → `"bucket_public_access_block"`, `'logs'` → `'logs-encryption'`; an f-string
    or template id gets the suffix inside it). CloudFormation: an `AWS::S3::Bucket` gets
    `BucketEncryption` and `PublicAccessBlockConfiguration` properties (`Properties` is added when
    missing; encryption first, the access block on the next pass).

    A bucket counts as already covered when a companion resource points at it anywhere in the file
    or the project (same language): `bucket=x.id` / `bucket: x.id` / `bucket=x.bucket` naming
    the variable it is assigned to (from another file: the attribute name, `self.logs_bucket` ↔
    `stack.logs_bucket.id`), or the same literal bucket name; the inline (deprecated)
    `server_side_encryption_configuration` block also counts as encryption.

    Applicability: encryption is **safe** — since January 2023 S3 encrypts every bucket with
    SSE-S3 (AES256) by default, so stating it changes nothing deployed. The public access block is
    **unsafe** — it can break access the code does not show (a policy attached elsewhere, objects
    shared by ACL). A bucket that looks meant to be public is left without one (and not reported):
    a `website` block or `S3BucketWebsiteConfiguration`, a `public-read`/`public-read-write` ACL
    (inline or `S3BucketAcl`), a bucket policy (inline `policy` or `S3BucketPolicy`) whose file
    grants `Principal: "*"`; in
    CloudFormation `WebsiteConfiguration`, `AccessControl: PublicRead|PublicReadWrite`, or an
    `AWS::S3::BucketPolicy` on it with a `*` principal. A TypeScript bucket whose properties are not
    an object literal, or a Python call with `**kwargs`, cannot be judged and gets no access block.

    The bucket statement must be a whole statement: assigned to a name or attribute (`x = …`,
    `self.x = …`, `const x = new …`, `this.x = …`), whose reference (`x.id`) the companions use; a
    bare `S3Bucket(...)` statement is assigned to a new local named after its construct id. A bucket
    inside another expression (an argument, a list) is reported without a fix.

    Option `sse_algorithm`: `AES256` (default, SSE-S3) or `aws:kms` (the AWS-managed `aws/s3`
    key; costs KMS requests, hence not the default).
    """

    id = "IAC314"
    slug = "s3-bucket-hardening"
    summary = "S3 bucket without server-side encryption or public access block; companion resources/properties added"
    rationale = "seed 003 #4 (S3 bucket without encryption and public access block)"
    seeds = ("003#4",)
    languages = ("python", "typescript", "cloudformation")
    applicability = Applicability.SAFE
    options = {"sse_algorithm": "AES256"}
    option_choices = {"sse_algorithm": ("AES256", "aws:kms")}
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

bucket = S3Bucket(self, "bucket", bucket="app-data")  # data
""", """\
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import S3BucketServerSideEncryptionConfigurationA, S3BucketServerSideEncryptionConfigurationRuleA, S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA

bucket = S3Bucket(self, "bucket", bucket="app-data")  # data
S3BucketPublicAccessBlock(self, "bucket_public_access_block",
    bucket=bucket.id,
    block_public_acls=True,
    block_public_policy=True,
    ignore_public_acls=True,
    restrict_public_buckets=True
)
S3BucketServerSideEncryptionConfigurationA(self, "bucket_encryption",
    bucket=bucket.id,
    rule=[S3BucketServerSideEncryptionConfigurationRuleA(
        apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
            sse_algorithm="AES256"
        ),
        bucket_key_enabled=True
    )]
)
"""),
        Example("typescript", """\
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

const logs = new S3Bucket(this, 'logs', { bucketPrefix: 'logs-' });
""", """\
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';

const logs = new S3Bucket(this, 'logs', { bucketPrefix: 'logs-' });
new S3BucketPublicAccessBlock(this, 'logs-public-access-block', {
  bucket: logs.id,
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
});
new S3BucketServerSideEncryptionConfigurationA(this, 'logs-encryption', {
  bucket: logs.id,
  rule: [
    {
      applyServerSideEncryptionByDefault: {
        sseAlgorithm: 'AES256',
      },
      bucketKeyEnabled: true,
    },
  ],
});
"""),
        Example("cloudformation", """\
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: app-data
""", """\
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: app-data
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
            BucketKeyEnabled: true
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
"""),
        # valid: companions present (one in flow style), a website bucket keeps its public access
        Example("cloudformation", """\
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      WebsiteConfiguration: {IndexDocument: index.html}
      BucketEncryption: {ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}}]}
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import *

self.bucket = S3Bucket(self, "b")
S3BucketServerSideEncryptionConfigurationA(self, "enc", bucket=self.bucket.id, rule=[])
S3BucketPublicAccessBlock(self, "pab", bucket=self.bucket.id, block_public_acls=True)
"""),
        # reported: the bucket is not a statement of its own
        Example("typescript", """\
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

use(new S3Bucket(this, 'b', {}));
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return "AWS::S3::Bucket" in text
        return "S3Bucket" in text and any(t in text for t in _provider.TRIGGERS)

    # -- shared ------------------------------------------------------------------------------
    def _covered(self, doc, ctx, suffixes, binding: str | None, literal: str | None):
        """{class: [call texts]} of the companions that point at this bucket."""
        found: dict[str, list[str]] = {}
        here = Path(doc.source.path).resolve() if doc.source.path else None
        sources = ctx.sources
        others = sources.memo(("IAC314", suffixes), lambda: [
            (path.resolve(), _companions.companion_targets(text, _CLASSES), text)
            for path, text in sources.files(*suffixes) if "S3Bucket" in text])
        scans = [(True, _companions.companion_targets(doc.text, _CLASSES), doc.text)]
        scans += [(False, targets, text) for path, targets, text in others if path != here]
        for same_file, targets, text in scans:
            for cls, kind, target, args in targets:
                hit = False
                if kind == "literal":
                    hit = literal is not None and target == literal
                elif binding is not None:
                    if same_file:
                        hit = target == binding
                    elif "." in binding:
                        hit = _companions.last_segment(target) == _companions.last_segment(binding)
                if hit:
                    cls = "S3BucketServerSideEncryptionConfigurationA" if cls.startswith("S3BucketServerSide") else cls
                    found.setdefault(cls, []).append(args if cls != "S3BucketPolicy" else text)
        return found

    @staticmethod
    def _public_by_companion(found) -> bool:
        if "S3BucketWebsiteConfiguration" in found:
            return True
        if any(acl in args for args in found.get("S3BucketAcl", ()) for acl in _PUBLIC_ACLS):
            return True
        return any(_PUBLIC_PRINCIPAL.search(text) for text in found.get("S3BucketPolicy", ()))

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        taken = {n.value for n in doc.nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        names = {n.id for n in doc.names}
        for call in doc.calls:
            if _provider.python_resolve(index, doc, call.func) != ("s3Bucket", "S3Bucket"):
                continue
            kwargs = {k.arg: k.value for k in call.keywords if k.arg is not None}
            splat = any(k.arg is None for k in call.keywords)
            literal = kwargs.get("bucket")
            literal = literal.value if isinstance(literal, ast.Constant) and isinstance(literal.value, str) else None
            bound = _companions.python_binding(doc, call) if len(call.args) >= 2 else None
            binding = bound[1] if bound else None
            found = self._covered(doc, ctx, (".py",), binding, literal)
            need_sse = "S3BucketServerSideEncryptionConfigurationA" not in found and \
                "server_side_encryption_configuration" not in kwargs
            public = splat or self._public_by_companion(found) or "website" in kwargs or \
                "policy" in kwargs and bool(_PUBLIC_PRINCIPAL.search(doc.text)) or \
                isinstance(kwargs.get("acl"), ast.Constant) and kwargs["acl"].value in _PUBLIC_ACLS
            need_pab = "S3BucketPublicAccessBlock" not in found and not public
            if not (need_sse or need_pab):
                continue
            start, end = doc.span(call.func)
            if bound is None:
                for what, needed in (("public access block", need_pab), ("server-side encryption", need_sse)):
                    if needed:
                        yield doc.source.finding(self, start, end, f"S3 bucket without {what}; not a statement "
                                                 f"of its own, so no companion resource is added")
                continue
            stmt, binding = bound
            stmt_start, stmt_end = doc.span(stmt)
            at = _companions.statement_end(doc, stmt_end)
            indent = doc.text[_secrets.line_start(doc.text, stmt_start):stmt_start]
            id_text = doc.text[slice(*doc.span(call.args[1]))]
            scope = doc.text[slice(*doc.span(call.args[0]))]
            if at is None or indent.strip() or "\n" in scope:
                continue
            assign = []
            if binding is None:
                id_node = call.args[1]
                parts = [id_node] if isinstance(id_node, ast.Constant) else \
                    id_node.values if isinstance(id_node, ast.JoinedStr) else []
                literal_id = "".join(p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str))
                base = _secrets.snake(literal_id) if literal_id.strip("-_ ") else "bucket"
                binding = _secrets.unique(base if base.endswith("bucket") else f"{base}_bucket", names)
                assign = [doc.source.edit(stmt_start, stmt_start, f"{binding} = ")]
            nl = doc.source.newline
            if need_pab:
                new_id = _companions.companion_id(id_text, ["public", "access", "block"], True, taken)
                if new_id is not None:
                    (cls,), imports = _companions.python_names(doc, index.python_module(_PAB_MODULE),
                                                               [self._pab_class(index)])
                    body = [f"{cls}({scope}, {new_id},", f"    bucket={binding}.id,"]
                    body += [f"    {f}=True," for f in _PAB_FIELDS]
                    body[-1] = body[-1].rstrip(",")
                    body.append(")")
                    text = "".join(f"{nl}{indent}{line}" for line in body)
                    yield doc.source.finding(self, start, end, "S3 bucket without a public access block; "
                                             f"unsafe fix: an {cls} blocking all public access",
                                             assign + imports + [doc.source.edit(at, at, text)], Applicability.UNSAFE)
            if need_sse:
                new_id = _companions.companion_id(id_text, ["encryption"], True, taken)
                if new_id is not None:
                    algorithm = ctx.option(self, "sse_algorithm")
                    (cls, rule, default), imports = _companions.python_names(
                        doc, index.python_module(_SSE_MODULE), self._sse_classes(index))
                    body = [f"{cls}({scope}, {new_id},", f"    bucket={binding}.id,",
                            f"    rule=[{rule}(",
                            f"        apply_server_side_encryption_by_default={default}(",
                            f"            sse_algorithm=\"{algorithm}\"", "        ),",
                            "        bucket_key_enabled=True", "    )]", ")"]
                    text = "".join(f"{nl}{indent}{line}" for line in body)
                    yield doc.source.finding(self, start, end, "S3 bucket without server-side encryption; "
                                             f"fix: an {cls} ({algorithm})",
                                             assign + imports + [doc.source.edit(at, at, text)], Applicability.SAFE)

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        taken = {m.group(2) for m in re.finditer(r"(['\"`])((?:(?!\1).)*)\1", doc.text)}
        names = set(re.findall(r"[A-Za-z_$][\w$]*", doc.text))
        for new in doc.root.find_all(kind="new_expression"):
            ctor, args = new.field("constructor"), new.field("arguments")
            if ctor is None or args is None or \
                    _provider.ts_type(index, doc.imports.resolve(ctor)) != ("s3Bucket", "S3Bucket"):
                continue
            arguments = [a for a in args.children() if a.is_named() and a.kind() != "comment"]
            props = arguments[2] if len(arguments) > 2 else None
            values = {}
            if props is not None and props.kind() == "object":
                for pair in props.children():
                    if pair.kind() == "pair" and pair.field("key") is not None:
                        key = pair.field("key")
                        values[key.text().strip("'\"")] = pair.field("value")
            literal = values.get("bucket")
            literal = literal.text()[1:-1] if literal is not None and literal.kind() == "string" else None
            bound = _companions.ts_binding(doc, new) if len(arguments) >= 2 else None
            binding = bound[1] if bound else None
            found = self._covered(doc, ctx, (".ts",), binding, literal)
            need_sse = "S3BucketServerSideEncryptionConfigurationA" not in found and \
                "serverSideEncryptionConfiguration" not in values
            acl = values.get("acl")
            public = (props is not None and props.kind() != "object") or self._public_by_companion(found) or \
                "website" in values or acl is not None and acl.text()[1:-1] in _PUBLIC_ACLS or \
                "policy" in values and bool(_PUBLIC_PRINCIPAL.search(doc.text))
            need_pab = "S3BucketPublicAccessBlock" not in found and not public
            if not (need_sse or need_pab):
                continue
            start, end = doc.span(ctor)
            if bound is None:
                for what, needed in (("public access block", need_pab), ("server-side encryption", need_sse)):
                    if needed:
                        yield doc.source.finding(self, start, end, f"S3 bucket without {what}; not a statement "
                                                 f"of its own, so no companion resource is added")
                continue
            stmt, binding = bound
            stmt_start, stmt_end = doc.span(stmt)
            at = _companions.statement_end(doc, stmt_end)
            indent = doc.text[_secrets.line_start(doc.text, stmt_start):stmt_start]
            id_text = arguments[1].text()
            scope = arguments[0].text()
            if at is None or indent.strip() or "\n" in scope:
                continue
            quote = _quote(doc, id_text)
            unit = "\t" if indent.startswith("\t") else _indent_unit(doc.text)
            assign = []
            if binding is None:
                literal_id = re.sub(r"\$\{[^}]*\}", "", id_text[1:-1]) \
                    if arguments[1].kind() in ("string", "template_string") else ""
                base = _secrets.camel(literal_id) if literal_id.strip("-_ ") else "bucket"
                binding = _secrets.unique(base if base.lower().endswith("bucket") else f"{base}Bucket", names)
                assign = [doc.source.edit(stmt_start, stmt_start, f"const {binding} = ")]
            nl = doc.source.newline
            package = _provider.TS_PACKAGES[1] if index.family == "cdktn" else _provider.TS_PACKAGES[0]
            u = unit
            if need_pab:
                new_id = _companions.companion_id(id_text, ["public", "access", "block"], False, taken)
                if new_id is not None:
                    (cls,), imports = _companions.ts_names(doc, package, index.ts_leaf(_PAB_MODULE), _PAB_MODULE,
                                                           [self._pab_class(index)], quote)
                    body = [f"new {cls}({scope}, {new_id}, {{", f"{u}bucket: {binding}.id,"]
                    body += [f"{u}{_camel(f)}: true," for f in _PAB_FIELDS]
                    body.append("});")
                    text = "".join(f"{nl}{indent}{line}" for line in body)
                    yield doc.source.finding(self, start, end, "S3 bucket without a public access block; "
                                             f"unsafe fix: an {cls} blocking all public access",
                                             assign + imports + [doc.source.edit(at, at, text)], Applicability.UNSAFE)
            if need_sse:
                new_id = _companions.companion_id(id_text, ["encryption"], False, taken)
                if new_id is not None:
                    algorithm = ctx.option(self, "sse_algorithm")
                    (cls,), imports = _companions.ts_names(doc, package, index.ts_leaf(_SSE_MODULE), _SSE_MODULE,
                                                           [self._sse_classes(index)[0]], quote)
                    body = [f"new {cls}({scope}, {new_id}, {{", f"{u}bucket: {binding}.id,", f"{u}rule: [",
                            f"{u}{u}{{", f"{u * 3}applyServerSideEncryptionByDefault: {{",
                            f"{u * 4}sseAlgorithm: {quote}{algorithm}{quote},", f"{u * 3}}},",
                            f"{u * 3}bucketKeyEnabled: true,", f"{u}{u}}},", f"{u}],", "});"]
                    text = "".join(f"{nl}{indent}{line}" for line in body)
                    yield doc.source.finding(self, start, end, "S3 bucket without server-side encryption; "
                                             f"fix: an {cls} ({algorithm})",
                                             assign + imports + [doc.source.edit(at, at, text)], Applicability.SAFE)

    # -- provider names ------------------------------------------------------------------------
    @staticmethod
    def _pab_class(index) -> str:
        return next((t for t in index.types(_PAB_MODULE) if index.kind_of(_PAB_MODULE, t) == "resource"),
                    "S3BucketPublicAccessBlock")

    @staticmethod
    def _sse_classes(index) -> list[str]:
        """[resource class, rule struct, apply-by-default struct] of the target provider version."""
        cls = next((t for t in index.types(_SSE_MODULE) if index.kind_of(_SSE_MODULE, t) == "resource"),
                   "S3BucketServerSideEncryptionConfigurationA")
        config = index.params_struct(_SSE_MODULE, cls)
        rule = index.prop(config, "rule") if config else None
        rule_struct = rule.struct if rule and rule.struct else f"{_SSE_MODULE}.S3BucketServerSideEncryptionConfigurationRuleA"
        default = index.prop(rule_struct, "applyServerSideEncryptionByDefault")
        default_struct = default.struct if default and default.struct else \
            f"{_SSE_MODULE}.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA"
        return [cls, rule_struct.rpartition(".")[2], default_struct.rpartition(".")[2]]

    # -- CloudFormation ----------------------------------------------------------------------
    def check_cloudformation(self, doc, ctx):
        public_by_policy = set()
        for name, resource in doc.resources.items():
            if isinstance(resource, dict) and resource.get("Type") == "AWS::S3::BucketPolicy":
                props = resource.get("Properties")
                if isinstance(props, dict) and _has_public_principal(props.get("PolicyDocument")):
                    ref = _cfn_ref(props.get("Bucket"))
                    if ref:
                        public_by_policy.add(ref)
        algorithm = ctx.option(self, "sse_algorithm")
        for name, resource in doc.resources.items():
            if not isinstance(resource, dict) or resource.get("Type") != "AWS::S3::Bucket":
                continue
            props = resource.get("Properties", {})
            if props is None or not isinstance(props, dict):
                continue
            path = ("Resources", name)
            node = doc.node(path + ("Type",))
            start, end = doc.start(node), doc.end(node)
            public = "WebsiteConfiguration" in props or props.get("AccessControl") in ("PublicRead", "PublicReadWrite") \
                or name in public_by_policy
            has_props = "Properties" in resource
            if "BucketEncryption" not in props:
                edit = doc.insert_entry(path + ("Properties",), "BucketEncryption", _cfn_sse(algorithm)) if has_props \
                    else doc.insert_entry(path, "Properties", {"BucketEncryption": _cfn_sse(algorithm)})
                yield doc.source.finding(self, start, end, f"S3 bucket without BucketEncryption; fix: {algorithm}",
                                         [edit] if edit else None, Applicability.SAFE)
            if "PublicAccessBlockConfiguration" not in props and not public:
                edit = doc.insert_entry(path + ("Properties",), "PublicAccessBlockConfiguration", _CFN_PAB) \
                    if has_props else None
                yield doc.source.finding(self, start, end, "S3 bucket without PublicAccessBlockConfiguration; "
                                         "unsafe fix: block all public access",
                                         [edit] if edit else None, Applicability.UNSAFE)


def _camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(p.capitalize() for p in rest)


def _quote(doc, id_text: str) -> str:
    for stmt in doc.imports.statements:
        spec = stmt.field("source")
        if spec is not None:
            return spec.text()[0]
    return '"' if id_text.startswith('"') else "'"


def _indent_unit(text: str) -> str:
    m = re.search(r"^( +)\S", text, re.M)
    return "    " if m and len(m.group(1)) % 4 == 0 and not re.search(r"^( {2}| {6})\S", text, re.M) else "  "


def _cfn_ref(value) -> str | None:
    tag = getattr(getattr(value, "tag", None), "value", None)
    if tag == "!Ref" and isinstance(getattr(value, "value", None), str):
        return value.value
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("Ref"), str):
        return value["Ref"]
    return None


def _has_public_principal(value) -> bool:
    if isinstance(value, dict):
        principal = value.get("Principal")
        if principal == "*" or isinstance(principal, dict) and (principal.get("AWS") == "*" or principal.get("AWS") == ["*"]):
            return True
        return any(_has_public_principal(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_public_principal(v) for v in value)
    return False
