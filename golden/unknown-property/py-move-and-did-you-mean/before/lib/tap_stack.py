"""Order-events service: target group, queue and a scheduled retry rule (CDKTF, Python)."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup, LbTargetGroupHealthCheck
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue
from cdktf_cdktf_provider_aws.cloudwatch_event_rule import CloudwatchEventRule
from cdktf_cdktf_provider_aws.cloudwatch_event_target import CloudwatchEventTarget


class TapStack(TerraformStack):
    """Target group with health checks, an events queue and a rule that feeds it."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        suffix = kwargs.get("environment_suffix", "dev")
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))

        target_group = LbTargetGroup(
            self,
            "orders-tg",
            name=f"orders-{suffix}",
            port=8080,
            protocol="HTTP",
            target_type="ip",
            health_check=LbTargetGroupHealthCheck(path="/health", matcher="200"),
            healthy_threshold=3,
            unhealthy_threshold=2,
        )

        queue = SqsQueue(
            self,
            "orders-queue",
            name=f"orders-{suffix}",
            visibility_timeout=60,
            message_retention_seconds=345600,
        )

        rule = CloudwatchEventRule(self, "orders-rule", name=f"orders-{suffix}",
                                   schedule_expression="rate(5 minutes)")
        CloudwatchEventTarget(
            self,
            "orders-target",
            rule=rule.name,
            arn=queue.arn,
            retry_policy={"maximum_event_age": 3600, "maximum_retry_attempts": 2},
        )

        TerraformOutput(self, "target_group_arn", value=target_group.arn)
