"""Already correct: nothing here is an unknown property (CDKTF, Python)."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput, TerraformResourceLifecycle
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfiguration
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress


class Settings:
    """Not a provider class: its keywords are not ours."""

    def __init__(self, **values):
        self.values = values


class TapStack(TerraformStack):
    """Buckets, a target group and a security group written correctly."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        suffix = kwargs.get("environment_suffix", "dev")
        provider = AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"),
                               default_tags=[{"tags": {"replication_group_description": "free-form"}}])

        settings = Settings(subnet_group_name="x", replicationGroupDescription="y")
        common = {"force_destroy": True}
        bucket = S3Bucket(
            self,
            "data",
            bucket=f"data-{suffix}",
            provider=provider,
            lifecycle=TerraformResourceLifecycle(prevent_destroy=False),
            tags={"healthy_threshold": "tag keys are free-form", "subnetIds": "x"},
            **common,
        )
        # jsii passes dicts inside lists through as maps: camelCase keys are the declared names
        S3BucketLifecycleConfiguration(self, "data-lifecycle", bucket=bucket.id, depends_on=[bucket], rule=[{
            "id": "expire",
            "status": "Enabled",
            "filter": [{"prefix": ""}],
            "expiration": [{"days": 30}],
            "noncurrentVersionExpiration": [{"noncurrentDays": 7}],
        }])
        LbTargetGroup(self, "tg", name=f"tg-{suffix}", port=80, protocol="HTTP",
                      health_check={"path": "/health", "healthy_threshold": 3})
        SecurityGroup(self, "sg", name=f"sg-{suffix}", ingress=[
            SecurityGroupIngress(from_port=443, to_port=443, protocol="tcp", cidr_blocks=["10.0.0.0/8"]),
        ])

        TerraformOutput(self, "bucket", value=bucket.bucket)
        TerraformOutput(self, "settings", value=str(len(settings.values)))
