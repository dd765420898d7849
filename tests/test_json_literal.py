"""IAC121 json-literal: edge cases beyond the rule's examples."""
import pytest

from iacfix.config import Config
from iacfix.engine import Context, process
from iacfix.codemods.json_literal import JsonLiteral

HEAD = "from cdktf import TerraformStack\n"


def fixed(body: str) -> str:
    text = HEAD + body
    result = process("lib/stack.py", text.encode(), [JsonLiteral()], Context(Config()), fix=True)
    return (result.fixed or text.encode()).decode()[len(HEAD):]


def test_every_literal_in_nested_structures_and_calls():
    assert fixed('x = [true, {"a": null}, f(false)]\n') == 'x = [True, {"a": None}, f(False)]\n'


@pytest.mark.parametrize("binding", [
    "def f(null):\n    return null\n",
    "from m import x as false\ny = false\n",
    "for true in range(2):\n    pass\ny = true\n",
    "try:\n    pass\nexcept Exception as null:\n    y = null\n",
    "match v:\n    case {**null}:\n        y = null\n",
])
def test_a_name_bound_anywhere_in_the_module_is_left_alone(binding):
    assert fixed(binding) == binding


def test_strings_and_attributes_are_not_names():
    body = 'x = {"enabled": "true", "v": obj.null, "w": "null"}\n'
    assert fixed(body) == body
