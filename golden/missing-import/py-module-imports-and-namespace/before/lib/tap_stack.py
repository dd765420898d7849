"""Alarm topic and its encrypted archive bucket, written with module imports."""

import cdktf
from constructs import Construct
from cdktf_cdktf_provider_aws import provider, s3_bucket


class TapStack(cdktf.TerraformStack):
    """SNS topic for alarms plus an archive bucket."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        state_bucket = kwargs.get("state_bucket", "iac-rlhf-tf-states")
        state_bucket_region = kwargs.get("state_bucket_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})

        provider.AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        S3Backend(
            self,
            bucket=state_bucket,
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=state_bucket_region,
            encrypt=True,
        )

        topic = sns.SnsTopic(self, "alarms", name=f"alarms-{environment_suffix}")
        archive = S3Bucket(self, "archive", bucket_prefix=f"alarm-archive-{environment_suffix}-")

        cdktf.TerraformOutput(self, "topic_arn", value=topic.arn)
        cdktf.TerraformOutput(self, "archive_bucket", value=Token.as_string(archive.bucket))
