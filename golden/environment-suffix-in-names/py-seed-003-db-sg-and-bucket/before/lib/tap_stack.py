"""Multi-environment stack (seed 003): names built from the environment."""
from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.security_group import SecurityGroup
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        environment_suffix = kwargs.get("environment_suffix", "dev")
        environment = environment_suffix.split("-")[0]
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))

        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16", tags={"Environment": environment})
        SecurityGroup(
            self,
            "db_sg",
            name=f"db-sg-{environment}",  # Only uses 'dev', 'staging', 'prod'
            description=f"Security group for RDS PostgreSQL {environment}",
            vpc_id=vpc.id,
        )
        S3Bucket(self, "bucket", bucket=f"app-data-{ environment }", force_destroy=True,
                 tags={"Environment": environment})
