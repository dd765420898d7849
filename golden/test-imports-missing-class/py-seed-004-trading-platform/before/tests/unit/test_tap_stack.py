"""Unit tests for the trading platform stack."""
import json

from cdktf import App, Testing
from lib.tap_stack import TapStack  # INCORRECT - class doesn't exist


def synth(**kwargs):
    app = App()
    stack = TapStack(app, "TestStack", region="us-east-1", environment_suffix="test", **kwargs)
    return json.loads(Testing.synth(stack))


def test_orders_table_is_named_with_the_suffix():
    resources = synth()["resource"]["aws_dynamodb_table"]
    assert resources["orders"]["name"] == "orders-test"


def test_stack_class():
    assert TapStack.__name__.endswith("Stack")
