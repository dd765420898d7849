"""IAC302 hardcoded-db-password / IAC303 secret-lookup-not-created: helpers and edge cases."""
import pytest

from iacfix.codemods import _secrets
from iacfix.codemods.secret_lookup_not_created import WILDCARD, pattern_matches
from iacfix.config import Config, Target, check_rule_options
from iacfix.engine import Context, process
from iacfix.languages import typescript
from iacfix.languages.base import Source
from iacfix.rules import lookup


def run(path, text, rule="IAC302", strategy=None, provider=None, unsafe=True):
    options = {"hardcoded-db-password": {"strategy": strategy}} if strategy else {}
    ctx = Context(Target(provider=provider), Config(rules=check_rule_options(options)))
    return process(path, text.encode(), [lookup(rule)], ctx, fix=True, unsafe=unsafe)


def fixed(path, text, **kw):
    result = run(path, text, **kw)
    assert result.error is None and result.internal_error is None
    return (result.fixed or text.encode()).decode()


# -- names -------------------------------------------------------------------------------------

def test_name_helpers():
    assert _secrets.words("dbInstance-main_2") == ["db", "instance", "main", "2"]
    assert _secrets.snake("auroraCluster") == "aurora_cluster"
    assert _secrets.camel("aurora-cluster") == "auroraCluster"
    assert _secrets.kebab("Aurora_Cluster") == "aurora-cluster"
    assert _secrets.snake("1db") == "db_1db"
    assert _secrets.id_join("db_secret", "value") == "db_secret_value"
    assert _secrets.id_join("db-secret", "value") == "db-secret-value"
    assert _secrets.id_join("postgres", "secret", "version") == "postgres-secret-version"
    taken = {"x", "x2"}
    assert _secrets.unique("x", taken) == "x3" and "x3" in taken
    assert _secrets.unique("y", taken) == "y"


def test_insertion_point_goes_above_leading_comments():
    text = "def f():\n    a = 1\n    # about b\n    # more\n    b = 2\n"
    start = text.index("b = 2")
    offset, indent = _secrets.insertion_point(text, start)
    assert text[offset:].startswith("    # about b") and indent == "    "
    assert _secrets.insertion_point("x = 1; b = 2\n", 7) is None


def test_pattern_matches():
    assert pattern_matches(f"app-{WILDCARD}-creds", f"app-{WILDCARD}-creds")
    assert pattern_matches("app-dev-creds", f"app-{WILDCARD}-creds")
    assert pattern_matches("batch-jobs/nightly", f"batch-jobs/{WILDCARD}")
    assert not pattern_matches(f"app-{WILDCARD}-creds", f"api-{WILDCARD}-creds")
    assert not pattern_matches("prod/api-key", "prod/db")


# -- TypeScript imports ------------------------------------------------------------------------

def _ts(text):
    return typescript.parse(Source("a.ts", text.encode(), text))


def _apply(text, edits):
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text


@pytest.mark.parametrize("source,expected_ref,expected_text", [
    ("import { A } from '@cdktf/provider-aws/lib/secretsmanager-secret';\n",
     "SecretsmanagerSecret",
     "import { A, SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';\n"),
    ("import {\n  A, // a comment\n} from '@cdktf/provider-aws/lib/secretsmanager-secret';\n",
     "SecretsmanagerSecret",
     "import {\n  A, // a comment\n  SecretsmanagerSecret,\n} from '@cdktf/provider-aws/lib/secretsmanager-secret';\n"),
    ("import * as aws from '@cdktf/provider-aws';\n", "aws.secretsmanagerSecret.SecretsmanagerSecret", None),
    ("import { rds, vpc } from '@cdktf/provider-aws';\n", "secretsmanagerSecret.SecretsmanagerSecret",
     "import { rds, vpc, secretsmanagerSecret } from '@cdktf/provider-aws';\n"),
    ("import { Vpc } from '@cdktf/provider-aws/lib/vpc';\nimport { App } from 'cdktf';\n", "SecretsmanagerSecret",
     "import { Vpc } from '@cdktf/provider-aws/lib/vpc';\n"
     "import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';\nimport { App } from 'cdktf';\n"),
])
def test_ts_reference(source, expected_ref, expected_text):
    doc = _ts(source)
    ref, edits = _secrets.ts_reference(doc, "@cdktf/provider-aws", "secretsmanager-secret", "secretsmanagerSecret",
                                       "SecretsmanagerSecret")
    assert ref == expected_ref
    assert _apply(source, edits) == (expected_text if expected_text is not None else source)


# -- IAC302 ------------------------------------------------------------------------------------

PY_HEAD = "from cdktf_cdktf_provider_aws.db_instance import DbInstance\n\n"


@pytest.mark.parametrize("value", [
    'pw',  # a function argument
    'f"{secret.result}x"',  # a token inside an f-string
    'Fn.jsondecode(v.secret_string)',
    '"ChangeMe" if x else y.result',
])
def test_python_values_left_alone(value):
    text = PY_HEAD + f"def f(self, pw, secret, v, x, y):\n    DbInstance(self, 'db', password={value})\n"
    result = run("lib/stack.py", text)
    assert not result.findings and not result.changed


def test_python_context_fstring_and_variable_are_hardcoded():
    text = PY_HEAD + ("def f(self, environment_suffix):\n"
                      "    secret = f'video-{environment_suffix}-password'\n"
                      "    DbInstance(self, 'db', password=secret)\n")
    out = fixed("lib/stack.py", text)
    assert "manage_master_user_password=True" in out and "video-" not in out  # the variable line went too


def test_python_keyword_removed_when_managed_flag_is_set():
    text = PY_HEAD + ("DbInstance(self, 'db',\n"
                      "           manage_master_user_password=True,\n"
                      "           password='x1234567',\n"
                      "           username='a')\n")
    assert fixed("lib/stack.py", text) == PY_HEAD + ("DbInstance(self, 'db',\n"
                                                     "           manage_master_user_password=True,\n"
                                                     "           username='a')\n")


def test_unsafe_fix_needs_unsafe():
    text = PY_HEAD + "DbInstance(self, 'db', password='x1234567')\n"
    result = run("lib/stack.py", text, unsafe=False)
    assert not result.changed and result.findings and result.findings[0].fix.applicability == "unsafe"


def test_typescript_old_provider_is_reported_only():
    text = ("import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';\n"
            "new DbInstance(this, 'db', { password: 'x1234567' });\n")
    result = run("lib/stack.ts", text, provider="11.0.0")
    assert not result.changed and result.findings and result.findings[0].fix is None


def test_typescript_generate_twice_adds_one_random_provider_and_one_import_each():
    text = ("import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';\n\n"
            "new DbInstance(this, 'a', { password: 'x1234567' });\n"
            "new DbInstance(this, 'b', { password: \"y1234567\" });\n")
    out = fixed("lib/stack.ts", text, strategy="generate")
    assert out.count("new RandomProvider(") == 1
    assert out.count("import { Password }") == 1 and out.count("import { SecretsmanagerSecret }") == 1
    assert "password: aPassword.result" in out and "password: bPassword.result" in out
    assert fixed("lib/stack.ts", out, strategy="generate") == out


CFN = """\
Parameters:
  Pw:
    Type: String
    NoEcho: true
    Default: abcdefgh1
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      MasterUsername: admin
      MasterUserPassword: !Ref Pw
  Other:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !Ref Pw
"""


def test_cloudformation_parameter_kept_while_something_else_uses_it():
    out = fixed("t.yaml", CFN)
    assert "ManageMasterUserPassword: true" in out and "  Pw:\n" in out


def test_cloudformation_parameter_without_default_is_an_input():
    text = CFN.replace("    Default: abcdefgh1\n", "")
    result = run("t.yaml", text)
    assert not result.findings and not result.changed


def test_cloudformation_flow_style_literal():
    text = ("AWSTemplateFormatVersion: 2010-09-09\nResources:\n  Db: {Type: 'AWS::RDS::DBCluster', Properties: {Engine: aurora-mysql, "
            "MasterUsername: admin, MasterUserPassword: hunter2hunter2}}\n")
    out = fixed("t.yaml", text)
    assert "ManageMasterUserPassword: true}}" in out and "hunter2" not in out


# -- IAC303 ------------------------------------------------------------------------------------

def test_lookup_by_arn_or_variable_is_not_reported():
    text = ("from cdktf_cdktf_provider_aws.data_aws_secretsmanager_secret import DataAwsSecretsmanagerSecret\n"
            "DataAwsSecretsmanagerSecret(self, 'a', arn='arn:aws:secretsmanager:us-east-1:1:secret:x')\n"
            "DataAwsSecretsmanagerSecret(self, 'b', name=secret_name)\n")
    result = run("lib/stack.py", text, rule="IAC303")
    assert not result.findings


def test_lookup_created_in_same_file_is_not_reported():
    text = ("import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';\n"
            "import { DataAwsSecretsmanagerSecret } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret';\n"
            "new SecretsmanagerSecret(this, 's', { name: `db-${env}` });\n"
            "new DataAwsSecretsmanagerSecret(this, 'l', { name: `db-${stage}` });\n")
    assert not run("lib/stack.ts", text, rule="IAC303").findings


def test_lookup_used_as_a_type_is_reported_only():
    text = ("import { DataAwsSecretsmanagerSecret } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret';\n"
            "let s: DataAwsSecretsmanagerSecret;\n"
            "s = new DataAwsSecretsmanagerSecret(this, 'l', { name: 'prod/db' });\n")
    result = run("lib/stack.ts", text, rule="IAC303")
    assert not result.changed and result.findings and result.findings[0].fix is None


def test_cloudformation_ssm_parameter_default_is_a_name_not_a_password():
    text = CFN.replace("    Type: String\n    NoEcho: true\n    Default: abcdefgh1\n",
                       "    Type: AWS::SSM::Parameter::Value<String>\n    Default: /app/db/password\n")
    assert not run("t.yaml", text).findings


@pytest.mark.parametrize("path,text", [
    ("lib/x.py", 'from cdktf_cdktf_provider_aws.db_instance import DbInstance\r\n\r\n'
                 'def f(self):\r\n    pw = "abcdefgh12"\r\n\r\n    # db\r\n    DbInstance(self, "db", password=pw)\r\n'),
    ("lib/x.ts", "import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';\r\n\r\n"
                 "export function f(scope) {\r\n  new DbInstance(scope, 'db', {\r\n    password: 'abcdefgh12',\r\n  });\r\n}\r\n"),
])
@pytest.mark.parametrize("strategy", ["managed", "generate", "seed"])
def test_crlf_files_keep_crlf(path, text, strategy):
    out = fixed(path, text, strategy=strategy)
    assert out != text and "\n" not in out.replace("\r\n", "")
    assert fixed(path, out, strategy=strategy) == out
