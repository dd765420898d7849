"""`iacfix.codemods._construct_args`: members appended in the container's own layout."""
import ast

import pytest

from iacfix.codemods import _construct_args as args_
from iacfix.fixes import Finding, Fix, apply_fixes
from iacfix.languages import python, typescript
from iacfix.languages.base import Source


def _apply(source: Source, edits) -> str:
    finding = Finding("X", source.path, 1, 1, 1, 1, "", Fix(edits))
    return apply_fixes(source.data, [finding]).data.decode()


def _py_call(text: str):
    source = Source("x.py", text.encode(), text)
    doc = python.PythonDocument(source, ast.parse(text))
    call = next(c for c in doc.calls if getattr(c.func, "id", "") == "Foo")
    return source, args_.PyArgs(doc, call)


class _Prop:
    def __init__(self, name, py_name):
        self.name, self.py_name = name, py_name


ENC = _Prop("storageEncrypted", "storage_encrypted")


@pytest.mark.parametrize("before,after", [
    # one line
    ('Foo(self, "id", a=1)\n', 'Foo(self, "id", a=1, storage_encrypted=True)\n'),
    # one member per line, trailing comma
    ('Foo(\n    self,\n    "id",\n    a=1,\n)\n', 'Foo(\n    self,\n    "id",\n    a=1,\n    storage_encrypted=True,\n)\n'),
    # no trailing comma, a comment ends the last line
    ('Foo(self, "id",\n    a={"x": 1}  # note\n)\n', 'Foo(self, "id",\n    a={"x": 1},  # note\n    storage_encrypted=True\n)\n'),
    # the closing parenthesis on the last member's line
    ('Foo(self, "id",\n    a=1)\n', 'Foo(self, "id",\n    a=1,\n    storage_encrypted=True)\n'),
    # CRLF
    ('Foo(\r\n    self,\r\n    a=1,\r\n)\r\n', 'Foo(\r\n    self,\r\n    a=1,\r\n    storage_encrypted=True,\r\n)\r\n'),
])
def test_python_call(before, after):
    source, view = _py_call(before)
    assert _apply(source, view.add([(ENC, "True")])) == after


def test_python_dict_keeps_key_style():
    text = 'Foo(self, "id", opts={"httpEndpoint": "enabled"})\n'
    source = Source("x.py", text.encode(), text)
    doc = python.PythonDocument(source, ast.parse(text))
    view = args_.PyArgs(doc, doc.calls[0].keywords[0].value)
    tokens = _Prop("httpTokens", "http_tokens")
    assert _apply(source, view.add([(tokens, '"required"')])) == \
        'Foo(self, "id", opts={"httpEndpoint": "enabled", "httpTokens": "required"})\n'
    assert view.get(tokens) is None and view.get(_Prop("httpEndpoint", "http_endpoint")).literal == "enabled"


def test_python_literals_and_splat():
    source, view = _py_call('Foo(self, "id", a=True, b="x", c=y, **rest)\n')
    assert view.splat
    assert view.values["a"].literal is True and view.values["b"].literal == "x"
    assert view.values["c"].literal is args_.NOT_LITERAL


@pytest.mark.parametrize("before,after", [
    ("new Foo(this, 'id', { a: 1 });\n", "new Foo(this, 'id', { a: 1, storageEncrypted: true });\n"),
    ("new Foo(this, 'id', {\n  a: 1,\n});\n", "new Foo(this, 'id', {\n  a: 1,\n  storageEncrypted: true,\n});\n"),
    ("new Foo(this, 'id', {\n  a: 1 // note\n});\n", "new Foo(this, 'id', {\n  a: 1, // note\n  storageEncrypted: true\n});\n"),
    ("new Foo(this, 'id', {});\n", "new Foo(this, 'id', { storageEncrypted: true });\n"),
])
def test_typescript_object(before, after):
    source = Source("x.ts", before.encode(), before)
    doc = typescript.parse(source)
    obj = doc.root.find(kind="object")
    view = args_.TsArgs(doc, obj)
    assert _apply(source, view.add([(ENC, "true")])) == after


def test_typescript_literals():
    text = "new Foo(this, 'id', { a: true, b: 'x', c: `t`, d: y, ...rest });\n"
    source = Source("x.ts", text.encode(), text)
    doc = typescript.parse(source)
    view = args_.TsArgs(doc, doc.root.find(kind="object"))
    assert view.splat
    assert [view.values[k].literal for k in "abc"] == [True, "x", "t"]
    assert view.values["d"].literal is args_.NOT_LITERAL


def test_literal_rendering():
    assert args_.py_literal("true") == '"true"' and args_.py_literal(True) == "True"
    assert args_.ts_literal("it's", "'") == "'it\\'s'" and args_.ts_literal(False) == "false"
