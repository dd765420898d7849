"""Already correct: real provider names, some of which look like the wrong ones."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.cloudtrail import Cloudtrail
from cdktf_cdktf_provider_aws.cloudwatch_event_rule import CloudwatchEventRule
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws import flow_log
# RdsCluster is a real Terraform name (aws_rds_cluster) and must not become a Db… name
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableAttribute


class EventbridgeRule:
    """A local helper whose name looks like an invented provider class."""

    def __init__(self, schedule: str):
        self.schedule = schedule


class TapStack(TerraformStack):
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

        logs = S3Bucket(self, "trail-logs", bucket=f"trail-logs-{environment_suffix}")
        # construct ids and comments may say "cloudtrail_trail" or "vpc_flow_log"
        Cloudtrail(self, "cloudtrail_trail", name="vpc_flow_log", s3_bucket_name=logs.bucket)
        flow_log.FlowLog(
            self, "vpc_flow_log", vpc_id="vpc-0123456789abcdef0", traffic_type="ALL",
            log_destination=logs.arn, log_destination_type="s3",
        )

        nightly = EventbridgeRule("rate(1 day)")
        CloudwatchEventRule(self, "nightly", schedule_expression=nightly.schedule)

        DynamodbTable(
            self, "events", name=f"events-{environment_suffix}", hash_key="id", billing_mode="PAY_PER_REQUEST",
            attribute=[DynamodbTableAttribute(name="id", type="S")], stream_enabled=True,
            stream_view_type="NEW_IMAGE",
        )
        cluster = RdsCluster(
            self, "cluster", cluster_identifier=f"app-{environment_suffix}", engine="aurora-postgresql",
            master_username="app", manage_master_user_password=True, storage_encrypted=True,
            skip_final_snapshot=True,
        )
        TerraformOutput(self, "cluster_endpoint", value=cluster.endpoint)
