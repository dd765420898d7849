"""Unit tests: nested blocks synthesize in the shape Terraform expects."""

import json

from cdktf import Testing

from lib.tap_stack import TapStack


class TestTapStack:
    """One synth per test."""

    def setup_method(self):
        app = Testing.app()
        stack = TapStack(app, "TestStack", environment_suffix="test", aws_region="us-east-1")
        self.resources = json.loads(Testing.synth(stack))["resource"]

    def test_orders_table_index_and_recovery(self):
        table = next(iter(self.resources["aws_dynamodb_table"].values()))
        assert table["global_secondary_index"][0]["name"] == "by-customer"
        assert table["point_in_time_recovery"] == {"enabled": True}

    def test_service_registered_with_target_group(self):
        service = next(iter(self.resources["aws_ecs_service"].values()))
        assert service["load_balancer"][0]["container_port"] == 8080
        assert service["network_configuration"]["assign_public_ip"] is False

    def test_listener_forwards(self):
        listener = self.resources["aws_lb_listener"]["listener"]
        assert listener["default_action"][0]["type"] == "forward"
