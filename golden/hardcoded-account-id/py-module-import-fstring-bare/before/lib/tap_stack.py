"""Audit stack: an SNS topic readable by the account and a role per auditor (real-code variant)."""
import json

from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws import iam_role, sns_topic, sns_topic_policy


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        environment_suffix = kwargs.get("environment_suffix", "dev")
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))

        topic = sns_topic.SnsTopic(self, "alerts", name=f"alerts-{environment_suffix}")
        # the account may publish
        sns_topic_policy.SnsTopicPolicy(
            self,
            "alerts-policy",
            arn=topic.arn,
            policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"AWS": "123456789012"},
                    "Action": "sns:Publish",
                    "Resource": f"arn:aws:sns:us-east-1:123456789012:alerts-{environment_suffix}",
                }],
            }),
        )
        for name in ("alice", "bob"):
            iam_role.IamRole(
                self,
                f"auditor-{name}",
                name=f"auditor-{name}-{environment_suffix}",
                assume_role_policy=json.dumps({
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Principal": {"AWS": 'arn:aws:iam::123456789012:user/{name}'},  # {name} is IAM text
                        "Action": "sts:AssumeRole",
                    }],
                }),
            )
