"""Audit trail, VPC flow logs and a nightly job, written with CDK/CloudFormation-style module names."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.eventbridge_rule import EventbridgeRule
from cdktf_cdktf_provider_aws.eventbridge_target import (
    EventbridgeTarget,  # the nightly job
    EventbridgeTargetRetryPolicy,
)
from cdktf_cdktf_provider_aws import cloudtrail_trail
import cdktf_cdktf_provider_aws.vpc_flow_log as flow_log


class TapStack(TerraformStack):
    """Audit and scheduling resources."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        logs = S3Bucket(self, "audit-logs", bucket=f"audit-logs-{environment_suffix}", force_destroy=True)
        trail: cloudtrail_trail.CloudtrailTrail = cloudtrail_trail.CloudtrailTrail(
            self,
            "audit-trail",
            name=f"audit-trail-{environment_suffix}",
            s3_bucket_name=logs.bucket,
            is_multi_region_trail=True,
        )

        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
        flow_log.VpcFlowLog(
            self,
            "flow-log",
            vpc_id=vpc.id,
            traffic_type="ALL",
            log_destination=logs.arn,
            log_destination_type="s3",
        )

        rule = EventbridgeRule(
            self, "nightly", name=f"nightly-{environment_suffix}", schedule_expression="cron(0 3 * * ? *)"
        )
        EventbridgeTarget(
            self,
            "nightly-target",
            rule=rule.name,
            arn=f"arn:aws:lambda:{aws_region}:123456789012:function:nightly",
            retry_policy=EventbridgeTargetRetryPolicy(maximum_retry_attempts=2, maximum_event_age_in_seconds=3600),
        )

        TerraformOutput(self, "trail_arn", value=trail.arn)
