"""Already correct: every provider class from its own submodule."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws import s3_bucket, vpc as vpc_module
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress
import cdktf_cdktf_provider_aws as aws


class Subnet:
    """A local helper that happens to share a provider class name."""

    def __init__(self, cidr: str):
        self.cidr = cidr


class TapStack(TerraformStack):
    """VPC, subnet, security group; 'from cdktf_cdktf_provider_aws import Vpc' would fail."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))
        network = vpc_module.Vpc(self, "vpc", cidr_block="10.5.0.0/16")
        plan = Subnet("10.5.1.0/24")
        subnet = aws.subnet.Subnet(self, "subnet", vpc_id=network.id, cidr_block=plan.cidr)
        group = SecurityGroup(
            self,
            "sg",
            vpc_id=network.id,
            ingress=[SecurityGroupIngress(from_port=443, to_port=443, protocol="tcp", cidr_blocks=["10.0.0.0/8"])],
        )
        bucket = s3_bucket.S3Bucket(self, "bucket", bucket_prefix="ok-")

        TerraformOutput(self, "subnet_id", value=subnet.id)
        TerraformOutput(self, "sg_id", value=group.id)
        TerraformOutput(self, "bucket_name", value=bucket.bucket)
