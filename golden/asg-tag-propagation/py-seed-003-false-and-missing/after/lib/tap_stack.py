"""Web tier (seed 003 #16): Auto Scaling group tags that never reach the instances."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.launch_template import LaunchTemplate
from cdktf_cdktf_provider_aws.autoscaling_group import (
    AutoscalingGroup,
    AutoscalingGroupLaunchTemplate,
    AutoscalingGroupTag,
)


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

        launch_template = LaunchTemplate(
            self,
            "launch_template",
            name_prefix=f"web-{environment_suffix}-",
            image_id="ami-0c802847a7dd848c0",
            instance_type="t3.micro",
        )

        asg = AutoscalingGroup(
            self,
            "asg",
            name=f"web-asg-{environment_suffix}",
            min_size=1,
            max_size=3,
            vpc_zone_identifier=["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
            launch_template=AutoscalingGroupLaunchTemplate(id=launch_template.id, version="$Latest"),
            tag=[
                AutoscalingGroupTag(key="Name", value=f"asg-instance-{environment_suffix}", propagate_at_launch=True),
                AutoscalingGroupTag(
                    key="Environment",
                    value=environment_suffix,  # dev, staging, prod
                    propagate_at_launch=True,
                ),
            ],
        )

        TerraformOutput(self, "asg_name", value=asg.name)
