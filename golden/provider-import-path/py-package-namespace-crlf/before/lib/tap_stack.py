"""Network written against the provider package imported as a namespace (CRLF line ends)."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
import cdktf_cdktf_provider_aws as aws


class TapStack(TerraformStack):
    """A VPC, a subnet, a security group and a bucket."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        aws.provider.AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))
        network = aws.Vpc(self, "vpc", cidr_block="10.4.0.0/16")
        subnet = aws.vpc.Subnet(self, "subnet", vpc_id=network.id, cidr_block="10.4.1.0/24")
        group = aws.ec2.SecurityGroup(self, "sg", vpc_id=network.id, description="web traffic")
        bucket = aws.s3_bucket.S3Bucket(self, "bucket", bucket_prefix="net-")

        TerraformOutput(self, "subnet_id", value=subnet.id)
        TerraformOutput(self, "sg_id", value=group.id)
        TerraformOutput(self, "bucket_name", value=bucket.bucket)
