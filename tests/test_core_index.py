"""The core-library index (iacfix/knowledge/core.py, derive_core.py): shipped data and its API;
the oracle tests re-derive it from the installed assemblies and check the Python names against
the generated `cdktf` package."""
import os
import re
import subprocess
from pathlib import Path

import pytest

from iacfix.engine import Context
from iacfix.config import Target
from iacfix.knowledge import derive_core as dc
from iacfix.knowledge.core import DATA_DIR, CoreIndex, shipped_versions

VENV = Path.home() / ".cache/iacfix-eval/.venv-cdktf"
SITE = VENV / "lib/python3.11/site-packages"
CORE_TGZ = SITE / "cdktf/_jsii/cdktf@0.21.0.jsii.tgz"
NPM_CORE = Path.home() / ".cache/iacfix-eval/.node-cdktf/node_modules/cdktf"


def need(path: Path) -> None:
    if not path.exists():
        if os.environ.get("IACFIX_REQUIRE_ORACLES"):
            pytest.fail(f"{path} missing (IACFIX_REQUIRE_ORACLES is set)")
        pytest.skip(f"{path} not installed (bash ../shared/eval/setup_env.sh)")


@pytest.fixture(scope="module")
def core() -> CoreIndex:
    return CoreIndex.load("0.21.0")


def test_shipped_versions():
    assert shipped_versions("cdktf") == ["0.21.0"]
    assert shipped_versions("cdktn") == ["0.24.0"]
    assert CoreIndex.load(None, "cdktn").package == "cdktn"
    assert CoreIndex.load("0.20.0").version == "0.21.0"  # nearest shipped at or above
    assert CoreIndex.load("9.0").version == "0.21.0"     # above everything: the newest


def test_exports_and_kinds(core):
    assert {"Fn", "Token", "TerraformOutput", "TerraformStack", "S3Backend", "App"} <= core.exports()
    assert core.kind_of("Fn") == "class" and core.kind_of("TerraformOutputConfig") == "struct"
    assert core.kind_of("IAspect") == "interface" and core.kind_of("ITaggable") is None
    assert core.submodule_of("AssertionReturn") == "cdktf.testing_matchers"


def test_fn_gets_fn_generated_functions(core):
    fn = core.static_members("Fn")
    assert {"jsondecode", "base64encode", "lookupNested", "rawString", "lengthOf", "try"} <= set(fn)
    assert core.python_name("Fn", "lookupNested") == "lookup_nested"
    assert core.python_name("Fn", "try") == "try_" and core.python_name("Op", "not") == "not_"
    assert core.python_name("Fn", "base64encode") == "base64encode"
    assert core.jsii_name("Token", "as_string") == "asString"
    assert core.static_members("Token")["STRING_MAP_TOKEN_VALUE"].what == "const"
    assert core.python_name("Token", "STRING_MAP_TOKEN_VALUE") == "STRING_MAP_TOKEN_VALUE"
    assert "of" in core.static_members("Aspects") and "add" not in core.static_members("Aspects")
    assert "add" in core.instance_members("Aspects")


def test_struct_rows_match_the_provider_format(core):
    props = core.props("TerraformOutputConfig")
    assert props["staticId"].py_name == "static_id" and props["sensitive"].kind == "boolean"
    assert props["precondition"].kind == "struct" and props["precondition"].struct == "cdktf.Precondition"
    assert core.props("cdktf.S3BackendConfig")["bucket"].kind == "string"
    assert core.prop("S3BackendConfig", "dynamodb_table").name == "dynamodbTable"
    assert core.props("Precondition")["errorMessage"].py_name == "error_message"  # inherited
    assert core.props("NoSuchStruct") == {}


def test_context_core_is_lazy_and_follows_the_family():
    assert Context(Target()).core.package == "cdktf"
    assert Context(Target(family="cdktn")).core.package == "cdktn"


def test_member_python_name_helper():
    assert dc.member_python_name({"name": "lookupNested"}) == "lookup_nested"
    assert dc.member_python_name({"name": "ANY_MAP_TOKEN_VALUE", "const": True}) == "ANY_MAP_TOKEN_VALUE"
    assert dc.member_python_name({"name": "or"}) == "or_"
    assert dc.member_python_name({"name": "tfResourceType", "const": True}) == "TF_RESOURCE_TYPE"


# -- oracle: the shipped data is what the installed assemblies give ------------------------------

@pytest.mark.oracle
def test_shipped_index_is_what_derivation_produces():
    need(CORE_TGZ)
    data = dc.dumps_index(dc.build_index(dc.load_assembly(str(CORE_TGZ))[0]))
    assert data == Path(DATA_DIR, "core-cdktf-0.21.0.json.gz").read_bytes(), \
        "regenerate: python -m iacfix.knowledge.derive_core " + str(CORE_TGZ)


@pytest.mark.oracle
def test_npm_assembly_gives_the_same_index():
    need(NPM_CORE / ".jsii")
    data = dc.dumps_index(dc.build_index(dc.load_assembly(str(NPM_CORE))[0]))
    assert data == Path(DATA_DIR, "core-cdktf-0.21.0.json.gz").read_bytes()


@pytest.mark.oracle
def test_python_names_exist_in_the_generated_package(core):
    """Every static member's Python name is an attribute of the class in the installed `cdktf`,
    and every struct's props match its generated `name_mapping`."""
    need(VENV / "bin/python")
    checks = [f"{cls}.{m.py_name}" for cls in core.classes_with_static_members()
              for m in core.static_members(cls).values()]
    script = ("import cdktf, sys\nmissing=[c for c in sys.argv[1:] if not hasattr(getattr(cdktf, c.split('.')[0]), "
              "c.split('.')[1])]\nprint('\\n'.join(missing))")
    out = subprocess.run([str(VENV / "bin/python"), "-c", script, *checks], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    assert len(checks) > 400
    text = (SITE / "cdktf/__init__.py").read_text()
    rx = re.compile(r'@jsii\.data_type\(\s*jsii_type="cdktf\.(\w+)",\s*jsii_struct_bases=\[[^\]]*\],\s*'
                    r'name_mapping=\{([^}]*)\}', re.S)
    checked = 0
    for m in rx.finditer(text):
        generated = {j: p for p, j in re.findall(r'"([^"]+)":\s*"([^"]+)"', m.group(2))}
        assert generated == {p.name: p.py_name for p in core.props(m.group(1)).values()}, m.group(1)
        checked += 1
    assert checked == 65
