"""IAC119 raw-interpolation, data sources the file never creates (raw `${data.…}` and the invented
`Fn.data('…')`): created when their config has no required properties, import forms, refusals,
CRLF, idempotence; IAC113 leaving `Fn.data` to IAC119; the required-properties facts of the index."""
import pytest

from iacfix.codemods.cdktf_member_name import CdktfMemberName
from iacfix.codemods.raw_interpolation import RawInterpolation
from iacfix.config import Config, Target
from iacfix.engine import Context, process
from iacfix.knowledge.provider import ProviderIndex

RULE = RawInterpolation()


def run(text: str, language: str, unsafe: bool = True, rules=(RULE,), family: str | None = None):
    path = "lib/stack.ts" if language == "typescript" else "lib/stack.py"
    target = Target().merged(**({"family": family} if family else {}))
    ctx = Context(target, Config())
    result = process(path, text.encode(), list(rules), ctx, fix=True, unsafe=unsafe)
    assert result.error is None and result.internal_error is None
    out = (result.fixed or text.encode()).decode()
    again = process(path, out.encode(), list(rules), ctx, fix=True, unsafe=unsafe)
    assert not again.changed, "a second run must change nothing"
    return out, result


# -- the index ------------------------------------------------------------------------------------

def test_required_props_from_the_index():
    idx = ProviderIndex.load("21.22.1")
    assert idx.required_props("dataAwsCallerIdentity.DataAwsCallerIdentityConfig") == frozenset()
    assert idx.required_props("dataAwsRegion.DataAwsRegionConfig") == frozenset()
    assert idx.required_props("dataAwsPartition.DataAwsPartitionConfig") == frozenset()
    assert idx.required_props("dataAwsS3Bucket.DataAwsS3BucketConfig") == frozenset({"bucket"})
    assert "name" in idx.required_props("s3Bucket.S3BucketConfig") or \
        idx.required_props("s3Bucket.S3BucketConfig") == frozenset()  # every S3Bucket argument is optional
    assert "bucket" in idx.required_props("s3BucketPolicy.S3BucketPolicyConfig")
    assert idx.required_props("nope.NopeConfig") is None
    assert idx.required_props("cdktf.TerraformMetaArguments") is None  # core structs: not recorded


# -- Python ---------------------------------------------------------------------------------------

PY_HEAD = ("from cdktf import TerraformStack, Fn, Token\n"
           "from cdktf_cdktf_provider_aws.kms_key import KmsKey\n\n\n"
           "class S(TerraformStack):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n")


def test_py_fn_data_in_fstring_creates_the_caller_identity_and_crlf():
    text = (PY_HEAD + "        # the key\n"
            "        KmsKey(self, 'k', policy=f\"arn:aws:iam::{Token.as_string(Fn.data('aws_caller_identity.current.account_id'))}:root\")\n"
            ).replace("\n", "\r\n")
    out, result = run(text, "python", unsafe=False)
    assert out == text and result.findings[0].fix.applicability.value == "unsafe"
    out, _ = run(text, "python")
    assert ("from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity\r\n" in out)
    assert "        current = DataAwsCallerIdentity(self, \"current\")\r\n        # the key\r\n" in out
    assert "f\"arn:aws:iam::{Token.as_string(current.account_id)}:root\"" in out
    assert "\n" not in out.replace("\r\n", "")


def test_py_aliased_fn_and_module_import_of_the_provider():
    text = ("import cdktf\nimport cdktf_cdktf_provider_aws.data_aws_region as regions\n\n\n"
            "class S(cdktf.TerraformStack):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n"
            "        x = cdktf.Fn.data(\"data.aws_region.here.name\")\n")
    out, _ = run(text, "python")
    assert "        here = regions.DataAwsRegion(self, \"here\")\n        x = here.name\n" in out


def test_py_two_data_sources_named_current_and_a_taken_variable():
    text = (PY_HEAD + "        current = 1\n"
            "        a = '${data.aws_caller_identity.current.account_id}'\n"
            "        b = '${data.aws_region.current.name}'\n")
    out, _ = run(text, "python")
    assert "caller_identity_current = DataAwsCallerIdentity(self, \"caller-identity-current\")" in out
    assert "region_current = DataAwsRegion(self, \"region-current\")" in out
    assert "a = f'{caller_identity_current.account_id}'" in out and "b = f'{region_current.name}'" in out


def test_py_existing_data_source_fn_data_is_safe():
    text = (PY_HEAD.replace("from cdktf_cdktf_provider_aws.kms_key import KmsKey",
                            "from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity")
            + "        self.me = DataAwsCallerIdentity(self, 'current')\n"
            "        x = Token.as_string(Fn.data('aws_caller_identity.current.account_id'))\n")
    out, result = run(text, "python", unsafe=False)
    assert "x = Token.as_string(self.me.account_id)" in out
    assert result.applied[0].fix.applicability.value == "safe"


@pytest.mark.parametrize("body, needle", [
    # a data source with a required argument: reported with it
    ("        x = '${data.aws_s3_bucket.shared.arn}'\n", "`bucket`"),
    ("        x = Fn.data('aws_s3_bucket.shared.arn')\n", "`bucket`"),
    # not a Terraform address
    ("        x = Fn.data('whatever')\n", "does not exist"),
])
def test_py_reported_not_fixed(body, needle):
    text = PY_HEAD + body
    out, result = run(text, "python")
    assert out == text
    assert [f.fix for f in result.findings] == [None] and needle in result.findings[0].message


def test_py_not_in_a_place_to_create():
    # a module-level string, a method called twice, a function without self: reported, unchanged
    text = ("from cdktf import TerraformStack\nfrom cdktf_cdktf_provider_aws.kms_key import KmsKey\n\n"
            "X = '${data.aws_region.current.name}'\n\n\n"
            "class S(TerraformStack):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n"
            "        self.policy()\n        self.policy()\n\n"
            "    def policy(self):\n        return '${data.aws_region.current.name}'\n\n\n"
            "def helper(scope):\n    return '${data.aws_partition.current.partition}'\n")
    out, result = run(text, "python")
    assert out == text and len(result.findings) == 3 and all(f.fix is None for f in result.findings)


def test_py_left_alone():
    text = ("from cdktf import Fn\nfrom cdktf_cdktf_provider_aws.kms_key import KmsKey\n"
            "# Fn.data('aws_region.current.name') in a comment\n"
            "x = \"Fn.data('aws_region.current.name')\"\n"
            "class Other:\n    @staticmethod\n    def data(a):\n        return a\n"
            "y = Other.data('aws_region.current.name')\n")
    out, result = run(text, "python")
    assert out == text and not result.findings


def test_py_cdktn_binding_gets_the_data_source_from_its_own_package():
    text = PY_HEAD.replace("cdktf_cdktf_provider_aws", "cdktn_provider_aws").replace("from cdktf ", "from cdktn ") + \
        "        x = '${data.aws_caller_identity.current.account_id}'\n"
    out, result = run(text, "python", family="cdktn")
    assert "from cdktn_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity" in out
    assert 'DataAwsCallerIdentity(self, "current")' in out and "cdktf_cdktf_provider_aws" not in out


def test_an_index_without_optionality_only_reports(monkeypatch):
    from iacfix.knowledge.provider import ProviderIndex
    monkeypatch.setattr(ProviderIndex, "required_props", lambda self, struct: None)
    text = PY_HEAD + "        x = '${data.aws_caller_identity.current.account_id}'\n"
    out, result = run(text, "python")
    assert out == text and [f.fix for f in result.findings] == [None]


# -- TypeScript -----------------------------------------------------------------------------------

TS_HEAD = ("import { Construct } from 'constructs';\nimport { Fn as F, TerraformStack } from 'cdktf';\n"
           "import { aws_placeholder } from './x';\n")


def test_ts_raw_and_fn_data_in_a_nested_construct_crlf():
    text = (TS_HEAD + "class C extends Construct {\n  constructor(scope: Construct, id: string) {\n"
            "    super(scope, id);\n    // comment\n"
            "    const a = `arn:aws:iam::${F.data('aws_caller_identity.current.account_id')}:root`;\n"
            "    const b = \"${data.aws_partition.current.partition}\";\n  }\n}\n").replace("\n", "\r\n")
    out, _ = run(text, "typescript")
    assert ("import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';\r\n"
            "import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';\r\n") in out
    assert "    super(scope, id);\r\n    const current = new DataAwsCallerIdentity(this, 'current');\r\n    // comment\r\n" in out
    # each before its own first use
    assert "    const partitionCurrent = new DataAwsPartition(this, 'partition-current');\r\n    const b = " in out
    assert "const a = `arn:aws:iam::${current.accountId}:root`;" in out
    assert "const b = `${partitionCurrent.partition}`;" in out


def test_ts_namespace_provider_import_and_once_called_method():
    text = ("import * as cdktf from 'cdktf';\nimport * as aws from '@cdktf/provider-aws';\n"
            "class S extends cdktf.TerraformStack {\n  constructor(scope: any, id: string) {\n"
            "    super(scope, id);\n    this.roles();\n  }\n\n  private roles(): void {\n"
            "    new aws.iamRole.IamRole(this, 'r', { name: cdktf.Fn.data('aws_region.current.name') });\n  }\n}\n")
    out, _ = run(text, "typescript")
    assert "    const current = new aws.dataAwsRegion.DataAwsRegion(this, 'current');\n" \
           "    new aws.iamRole.IamRole(this, 'r', { name: current.name });\n" in out


@pytest.mark.parametrize("body", [
    # a getter, a static method, a method called twice, a plain function
    "  get account() { return '${data.aws_caller_identity.current.account_id}'; }\n",
    "  static account() { return '${data.aws_caller_identity.current.account_id}'; }\n",
    "  constructor() { super(); this.a(); this.a(); }\n  a() { return '${data.aws_caller_identity.current.account_id}'; }\n",
])
def test_ts_refused_places(body):
    text = TS_HEAD + "class C extends Construct {\n" + body + "}\n"
    out, result = run(text, "typescript")
    assert out == text and [f.fix for f in result.findings] == [None]


def test_ts_fn_data_of_another_fn_left_alone():
    text = "const Fn = { data: (x: string) => x };\nconst a = Fn.data('aws_region.current.name');\n"
    out, result = run(text, "typescript")
    assert out == text and not result.findings


# -- IAC113 leaves Fn.data to IAC119 --------------------------------------------------------------

def test_member_name_leaves_fn_data():
    text = "from cdktf import Fn\nx = Fn.data('aws_region.current.name')\ny = Fn.jsonDecode(x)\n"
    out, result = run(text, "python", rules=(CdktfMemberName(),))
    assert "Fn.data('aws_region.current.name')" in out and "Fn.jsondecode(x)" in out
    assert all("data" not in f.message for f in result.findings)
    ts = "import { Fn } from 'cdktf';\nconst x = Fn.data('aws_region.current.name');\n"
    out, result = run(ts, "typescript", rules=(CdktfMemberName(),))
    assert out == ts and not result.findings
