from cdktf import App, Testing
from .payments import TapStack as Stack
from .payments import MainStack


def test_synth():
    assert Testing.synth(Stack(App(), "a"))
    assert Testing.synth(MainStack(App(), "b"))
