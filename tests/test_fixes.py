from iacfix.fixes import Applicability, Edit, Finding, Fix, apply_fixes
from iacfix.languages.base import Source


def finding(*edits, rule="T1", column=None):
    """A finding located at its first edit, unless `column` says otherwise."""
    column = column or min(e.start for e in edits) + 1
    return Finding(rule, "f", 1, column, 1, column, "m", Fix(list(edits)))


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


def test_insertions_at_the_same_point_apply_in_fix_order():
    first = finding(Edit(1, 1, "Z"), Edit(0, 0, "<"), column=1)  # reported earlier in the file
    second = finding(Edit(1, 1, "A"), Edit(2, 2, ">"), column=2)
    out = apply_fixes(b"ab", [second, first])
    assert out.data == b"<aZAb>"
    assert not out.deferred


def test_insertion_at_the_edge_of_a_replacement_composes():
    out = apply_fixes(b"abc", [finding(Edit(0, 1, "A")), finding(Edit(1, 1, "[")), finding(Edit(0, 0, "<"))])
    assert out.data == b"<A[bc" and not out.deferred


def test_insertion_inside_a_replacement_conflicts():
    out = apply_fixes(b"abc", [finding(Edit(0, 2, "X")), finding(Edit(1, 1, "["))])
    assert out.data == b"Xc" and len(out.deferred) == 1


def test_fixes_are_taken_in_the_order_of_their_findings_not_of_their_edits():
    imp = Edit(0, 0, "import x\n")
    late = finding(imp, Edit(4, 5, "E"), column=5)
    early = finding(imp, Edit(2, 5, "C"), column=3)
    out = apply_fixes(b"abcdef", [late, early])
    assert out.applied == [early] and out.deferred == [late]
    assert out.data == b"import x\nabCf"


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
