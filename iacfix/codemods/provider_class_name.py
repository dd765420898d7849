"""IAC101 provider-class-name."""
from __future__ import annotations

import re
from functools import lru_cache

import ast

from iacfix.codemods import _provider
from iacfix.rules import NAMES, Example, Rule


def _trie_pattern(words) -> str:
    """A regex alternation factored by common prefixes: Python's `re` tries alternatives one by
    one at every position, so 120 names sharing `S3Bucket…` prefixes cost 120 tries without this."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node) -> str:
        ends = "" in node
        branches = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return build(trie)


@lru_cache(maxsize=8)
def _wrong_name_pattern(index) -> re.Pattern:
    return re.compile(r"\b%s\b" % _trie_pattern(index.wrong_names()))


class ProviderClassName(Rule):
    """A provider binding class imported or used under a name its module does not export.

    The bindings generator appends `A` to a name that is already taken in the same module
    (`S3BucketVersioningA`, because `S3BucketVersioning…` structs exist) and `Struct` to block
    structs whose names end in `List`. Generated code often uses the plain name, which fails with
    `ImportError` in Python and `TS2724` in TypeScript. The rename comes from the provider index
    derived from the bindings' jsii assembly, for the target provider version.

    Every import form is followed: `from m import Name [as Alias]` (parenthesised, multi-line,
    with comments), `import m as mod` + `mod.Name`, `from cdktf_cdktf_provider_aws import m`,
    TypeScript named imports, namespace imports of a submodule, and the root namespace
    (`import { s3BucketVersioning } from '@cdktf/provider-aws'`). Only the identifier changes.

    A name that is valid where it is imported from is never touched: the struct
    `S3BucketServerSideEncryptionConfiguration` in `s3_bucket` is real, and the three names that
    are valid in the very module that also has the suffixed type (for example
    `ConnectHoursOfOperationConfig`) are ambiguous and left alone.
    """

    id = "IAC101"
    slug = "provider-class-name"
    summary = "Provider class or struct name that its module does not export (missing `A`/`Struct` suffix)"
    rationale = "seed 004 #1 (S3BucketServerSideEncryptionConfiguration → …A)"
    seeds = ("004#1",)
    languages = ("python", "typescript")
    phase = NAMES
    triggers = _provider.TRIGGERS
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning

S3BucketVersioning(self, "versioning", bucket=bucket.id,
                   versioning_configuration={"status": "Enabled"})
""", """\
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

S3BucketVersioningA(self, "versioning", bucket=bucket.id,
                   versioning_configuration={"status": "Enabled"})
"""),
        Example("typescript", """\
import { S3BucketServerSideEncryptionConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';

new S3BucketServerSideEncryptionConfiguration(this, 'sse', { bucket: bucket.id, rule: [] });
""", """\
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';

new S3BucketServerSideEncryptionConfigurationA(this, 'sse', { bucket: bucket.id, rule: [] });
"""),
        # valid: the struct of the same name in s3_bucket is real
        Example("python", """\
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket, S3BucketServerSideEncryptionConfiguration
"""),
        Example("python", """\
import cdktf_cdktf_provider_aws.vpc_peering_connection_accepter as peering

peering.VpcPeeringConnectionAccepter(self, "accept", vpc_peering_connection_id=pcx.id, auto_accept=True)
""", """\
import cdktf_cdktf_provider_aws.vpc_peering_connection_accepter as peering

peering.VpcPeeringConnectionAccepterA(self, "accept", vpc_peering_connection_id=pcx.id, auto_accept=True)
"""),
        Example("typescript", """\
import { s3BucketVersioning } from '@cdktf/provider-aws';

const v: s3BucketVersioning.S3BucketVersioning = new s3BucketVersioning.S3BucketVersioning(this, 'v', {
  bucket: 'b',
  versioningConfiguration: { status: 'Enabled' },
});
""", """\
import { s3BucketVersioning } from '@cdktf/provider-aws';

const v: s3BucketVersioning.S3BucketVersioningA = new s3BucketVersioning.S3BucketVersioningA(this, 'v', {
  bucket: 'b',
  versioningConfiguration: { status: 'Enabled' },
});
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return super().triggered(text, ctx, language) and bool(_wrong_name_pattern(ctx.provider).search(text))

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        wrong = index.wrong_names()
        source = doc.source
        # a from-import binding: the import and every bare use change together, as one fix
        bindings: dict[str, dict] = {}
        for stmt in doc.import_statements:
            if not isinstance(stmt, ast.ImportFrom) or stmt.level or not stmt.module:
                continue
            submodule = _provider.python_module(index, stmt.module)
            for alias in stmt.names if submodule else ():
                right = index.rename(submodule, alias.name) if alias.name in wrong else None
                if right is None:
                    continue
                local = alias.asname or alias.name
                start, _ = doc.span(alias)
                binding = bindings.setdefault(local, {"at": start, "resolved": (submodule, alias.name),
                                                      "right": right, "edits": [], "bare": alias.asname is None})
                binding["edits"].append(source.edit(start, start + len(alias.name), right))
        for node in doc.names:
            if node.id not in wrong:
                continue
            binding = bindings.get(node.id)
            if binding is not None:
                if binding["bare"]:
                    binding["edits"].append(source.edit(*doc.span(node), binding["right"]))
                continue
            if doc.imports.resolve(node) is not None:
                continue
            resolved = _provider.python_resolve(index, doc, node)  # used through `from … import *`
            right = index.rename(*resolved) if resolved and resolved[1] == node.id else None
            if right:
                start, end = doc.span(node)
                yield source.finding(self, start, end, self._message(index, resolved, right),
                                     [source.edit(start, end, right)])
        for binding in bindings.values():
            start = binding["at"]
            yield source.finding(self, start, start + len(binding["resolved"][1]),
                                 self._message(index, binding["resolved"], binding["right"]), binding["edits"])
        for node in doc.attributes:
            if node.attr not in wrong:
                continue
            resolved = _provider.python_type(index, doc.imports.resolve(node))
            right = index.rename(*resolved) if resolved else None
            start, end = doc.attr_span(node)
            if right and source.text[start:end] == node.attr:
                yield source.finding(self, start, end, self._message(index, resolved, right),
                                     [source.edit(start, end, right)])

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        # only the wrong names this file contains: ast-grep compiles the regex on every call
        present = set(_wrong_name_pattern(index).findall(doc.text))
        if not present:
            return
        pattern = "^(?:%s)$" % "|".join(map(re.escape, sorted(present)))
        source = doc.source
        bound: dict[str, tuple] = {}
        for spec, module in doc.imports.specifiers:
            submodule = _provider.ts_module(index, module)
            name = spec.field("name")
            right = index.rename(submodule, name.text()) if submodule and name is not None else None
            if right is None:
                continue
            alias = spec.field("alias")
            start, end = doc.span(name)
            bound[(alias or name).text()] = (spec, (submodule, name.text()), right,
                                             [source.edit(start, end, right)], alias is None)
        for kind in ("identifier", "type_identifier", "property_identifier"):
            for node in doc.root.find_all(kind=kind, regex=pattern):
                parent = node.parent()
                pkind = parent.kind() if parent is not None else ""
                if pkind == "import_specifier":
                    continue
                if kind == "property_identifier" and pkind == "member_expression" or \
                        kind == "type_identifier" and pkind == "nested_type_identifier":
                    resolved = _provider.ts_type(index, doc.imports.resolve(parent))
                    right = index.rename(*resolved) if resolved and resolved[1] == node.text() else None
                    if right:
                        start, end = doc.span(node)
                        yield source.finding(self, start, end, self._message(index, resolved, right, "typescript"),
                                             [source.edit(start, end, right)])
                elif kind != "property_identifier" and node.text() in bound and bound[node.text()][4]:
                    start, end = doc.span(node)
                    bound[node.text()][3].append(source.edit(start, end, bound[node.text()][2]))
        for spec, resolved, right, edits, _ in bound.values():
            start, end = doc.span(spec)
            yield source.finding(self, start, end, self._message(index, resolved, right, "typescript"), edits)

    @staticmethod
    def _message(index, resolved, right, language="python") -> str:
        submodule, name = resolved
        module = index.python_leaf(submodule) if language == "python" else f"lib/{index.ts_leaf(submodule)}"
        return (f"`{name}` is not exported by the provider's `{module}` module "
                f"(provider-aws {index.version}); the class is `{right}`")
