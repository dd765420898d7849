from cdktf import App, Testing
from lib import tap_stack
from lib.tap_stack import TapStack, DEFAULT_REGION
from lib.stacks import AppStack  # two stack classes there: which one is meant is not ours to guess


def test_tap():
    assert Testing.synth(TapStack(App(), "t")) and DEFAULT_REGION
    assert tap_stack.TapStack


def test_app():
    assert Testing.synth(AppStack(App(), "a"))
