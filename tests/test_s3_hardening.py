"""Helpers behind IAC314 s3-bucket-hardening and IAC105 provider-default-tags."""
import ast
import json

from iacfix.codemods import _companions
from iacfix.codemods.provider_default_tags import _project_name, _python_scope
from iacfix.codemods.s3_bucket_hardening import _CLASSES, _has_public_principal
from iacfix.fixes import Edit
from iacfix.languages.base import Source


def _apply(text, edits):
    out = text
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        out = out[:e.start] + e.text + out[e.end:]
    return out


def test_new_python_import_lines_of_one_module_are_merged():
    edits = [Edit(10, 10, "from m.x import A\n"), Edit(10, 10, "from m.x import B\n"), Edit(3, 3, ", C")]
    merged = _companions._merge_new_lines(edits, _companions._PY_NEW_IMPORT, _companions._py_line)
    assert merged == [Edit(10, 10, "from m.x import A, B\n"), Edit(3, 3, ", C")]


def test_new_ts_import_lines_of_one_module_are_merged():
    edits = [Edit(5, 5, "\nimport { A } from '@p/lib/x';"), Edit(5, 5, "\nimport { B } from '@p/lib/x';"),
             Edit(5, 5, "\nimport { C } from '@p/lib/y';")]
    merged = _companions._merge_new_lines(edits, _companions._TS_NEW_IMPORT, _companions._ts_line)
    assert merged == [Edit(5, 5, "\nimport { A, B } from '@p/lib/x';"), Edit(5, 5, "\nimport { C } from '@p/lib/y';")]


def test_normalise_drops_one_reference_attribute():
    assert _companions.normalise("self.bucket.id") == "self.bucket"
    assert _companions.normalise("bucket.bucket") == "bucket"
    assert _companions.normalise("this.logs!.id") == "this.logs"
    assert _companions.normalise("props?.dataBucket.id") == "props.dataBucket"


def test_companion_targets_refs_and_literals():
    text = ('S3BucketPublicAccessBlock(self, "p", bucket=storage.bucket.id, block_public_acls=True)\n'
            "new S3BucketPolicy(this, 'x', { bucket: 'my-name', policy: doc });\n"
            'S3BucketVersioningA(self, "v", bucket=b.id)\n')
    found = [(c, k, t) for c, k, t, _ in _companions.companion_targets(text, _CLASSES)]
    assert found == [("S3BucketPublicAccessBlock", "ref", "storage.bucket"), ("S3BucketPolicy", "literal", "my-name")]


def _append(text, item):
    source = Source("x.py", text.encode(), text)
    close = text.rindex(")")
    last = text.rindex("region")
    last_end = text.index('"', text.index('"', last) + 1) + 1
    return _apply(text, _companions.append_item(source, last, last_end, close, item))


def test_append_item_forms():
    assert _append('P(self, "a", region="x")', "t=1") == 'P(self, "a", region="x", t=1)'
    assert _append('P(self, "a",\n    region="x",\n)', "t=1") == 'P(self, "a",\n    region="x",\n    t=1,\n)'
    assert _append('P(self, "a",\n    region="x"  # c\n)', "t=1") == 'P(self, "a",\n    region="x",  # c\n    t=1\n)'
    assert _append('P(self, "a",\n    region="x", # c\n)', "t=1") == 'P(self, "a",\n    region="x", # c\n    t=1,\n)'


def test_new_ids_follow_the_bucket_id():
    assert _companions.companion_id('"bucket"', ["encryption"], True, set()) == '"bucket_encryption"'
    assert _companions.companion_id("'logs'", ["encryption"], False, set()) == "'logs-encryption'"
    assert _companions.companion_id('f"b-{x}"', ["public", "access", "block"], True, set()) == 'f"b-{x}-public-access-block"'
    assert _companions.companion_id('"b"', ["encryption"], True, {"b_encryption"}) == '"b_encryption2"'
    assert _companions.companion_id('"""b"""', ["encryption"], True, set()) is None


def test_public_principal_in_cfn_policy():
    assert _has_public_principal({"Statement": [{"Principal": "*"}]})
    assert _has_public_principal({"Statement": [{"Principal": {"AWS": "*"}}]})
    assert not _has_public_principal({"Statement": [{"Principal": {"Service": "cloudfront.amazonaws.com"}}]})


def test_python_scope_sees_parameters_and_earlier_locals_only():
    tree = ast.parse("top = 1\n"
                     "def f(self, environment):\n"
                     "    environment_suffix = 'x'\n"
                     "    AwsProvider(self)\n"
                     "    later = 2\n")
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call))
    scope = _python_scope(tree, call)
    assert {"top", "self", "environment", "environment_suffix"} <= scope and "later" not in scope


def test_project_name(tmp_path):
    assert _project_name(None) is None
    assert _project_name(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[tool.poetry]\nname = "infra"\n')
    assert _project_name(tmp_path) == "infra"
    (tmp_path / "package.json").write_text(json.dumps({"name": "web"}))
    assert _project_name(tmp_path) == "web"


def _fix(rule_id, path, text, rules=None):
    from iacfix.config import Config, check_rule_options
    from iacfix.engine import Context, process
    from iacfix.rules import lookup
    ctx = Context(config=Config(rules=check_rule_options(rules or {})))
    result = process(path, text.encode(), [lookup(rule_id)], ctx, fix=True, unsafe=True)
    assert result.error is None and result.internal_error is None
    again = process(path, result.fixed, [lookup(rule_id)], ctx, fix=True, unsafe=True)
    assert not again.changed and not again.findings
    return result.fixed.decode()


def test_crlf_and_a_bare_bucket_statement_is_assigned():
    fixed = _fix("IAC314", "lib/s.py", 'from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\r\n\r\n'
                 'def f(self):\r\n    S3Bucket(self, "data")  # c\r\n')
    assert '    data_bucket = S3Bucket(self, "data")  # c\r\n    S3BucketPublicAccessBlock(self, "data_public_access_block",\r\n' in fixed
    assert "\n" not in fixed.replace("\r\n", "")
    fixed = _fix("IAC314", "lib/s.ts", "import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\r\n"
                 "function f() {\r\n  new S3Bucket(this, 'my_data', {});\r\n}\r\n")
    assert "  const myDataBucket = new S3Bucket(this, 'my_data', {});\r\n" in fixed
    assert "\n" not in fixed.replace("\r\n", "")


def test_sse_algorithm_option_and_public_acl_bucket():
    fixed = _fix("IAC314", "lib/s.py", 'from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\n\n'
                 'b = S3Bucket(self, "b", acl="public-read")\n',
                 {"s3-bucket-hardening": {"sse_algorithm": "aws:kms"}})
    assert 'sse_algorithm="aws:kms"' in fixed and "S3BucketPublicAccessBlock" not in fixed


def test_default_tags_flow_into_a_namespace_import_config_with_trailing_comma():
    fixed = _fix("IAC105", "lib/s.ts", "import * as aws from '@cdktf/provider-aws';\n"
                 "new aws.provider.AwsProvider(this, 'aws', {\n  region: 'x',\n});\n")
    assert fixed.endswith("  region: 'x',\n  defaultTags: [{ tags: { ManagedBy: 'cdktf' } }],\n});\n")


def test_default_tags_environment_from_a_destructured_const():
    fixed = _fix("IAC105", "lib/s.ts", "import { AwsProvider } from '@cdktf/provider-aws/lib/provider';\n"
                 "function f(props) {\n  const { environmentSuffix } = props;\n"
                 "  new AwsProvider(this, 'aws', {});\n}\n")
    assert "new AwsProvider(this, 'aws', { defaultTags: [{ tags: { Environment: environmentSuffix, ManagedBy: 'cdktf' } }] });" in fixed
