"""Issue 5 diagnostics (IAC501–IAC510): helpers, test-file detection and the project-level rules
run on small projects on disk (rule examples cover the single-file behaviour)."""
import ast
import json

import pytest

from conftest import write_tree
from iacfix import api
from iacfix.codemods import _checks
from iacfix.codemods.lambda_package_build import _py_path
from iacfix.codemods.test_infrastructure import _py_join
from iacfix.languages import python as py_lang
from iacfix.languages import typescript as ts_lang


def findings(root, rule):
    report = api.run([root], select=[rule])
    assert not report.errors, report.errors
    return sorted((f.path.split(str(root))[-1].lstrip("/"), f.line, f.message) for f in report.findings)


# -- helpers -------------------------------------------------------------------------------------
@pytest.mark.parametrize("path,expected", [
    ("test/tap-stack.unit.test.ts", True), ("lib/x.spec.ts", True), ("tests/unit/test_stack.py", True),
    ("tests/conftest.py", True), ("lib/stack_test.py", True), ("lib/tap-stack.ts", False),
    ("lib/testing.py", False), ("lib/contest/x.ts", False), ("test/fixtures/data.json", False),
])
def test_is_test_path(path, expected):
    assert _checks.is_test_path(path) is expected


def test_front_ends_take_test_files_without_a_cdktf_import():
    assert py_lang.detect("tests/integration/test_stack.py", "import boto3\n\ndef test_vpc():\n    assert 1\n")
    assert not py_lang.detect("lib/util.py", "def test_helper():\n    pass\n")
    assert ts_lang.detect("test/tap-stack.int.test.ts", "test('x', () => { expect(false).toBe(true); });")
    assert not ts_lang.detect("lib/util.ts", "expect(1)")
    assert not ts_lang.detect("test/helpers.ts", "export const x = 1;")


@pytest.mark.parametrize("code,expected", [
    ('"lambda"', ("root", "lambda")),
    ('os.path.join(os.path.dirname(__file__), "lambda", "fn")', ("file", "lambda/fn")),
    ('os.path.join(os.path.dirname(os.path.abspath(__file__)), "../lambda/payment")', ("file", "../lambda/payment")),
    ('str(Path(__file__).parent / "lambda")', ("file", "lambda")),
    ('os.path.join(self.project_root, "lambda")', None),
    ('f"{root}/lambda"', None),
])
def test_python_asset_paths(code, expected):
    assert _py_path(ast.parse(code, mode="eval").body) == expected


def test_python_fixture_paths():
    node = ast.parse('os.path.join(os.path.dirname(__file__), "..", "lib", "TapStack.json")', mode="eval").body
    assert _py_join(node) == ("file", "../lib/TapStack.json")


# -- project-level rules -------------------------------------------------------------------------
CDKTF_JSON = json.dumps({"language": "typescript", "app": "npx ts-node bin/tap.ts"})
TS_STACK = """\
import { TerraformStack, TerraformAsset, AssetType } from 'cdktf';
import * as path from 'path';

export class TapStack extends TerraformStack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new TerraformAsset(this, 'fn', { path: path.resolve(__dirname, 'lambda/fn'), type: AssetType.ARCHIVE });
  }
}
"""


def test_lambda_package_build_on_disk(tmp_path):
    root = write_tree(tmp_path, {
        "cdktf.json": CDKTF_JSON, "package.json": "{}", "lib/tap-stack.ts": TS_STACK,
        "lib/lambda/fn/index.ts": "import { S3Client } from '@aws-sdk/client-s3';\nexport const handler = 1;\n",
    })
    [(path, _, message)] = findings(root, "IAC503")
    assert path == "lib/tap-stack.ts" and "only TypeScript sources" in message
    # compiled output next to it, dependencies the runtime provides: nothing to say
    (root / "lib/lambda/fn/index.js").write_text("const { S3Client } = require('@aws-sdk/client-s3');\n")
    assert findings(root, "IAC503") == []
    # a dependency the runtime does not provide, no node_modules, no build
    (root / "lib/lambda/fn/package.json").write_text(json.dumps({"dependencies": {"uuid": "^9.0.0"}}))
    [(_, _, message)] = findings(root, "IAC503")
    assert "uuid" in message and "node_modules" in message
    # the project's scripts install it
    (root / "package.json").write_text(json.dumps({"scripts": {"prebuild": "cd lib/lambda/fn && npm ci"}}))
    assert findings(root, "IAC503") == []


def test_lambda_imports_without_package_json(tmp_path):
    root = write_tree(tmp_path, {
        "cdktf.json": CDKTF_JSON, "lib/tap-stack.ts": TS_STACK,
        "lib/lambda/fn/index.js": "const axios = require('axios');\nconst fs = require('fs');\n"
                                  "const { DynamoDB } = require('@aws-sdk/client-dynamodb');\n",
    })
    [(_, _, message)] = findings(root, "IAC503")
    assert "axios" in message and "fs" not in message.split("imports")[1].split(",")[0]
    assert "client-dynamodb" not in message


def test_test_infrastructure_fixture_and_runner(tmp_path):
    test = """\
import * as fs from 'fs';
import * as path from 'path';

const template = JSON.parse(fs.readFileSync(path.join(__dirname, '../lib/TapStack.json'), 'utf8'));
const outputs = JSON.parse(fs.readFileSync(path.join(__dirname, '../cfn-outputs/flat-outputs.json'), 'utf8'));

describe('TapStack', () => {
  test('bucket', () => { expect(template.Resources.Bucket).toBeDefined(); });
});
"""
    root = write_tree(tmp_path, {
        "package.json": json.dumps({"devDependencies": {"typescript": "^5"}}),
        "lib/TapStack.yml": "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n",
        "test/tap-stack.unit.test.ts": test,
    })
    found = findings(root, "IAC502")
    assert len(found) == 2
    assert any("lib/TapStack.json" in m and "cfn-flip TapStack.yml TapStack.json" in m for _, _, m in found)
    assert any("no test runner" in m for _, _, m in found)
    assert not any("flat-outputs" in m for _, _, m in found)
    (root / "package.json").write_text(json.dumps({
        "scripts": {"pretest": "cfn-flip lib/TapStack.yml lib/TapStack.json"},
        "devDependencies": {"jest": "^29", "ts-jest": "^29"}}))
    assert findings(root, "IAC502") == []


def test_pytest_not_declared(tmp_path):
    root = write_tree(tmp_path, {
        "requirements.txt": "cdktf>=0.21\n",
        "tests/unit/test_stack.py": "import pytest\n\n\ndef test_x():\n    assert 1 + 1 == 2\n",
    })
    [(_, line, message)] = findings(root, "IAC502")
    assert line == 1 and "pytest" in message
    (root / "requirements.txt").write_text("cdktf>=0.21\npytest\n")
    assert findings(root, "IAC502") == []


PY_STACK = """\
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class TapStack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        S3Bucket(self, "bucket")
"""


def test_outputs_anywhere_in_the_project_count(tmp_path):
    root = write_tree(tmp_path, {"cdktf.json": "{}", "lib/tap_stack.py": PY_STACK})
    assert [m[1] for m in findings(root, "IAC506")] == [5]
    write_tree(root, {"lib/outputs.py": "from cdktf import TerraformOutput\n\n"
                                        "def outputs(scope, b):\n    TerraformOutput(scope, 'b', value=b)\n"})
    assert findings(root, "IAC506") == []


def test_project_tests_docs_reported_once(tmp_path):
    root = write_tree(tmp_path, {"cdktf.json": "{}", "lib/tap_stack.py": PY_STACK,
                                 "lib/other_stack.py": PY_STACK.replace("TapStack", "OtherStack")})
    found = findings(root, "IAC507")
    assert {p for p, _, _ in found} == {"lib/other_stack.py"}  # the first stack file, in path order
    assert len(found) == 2
    write_tree(root, {"README.md": "# x\n", "tests/unit/test_stack.py": "def test_x():\n    assert 1\n"})
    assert findings(root, "IAC507") == []


def test_cors_preflight_in_another_file(tmp_path):
    stack = """\
from cdktf_cdktf_provider_aws.api_gateway_method import ApiGatewayMethod

ApiGatewayMethod(self, "post", rest_api_id=api.id, resource_id=r.id, http_method="POST", authorization="NONE")
"""
    root = write_tree(tmp_path, {"cdktf.json": "{}", "lib/api.py": stack,
                                 "lib/lambda/index.js": "headers: {'Access-Control-Allow-Origin': '*'}\n"})
    assert len(findings(root, "IAC505")) == 1
    write_tree(root, {"lib/cors.py": stack.replace('"POST"', '"OPTIONS"').replace('"post"', '"options"')})
    assert findings(root, "IAC505") == []
    # without any CORS header in the project, the API is not taken to be for browsers
    (root / "lib/cors.py").unlink()
    (root / "lib/lambda/index.js").write_text("exports.handler = async () => ({ statusCode: 200 });\n")
    assert findings(root, "IAC505") == []


def test_instance_profile_in_another_file(tmp_path):
    role = """\
from cdktf_cdktf_provider_aws.iam_role import IamRole

ec2_role = IamRole(self, "ec2_role", assume_role_policy='{"Service": "ec2.amazonaws.com"}')
"""
    root = write_tree(tmp_path, {"cdktf.json": "{}", "lib/iam.py": role})
    assert len(findings(root, "IAC510")) == 1
    write_tree(root, {"lib/compute.py": "from cdktf_cdktf_provider_aws.iam_instance_profile import IamInstanceProfile\n"
                                        "IamInstanceProfile(self, 'p', role=role_name)\n"})
    assert findings(root, "IAC510") == []


def test_eks_node_role_is_in_use():
    from iacfix.config import Config, Target
    from iacfix.engine import Context, process
    from iacfix.rules import lookup
    text = """\
Resources:
  NodeRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
  Nodes:
    Type: AWS::EKS::Nodegroup
    Properties:
      NodeRole: !GetAtt NodeRole.Arn
"""
    result = process("template.yaml", text.encode(), [lookup("IAC510")], Context(Target(), Config()))
    assert result.findings == []


def test_loose_files_and_stacks_without_addressable_resources_are_not_judged(tmp_path):
    write_tree(tmp_path, {"lib/tap_stack.py": PY_STACK})  # no manifest: not a project someone set up
    assert findings(tmp_path, "IAC507") == []
    write_tree(tmp_path, {"cdktf.json": "{}", "lib/tap_stack.py": PY_STACK.replace(
        "from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket", "from cdktf_cdktf_provider_aws.s3_bucket_versioning "
        "import S3BucketVersioningA").replace('S3Bucket(self, "bucket")', 'S3BucketVersioningA(self, "v", bucket="b")')})
    assert findings(tmp_path, "IAC506") == []  # nothing in it that other code connects to
