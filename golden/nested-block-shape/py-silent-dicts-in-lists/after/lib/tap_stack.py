"""Internal ALB for the orders API: listener actions written as dicts inside lists."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress, SecurityGroupEgress
from cdktf_cdktf_provider_aws.lb import Lb
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup, LbTargetGroupHealthCheck
from cdktf_cdktf_provider_aws.lb_listener import LbListener, LbListenerDefaultAction


class TapStack(TerraformStack):
    """VPC, internal ALB, target group and two listeners."""

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

        vpc = Vpc(self, "vpc", cidr_block="10.40.0.0/16", tags={"Name": f"orders-{environment_suffix}"})
        subnets = [
            Subnet(
                self,
                f"private-{i}",
                vpc_id=vpc.id,
                cidr_block=f"10.40.{i}.0/24",
                availability_zone=f"{aws_region}{az}",
                tags={"Name": f"orders-private-{az}-{environment_suffix}"},
            )
            for i, az in enumerate(["a", "b"])
        ]

        alb_sg = SecurityGroup(
            self,
            "alb-sg",
            name=f"orders-alb-{environment_suffix}",
            vpc_id=vpc.id,
            ingress=[SecurityGroupIngress(from_port=80, to_port=80, protocol="tcp", cidr_blocks=["10.0.0.0/8"])],
            egress=[SecurityGroupEgress(from_port=0, to_port=0, protocol="-1", cidr_blocks=["0.0.0.0/0"])],
        )

        alb = Lb(
            self,
            "alb",
            name=f"orders-alb-{environment_suffix}",
            internal=True,
            load_balancer_type="application",
            security_groups=[alb_sg.id],
            subnets=[s.id for s in subnets],
        )

        target_group = LbTargetGroup(
            self,
            "orders-tg",
            name=f"orders-tg-{environment_suffix}",
            port=8080,
            protocol="HTTP",
            target_type="ip",
            vpc_id=vpc.id,
            health_check=LbTargetGroupHealthCheck(path="/healthz", matcher="200"),
        )

        LbListener(
            self,
            "http-listener",
            load_balancer_arn=alb.arn,
            port=80,
            protocol="HTTP",
            default_action=[LbListenerDefaultAction(type="forward", target_group_arn=target_group.arn)],
        )

        # maintenance port answers with a fixed page
        LbListener(
            self,
            "maintenance-listener",
            load_balancer_arn=alb.arn,
            port=8081,
            protocol="HTTP",
            default_action=[
                LbListenerDefaultAction(
                    type="fixed-response",
                    fixed_response={
                        "content_type": "text/plain",
                        "message_body": "orders API is under maintenance",
                        "status_code": "503",
                    },
                )
            ],
        )

        TerraformOutput(self, "alb_dns_name", value=alb.dns_name)
