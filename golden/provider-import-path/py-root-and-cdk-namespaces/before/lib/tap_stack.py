"""Web tier written against the provider's root package, AWS-CDK style."""
import json

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput, DataAwsCallerIdentity
from cdktf_cdktf_provider_aws import (
    AwsProvider,  # provider configuration
    # storage
    iam,
    s3_bucket,
    S3BucketVersioning,
)
from cdktf_cdktf_provider_aws.vpc import Vpc, Subnet
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningVersioningConfiguration


class TapStack(TerraformStack):
    """A VPC subnet, a role and a versioned bucket."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))
        caller = DataAwsCallerIdentity(self, "caller")

        network = Vpc(self, "vpc", cidr_block="10.3.0.0/16")
        subnet: Subnet = Subnet(self, "subnet", vpc_id=network.id, cidr_block="10.3.1.0/24")

        role = iam.IamRole(
            self,
            "role",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                               "Action": "sts:AssumeRole"}],
            }),
        )

        bucket = s3_bucket.S3Bucket(self, "bucket", bucket_prefix="web-")
        S3BucketVersioning(
            self,
            "bucket_versioning",
            bucket=bucket.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )

        TerraformOutput(self, "account", value=caller.account_id)
        TerraformOutput(self, "subnet_id", value=subnet.id)
        TerraformOutput(self, "role_arn", value=role.arn)
