"""Deleting a whole statement (or comment) from source text without disturbing its neighbours.

Used by IAC104 (an `add_override` call) and IAC401 (a `// @ts-nocheck` line); `remove_list_item`
takes one name out of an import list (IAC112, IAC122). The range removed is
the statement itself; when it is alone on its line(s), the whole line goes (its indentation and its
line end), so no blank line is left behind. A comment after it on the same line stays, on its line.
"""
from __future__ import annotations


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """(start of the line holding `start`, offset of the line end after `end`: its "\\r\\n"/"\\n" or EOF)."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    if le == -1:
        le = len(text)
    elif le > 0 and text[le - 1] == "\r" and le - 1 >= end:
        le -= 1
    return ls, le


def removal_range(text: str, start: int, end: int, comment: str, separator: str = ";") -> tuple[int, int]:
    """The character range to delete so that the statement [start, end) disappears cleanly.

    `comment` is the language's line-comment prefix (`#`, `//`); `separator` the statement
    separator that may follow it on its line (Python's `;`, already inside a TS statement's range).
    """
    ls, le = line_bounds(text, start, end)
    after = text[end:le]
    stripped = after.lstrip(" \t")
    if separator and stripped.startswith(separator):  # `stmt; other` or a trailing `;`
        end += len(after) - len(stripped) + len(separator)
        after = text[end:le]
        stripped = after.lstrip(" \t")
    before = text[ls:start]
    if not before.strip():
        if not stripped:
            # alone on its line(s): the whole line with its line end
            if le < len(text):
                return ls, le + (2 if text.startswith("\r\n", le) else 1)
            # the last line without a line end: take the line end before it instead
            prev = ls - 1
            if prev > 0 and text[prev - 1] == "\r":
                prev -= 1
            return max(prev, 0), le
        # another statement or a comment follows on the line: it keeps the indentation
        return start, end + len(after) - len(stripped)
    # something precedes it on the line: remove the statement and the blanks (and `;`) before it
    head = before.rstrip(" \t")
    if separator and head.endswith(separator) and not stripped:
        head = head[:-1].rstrip(" \t")  # Python `a; stmt` → `a`
    return ls + len(head), end


def remove_list_item(source, items: list[tuple[int, int]], index: int, statement: tuple[int, int], comment: str):
    """Edits deleting item `index` of an import list (its separator with it), or the whole statement when
    it is the only item; None when a comment sits in the text that would go."""
    text = source.text
    if len(items) == 1:
        start, end = removal_range(text, *statement, comment)
        return None if comment in text[statement[0]:statement[1]] else [source.edit(start, end, "")]
    item_start, item_end = items[index]
    line_start = text.rfind("\n", 0, item_start) + 1
    line_end = text.find("\n", item_end)
    line_end = len(text) if line_end == -1 else line_end
    if not text[line_start:item_start].strip() and text[item_end:line_end].strip() in ("", ",") \
            and line_end < len(text):
        return [source.edit(line_start, line_end + 1, "")]  # alone on its line: the line goes
    if index < len(items) - 1:
        start, end = items[index][0], items[index + 1][0]
    else:
        start, end = items[index - 1][1], items[index][1]
    if comment in text[start:end]:
        return None
    return [source.edit(start, end, "")]
