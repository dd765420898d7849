"""Orders table."""

from constructs import Construct
from cdktf_cdktf_provider_aws.dynamodb_table import (
    DynamodbTable,
    DynamodbTableAttribute,
    DynamodbTablePointInTimeRecovery,
    DynamodbTableTtl,
    DynamodbTableGlobalSecondaryIndex,
)


class OrdersTable(Construct):
    """On-demand orders table with a per-customer index."""

    def __init__(self, scope: Construct, construct_id: str, *, environment_suffix: str):
        super().__init__(scope, construct_id)

        self.table = DynamodbTable(
            self,
            "orders",
            name=f"orders-{environment_suffix}",
            billing_mode="PAY_PER_REQUEST",
            hash_key="orderId",
            range_key="createdAt",
            attribute=[
                DynamodbTableAttribute(name="orderId", type="S"),
                DynamodbTableAttribute(name="createdAt", type="S"),
                DynamodbTableAttribute(name="customerId", type="S"),
            ],
            global_secondary_index=[DynamodbTableGlobalSecondaryIndex(
                name="by-customer",
                hash_key="customerId",
                range_key="createdAt",
                projection_type="ALL",
            )],
            point_in_time_recovery=DynamodbTablePointInTimeRecovery(enabled=True),
            ttl=DynamodbTableTtl(attribute_name="expiresAt", enabled=True),
            server_side_encryption={"enabled": True},
        )
