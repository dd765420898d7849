"""Trading platform: encrypted order store."""
from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableAttribute


class TradingPlatformStack(TerraformStack):
    """Orders table encrypted with the platform key."""

    def __init__(self, scope: Construct, construct_id: str, *, region: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        self.region = region
        AwsProvider(self, "aws", region=region)
        key = KmsKey(self, "key", description=f"trading-{environment_suffix}", enable_key_rotation=True)
        table = DynamodbTable(
            self,
            "orders",
            name=f"orders-{environment_suffix}",
            billing_mode="PAY_PER_REQUEST",
            hash_key="order_id",
            attribute=[DynamodbTableAttribute(name="order_id", type="S")],
            server_side_encryption={"enabled": True, "kms_key_arn": key.arn},
        )
        TerraformOutput(self, "orders_table", value=table.name)
