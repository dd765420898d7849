import pytest

from conftest import write_tree
from iacfix import api, config
from iacfix.config import Config, ConfigError, Target, detect_target, effective_version


@pytest.mark.parametrize("spec,expected", [
    ("==19.51.0", "19.51.0"), ("19.51.0", "19.51.0"), ("^19.51.0", "19.999.999"), ("~19.51.0", "19.51.999"),
    ("~=19.51.0", "19.51.999"), (">=19.0", None), ("*", None), ("<19.52", "19.52"),
])
def test_effective_version(spec, expected):
    assert effective_version(spec) == expected


def test_detects_python_pin(tmp_path):
    write_tree(tmp_path, {"requirements.txt": "cdktf==0.21.0\ncdktf-cdktf-provider-aws==19.51.0\n"})
    assert detect_target(tmp_path) == Target(provider="19.51.0", family="cdktf")


def test_detects_cdktn_from_package_json(tmp_path):
    write_tree(tmp_path, {"package.json": '{"dependencies": {"cdktn": "^0.24.0", "@cdktn/provider-aws": "25.8.1"}}'})
    assert detect_target(tmp_path) == Target(provider="25.8.1", family="cdktn")


def test_explicit_target_wins(tmp_path):
    write_tree(tmp_path, {"requirements.txt": "cdktf-cdktf-provider-aws==19.51.0\n"})
    target = config.target_for(tmp_path, tmp_path, Config(target={"provider": "21.22.1"}))
    assert target.provider == "21.22.1"


LIFECYCLE = """\
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfigurationRule, S3BucketLifecycleConfigurationRuleExpiration)

S3BucketLifecycleConfigurationRule(id="x", status="Enabled", expiration=S3BucketLifecycleConfigurationRuleExpiration(days=1))
"""


def test_detected_version_decides_the_nested_block_shape(tmp_path):
    old = write_tree(tmp_path / "old", {"requirements.txt": "cdktf-cdktf-provider-aws==19.51.0\n", "lib/s.py": LIFECYCLE})
    new = write_tree(tmp_path / "new", {"requirements.txt": "cdktf-cdktf-provider-aws>=19.52.0\n", "lib/s.py": LIFECYCLE})
    assert not api.run([old]).findings, "expiration was a single block before 19.52.0"
    assert [f.rule for f in api.run([new]).findings] == ["IAC102"]


def test_config_files(tmp_path):
    write_tree(tmp_path, {"pyproject.toml": '[tool.iacfix]\nselect = ["IAC101"]\n[tool.iacfix.target]\nfamily = "cdktn"\n'})
    loaded = config.load(start=tmp_path)
    assert loaded.select == ("IAC101",) and loaded.target == {"family": "cdktn"}
    write_tree(tmp_path, {".iacfix.toml": '[target]\nfamily = "aws-cdk"\n'})
    with pytest.raises(ConfigError):
        config.load(start=tmp_path)


@pytest.mark.parametrize("name,text", [
    ("Pipfile", '[packages]\ncdktf = "==0.21.0"\ncdktf-cdktf-provider-aws = "==19.51.0"\n'),
    ("pyproject.toml", '[project]\ndependencies = ["cdktf>=0.21", "cdktf-cdktf-provider-aws == 19.51.0"]\n'),
])
def test_detects_other_python_manifests(tmp_path, name, text):
    write_tree(tmp_path, {name: text})
    assert detect_target(tmp_path).provider == "19.51.0"


@pytest.mark.parametrize("table,message", [
    ('[rules.no-such-rule]\nx = 1\n', "no such rule"),
    ('[rules.provider-class-name]\nx = 1\n', "unknown option"),
    ('[rules]\nIAC101 = 3\n', "expected a table"),
])
def test_rule_options_are_checked(tmp_path, table, message):
    write_tree(tmp_path, {".iacfix.toml": table})
    with pytest.raises(ConfigError, match=message):
        config.load(start=tmp_path)


def test_opt_in_rules_run_only_when_named():
    from iacfix import rules
    opt_in = [r for r in rules.all_rules() if r.opt_in]
    assert opt_in, "the hygiene checks are opt-in"
    default = rules.select()
    assert not set(opt_in) & set(default) and not set(opt_in) & set(rules.select(["ALL"]))
    for rule in opt_in:
        assert rule in rules.select([rule.id]) and rule in rules.select([rule.slug])
        assert rule in rules.select([rule.id[:4]])  # a prefix names them too
