"""Web tier: a launch template behind an Auto Scaling group and a bastion host (seed 003)."""

from constructs import Construct
from cdktf import TerraformStack, S3Backend
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_ami import DataAwsAmi, DataAwsAmiFilter
from cdktf_cdktf_provider_aws.launch_template import (
    LaunchTemplate,
    LaunchTemplateIamInstanceProfile,
    LaunchTemplateMetadataOptions,
)
from cdktf_cdktf_provider_aws.autoscaling_group import AutoscalingGroup, AutoscalingGroupLaunchTemplate
from cdktf_cdktf_provider_aws.instance import Instance


class TapStack(TerraformStack):
    """One environment of the web tier."""

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

        ami = DataAwsAmi(self, "amazon_linux", most_recent=True, owners=["amazon"],
                         filter=[DataAwsAmiFilter(name="name", values=["al2023-ami-*-x86_64"])])

        launch_template = LaunchTemplate(self, "launch_template",
            name_prefix=f"web-{environment_suffix}-",
            image_id=ami.id,
            instance_type="t3.micro",
            iam_instance_profile=LaunchTemplateIamInstanceProfile(name="web-instance-profile"),
            tags={"Name": f"web-{environment_suffix}"},  # propagated by the ASG
            metadata_options=LaunchTemplateMetadataOptions(http_tokens="required"),
        )

        AutoscalingGroup(self, "asg", min_size=1, max_size=3, vpc_zone_identifier=["subnet-0123456789abcdef0"],
                         launch_template=AutoscalingGroupLaunchTemplate(id=launch_template.id, version="$Latest"))

        Instance(self, "bastion", ami=ami.id, instance_type="t3.nano",
                 metadata_options={
                     "http_endpoint": "enabled",
                     "http_put_response_hop_limit": 1,  # no containers on the bastion
                     "http_tokens": "required"
                 })
