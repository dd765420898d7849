"""What every language front end shares: the source text and its offset arithmetic."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from iacfix.fixes import Applicability, Edit, Finding, Fix


class ParseError(Exception):
    """The text is not valid in its language; `line` is 1-based when known. A subclass with
    `skip = True` means valid input the front end cannot analyse: skipped with a notice."""

    skip = False

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass
class Source:
    """A decoded file. Front ends locate nodes in characters; fixes are written in bytes."""

    path: str
    data: bytes
    text: str

    def __post_init__(self) -> None:
        self._line_starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            self._line_starts.append(i + 1)
            i = find("\n", i + 1)
        self._ascii = self.text.isascii()

    @property
    def newline(self) -> str:
        """The file's line end, for text a fix inserts."""
        return "\r\n" if "\r\n" in self.text else "\n"

    def offset(self, line: int, column: int) -> int:
        """Character offset of a 1-based line and 0-based character column."""
        return self._line_starts[line - 1] + column

    def offset_of_byte(self, line: int, byte_column: int) -> int:
        """Character offset of a 1-based line and 0-based UTF-8 byte column (as `ast` gives)."""
        start = self._line_starts[line - 1]
        if self._ascii:
            return start + byte_column
        prefix = self.text[start:start + byte_column].encode("utf-8")[:byte_column]
        return start + len(prefix.decode("utf-8", "ignore"))

    def linecol(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column of a character offset."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def byte(self, offset: int) -> int:
        """Byte offset of a character offset."""
        if self._ascii:
            return offset
        line, col = self.linecol(offset)
        start = self._line_starts[line - 1]
        return len(self.text[:start].encode("utf-8")) + len(self.text[start:offset].encode("utf-8"))

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def edit(self, start: int, end: int, text: str) -> Edit:
        """An edit over the character range [start, end)."""
        return Edit(self.byte(start), self.byte(end), text)

    def finding(self, rule, start: int, end: int, message: str, edits=None,
                applicability: Applicability | None = None) -> Finding:
        """A finding of `rule` over the character range [start, end), with a fix when `edits` is given."""
        fix = None
        if edits is not None:
            fix = Fix(edits, applicability or rule.applicability)
        line, col = self.linecol(start)
        end_line, end_col = self.linecol(end)
        return Finding(rule.id, self.path, line, col, end_line, end_col, message, fix, rule.slug)


class Document:
    """A parsed file. Subclasses add the language's tree and helpers."""

    language: str = ""

    def __init__(self, source: Source):
        self.source = source

    @property
    def text(self) -> str:
        return self.source.text
