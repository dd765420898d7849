"""Every rule's bad→good examples, run through the real engine (Fixit style)."""
import pytest

from iacfix.config import Config, Target, check_rule_options
from iacfix.engine import Context, process
from iacfix.rules import all_rules

CASES = [(rule, i, ex) for rule in all_rules() for i, ex in enumerate(rule.examples)]


def _ctx(ex):
    return Context(Target().merged(**ex.options.get("target", {})),
                   Config(rules=check_rule_options(ex.options.get("rules", {}))))


@pytest.mark.parametrize("rule,i,ex", CASES, ids=[f"{r.id}-{i}-{e.language}" for r, i, e in CASES])
def test_example(rule, i, ex):
    data = ex.before.encode()
    result = process(ex.filename, data, [rule], _ctx(ex), fix=True, unsafe=True)
    assert result.error is None and result.internal_error is None
    if ex.after is None:
        assert not result.changed, "this example must come out unchanged"
        mine = [f for f in result.findings if f.rule == rule.id]
        if ex.reported:
            assert mine and all(f.fix is None for f in mine), "expected a finding without a fix"
        else:
            assert not mine, "a valid example must give no finding"
        return
    assert result.fixed is not None, "the example should be fixed"
    assert result.fixed.decode() == ex.after
    assert any(f.rule == rule.id for f in result.applied)
    again = process(ex.filename, result.fixed, [rule], _ctx(ex), fix=True, unsafe=True)
    assert not again.changed, "a second run must change nothing"
    assert not again.findings


@pytest.mark.parametrize("rule", all_rules(), ids=[r.id for r in all_rules()])
def test_rule_metadata(rule):
    assert rule.id and rule.slug and rule.summary and rule.documentation()
    codemod = any(ex.after for ex in rule.examples)
    for language in rule.languages:
        if codemod:
            assert any(ex.language == language and ex.after for ex in rule.examples), \
                f"{rule.id} needs a bad→good example in {language}"
        else:  # a diagnostic (no fix anywhere): a reported example per language
            assert any(ex.language == language and ex.reported for ex in rule.examples), \
                f"{rule.id} needs a reported example in {language}"
    assert any(ex.after is None and not ex.reported for ex in rule.examples), \
        f"{rule.id} needs a valid (untouched) example"
