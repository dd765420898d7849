"""iacfix.knowledge.rds_versions (cfn-lint's RDS data read at run time) and IAC301's helpers.

Expectations that depend on the data snapshot are written as properties (supported, same major,
≥ the given one) rather than as literal versions wherever the point is the policy, not the data.
"""
import pytest

from iacfix.codemods import rds_engine_version as rule_mod
from iacfix.config import Config, Target, check_rule_options
from iacfix.engine import Context, process
from iacfix.knowledge import rds_versions as rv
from iacfix.rules import lookup


def test_data_is_read_from_the_installed_cfn_lint():
    from importlib.metadata import version
    assert rv.data_version() == version("cfn-lint")
    for kind in (rv.INSTANCE, rv.CLUSTER):
        table = rv.table(kind)
        assert {"mysql", "postgres", "aurora-mysql", "aurora-postgresql"} <= set(table)
        known, deprecated = table["mysql"]
        assert deprecated <= set(known)


@pytest.mark.parametrize("engine,version,expected", [
    ("mysql", "8.0.35", (8, 0)),
    ("mysql", "5.7.44-rds.20250213", (5, 7)),
    ("mariadb", "10.11.6", (10, 11)),
    ("postgres", "15.4", (15,)),
    ("postgres", "9.6.24", (9, 6)),
    ("aurora-postgresql", "16.4-limitless", (16,)),
    ("aurora-mysql", "8.0.mysql_aurora.3.04.0", (8, 0)),
    ("aurora-mysql", "5.7.mysql_aurora.2.11.2", (5, 7)),
    ("sqlserver-ee", "15.00.4073.23.v1", (15, 0)),
    ("mysql", "latest", None),
])
def test_major(engine, version, expected):
    assert rv.major(engine, version) == expected


def test_sort_key_orders_numerically_and_builds_after_their_base():
    versions = ["8.0.10", "8.0.9", "8.0.46-rds.20260908", "8.0.46", "8.0"]
    assert sorted(versions, key=rv.sort_key) == ["8.0", "8.0.9", "8.0.10", "8.0.46", "8.0.46-rds.20260908"]
    assert rv.sort_key("8.0.mysql_aurora.3.04.0") < rv.sort_key("8.0.mysql_aurora.3.10.0")


def test_flavour_and_major_only():
    assert rv.flavour("16.4-limitless") == "limitless"
    assert rv.flavour("5.7.44-rds.20250213") == ""
    assert rv.is_major_only("mysql", "8.0") and rv.is_major_only("postgres", "15")
    assert not rv.is_major_only("mysql", "8.0.35") and not rv.is_major_only("postgres", "15.4")


def _supported(kind, engine, version):
    known, deprecated = rv.table(kind)[engine]
    return version in known and version not in deprecated


@pytest.mark.parametrize("kind,engine,version", [
    (rv.INSTANCE, "mysql", "8.0.35"),
    (rv.INSTANCE, "postgres", "14.7"),
    (rv.CLUSTER, "aurora-mysql", "8.0.mysql_aurora.3.02.0"),
    (rv.CLUSTER, "aurora-mysql", "5.7.mysql_aurora.2.10.2"),
    (rv.CLUSTER, "aurora-postgresql", "15.4"),
])
def test_nearest_is_the_smallest_supported_not_older_in_the_major(kind, engine, version):
    verdict = rv.judge(kind, engine, version, "nearest")
    assert verdict.status == "deprecated"
    new = verdict.replacement
    assert _supported(kind, engine, new)
    assert rv.major(engine, new) == rv.major(engine, version)
    assert rv.sort_key(new) >= rv.sort_key(version)
    same = [v for v in rv.supported(kind, engine) if rv.major(engine, v) == rv.major(engine, version)
            and rv.sort_key(version) <= rv.sort_key(v) < rv.sort_key(new) and not rv.is_major_only(engine, v)]
    assert same == []


def test_newest_is_the_newest_of_the_major():
    verdict = rv.judge(rv.INSTANCE, "postgres", "14.7", "newest")
    same = [v for v in rv.supported(rv.INSTANCE, "postgres") if rv.major("postgres", v) == (14,)]
    assert verdict.replacement == same[-1]


def test_beyond_the_newest_falls_back_to_the_newest_of_the_major():
    verdict = rv.judge(rv.INSTANCE, "mysql", "8.0.999")
    assert verdict.status == "unknown"
    assert verdict.replacement == [v for v in rv.supported(rv.INSTANCE, "mysql") if v.startswith("8.0.")][-1]


def test_supported_version_and_engine_without_data():
    assert rv.judge(rv.INSTANCE, "mysql", rv.supported(rv.INSTANCE, "mysql")[-1]).status == "supported"
    assert rv.judge(rv.INSTANCE, "oracle-ee", "19.0.0.0.ru-2024-01.rur-2024-01.r1") is None


def test_major_gone_offers_the_oldest_newer_major():
    verdict = rv.judge(rv.INSTANCE, "postgres", "10.7")
    assert verdict.replacement is None
    assert rv.major("postgres", verdict.upgrade) == (int(verdict.majors[0]),)
    assert "10" not in verdict.majors


def test_flavour_is_kept():
    verdict = rv.judge(rv.CLUSTER, "aurora-postgresql", "16.5-limitless")
    assert verdict.replacement.endswith("-limitless")


def test_bad_policy():
    with pytest.raises(ValueError):
        rv.judge(rv.INSTANCE, "mysql", "8.0.35", "oldest")


# -- rule helpers ----------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("'8.0.35'  # c\n", (0, 8, "8.0.35", "'")),
    ('"8.0"\r\n', (0, 5, "8.0", '"')),
    ("8.0.35 # c\n", (0, 6, "8.0.35", "")),
    ("5.7\r\n", (0, 3, "5.7", "")),
    ("15.4, X: y}", (0, 4, "15.4", "")),
    ("|\n  8.0\n", None),
    ("!Ref Ver\n", None),
])
def test_scalar_span(text, expected):
    assert rule_mod._scalar_span(text, 0) == expected


@pytest.mark.parametrize("value,quote,is_json,expected", [
    ("8.0.42", "", False, "8.0.42"),
    ("15.10", "", False, "'15.10'"),
    ("15.10", "", True, '"15.10"'),
    ("15.10", '"', False, '"15.10"'),
    ("5.7.44-rds.20250213", "", False, "5.7.44-rds.20250213"),
])
def test_yaml_text(value, quote, is_json, expected):
    assert rule_mod._yaml_text(value, quote, is_json) == expected


def _run(path, text, options=None, unsafe=False):
    rule = lookup("IAC301")
    ctx = Context(Target(), Config(rules=check_rule_options({"rds-engine-version": options or {}})))
    return process(path, text.encode(), [rule], ctx, fix=True, unsafe=unsafe)


def test_message_names_the_cfn_lint_data_version():
    result = _run("t.yaml", "Resources:\n  D:\n    Type: AWS::RDS::DBInstance\n"
                            "    Properties: {Engine: mysql, EngineVersion: '8.0.35'}\n")
    assert f"cfn-lint {rv.data_version()} data, W3691" in result.applied[0].message


def test_major_only_options():
    tpl = "Resources:\n  D:\n    Type: AWS::RDS::DBInstance\n    Properties: {Engine: mysql, EngineVersion: '8.0'}\n"
    assert _run("t.yaml", tpl).changed
    assert not _run("t.yaml", tpl, {"major_only": "keep"}).changed
    py = ("from cdktf_cdktf_provider_aws.db_instance import DbInstance\n"
          "DbInstance(self, 'd', engine='mysql', engine_version='8.0')\n")
    assert not _run("lib/stack.py", py).changed
    assert _run("lib/stack.py", py, {"major_only": "pin"}).changed


def test_major_upgrade_is_unsafe_or_reported():
    tpl = "Resources:\n  D:\n    Type: AWS::RDS::DBInstance\n    Properties: {Engine: postgres, EngineVersion: '10.7'}\n"
    safe_only = _run("t.yaml", tpl)
    assert not safe_only.changed and safe_only.findings[0].fix.applicability == "unsafe"
    assert "supported majors: 11" in safe_only.findings[0].message
    assert _run("t.yaml", tpl, unsafe=True).changed
    reported = _run("t.yaml", tpl, {"major_upgrade": "report"}, unsafe=True)
    assert not reported.changed and reported.findings[0].fix is None


def test_parameter_used_by_disagreeing_engines_is_left_alone():
    tpl = """\
Parameters:
  Ver: {Type: String, Default: '8.0.35'}
Resources:
  A:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: mysql, EngineVersion: !Ref Ver}
  B:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: mariadb, EngineVersion: !Ref Ver}
"""
    result = _run("t.yaml", tpl)
    assert not result.changed and not result.findings


def test_parameter_default_and_block_allowed_values():
    tpl = """\
Parameters:
  Ver:
    Type: String
    Default: "8.0.35"
    AllowedValues:
      - "8.0.35"   # old
      - 8.0.36
Resources:
  D:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      EngineVersion: {Ref: Ver}
"""
    new = rv.judge(rv.INSTANCE, "mysql", "8.0.35").replacement
    result = _run("t.yaml", tpl)
    assert result.fixed.decode() == tpl.replace('"8.0.35"', f'"{new}"')
    assert not _run("t.yaml", result.fixed.decode()).changed
