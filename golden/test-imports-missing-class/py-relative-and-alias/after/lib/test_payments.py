from cdktf import App, Testing
from .payments import PaymentsStack as Stack
from .payments import PaymentsStack


def test_synth():
    assert Testing.synth(Stack(App(), "a"))
    assert Testing.synth(PaymentsStack(App(), "b"))
