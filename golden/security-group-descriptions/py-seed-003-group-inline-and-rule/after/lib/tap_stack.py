"""Database tier (seed 003 #12, #13): security groups and rules without descriptions."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress, SecurityGroupEgress
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule


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

        app_sg = SecurityGroup(
            self,
            "app_sg",
            name=f"app-sg-{environment_suffix}",
            description="Application tier",
            vpc_id="vpc-0123456789abcdef0",
        )

        db_sg = SecurityGroup(
            self,
            "db_sg",
            name=f"db-sg-{environment_suffix}",
            vpc_id="vpc-0123456789abcdef0",
            ingress=[
                SecurityGroupIngress(
                    from_port=5432,
                    to_port=5432,
                    protocol="tcp",
                    security_groups=[app_sg.id],
                    description="PostgreSQL (TCP 5432) from app_sg",
                ),
            ],
            egress=[SecurityGroupEgress(from_port=0, to_port=0, protocol="-1", cidr_blocks=["0.0.0.0/0"], description="All traffic to 0.0.0.0/0")],
            description="Security group for db_sg",
        )

        # the app listens on 8080 inside the VPC
        SecurityGroupRule(
            self,
            "app_from_vpc",
            type="ingress",
            from_port=8080,
            to_port=8080,
            protocol="tcp",
            cidr_blocks=["10.0.0.0/16"],
            security_group_id=app_sg.id,
            description="TCP 8080 from 10.0.0.0/16"
        )

        TerraformOutput(self, "db_sg_id", value=db_sg.id)
