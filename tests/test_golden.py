"""golden/<family>/<case>/{before,after}/ + case.toml: whole small projects, compared byte for byte."""
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, tree
from iacfix import api
from iacfix.config import Config, check_rule_options

CASES = sorted(p.parent for p in (ROOT / "golden").glob("*/*/case.toml"))


def load_case(case: Path) -> dict:
    return tomllib.loads((case / "case.toml").read_text())


def run_case(work: Path, case: Path):
    meta = load_case(case)
    options = meta.get("options", {})
    target = {k: v for k, v in {"provider": options.get("target_provider"),
                                "terraform": options.get("target_terraform"),
                                "family": options.get("target_family")}.items() if v}
    config = Config(target=target, rules=check_rule_options(options.get("rules", {})))
    return api.run([work], config, fix=True, unsafe=bool(options.get("unsafe_fixes")),
                   select=options.get("select"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_golden(case, copy_tree):
    work = copy_tree(case / "before")
    report = run_case(work, case)
    assert not report.errors, report.errors
    expected = tree(case / "after")
    got = tree(work)
    assert sorted(got) == sorted(expected), "the set of files differs"
    for rel in expected:
        assert got[rel].decode() == expected[rel].decode(), rel
    second = run_case(work, case)
    assert not second.changed, "a second apply must change nothing"
    assert tree(work) == expected


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_golden_after_is_a_fixpoint(case, copy_tree):
    """The expected output itself is untouched by the tool (already-correct code stays as it is)."""
    work = copy_tree(case / "after")
    report = run_case(work, case)
    assert not report.errors
    assert tree(work) == tree(case / "after")


def test_there_are_goldens_for_every_family():
    families = {c.parent.name for c in CASES}
    assert {"provider-class-name", "nested-block-shape"} <= families
    for family in families:
        cases = [c for c in CASES if c.parent.name == family]
        # the seed instance, real-code variants (import forms, comments, several defects), an
        # already-correct case
        assert len(cases) >= 4, family
