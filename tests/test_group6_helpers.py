"""Helpers behind IAC109 lambda-asset-path, IAC320 cognito-mfa, IAC404 test-imports-missing-class and
IAC405 dependency-floors (and the manifest front end)."""

import pytest

from iacfix.codemods._siblings import insert_after
from iacfix.codemods.dependency_floors import below, raise_npm_spec, raise_pip_spec
from iacfix.codemods.lambda_asset_path import relative_asset, ups_to_root
from iacfix.codemods.test_imports_missing_class import is_test_path, py_module_names, ts_module_names
from iacfix.config import Config
from iacfix.engine import Context, process
from iacfix.fixes import apply_fixes
from iacfix.languages import detect, manifest
from iacfix.languages.base import Source
from iacfix.rules import lookup


def _apply(text: str, edits) -> str:
    from iacfix.fixes import Finding, Fix, Applicability
    finding = Finding("X", "f", 1, 1, 1, 1, "m", Fix(edits, Applicability.SAFE), "x")
    return apply_fixes(text.encode(), [finding]).data.decode()


@pytest.mark.parametrize("text,item,expected", [
    # own line, trailing comma, comment kept on the original line
    ("f(\n    a=1,  # c\n)\n", "a=1", "f(\n    a=1,  # c\n    b=2,\n)\n"),
    # own line, last item without a comma: it gets one, the new item none
    ("f(\n    a=1\n)\n", "a=1", "f(\n    a=1,\n    b=2\n)\n"),
    # same line
    ("f(x, a=1)\n", "a=1", "f(x, a=1, b=2)\n"),
    # CRLF
    ("f(\r\n    a=1,\r\n)\r\n", "a=1", "f(\r\n    a=1,\r\n    b=2,\r\n)\r\n"),
])
def test_insert_after_python(text, item, expected):
    source = Source("x.py", text.encode(), text)
    start = text.index(item)
    assert _apply(text, insert_after(source, "python", start, start + len(item), "b=2")) == expected


def test_insert_after_typescript_comment():
    text = "f({\n  a: 1, // keep\n});\n"
    source = Source("x.ts", text.encode(), text)
    start = text.index("a: 1")
    assert _apply(text, insert_after(source, "typescript", start, start + 4, "b: 2")) == \
        "f({\n  a: 1, // keep\n  b: 2,\n});\n"


@pytest.mark.parametrize("value,expected", [
    ("lambda/enrollment.zip", True), ("./lambda.zip", True), ("lambda.zip", True),
    ("/abs/lambda.zip", False), ("../../../lambda.zip", False), ("${path.module}/x.zip", False),
    ("s3://bucket/x.zip", False), ("C:\\x.zip", False), ("", False), ("~/x.zip", False),
])
def test_relative_asset(value, expected):
    assert relative_asset(value) is expected


def test_ups_to_root(tmp_path):
    (tmp_path / "lib" / "stacks").mkdir(parents=True)
    assert ups_to_root(str(tmp_path / "lib" / "a.py"), tmp_path) is None  # no manifest: root unknown
    (tmp_path / "cdktf.json").write_text("{}")
    assert ups_to_root(str(tmp_path / "lib" / "stacks" / "a.py"), tmp_path) == 2
    assert ups_to_root(str(tmp_path / "main.ts"), tmp_path) == 0
    assert ups_to_root("/elsewhere/a.py", tmp_path) is None
    assert ups_to_root("lib/a.py", None) == 1
    assert ups_to_root("/abs/lib/a.py", None) is None


@pytest.mark.parametrize("spec,floor,expected", [
    (">=0.15.0", "0.20.0", (">=0.20.0", True)),
    (">0.15", "0.20.0", (">=0.20.0", True)),
    (">= 0.15.0", "0.20.0", (">= 0.20.0", True)),
    ("==18.0.5", "19.0.0", ("==19.0.0", False)),
    ("~=0.15", "0.20.0", ("~=0.20.0", False)),
    (">=0.15,<1.0", "0.20.0", (">=0.20.0,<1.0", True)),
    (">=0.15,<0.20", "0.20.0", None),  # the upper bound excludes the floor
    (">=0.21.0", "0.20.0", None),
    (">=0.20", "0.20.0", None),  # 0.20 == 0.20.0
    ("", "0.20.0", None),
    ("!=0.15", "0.20.0", None),
])
def test_raise_pip_spec(spec, floor, expected):
    assert raise_pip_spec(spec, floor) == expected


@pytest.mark.parametrize("spec,floor,expected", [
    ("^0.15.0", "0.20.0", ("^0.20.0", False)),
    ("~10.0.0", "19.0.0", ("~19.0.0", False)),
    ("^10.0.0", "10.3.0", ("^10.3.0", True)),  # same major: the newest allowed stays the same
    ("^10.0.0", "19.0.0", ("^19.0.0", False)),
    ("0.15.0", "0.20.0", ("0.20.0", False)),
    (">=0.15.0", "0.20.0", (">=0.20.0", True)),
    ("^21.22.1", "19.0.0", None),
    ("*", "19.0.0", None),
    ("latest", "19.0.0", None),
    ("1.x", "19.0.0", None),
])
def test_raise_npm_spec(spec, floor, expected):
    assert raise_npm_spec(spec, floor) == expected


def test_below():
    assert below("0.15", "0.20.0") and not below("0.20", "0.20.0") and below("9.9.9", "10")


@pytest.mark.parametrize("path,text,expected", [
    ("requirements.txt", "cdktf>=0.15\n", True),
    ("requirements-dev.txt", "constructs\n", True),
    ("requirements.txt", "flask\n", False),  # not a CDKTF project's manifest
    ("proj/package.json", '{"dependencies": {"cdktf": "^0.21.0"}}', True),
    ("proj/package.json", '{"dependencies": {"react": "^18"}}', False),
    ("package-lock.json", '{"cdktf": 1}', False),
    ("Pipfile", '[packages]\ncdktf = "*"\n', True),
    ("cdktf.json", "{}", True),
    ("notes.txt", "cdktf", False),
])
def test_manifest_detection(path, text, expected):
    assert manifest.detect(path, text) is expected
    if expected:
        assert detect(path, text) is manifest


def test_manifest_verify():
    assert manifest.verify('{"a": 1', "package.json")
    assert manifest.verify("[packages\n", "Pipfile")
    assert not manifest.verify("cdktf>=0.20\n", "requirements.txt")


def test_requirements_crlf_and_markers_idempotent():
    rule = lookup("IAC405")
    text = "cdktf>=0.15.0 ; python_version >= '3.8'  # core\r\nconstructs>=10.0.0\r\n"
    ctx = Context(config=Config())
    result = process("requirements.txt", text.encode(), [rule], ctx, fix=True)
    assert result.fixed.decode() == "cdktf>=0.20.0 ; python_version >= '3.8'  # core\r\nconstructs>=10.3.0\r\n"
    again = process("requirements.txt", result.fixed, [rule], ctx, fix=True)
    assert not again.changed and not again.findings


def test_requirements_without_final_newline_gets_constructs():
    rule = lookup("IAC405")
    result = process("requirements.txt", b"cdktf>=0.20.0", [rule], Context(config=Config()), fix=True)
    assert result.fixed.decode() == "cdktf>=0.20.0\nconstructs>=10.3.0"


@pytest.mark.parametrize("path,expected", [
    ("tests/unit/test_tap_stack.py", True), ("lib/test_payments.py", True), ("lib/tap_stack.py", False),
    ("proj/test/tap-stack.unit.test.ts", True), ("proj/lib/tap-stack.ts", False), ("a/b.spec.ts", True),
])
def test_is_test_path(path, expected):
    assert is_test_path(path, "typescript" if path.endswith(".ts") else "python") is expected


def test_py_module_names():
    names, stacks = py_module_names(
        "import cdktf\nfrom cdktf import TerraformStack as TS\nX = 1\n"
        "class A(cdktf.TerraformStack):\n    pass\nclass B(TerraformStack):\n    pass\n"
        "try:\n    from y import Z\nexcept ImportError:\n    Z = None\n")
    assert {"cdktf", "TS", "X", "A", "B", "Z"} <= names and stacks == ["A", "B"]
    assert py_module_names("from m import *\n") is None
    assert py_module_names("def __getattr__(name):\n    pass\n") is None


def test_ts_module_names():
    names, stacks = ts_module_names(
        "export class EduStack extends TerraformStack {}\nexport interface Props {}\n"
        "class Inner extends cdktf.TerraformStack {}\nexport { Inner as Other, helper };\n"
        "export const X = 1;\nexport default class Main extends cdktf.TerraformStack {}\n")
    assert {"EduStack", "Props", "Other", "helper", "X", "Main"} <= names
    assert stacks == ["EduStack", "Main"]
    assert ts_module_names("export * from './x';\n") is None


def test_test_import_rule_without_project_is_silent(tmp_path):
    """No manifest above the test: nothing to resolve, no finding."""
    rule = lookup("IAC404")
    test = tmp_path / "tests" / "test_a.py"
    text = "from cdktf import App\nfrom lib.tap_stack import TapStack\n"
    result = process(str(test), text.encode(), [rule], Context(config=Config()), fix=True)
    assert not result.findings and not result.changed


def test_lambda_asset_path_reports_without_fix_when_os_is_rebound():
    rule = lookup("IAC109")
    text = ("import cdktf\nfrom cdktf_cdktf_provider_aws.lambda_function import LambdaFunction\nos = None\n"
            "LambdaFunction(self, 'f', filename='f.zip', function_name='f', role='r')\n")
    result = process("lib/stack.py", text.encode(), [rule], Context(config=Config()), fix=True)
    assert not result.changed and result.findings and result.findings[0].fix is None


def test_cognito_cfn_off_mode_quotes_off():
    rule = lookup("IAC320")
    from iacfix.config import check_rule_options
    text = "Resources:\n  P:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      MfaConfiguration: ON\n"
    ctx = Context(config=Config(rules=check_rule_options({"cognito-mfa": {"mode": "off"}})))
    result = process("t.yaml", text.encode(), [rule], ctx, fix=True, unsafe=True)
    assert result.fixed.decode().endswith("MfaConfiguration: 'OFF'\n")  # bare OFF is a YAML 1.1 boolean
    safe_only = process("t.yaml", text.encode(), [rule], ctx, fix=True)
    assert not safe_only.changed
