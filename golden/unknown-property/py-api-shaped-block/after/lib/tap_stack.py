"""Order workflow: two Step Functions state machines logging to CloudWatch (CDKTF, Python)."""

import json

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws import sfn_state_machine as sfn


class TapStack(TerraformStack):
    """A standard and an express state machine, both logging every execution."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))

        log_group = CloudwatchLogGroup(self, "sfn_logs", name="/aws/states/orders", retention_in_days=14)
        role = IamRole(self, "sfn_role", name="orders-sfn", assume_role_policy=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                           "Principal": {"Service": "states.amazonaws.com"}}],
        }))
        definition = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})

        orders = sfn.SfnStateMachine(
            self,
            "orders",
            name="orders",
            role_arn=role.arn,
            definition=definition,
            logging_configuration={
                "level": "ALL",
                "include_execution_data": True,
                "log_destination": f"{log_group.arn}:*"
            }
        )

        sfn.SfnStateMachine(
            self,
            "orders_express",
            name="orders-express",
            type="EXPRESS",
            role_arn=role.arn,
            definition=definition,
            logging_configuration=sfn.SfnStateMachineLoggingConfiguration(
                level="ERROR",
                log_destination=f"{log_group.arn}:*",
            ),
        )

        TerraformOutput(self, "state_machine_arn", value=orders.arn)
