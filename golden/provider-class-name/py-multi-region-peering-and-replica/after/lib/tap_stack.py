"""Active/passive payments platform: VPC peering and a DynamoDB global table across two regions."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.vpc_peering_connection import VpcPeeringConnection
from cdktf_cdktf_provider_aws.vpc_peering_connection_accepter import (
    VpcPeeringConnectionAccepterA,
    VpcPeeringConnectionAccepterAccepter,
)
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableAttribute
from cdktf_cdktf_provider_aws.dynamodb_table_replica import DynamodbTableReplicaA

SECONDARY_REGION = "us-west-2"


class TapStack(TerraformStack):
    """Primary region resources plus the secondary-region halves."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        primary = AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        secondary = AwsProvider(
            self,
            "aws-secondary",
            alias="secondary",
            region=SECONDARY_REGION,
            default_tags=[default_tags],
        )

        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        caller = DataAwsCallerIdentity(self, "caller", provider=primary)

        primary_vpc = Vpc(
            self,
            "primary-vpc",
            cidr_block="10.10.0.0/16",
            enable_dns_hostnames=True,
            tags={"Name": f"payments-primary-{environment_suffix}"},
        )
        secondary_vpc = Vpc(
            self,
            "secondary-vpc",
            provider=secondary,
            cidr_block="10.20.0.0/16",
            enable_dns_hostnames=True,
            tags={"Name": f"payments-secondary-{environment_suffix}"},
        )

        peering = VpcPeeringConnection(
            self,
            "primary-to-secondary",
            vpc_id=primary_vpc.id,
            peer_vpc_id=secondary_vpc.id,
            peer_region=SECONDARY_REGION,
            peer_owner_id=caller.account_id,
            auto_accept=False,
            tags={"Name": f"payments-peering-{environment_suffix}"},
        )

        # the accepter side lives in the secondary region
        accepter: VpcPeeringConnectionAccepterA = VpcPeeringConnectionAccepterA(
            self,
            "secondary-accepter",
            provider=secondary,
            vpc_peering_connection_id=peering.id,
            auto_accept=True,
            accepter=VpcPeeringConnectionAccepterAccepter(allow_remote_vpc_dns_resolution=True),
        )

        table = DynamodbTable(
            self,
            "payments-table",
            name=f"payments-{environment_suffix}",
            billing_mode="PAY_PER_REQUEST",
            hash_key="paymentId",
            attribute=[DynamodbTableAttribute(name="paymentId", type="S")],
            stream_enabled=True,
            stream_view_type="NEW_AND_OLD_IMAGES",
        )

        DynamodbTableReplicaA(
            self,
            "payments-table-replica",
            provider=secondary,
            global_table_arn=table.arn,
            point_in_time_recovery=True,
        )

        TerraformOutput(self, "peering_connection_id", value=accepter.id)
        TerraformOutput(self, "table_name", value=table.name)
