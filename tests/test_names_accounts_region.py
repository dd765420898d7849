"""Helpers of IAC106 / IAC107 / IAC108 / IAC319 (names, account ids, regions)."""
from pathlib import Path

import pytest

from iacfix.codemods import _account_ids
from iacfix.codemods.environment_suffix_in_names import _py_append
from iacfix.codemods.hardcoded_account_id import _brace_depth, _py_rewrite, _ts_escape
from iacfix.codemods.region_default import declared_region
from iacfix.config import Config
from iacfix.engine import Context


@pytest.mark.parametrize("account,placeholder", [
    ("123456789012", True), ("111122223333", True), ("444455556666", True), ("999999999999", True),
    ("234567890123", True), ("210987654321", True), ("000000000000", False), ("127311923021", False),
    ("384512987346", False),
])
def test_is_placeholder(account, placeholder):
    assert _account_ids.is_placeholder(account) is placeholder


def test_classify_leaves_aws_accounts_alone():
    assert _account_ids.classify("iam", "127311923021", "root") is None  # ELB log delivery
    assert _account_ids.classify("lambda", "017000801446", "layer:AWSLambdaPowertoolsPythonV2:68") is None
    assert _account_ids.classify("inspector", "316112463485", "rulespackage/0-x") is None
    assert _account_ids.classify("iam", "000000000000", "root") is None
    assert _account_ids.classify("iam", "384512987346", "role/deployer") == "real"
    assert _account_ids.classify("iam", "123456789012", "root") == "placeholder"


def test_arn_accounts_positions_and_fragments():
    text = "arn:aws:iam::123456789012:root and arn:aws:iam::aws:policy/ReadOnlyAccess"
    assert list(_account_ids.arn_accounts(text)) == [(13, 25, "123456789012", "placeholder")]
    assert list(_account_ids.arn_accounts(":123456789012:jobs")) == [(1, 13, "123456789012", "placeholder")]
    assert list(_account_ids.arn_accounts("order 123456789012")) == []  # not in an ARN
    assert list(_account_ids.arn_accounts(":384512987346:jobs")) == []  # fragments: placeholders only
    assert _account_ids.bare_placeholder("123456789012") and not _account_ids.bare_placeholder("x123456789012")


def test_py_rewrite_forms():
    acct = ["123456789012"]
    assert _py_rewrite('"arn:aws:iam::123456789012:root"', acct, False, "ci") == 'f"arn:aws:iam::{ci.account_id}:root"'
    assert _py_rewrite("u'arn:aws:sns:us-east-1:123456789012:t-{n}'", acct, False, "ci") == \
        "f'arn:aws:sns:us-east-1:{ci.account_id}:t-{{n}}'"
    assert _py_rewrite('f"arn:aws:sns:{r}:123456789012:t-{n}"', acct, False, "ci") == \
        'f"arn:aws:sns:{r}:{ci.account_id}:t-{n}"'
    assert _py_rewrite('b"arn:aws:iam::123456789012:root"', acct, False, "ci") is None
    assert _py_rewrite('"123456789012"', acct, True, "ci") == "ci.account_id"


def test_brace_depth_counts_escaped_braces_as_text():
    assert _brace_depth("{{a}} b", 5) == 0
    assert _brace_depth("{a} {b", 6) == 1


def test_ts_escape():
    assert _ts_escape("a`b${c}\\'d") == "a\\`b\\${c}\\'d"


def test_py_append():
    assert _py_append('"alias/app-key"', "environment_suffix") == 'f"alias/app-key-{environment_suffix}"'
    assert _py_append("f'alias/t-{self.region}'", "self.environment_suffix") == \
        "f'alias/t-{self.region}-{self.environment_suffix}'"
    assert _py_append('"a{b}"', "s") == 'f"a{{b}}-{s}"'
    assert _py_append('"a" "b"', "s") is None


def test_declared_region(tmp_path: Path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "AWS_REGION").write_text("eu-west-2\n")
    assert declared_region(Context(config=Config(), project=tmp_path)) == ("eu-west-2", "lib/AWS_REGION")
    (tmp_path / "metadata.json").write_text('{"region": "ap-southeast-1"}')
    assert declared_region(Context(config=Config(), project=tmp_path)) is None  # two different: not ours
    assert declared_region(Context(config=Config(), project=tmp_path), "us-west-1") == ("us-west-1", "option `region`")
