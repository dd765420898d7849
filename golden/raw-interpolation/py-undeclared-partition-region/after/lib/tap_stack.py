"""Compliance roles: a policy scoped with hand-written data source references (cdktf-py Pr6655 shape)."""
import json

from constructs import Construct
from cdktf import S3Backend, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy
from cdktf_cdktf_provider_aws.data_aws_partition import DataAwsPartition
from cdktf_cdktf_provider_aws.data_aws_region import DataAwsRegion


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        environment_suffix = kwargs.get("environment_suffix", "dev")
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"),
                    default_tags=[kwargs.get("default_tags", {})])
        S3Backend(
            self,
            bucket=kwargs.get("state_bucket", "iac-rlhf-tf-states"),
            key=f"{environment_suffix}/{construct_id}.tfstate",
            region=kwargs.get("state_bucket_region", "us-east-1"),
            encrypt=True,
        )
        self._create_roles(environment_suffix)
        # a data source with a required argument (`bucket`): reported, not created
        TerraformOutput(self, "shared_bucket", value="${data.aws_s3_bucket.shared.arn}")

    def _create_roles(self, environment_suffix):
        role = IamRole(self, "ssm-role", name=f"ssm-reader-{environment_suffix}",
                       assume_role_policy=json.dumps({
                           "Version": "2012-10-17",
                           "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                          "Principal": {"Service": "lambda.amazonaws.com"}}],
                       }))
        current = DataAwsPartition(self, "current")
        region_current = DataAwsRegion(self, "region-current")
        # read this environment's parameters only
        IamRolePolicy(self, "ssm-read", role=role.id, policy=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Action": "ssm:GetParameter",
                "Resource": f"arn:{current.partition}:ssm:{region_current.name}:*:parameter/{environment_suffix}/*",
            }],
        }))
