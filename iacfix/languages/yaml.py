"""YAML and JSON documents (CloudFormation templates, CI workflows) parsed with ruamel.yaml.

ruamel is used to parse and to locate (`.lc` line/column marks); edits are text splices computed
from those marks, so bytes the fix does not touch never go through the emitter.
"""
from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from iacfix.languages.base import Document, ParseError, Source


def load(text: str) -> Any:
    """Round-trip load; CloudFormation short forms (`!Ref`, `!Sub`, `!GetAtt` …) load as tagged nodes."""
    return load_with_tree(text)[0]


def load_with_tree(text: str) -> tuple[Any, Any]:
    """(data, composed node tree) from one parse (the tree is None when the text has merge keys:
    constructing `<<` edits the nodes, so the tree must then be composed on its own)."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        constructor, parser = yaml.get_constructor_parser(io.StringIO(text))
        try:
            node = constructor.composer.get_single_node()
            data = constructor.construct_document(node) if node is not None else None
        finally:
            parser.dispose()
        return data, node if "<<" not in text else None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ParseError(str(getattr(exc, "problem", None) or exc).splitlines()[0],
                         mark.line + 1 if mark is not None else None) from None
    except (ValueError, TypeError, RecursionError) as exc:  # ruamel raises these on some bad input
        raise ParseError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None


def verify(text: str, path: str = "x.yaml") -> list[str]:
    try:
        load(text)
    except ParseError as exc:
        return [f"line {exc.line}: {exc}" if exc.line else str(exc)]
    return []


class YamlDocument(Document):
    """A loaded YAML/JSON document with path-based location."""

    def __init__(self, source: Source, data: Any):
        super().__init__(source)
        self.data = data

    def get(self, path: tuple) -> Any:
        node = self.data
        for key in path:
            node = node[key]
        return node

    def key_offset(self, path: tuple) -> int:
        """Character offset where the key (or sequence item) at `path` starts."""
        parent = self.get(path[:-1])
        line, col = parent.lc.key(path[-1]) if isinstance(path[-1], str) else parent.lc.item(path[-1])
        return self.source.offset(line + 1, col)

    def value_offset(self, path: tuple) -> int:
        """Character offset where the value at `path` starts."""
        parent = self.get(path[:-1])
        line, col = parent.lc.value(path[-1]) if isinstance(path[-1], str) else parent.lc.item(path[-1])
        return self.source.offset(line + 1, col)
