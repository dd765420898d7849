"""IAC113 cdktf-member-name: import forms, candidates, refusals, CRLF, idempotence."""
from iacfix.config import Target
from iacfix.engine import Context, process
from iacfix.rules import lookup


def run(path, text, fix=True):
    return process(path, text.encode(), [lookup("IAC113")], Context(Target()), fix=fix)


def fixed(path, text):
    result = run(path, text)
    assert result.error is None and result.internal_error is None
    return (result.fixed or text.encode()).decode()


def findings(path, text):
    return run(path, text, fix=False).findings


def test_python_aliases_module_and_star_imports():
    assert fixed("m.py", "from cdktf import Fn as F\nx = F.jsonDecode(s)\n") == "from cdktf import Fn as F\nx = F.jsondecode(s)\n"
    assert fixed("m.py", "import cdktf as c\nx = c.Token.asString(s)\n") == "import cdktf as c\nx = c.Token.as_string(s)\n"
    assert fixed("m.py", "from cdktf import *\nx = Fn.base64Encode(s)\n") == "from cdktf import *\nx = Fn.base64encode(s)\n"
    assert fixed("m.py", "from cdktf import Lazy\nx = Lazy.stringValue(p)\n") == "from cdktf import Lazy\nx = Lazy.string_value(p)\n"


def test_python_snake_case_of_lower_case_functions():
    # Terraform's functions keep their lower-case names in Python too (jsii snake_case of `base64encode`)
    src = "from cdktf import Fn\nx = Fn.base64_encode(Fn.json_encode(d))\n"
    assert fixed("m.py", src) == "from cdktf import Fn\nx = Fn.base64encode(Fn.jsonencode(d))\n"


def test_python_keyword_members():
    src = "from cdktf import Op, Fn\nx = Op.Not(a)\ny = Fn.Try([a])\n"
    assert fixed("m.py", src) == "from cdktf import Op, Fn\nx = Op.not_(a)\ny = Fn.try_([a])\n"


def test_python_local_class_named_fn_is_not_ours():
    assert findings("m.py", "from cdktf import App\n\nclass Fn:\n    pass\n\nx = Fn.jsonDecode(1)\n") == []


def test_python_instance_and_private_members_are_left_alone():
    src = "from cdktf import TerraformStack, Fn\nTerraformStack.add_override\nFn.__name__\nFn._private\n"
    assert findings("m.py", src) == []


def test_python_import_not_exported():
    found = findings("m.py", "from cdktf import TerraformStack, ITaggable, TerraformOuput\n")
    assert [f.fix is not None for f in found] == [False, True]
    assert "does not export `ITaggable`" in found[0].message and "default_tags" in found[0].message
    out = fixed("m.py", "from cdktf import TerraformOuput\n\nTerraformOuput(s, 'x', value=1)\n")
    assert out == "from cdktf import TerraformOutput\n\nTerraformOutput(s, 'x', value=1)\n"


def test_python_provider_class_from_cdktf_is_left_to_iac110():
    assert findings("m.py", "from cdktf import App, S3Bucket\n") == []


def test_several_candidates_are_reported_without_fix():
    found = findings("m.ts", "import { Fn } from 'cdktf';\nFn.cidrsubnetz(x);\n")
    assert len(found) == 1 and found[0].fix is None
    assert "one of: `Fn.cidrsubnet`, `Fn.cidrsubnets`" in found[0].message


def test_no_candidate_gets_a_hint():
    found = findings("m.py", "from cdktf import Fn\np = Fn.random_password(16)\n")
    assert len(found) == 1 and found[0].fix is None and "`Password` resource" in found[0].message


def test_ts_length_only_when_called():
    src = "import { Fn } from 'cdktf';\nconst n = Fn.length(xs);\nconst arity = Fn.length;\n"
    assert fixed("m.ts", src) == "import { Fn } from 'cdktf';\nconst n = Fn.lengthOf(xs);\nconst arity = Fn.length;\n"


def test_ts_snake_and_alias_forms():
    src = "import { Fn as F, Token } from 'cdktf';\nF.lookup_nested(a, ['b']);\nToken.as_string(x);\n"
    assert fixed("m.ts", src) == "import { Fn as F, Token } from 'cdktf';\nF.lookupNested(a, ['b']);\nToken.asString(x);\n"


def test_ts_import_not_exported_renames_uses():
    src = "import { TerraformOuput } from 'cdktf';\nnew TerraformOuput(this, 'o', { value: 1 });\n"
    assert fixed("m.ts", src) == "import { TerraformOutput } from 'cdktf';\nnew TerraformOutput(this, 'o', { value: 1 });\n"


def test_ts_unrelated_fn_is_not_touched():
    src = "import { App } from 'cdktf';\nimport { Fn } from './fn';\nFn.jsonDecode(x);\n"
    assert findings("m.ts", src) == []


def test_crlf_and_idempotent():
    src = "import { Fn } from 'cdktf';\r\nconst p = Fn.jsonDecode(Fn.base64_decode(x));\r\n"
    out = fixed("m.ts", src)
    assert out == "import { Fn } from 'cdktf';\r\nconst p = Fn.jsondecode(Fn.base64decode(x));\r\n"
    assert fixed("m.ts", out) == out
    src = "from cdktf import Fn\r\np = Fn.jsonDecode(x)\r\n"
    assert fixed("m.py", src) == "from cdktf import Fn\r\np = Fn.jsondecode(x)\r\n"
