"""Adding an argument / object member next to an existing one, in the layout the code already has.

Shared by IAC109 and IAC320: a keyword argument of a Python call or a member of a TypeScript
object literal gets a sibling. When the existing item starts its own line, the sibling gets its
own line below it (after any trailing comment on that line, which stays where it is), with the
same indentation and the same trailing-comma habit; otherwise `, sibling` follows the item on the
same line.
"""
from __future__ import annotations

import re

_REST = {
    "python": re.compile(r"[ \t]*(,)?[ \t]*(?:#[^\r\n]*)?(\r?\n)"),
    "typescript": re.compile(r"[ \t]*(,)?[ \t]*(?://[^\r\n]*)?(\r?\n)"),
}


def insert_after(source, language: str, item_start: int, item_end: int, new_item: str) -> list:
    """Edits that add `new_item` (e.g. `x=1` / `x: 1`) as the sibling following the item that
    spans [item_start, item_end)."""
    text = source.text
    line_start = text.rfind("\n", 0, item_start) + 1
    prefix = text[line_start:item_start]
    m = _REST[language].match(text, item_end)
    if prefix.strip() == "" and m is not None:
        indent, nl = prefix, m.group(2)
        at = m.end()
        if m.group(1):
            return [source.edit(at, at, f"{indent}{new_item},{nl}")]
        # the last item without a trailing comma: it gets one, the new item none (same habit)
        return [source.edit(item_end, item_end, ","), source.edit(at, at, f"{indent}{new_item}{nl}")]
    return [source.edit(item_end, item_end, f", {new_item}")]
