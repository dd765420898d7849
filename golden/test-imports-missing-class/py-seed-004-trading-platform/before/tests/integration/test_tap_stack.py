"""Integration test: the stack synthesizes with a provider."""
from cdktf import App, Testing
from lib.tap_stack import (
    TapStack,
)


class TestTapStackIntegration:
    def test_has_provider(self):
        stack = TapStack(App(), "IntegrationStack", region="us-east-1", environment_suffix="int")
        assert Testing.to_have_provider(Testing.synth(stack), "aws")
