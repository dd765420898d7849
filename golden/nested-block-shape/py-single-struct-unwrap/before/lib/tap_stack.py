"""Web tier: launch template, auto scaling group and ALB target group."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_ami import DataAwsAmi, DataAwsAmiFilter
from cdktf_cdktf_provider_aws.data_aws_vpc import DataAwsVpc
from cdktf_cdktf_provider_aws.data_aws_subnets import DataAwsSubnets, DataAwsSubnetsFilter
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.iam_instance_profile import IamInstanceProfile
from cdktf_cdktf_provider_aws.launch_template import (
    LaunchTemplate,
    LaunchTemplateMetadataOptions,
    LaunchTemplateMonitoring,
)
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup, LbTargetGroupHealthCheck
from cdktf_cdktf_provider_aws.autoscaling_group import (
    AutoscalingGroup,
    AutoscalingGroupLaunchTemplate,
    AutoscalingGroupTag,
)
import json


class TapStack(TerraformStack):
    """Auto-scaled web servers behind a target group."""

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

        vpc = DataAwsVpc(self, "default-vpc", default=True)
        subnets = DataAwsSubnets(
            self,
            "default-subnets",
            filter=[DataAwsSubnetsFilter(name="vpc-id", values=[vpc.id])],
        )
        ami = DataAwsAmi(
            self,
            "al2023",
            most_recent=True,
            owners=["amazon"],
            filter=[DataAwsAmiFilter(name="name", values=["al2023-ami-*-x86_64"])],
        )

        role = IamRole(
            self,
            "web-role",
            name=f"web-role-{environment_suffix}",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "ec2.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }],
            }),
        )
        instance_profile = IamInstanceProfile(
            self, "web-profile", name=f"web-profile-{environment_suffix}", role=role.name
        )

        template = LaunchTemplate(
            self,
            "web-template",
            name_prefix=f"web-{environment_suffix}-",
            image_id=ami.id,
            instance_type="t3.micro",
            iam_instance_profile=[{"name": instance_profile.name}],
            monitoring=[ LaunchTemplateMonitoring(enabled=True) ],
            metadata_options=[LaunchTemplateMetadataOptions(
                http_endpoint="enabled",
                http_tokens="required",  # IMDSv2 only
                http_put_response_hop_limit=1,
            )],
        )

        target_group = LbTargetGroup(
            self,
            "web-tg",
            name=f"web-tg-{environment_suffix}",
            port=80,
            protocol="HTTP",
            vpc_id=vpc.id,
            health_check=[
                LbTargetGroupHealthCheck(
                    enabled=True,
                    path="/health",
                    healthy_threshold=2,
                    unhealthy_threshold=3,
                    interval=30,
                    matcher="200-299",
                ),
            ],
            stickiness=[{"type": "lb_cookie", "cookie_duration": 3600, "enabled": True}],
        )

        AutoscalingGroup(
            self,
            "web-asg",
            name=f"web-asg-{environment_suffix}",
            min_size=2,
            max_size=6,
            desired_capacity=2,
            vpc_zone_identifier=subnets.ids,
            target_group_arns=[target_group.arn],
            health_check_type="ELB",
            launch_template=[AutoscalingGroupLaunchTemplate(id=template.id, version="$Latest")],
            tag=[AutoscalingGroupTag(key="Name", value=f"web-{environment_suffix}", propagate_at_launch=True)],
        )

        TerraformOutput(self, "target_group_arn", value=target_group.arn)
