"""Engine guarantees: fixpoint, revert on broken output, non-convergence, suppression scope."""
from iacfix.engine import Context, process
from iacfix.rules import Rule

TEXT = "from cdktf import App\nvalue = (1 + 2)\n"


class _Breaks(Rule):
    id, slug, summary, languages = "T901", "breaks", "deletes a paren", ("python",)

    def check_python(self, doc, ctx):
        at = doc.text.index("(")
        yield doc.source.finding(self, at, at + 1, "drop paren", [doc.source.edit(at, at + 1, "")])


class _NeverDone(Rule):
    id, slug, summary, languages = "T902", "never-done", "always adds a comment", ("python",)

    def check_python(self, doc, ctx):
        end = len(doc.text)
        yield doc.source.finding(self, 0, 1, "again", [doc.source.edit(end, end, "# more\n")])


class _OneStep(Rule):
    """Renames `value` to `val`, then `val` to `v`: needs two passes."""
    id, slug, summary, languages = "T903", "one-step", "shrinks a name", ("python",)

    def check_python(self, doc, ctx):
        for old, new in (("value", "val"), ("val ", "v ")):
            if old in doc.text:
                at = doc.text.index(old)
                yield doc.source.finding(self, at, at + len(old), "shrink", [doc.source.edit(at, at + len(old), new)])
                return


def test_a_fix_that_breaks_the_file_is_reverted():
    result = process("a.py", TEXT.encode(), [_Breaks()], Context(), fix=True)
    assert result.fixed is None and not result.changed
    assert "would break the file" in result.internal_error


def test_fixes_that_never_converge_are_reported_and_not_written():
    result = process("a.py", TEXT.encode(), [_NeverDone()], Context(), fix=True)
    assert result.fixed is None and "did not converge" in result.internal_error


def test_fixes_repeat_to_a_fixpoint():
    result = process("a.py", TEXT.encode(), [_OneStep()], Context(), fix=True)
    assert result.fixed.decode() == "from cdktf import App\nv = (1 + 2)\n"
    assert len(result.applied) == 2 and not result.findings


def test_check_mode_changes_nothing():
    result = process("a.py", TEXT.encode(), [_OneStep()], Context(), fix=False)
    assert result.fixed is None and len(result.findings) == 1


def test_untriggered_file_is_not_parsed():
    class Picky(_Breaks):
        triggers = ("never-present",)
    broken = b"from cdktf import App\ndef (:\n"
    result = process("a.py", broken, [Picky()], Context(), fix=True)
    assert result.error is None and result.fixed is None


class _AppendArgument(Rule):
    """Appends `name=1` after the last argument of `f(...)`, the comma as an edit of its own (as the
    argument helpers do): two such fixes share the comma edit and clash when applied together."""

    summary, languages = "appends an argument", ("python",)

    def __init__(self, rule_id: str, name: str):
        self.id, self.slug, self.name = rule_id, f"append-{name}", name

    def check_python(self, doc, ctx):
        if f"{self.name}=" in doc.text:
            return
        close = doc.text.rindex(")")
        edits = [doc.source.edit(close, close, ","), doc.source.edit(close, close, f" {self.name}=1")]
        yield doc.source.finding(self, close, close + 1, "append", edits)


def test_fixes_that_clash_together_are_applied_one_by_one():
    text = "from cdktf import App\nf(a=0)\n"
    rules = [_AppendArgument("T904", "b"), _AppendArgument("T905", "c")]
    result = process("a.py", text.encode(), rules, Context(), fix=True)
    assert result.internal_error is None
    assert result.fixed.decode() == "from cdktf import App\nf(a=0, b=1, c=1)\n"


def test_name_repairs_settle_before_other_fixes_apply():
    """A content fix that would add to an import a name-repair rule is rewriting waits a pass."""
    from iacfix.config import Config
    from iacfix.engine import Context, process
    from iacfix.fixes import Edit, Finding, Fix
    from iacfix.rules import NAMES, Rule

    order = []

    class Rename(Rule):
        id, slug, summary, languages, phase = "T901", "t-rename", "rename", ("python",), NAMES

        def check(self, doc, ctx):
            at = doc.text.find("Old")
            if at >= 0:
                order.append("rename")
                yield Finding(self.id, doc.source.path, 1, 1, 1, 1, "rename", Fix([Edit(at, at + 3, "New")]))

    class Content(Rule):
        id, slug, summary, languages = "T902", "t-content", "content", ("python",)

        def check(self, doc, ctx):
            if "# done" not in doc.text:
                order.append("new" if "New" in doc.text else "old")
                end = len(doc.source.data)
                yield Finding(self.id, doc.source.path, 1, 1, 1, 1, "c", Fix([Edit(end, end, "# done\n")]))

    text = "from cdktf import App\nx = Old\n"
    result = process("a.py", text.encode(), [Rename(), Content()], Context(Config()), fix=True)
    assert result.fixed.decode() == "from cdktf import App\nx = New\n# done\n"
    assert order[:2] == ["rename", "old"] and order[-1] == "new"  # content applied only once names settled


def test_a_rule_that_raises_is_an_internal_error_for_that_file_only():
    from iacfix.config import Config
    from iacfix.engine import Context, process
    from iacfix.rules import Rule

    class Broken(Rule):
        id, slug, summary, languages = "T903", "t-broken", "broken", ("python",)

        def check(self, doc, ctx):
            raise AttributeError("'NoneType' object has no attribute 'rpartition'")

    text = b"from cdktf import App\n"
    result = process("a.py", text, [Broken()], Context(Config()), fix=True)
    assert result.fixed is None and not result.applied
    assert "T903 (t-broken) crashed: AttributeError" in result.internal_error
