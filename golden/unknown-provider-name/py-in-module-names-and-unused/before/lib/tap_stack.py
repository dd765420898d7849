"""Orders table, its stream consumer and the reporting database."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.db_instance import RdsInstance
from cdktf_cdktf_provider_aws.dynamodb_table import (
    DynamodbTable,
    DynamodbTableAttribute,
    DynamodbTableStreamSpecification,
    DynamodbTableTtl,
)
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunctionV2 as Function
from cdktf_cdktf_provider_aws.lambda_event_source_mapping import LambdaEventSourceMapping
import cdktf_cdktf_provider_aws.vpc_flow_log


class TapStack(TerraformStack):
    """DynamoDB stream processing and an RDS reporting replica."""

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

        # the stream is configured on the table itself in Terraform
        orders = DynamodbTable(
            self,
            "orders",
            name=f"orders-{environment_suffix}",
            billing_mode="PAY_PER_REQUEST",
            hash_key="order_id",
            attribute=[DynamodbTableAttribute(name="order_id", type="S")],
            ttl=DynamodbTableTtl(attribute_name="expires_at", enabled=True),
            stream_enabled=True,
            stream_view_type="NEW_AND_OLD_IMAGES",
        )

        consumer = Function(
            self,
            "consumer",
            function_name=f"orders-consumer-{environment_suffix}",
            role=f"arn:aws:iam::123456789012:role/orders-consumer-{environment_suffix}",
            runtime="python3.12",
            handler="index.handler",
            s3_bucket=state_bucket,
            s3_key="consumer.zip",
        )
        LambdaEventSourceMapping(
            self,
            "orders-stream",
            event_source_arn=orders.stream_arn,
            function_name=consumer.function_name,
            starting_position="LATEST",
        )

        reporting: RdsInstance = RdsInstance(
            self,
            "reporting",
            identifier=f"reporting-{environment_suffix}",
            engine="postgres",
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="report",
            manage_master_user_password=True,
            storage_encrypted=True,
            skip_final_snapshot=True,
        )

        cdktf_cdktf_provider_aws.vpc_flow_log.VpcFlowLog(
            self,
            "flow-log",
            vpc_id="vpc-0123456789abcdef0",
            traffic_type="REJECT",
            log_destination=f"arn:aws:s3:::{state_bucket}",
            log_destination_type="s3",
        )

        TerraformOutput(self, "reporting_endpoint", value=reporting.endpoint)
