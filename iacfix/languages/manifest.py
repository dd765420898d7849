"""Project manifests of CDKTF projects: `requirements*.txt`, `Pipfile`, `package.json`, `cdktf.json`.

They are not IaC, but they decide which cdktf, provider and constructs versions the code runs on
and how `cdktf synth` starts it. A manifest is ours only when it names cdktf (or cdktn/constructs):
an unrelated `package.json` is not parsed. Detection is by file name (EXTENSIONS are matched as
name suffixes by the file walker). The document keeps the text and, for JSON and TOML, the data;
rules locate what they edit in the text themselves (manifests are small and line-oriented).
"""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import PurePath

from iacfix.languages.base import Document, ParseError, Source

NAME = "manifest"
EXTENSIONS = ("requirements.txt", "Pipfile", "package.json", "cdktf.json")
_REQUIREMENTS = re.compile(r"^requirements(?:[-_.][\w.-]*)?\.txt$")
_MENTIONS = re.compile(r"cdktf|cdktn|\bconstructs\b")


def kind_of(path: str) -> str | None:
    """`requirements`, `pipfile`, `package.json`, `cdktf.json`, or None."""
    name = PurePath(path.replace("\\", "/")).name
    if name in ("package.json", "cdktf.json"):
        return name
    if name == "Pipfile":
        return "pipfile"
    if _REQUIREMENTS.match(name):
        return "requirements"
    return None


def detect(path: str, text: str) -> bool:
    kind = kind_of(path)
    if kind is None:
        return False
    return kind == "cdktf.json" or bool(_MENTIONS.search(text))


def _load(kind: str, text: str):
    if kind in ("package.json", "cdktf.json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ParseError(exc.msg, exc.lineno) from None
        if not isinstance(data, dict):
            raise ParseError(f"{kind} must hold an object")
        return data
    if kind == "pipfile":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ParseError(str(exc).split(" (at line")[0]) from None
    return None


def verify(text: str, path: str = "requirements.txt") -> list[str]:
    try:
        _load(kind_of(path) or "requirements", text)
    except ParseError as exc:
        return [f"line {exc.line}: {exc}" if exc.line else str(exc)]
    return []


class ManifestDocument(Document):
    language = NAME

    def __init__(self, source: Source, kind: str, data):
        super().__init__(source)
        self.kind = kind
        self.data = data


class Unreadable(ParseError):
    """A manifest its own tool (npm, pipenv, cdktf) would reject: that tool reports it; iacfix skips
    the file with a notice instead of an input error."""

    skip = True


def parse(source: Source) -> ManifestDocument:
    kind = kind_of(source.path) or "requirements"
    try:
        return ManifestDocument(source, kind, _load(kind, source.text))
    except ParseError as exc:
        where = f" (line {exc.line})" if exc.line else ""
        raise Unreadable(f"not a valid {kind}: {exc}{where}; not checked", exc.line) from None
