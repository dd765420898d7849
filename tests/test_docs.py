from conftest import ROOT
from iacfix.report import rules_markdown
from iacfix.rules import all_rules


def test_rules_md_is_current():
    committed = (ROOT / "docs" / "rules.md").read_text()
    assert committed == rules_markdown(all_rules()), "docs/rules.md is stale: run `python -m iacfix.report > docs/rules.md`"
