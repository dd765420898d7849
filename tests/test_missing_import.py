"""IAC111 missing-import: scopes, import forms, refusals, CRLF, idempotence."""
from iacfix.config import Target
from iacfix.engine import Context, process
from iacfix.rules import lookup


def run(path, text, unsafe=False, family="cdktf"):
    ctx = Context(Target(family=family))
    return process(path, text.encode(), [lookup("IAC111")], ctx, fix=True, unsafe=unsafe)


def fixed(path, text, **kw):
    result = run(path, text, **kw)
    assert result.error is None and result.internal_error is None, (result.error, result.internal_error)
    return (result.fixed or text.encode()).decode()


def findings(path, text):
    ctx = Context(Target())
    return process(path, text.encode(), [lookup("IAC111")], ctx).findings


# -- Python ----------------------------------------------------------------------------------

def test_python_appends_to_multiline_import_with_comment():
    src = ("from cdktf import (\n    App,  # the app\n    TerraformStack\n)\n\n"
           "def out(s):\n    TerraformOutput(s, 'x', value=1)\n")
    assert fixed("main.py", src) == ("from cdktf import (\n    App,  # the app\n    TerraformStack,\n"
                                     "    TerraformOutput,\n)\n\ndef out(s):\n    TerraformOutput(s, 'x', value=1)\n")


def test_python_module_alias_is_used():
    src = "import cdktf as tf\n\nx = Token.as_string(1)\n"
    assert fixed("main.py", src) == "import cdktf as tf\n\nx = tf.Token.as_string(1)\n"


def test_python_provider_module_import_form():
    src = ("from cdktf import TerraformStack\nfrom cdktf_cdktf_provider_aws import s3_bucket\n\n"
           "b = S3Bucket(None, 'b')\n")
    assert fixed("main.py", src) == ("from cdktf import TerraformStack\nfrom cdktf_cdktf_provider_aws import s3_bucket\n\n"
                                     "b = s3_bucket.S3Bucket(None, 'b')\n")


def test_python_scopes_bound_anywhere_at_module_level_or_locally():
    # module-level binding after the use, a local variable used in its own scope, a class body name
    src = ("from cdktf import TerraformStack\n\n"
           "def f():\n    return Fn.lower('x')\n\n"
           "def g():\n    Token = 1\n    return Token\n\n"
           "class C:\n    Lazy = None\n    x = Lazy\n\n"
           "Fn = None\n")
    assert findings("main.py", src) == []


def test_python_name_bound_in_another_function_is_still_missing_here():
    src = "from cdktf import TerraformStack\n\ndef f(Fn):\n    return Fn\n\ndef g():\n    return Fn.lower('x')\n"
    out = fixed("main.py", src)
    assert out.startswith("from cdktf import TerraformStack, Fn\n")


def test_python_star_imports():
    # a star import of cdktf binds the name; one of a local module could
    assert findings("main.py", "from cdktf import *\n\nx = Fn.lower('a')\n") == []
    found = findings("main.py", "from cdktf import App\nfrom imports.aws import *\n\nx = Fn.lower('a')\n")
    assert len(found) == 1 and found[0].fix is None and "star import" in found[0].message
    # a star import from a provider submodule that does not export the name does not block the fix
    src = "from cdktf import App\nfrom cdktf_cdktf_provider_aws.s3_bucket import *\n\nx = Fn.lower('a')\n"
    assert fixed("main.py", src).startswith("from cdktf import App, Fn\n")


def test_python_builtins_and_unknown_names_are_ignored():
    src = "from cdktf import App\n\nx = Exception('a')\ny = NotAThing()\nz = Construct\n"
    assert findings("main.py", src) == []


def test_python_namespace_root():
    src = "from cdktf import TerraformStack\n\ntopic = sns.SnsTopic(None, 't')\n"
    assert fixed("main.py", src) == ("from cdktf import TerraformStack\n"
                                     "from cdktf_cdktf_provider_aws.sns_topic import SnsTopic\n\n"
                                     "topic = SnsTopic(None, 't')\n")


def test_python_crlf_and_idempotent():
    src = "from cdktf import App\r\n\r\nx = TerraformOutput(None, 'a', value=Fn.lower('x'))\r\n"
    out = fixed("main.py", src)
    assert out == "from cdktf import App, TerraformOutput, Fn\r\n\r\nx = TerraformOutput(None, 'a', value=Fn.lower('x'))\r\n"
    assert fixed("main.py", out) == out


def test_python_new_import_line_for_provider_class():
    src = "from cdktf import App\n\nme = DataAwsCallerIdentity(None, 'me')\n"
    assert fixed("main.py", src) == ("from cdktf import App\n"
                                     "from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity\n\n"
                                     "me = DataAwsCallerIdentity(None, 'me')\n")


def test_python_cdktn_family_imports_from_cdktn():
    src = "from cdktn import App\n\nx = Fn.lower('a')\n"
    assert fixed("main.py", src, family="cdktn") == "from cdktn import App, Fn\n\nx = Fn.lower('a')\n"


# -- TypeScript ------------------------------------------------------------------------------

def test_ts_namespace_import_of_cdktf():
    src = "import * as cdktf from 'cdktf';\n\nconst x = Fn.lower('a');\nlet s: TerraformStack;\n"
    assert fixed("main.ts", src) == ("import * as cdktf from 'cdktf';\n\nconst x = cdktf.Fn.lower('a');\n"
                                     "let s: cdktf.TerraformStack;\n")


def test_ts_multiline_named_import_keeps_layout():
    src = ('import {\n  App,\n  TerraformStack, // stack\n} from "cdktf";\n\n'
           'new TerraformOutput(app, "o", { value: 1 });\n')
    assert fixed("main.ts", src) == ('import {\n  App,\n  TerraformStack, // stack\n  TerraformOutput,\n} from "cdktf";\n\n'
                                     'new TerraformOutput(app, "o", { value: 1 });\n')


def test_ts_provider_root_namespace_idiom():
    src = ("import { App } from 'cdktf';\nimport { s3Bucket } from '@cdktf/provider-aws';\n\n"
           "new s3Bucket.S3Bucket(app, 'b');\nnew DataAwsCallerIdentity(app, 'me');\n")
    assert fixed("main.ts", src) == (
        "import { App } from 'cdktf';\nimport { s3Bucket, dataAwsCallerIdentity } from '@cdktf/provider-aws';\n\n"
        "new s3Bucket.S3Bucket(app, 'b');\nnew dataAwsCallerIdentity.DataAwsCallerIdentity(app, 'me');\n")


def test_ts_top_level_declarations_bind_the_name():
    for decl in ("const Fn = {};\n", "class Fn {}\n", "declare const Fn: any;\n", "const { Fn } = lib;\n",
                 "type Fn = string;\n", "export function Fn() {}\n", "export const [a, Fn] = xs;\n"):
        src = f"import {{ App }} from 'cdktf';\n{decl}const x = Fn;\n"
        assert findings("main.ts", src) == [], decl


def test_ts_inner_declarations_make_it_a_report():
    for decl in ("function g(Fn: any) { return Fn; }\n", "function h() { const Fn = 1; }\n",
                 "const f = (Fn) => Fn;\n", "try {} catch (Fn) {}\n", "for (const Fn of xs) {}\n",
                 "function k<Fn>(a: Fn) { return a; }\n"):
        src = f"import {{ App }} from 'cdktf';\n{decl}const x = Fn;\n"
        found = findings("main.ts", src)
        assert len(found) == 1 and found[0].fix is None and "inner scope" in found[0].message, decl


def test_ts_qualified_members_are_not_uses():
    src = ("import { App } from 'cdktf';\nimport * as aws from '@cdktf/provider-aws';\n"
           "let s: aws.subnet.Subnet[];\nconst v = new aws.vpc.Vpc(app, 'v');\n")
    assert findings("main.ts", src) == []


def test_ts_strings_comments_and_properties_are_not_uses():
    src = "import { App } from 'cdktf';\n// Fn.lower here\nconst x = { Fn: 'Token' };\nx.Fn;\n"
    assert findings("main.ts", src) == []


def test_ts_project_global_declaration(tmp_path):
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "globals.d.ts").write_text("declare const Fn: any;\n")
    path = tmp_path / "main.ts"
    src = "import { App } from 'cdktf';\nconst x = Fn.lower('a');\n"
    path.write_text(src)
    ctx = Context(Target(), project=tmp_path)
    result = process(str(path), src.encode(), [lookup("IAC111")], ctx, fix=True)
    assert result.fixed is None
    assert len(result.findings) == 1 and "declared globally" in result.findings[0].message


def test_ts_crlf_and_idempotent():
    src = "import { App } from 'cdktf';\r\n\r\nconst x = Fn.lower(Token.asString(1));\r\n"
    out = fixed("main.ts", src)
    assert out == "import { App, Fn, Token } from 'cdktf';\r\n\r\nconst x = Fn.lower(Token.asString(1));\r\n"
    assert fixed("main.ts", out) == out


def test_ts_new_import_line_when_nothing_from_cdktf():
    src = 'import { Construct } from "constructs";\n\nexport class S extends TerraformStack {}\n'
    assert fixed("main.ts", src) == ('import { Construct } from "constructs";\nimport { TerraformStack } from "cdktf";\n\n'
                                     'export class S extends TerraformStack {}\n')


def test_struct_name_that_is_also_a_renamed_resource_is_only_reported():
    found = findings("main.py", "from cdktf import App\n\nv = S3BucketVersioning(None, 'v')\n")
    assert len(found) == 1 and found[0].fix is None
    assert "s3_bucket`" in found[0].message and "s3_bucket_versioning` (where the class is named differently)" in found[0].message


def test_unique_struct_is_imported():
    src = "import { App } from 'cdktf';\n\nconst t: AwsProviderDefaultTags = { tags: {} };\n"
    assert fixed("main.ts", src) == ("import { App } from 'cdktf';\n"
                                     "import { AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';\n\n"
                                     "const t: AwsProviderDefaultTags = { tags: {} };\n")
