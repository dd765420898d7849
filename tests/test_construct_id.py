"""IAC120 construct-id: missing ids, duplicate ids, import forms, styles, refusals, CRLF, idempotence."""
from iacfix.codemods.construct_id import ConstructId, _style, _words
from iacfix.config import Config, Target
from iacfix.engine import Context, process
from iacfix.fixes import Applicability

RULE = ConstructId()
BUCKET_PY = "from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\n"
BUCKET_TS = "import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\n"
PROVIDER_PY = "from cdktf_cdktf_provider_aws.provider import AwsProvider\n"
PROVIDER_TS = "import { AwsProvider } from '@cdktf/provider-aws/lib/provider';\n"


def run(text: str, language: str, unsafe: bool = False):
    path = "lib/stack.ts" if language == "typescript" else "lib/stack.py"
    ctx = Context(Target(), Config())
    result = process(path, text.encode(), [RULE], ctx, fix=True, unsafe=unsafe)
    assert result.error is None and result.internal_error is None
    out = (result.fixed or text.encode()).decode()
    again = process(path, out.encode(), [RULE], ctx, fix=True, unsafe=unsafe)
    assert not again.changed, "a second run must change nothing"
    return out, result


def findings(text: str, language: str):
    path = "lib/stack.ts" if language == "typescript" else "lib/stack.py"
    return process(path, text.encode(), [RULE], Context(Target(), Config()), fix=False).findings


# -- naming helpers --------------------------------------------------------------------------------

def test_words_and_style():
    assert _words("S3BucketVersioningA") == ["s3", "bucket", "versioning", "a"]
    assert _words("logBucket") == ["log", "bucket"]
    assert _words("ec2_custom_policy") == ["ec2", "custom", "policy"]
    assert _style(["a_b", "c_d", "e-f"], "kebab") == "snake"
    assert _style(["a_b", "e-f"], "kebab") == "kebab"  # a tie keeps the language default
    assert _style(["mainVpc", "webSg"], "kebab") == "camel"
    assert _style(["vpc", "aws"], "snake") == "snake"  # single words say nothing


# -- missing id ------------------------------------------------------------------------------------

def test_py_provider_module_import_and_alias():
    text = ("from cdktf_cdktf_provider_aws import provider\n"
            "provider.AwsProvider(self, \"aws\", region=\"us-east-1\")\n"
            "provider.AwsProvider(self, region=\"eu-west-1\", alias=\"eu\")\n")
    out, result = run(text, "python")
    assert 'provider.AwsProvider(self, "aws_eu", region="eu-west-1", alias="eu")' in out
    assert all(f.fix.applicability is Applicability.SAFE for f in result.applied)


def test_py_star_import_binding_style_and_uniqueness():
    text = ("from cdktf_cdktf_provider_aws.s3_bucket import *\n"
            "S3Bucket(self, 'web-assets')\n"
            "logs = S3Bucket(self, bucket='a')\n"
            "S3Bucket(self, 'logs')\n")
    out, _ = run(text, "python")
    # kebab like the file, single quotes like the file, unique among the scope's ids
    assert "logs = S3Bucket(self, 'logs2', bucket='a')" in out


def test_py_class_name_when_unbound_and_self_attribute():
    text = BUCKET_PY + "S3Bucket(self)\nself.data_bucket = S3Bucket(self, bucket='b')\n"
    out, _ = run(text, "python")
    assert 'S3Bucket(self, "s3_bucket")' in out
    assert 'self.data_bucket = S3Bucket(self, "data_bucket", bucket=\'b\')' in out


def test_py_crlf_multiline():
    text = (PROVIDER_PY + "AwsProvider(\n    self,\n    region='us-east-1',\n)\n").replace("\n", "\r\n")
    out, _ = run(text, "python")
    assert out.endswith("AwsProvider(\r\n    self,\r\n    \"aws\",\r\n    region='us-east-1',\r\n)\r\n")
    assert "\n" not in out.replace("\r\n", "")


def test_py_refusals():
    # **kwargs may carry the id; an id= keyword; a non-name scope; cdktf's own classes; unknown classes
    text = (BUCKET_PY + "from cdktf import S3Backend, TerraformOutput\n"
            "S3Bucket(self, **config)\n"
            "S3Bucket(self, id_='x', bucket='b')\n"
            "S3Bucket('name', bucket='b')\n"
            "S3Backend(self, bucket='b', key='k', region='r')\n"
            "MyConstruct(self, name='x')\n")
    assert findings(text, "python") == []


def test_ts_namespace_import_and_object_config():
    text = ("import * as aws from '@cdktf/provider-aws';\n"
            "new aws.provider.AwsProvider(this, { region: 'us-east-1' });\n"
            "const mainVpc = new aws.vpc.Vpc(this, { cidrBlock: '10.0.0.0/16' });\n"
            "new aws.vpc.Vpc(this, 'mainSubnetVpc', { cidrBlock: '10.1.0.0/16' });\n"
            "new aws.vpc.Vpc(this, 'otherVpc', { cidrBlock: '10.2.0.0/16' });\n")
    out, _ = run(text, "typescript")
    assert "new aws.provider.AwsProvider(this, 'aws', { region: 'us-east-1' });" in out
    assert "const mainVpc = new aws.vpc.Vpc(this, 'mainVpc', {" in out  # camelCase file


def test_ts_double_quotes_and_refusals():
    text = ('import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";\n'
            'import { S3Backend } from "cdktf";\n'
            'const b = new S3Bucket(this);\n'
            'new S3Bucket(this, ...args);\n'
            'new S3Bucket(this, config);\n'  # an identifier: the id may be what is missing, or not
            'new S3Backend(this, { bucket: "b", key: "k" });\n')
    out, result = run(text, "typescript")
    assert 'const b = new S3Bucket(this, "b");' in out
    assert len(result.applied) == 1 and not result.findings


# -- duplicate ids ---------------------------------------------------------------------------------

def test_py_two_resources_unsafe_later_renamed():
    text = BUCKET_PY + "S3Bucket(self, 'logs', bucket='a')\nS3Bucket(self, 'logs', bucket='b')\n"
    out, result = run(text, "python")
    assert out == text and result.findings[0].fix.applicability is Applicability.UNSAFE
    out, _ = run(text, "python", unsafe=True)
    assert out.endswith("S3Bucket(self, 'logs', bucket='a')\nS3Bucket(self, 'logs_s3_bucket', bucket='b')\n")


def test_py_three_times_and_numbering():
    text = BUCKET_PY + "".join(f"S3Bucket(self, \"b\", bucket='{n}')\n" for n in "xyz") + \
        "S3Bucket(self, \"b-s3-bucket\")\n"
    out, _ = run(text, "python", unsafe=True)
    assert 'S3Bucket(self, "b-s3-bucket2", bucket=\'y\')' in out
    assert 'S3Bucket(self, "b-s3-bucket3", bucket=\'z\')' in out


def test_py_fstring_ids_identical_text_only():
    text = BUCKET_PY + ("S3Bucket(self, f\"logs-{env}\")\nS3Bucket(self, f\"logs-{env}\")\n"
                        "S3Bucket(self, f\"data-{env}\")\nS3Bucket(self, f\"data-{stage}\")\n")
    out, result = run(text, "python", unsafe=True)
    assert 'S3Bucket(self, f"logs-{env}-s3-bucket")' in out and len(result.applied) == 1


def test_py_different_functions_scopes_and_branches_left_alone():
    text = BUCKET_PY + (
        "def a(self):\n    S3Bucket(self, 'x')\n"
        "def b(self):\n    S3Bucket(self, 'x')\n"
        "def c(self, other):\n    S3Bucket(self, 'y')\n    S3Bucket(other, 'y')\n"
        "def d(self):\n"
        "    try:\n        S3Bucket(self, 'z')\n    except Exception:\n        S3Bucket(self, 'z')\n"
        "    match k:\n        case 1:\n            S3Bucket(self, 'w')\n        case _:\n            S3Bucket(self, 'w')\n"
        "    for i in range(2):\n        if i:\n            S3Bucket(self, 'v')\n            continue\n"
        "        S3Bucket(self, 'v')\n")
    assert findings(text, "python") == []


def test_py_unknown_classes_do_not_count():
    text = BUCKET_PY + "S3Bucket(self, 'x')\nMyBucketConstruct(self, 'x')\n"
    assert findings(text, "python") == []


def test_ts_data_source_renamed_safe_even_when_first():
    text = ("import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';\n"
            "import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';\n"
            "const zone = new DataAwsRoute53Zone(this, 'zone', { name: 'example.com' });\n"
            "new Route53Record(this, 'zone', { zoneId: zone.zoneId, name: 'www', type: 'A' });\n")
    out, result = run(text, "typescript")
    assert "new DataAwsRoute53Zone(this, 'zone-data', {" in out
    assert result.applied[0].fix.applicability is Applicability.SAFE


def test_ts_output_and_core_elements():
    text = (BUCKET_TS + "import { TerraformOutput } from 'cdktf';\n"
            "const b = new S3Bucket(this, 'bucket_name');\n"
            "new TerraformOutput(this, 'bucket_name', { value: b.bucket });\n")
    out, _ = run(text, "typescript", unsafe=True)
    assert "new TerraformOutput(this, 'bucket_name_output', {" in out


def test_ts_branches_and_functions_left_alone():
    text = (BUCKET_TS +
            "function f(scope) { new S3Bucket(scope, 'a'); }\n"
            "function g(scope) { new S3Bucket(scope, 'a'); }\n"
            "if (x) { new S3Bucket(this, 'b'); } else { new S3Bucket(this, 'b'); }\n"
            "switch (k) { case 1: new S3Bucket(this, 'c'); break; default: new S3Bucket(this, 'c'); }\n"
            "try { new S3Bucket(this, 'd'); } catch (e) { new S3Bucket(this, 'd'); }\n"
            "const e = x ? new S3Bucket(this, 'e') : new S3Bucket(this, 'e');\n"
            "if (y) { new S3Bucket(this, 'g'); return; }\nnew S3Bucket(this, 'g');\n"
            "new S3Bucket(this.node.scope, 'h'); new S3Bucket(this, 'h');\n")
    assert findings(text, "typescript") == []


def test_ts_crlf_duplicate():
    text = (BUCKET_TS + "new S3Bucket(this, `a-${s}`);\nnew S3Bucket(this, `a-${s}`);\n").replace("\n", "\r\n")
    out, _ = run(text, "typescript", unsafe=True)
    assert out.endswith("new S3Bucket(this, `a-${s}`);\r\nnew S3Bucket(this, `a-${s}-s3-bucket`);\r\n")
