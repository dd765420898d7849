"""docs/seed-coverage.md is generated from rule metadata and golden cases, and stays current."""
import os

import pytest

from conftest import ROOT
from iacfix import coverage
from iacfix.rules import all_rules

SEEDS = coverage.seeds_dir()
if not SEEDS.is_dir():
    if os.environ.get("IACFIX_REQUIRE_ORACLES") == "1":
        raise RuntimeError(f"seed documents not found at {SEEDS} (set IACFIX_SEEDS)")
    pytest.skip("seed documents not found (../shared/seeds)", allow_module_level=True)


def table():
    return coverage.rows(all_rules(), coverage.corrections(SEEDS), coverage.golden_cases())


def test_seed_documents_are_read():
    found = coverage.corrections(SEEDS)
    assert len(found) >= 50 and len({c.seed for c in found}) == 5
    assert coverage.Correction("001", 1, "Invalid MySQL Engine Version for us-east-1") in found


def test_seed_coverage_md_is_current():
    expected = coverage.markdown(table())
    assert (ROOT / "docs" / "seed-coverage.md").read_text() == expected, \
        "regenerate: python -m iacfix.coverage > docs/seed-coverage.md"


def test_every_rule_names_real_corrections():
    keys = {c.key for c in coverage.corrections(SEEDS)}
    for rule in all_rules():
        assert set(rule.seeds) <= keys, f"{rule.id} names a correction the seeds do not have"


def test_every_correction_has_a_rule_and_every_codemod_a_golden():
    assert not coverage.problems(table())
