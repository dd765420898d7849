import ast

import pytest

from iacfix import languages
from iacfix.fixes import Finding, Fix, apply_fixes
from iacfix.languages import cloudformation, python, typescript, workflow
from iacfix.languages.base import ParseError, Source

CFN_YAML = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
Resources:
  Bucket:  # the data bucket
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub 'data-${Env}'
      Tags:
        - Key: Name
          Value: !Join ['-', [!Ref Env, data]]
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument: !GetAtt Bucket.Arn
Outputs:
  Arn:
    Value: !If [IsProd, !GetAtt Bucket.Arn, !Ref 'AWS::NoValue']
"""


@pytest.mark.parametrize("path,text,expected", [
    ("lib/stack.py", "from cdktf import App\n", "python"),
    ("lib/stack.py", "import cdktf_cdktf_provider_aws.s3_bucket as s3\n", "python"),
    ("lib/stack.py", "from cdktn_provider_aws.s3_bucket import S3Bucket\n", "python"),
    ("lib/util.py", "import json\n# mentions cdktf in a comment only\n", None),
    ("lib/stack.ts", "import { App } from 'cdktf';\n", "typescript"),
    ("lib/stack.ts", "import { S3Bucket } from \"@cdktn/provider-aws/lib/s3-bucket\";\n", "typescript"),
    ("lib/types.d.ts", "import { App } from 'cdktf';\n", None),
    ("lib/app.ts", "import express from 'express';\n", None),
    ("template.yml", CFN_YAML, "cloudformation"),
    ("lib/TapStack.yml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", "cloudformation"),
    ("lib/TapStack.json", '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}', "cloudformation"),
    ("docker-compose.yml", "services:\n  web:\n    image: x\n", None),
    (".github/workflows/ci.yml", "on: push\n", "workflow"),
    ("lib/ci-cd.yml", "name: CI\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx cdk synth\n", "workflow"),
])
def test_detection_by_content(path, text, expected):
    front_end = languages.detect(path, text)
    assert (front_end.NAME if front_end else None) == expected


def test_cloudformation_short_forms_parse_and_locate():
    doc = cloudformation.parse(Source("t.yaml", CFN_YAML.encode(), CFN_YAML))
    assert set(doc.resources) == {"Bucket", "Policy"}
    at = doc.key_offset(("Resources", "Policy", "Properties", "Bucket"))
    assert CFN_YAML[at:].startswith("Bucket: !Ref Bucket")
    at = doc.value_offset(("Resources", "Bucket", "Properties", "BucketName"))
    assert CFN_YAML[at:].startswith("!Sub 'data-${Env}'")
    at = doc.key_offset(("Resources", "Bucket", "Properties", "Tags", 0))
    assert CFN_YAML[at:].startswith("Key: Name")


def test_cloudformation_json_and_errors():
    text = '{\n  "Resources": {\n    "Q": {"Type": "AWS::SQS::Queue"}\n  }\n}\n'
    doc = cloudformation.parse(Source("t.json", text.encode(), text))
    assert text[doc.key_offset(("Resources", "Q")):].startswith('"Q"')
    with pytest.raises(ParseError) as err:
        cloudformation.parse(Source("t.yaml", b"", "Resources:\n  A: [unclosed\n"))
    assert err.value.line is not None
    assert cloudformation.verify("Resources:\n  A: [unclosed\n")
    assert cloudformation.verify(CFN_YAML) == []


def test_workflow_parses():
    text = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx cdktf synth\n"
    doc = workflow.parse(Source(".github/workflows/ci.yml", text.encode(), text))
    assert doc.get(("jobs", "b", "steps", 0, "run")) == "npx cdktf synth"


def test_typescript_verify_catches_missing_tokens():
    assert typescript.verify("class A { foo() { return 1; }")
    assert typescript.verify("const a = [1, 2\n")
    assert typescript.verify("const a = 1\nconst b = 2\n") == []  # ASI is fine
    with pytest.raises(ParseError):
        typescript.parse(Source("a.ts", b"", "import { A } from 'cdktf';\nnew A(;\n"))


def test_python_import_resolution_every_form():
    text = """\
import cdktf_cdktf_provider_aws.s3_bucket as s3
import cdktf_cdktf_provider_aws.vpc
from cdktf_cdktf_provider_aws import subnet
from cdktf_cdktf_provider_aws.iam_role import IamRole as Role
from cdktf_cdktf_provider_aws.instance import *
a = s3.S3Bucket
b = cdktf_cdktf_provider_aws.vpc.Vpc
c = subnet.Subnet
d = Role
e = Instance
"""
    doc = python.parse(Source("a.py", text.encode(), text))
    values = {stmt.targets[0].id: stmt.value for stmt in doc.tree.body if isinstance(stmt, ast.Assign)}
    resolve = doc.imports.resolve
    assert resolve(values["a"]) == "cdktf_cdktf_provider_aws.s3_bucket.S3Bucket"
    assert resolve(values["b"]) == "cdktf_cdktf_provider_aws.vpc.Vpc"
    assert resolve(values["c"]) == "cdktf_cdktf_provider_aws.subnet.Subnet"
    assert resolve(values["d"]) == "cdktf_cdktf_provider_aws.iam_role.IamRole"
    assert resolve(values["e"]) is None
    assert doc.imports.star_candidates("Instance") == ["cdktf_cdktf_provider_aws.instance"]
    assert doc.imports.star_candidates("a") == []  # defined locally


@pytest.mark.parametrize("before,module,name,expected_ref,after", [
    # appended to a single-line from-import
    ("from m.x import A\n", "m.x", "B", "B", "from m.x import A, B\n"),
    # a new line in a parenthesised multi-line import, comments kept
    ("from m.x import (\n    A,  # note\n)\n", "m.x", "B", "B", "from m.x import (\n    A,  # note\n    B,\n)\n"),
    ("from m.x import (\n    A\n)\n", "m.x", "B", "B", "from m.x import (\n    A,\n    B,\n)\n"),
    # module imports are used as they are
    ("import m.x as mx\n", "m.x", "B", "mx.B", "import m.x as mx\n"),
    ("from m import x\n", "m.x", "B", "x.B", "from m import x\n"),
    ("from m.x import A as B\n", "m.x", "A", "B", "from m.x import A as B\n"),
    # a new import after the last import of the same package
    ("import os\nfrom m.y import C\nimport sys\n", "m.x", "B", "B", "import os\nfrom m.y import C\nfrom m.x import B\nimport sys\n"),
])
def test_python_reference_adds_imports_minimally(before, module, name, expected_ref, after):
    text = "from cdktf import App\n" + before
    doc = python.parse(Source("a.py", text.encode(), text))
    ref, edits = doc.reference(module, name)
    assert ref == expected_ref
    fixed = apply_fixes(text.encode(), [Finding("T", "a.py", 1, 1, 1, 1, "m", Fix(edits))]).data
    assert fixed.decode() == "from cdktf import App\n" + after


@pytest.mark.parametrize("before,module,name,expected_ref,after", [
    # an existing import, aliased or not, and a namespace import are used as they are
    ('import { Fn as F } from "cdktf";\n', "cdktf", "Fn", "F", 'import { Fn as F } from "cdktf";\n'),
    ("import * as cdktf from 'cdktf';\n", "cdktf", "Token", "cdktf.Token", "import * as cdktf from 'cdktf';\n"),
    # appended to a value import of the module (not to an `import type`)
    ("import { App } from 'cdktf';\n", "cdktf", "Fn", "Fn", "import { App, Fn } from 'cdktf';\n"),
    ("import type { App } from 'cdktf';\n", "cdktf", "Fn", "Fn",
     "import type { App } from 'cdktf';\nimport { Fn } from 'cdktf';\n"),
    # multi-line list: a line of its own, the comment stays where it was
    ("import {\n  App, // app\n} from 'cdktf';\n", "cdktf", "Fn", "Fn", "import {\n  App, // app\n  Fn,\n} from 'cdktf';\n"),
    # a new line after the last import of the same package, in the file's quotes
    ('import { Vpc } from "@cdktf/provider-aws/lib/vpc";\nimport * as fs from "fs";\n',
     "@cdktf/provider-aws/lib/subnet", "Subnet", "Subnet",
     'import { Vpc } from "@cdktf/provider-aws/lib/vpc";\nimport { Subnet } from "@cdktf/provider-aws/lib/subnet";\n'
     'import * as fs from "fs";\n'),
])
def test_typescript_reference_adds_imports_minimally(before, module, name, expected_ref, after):
    text = "import { Construct } from 'constructs';\n" + before
    doc = typescript.parse(Source("a.ts", text.encode(), text))
    ref, edits = doc.reference(module, name)
    assert ref == expected_ref
    fixed = apply_fixes(text.encode(), [Finding("T", "a.ts", 1, 1, 1, 1, "m", Fix(edits))]).data
    assert fixed.decode() == "import { Construct } from 'constructs';\n" + after


def test_python_fixes_land_on_the_right_bytes_in_non_ascii_files():
    from iacfix.config import Config
    from iacfix.engine import Context, process
    from iacfix.rules import all_rules
    text = (
        "# Überblick: Speicher für Protokolle — ✓\n"
        "from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning\n"
        "S3BucketVersioning(self, \"vé\", bucket=\"données\", versioning_configuration={\"status\": \"Enabled\"})  # ✓\n"
        "from cdktf_cdktf_provider_aws.cognito_user_pool_client import CognitoUserPoolClient\n"
        "CognitoUserPoolClient(self, \"ç\", name=\"é\", user_pool_id=\"p\", token_validity_units={\"access_token\": \"hours\"})\n"
    )
    result = process("lib/s.py", text.encode(), all_rules(), Context(config=Config()), fix=True)
    assert result.internal_error is None
    assert result.fixed.decode() == (
        "# Überblick: Speicher für Protokolle — ✓\n"
        "from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA\n"
        "S3BucketVersioningA(self, \"vé\", bucket=\"données\", versioning_configuration={\"status\": \"Enabled\"})  # ✓\n"
        "from cdktf_cdktf_provider_aws.cognito_user_pool_client import CognitoUserPoolClient, CognitoUserPoolClientTokenValidityUnits\n"
        "CognitoUserPoolClient(self, \"ç\", name=\"é\", user_pool_id=\"p\", token_validity_units=[CognitoUserPoolClientTokenValidityUnits(access_token=\"hours\")])\n"
    )
