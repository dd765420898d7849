from iacfix.fixes import Applicability, Edit, Finding, Fix, apply_fixes
from iacfix.languages.base import Source


def finding(*edits, rule="T1"):
    return Finding(rule, "f", 1, 1, 1, 1, "m", Fix(list(edits)))


def test_edits_apply_in_offset_order_regardless_of_report_order():
    out = apply_fixes(b"abcdef", [finding(Edit(4, 5, "E")), finding(Edit(0, 1, "A"))])
    assert out.data == b"AbcdEf"
    assert len(out.applied) == 2 and not out.deferred


def test_overlapping_fix_is_deferred_whole():
    first = finding(Edit(0, 3, "X"))
    second = finding(Edit(2, 4, "Y"), Edit(5, 6, "Z"))
    out = apply_fixes(b"abcdef", [second, first])
    assert out.data == b"Xdef"
    assert out.deferred == [second]


def test_identical_edits_from_two_fixes_are_shared():
    imp = Edit(0, 0, "import x\n")
    out = apply_fixes(b"a b", [finding(imp, Edit(0, 1, "A")), finding(imp, Edit(2, 3, "B"))])
    assert out.data == b"import x\nA B"
    assert len(out.applied) == 2


def test_insertions_at_the_same_point_conflict():
    out = apply_fixes(b"ab", [finding(Edit(1, 1, "X")), finding(Edit(1, 1, "Y"))])
    assert out.data in (b"aXb", b"aYb")
    assert len(out.deferred) == 1


def test_insertion_touching_a_replacement_conflicts():
    out = apply_fixes(b"abc", [finding(Edit(0, 1, "A")), finding(Edit(1, 1, "["))])
    assert out.data == b"Abc" and len(out.deferred) == 1


def test_display_fix_keeps_applicability():
    fix = Fix([Edit(0, 1, "x")], Applicability.DISPLAY)
    assert fix.applicability is Applicability.DISPLAY
    assert not Finding("T", "f", 1, 1, 1, 1, "m", fix).fixable


def test_source_offsets_are_bytes_for_non_ascii_text():
    text = "# é\nx = 'ü'\n"
    src = Source("f.py", text.encode(), text)
    start = text.index("'")
    edit = src.edit(start, start + 3, '"v"')
    data = text.encode()
    assert data[edit.start:edit.end].decode() == "'ü'"
    assert src.linecol(start) == (2, 5)
