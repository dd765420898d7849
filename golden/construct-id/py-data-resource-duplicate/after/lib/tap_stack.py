"""An IAM policy document and the policy made from it share a construct id (cdktf-py Pr2735)."""
from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_region import DataAwsRegion
from cdktf_cdktf_provider_aws import data_aws_iam_policy_document, iam_policy


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        self.resource_prefix = f"tap-{kwargs.get('environment_suffix', 'dev')}"
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))

        region = DataAwsRegion(self, "region_data")
        self._create_iam_policies()
        TerraformOutput(self, "region", value=region.region)

    def _create_iam_policies(self):
        # Custom policy for S3 and CloudWatch access
        ec2_custom_policy = data_aws_iam_policy_document.DataAwsIamPolicyDocument(
            self,
            "ec2_custom_policy_data",
            statement=[
                data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement(
                    effect="Allow",
                    actions=["s3:GetObject", "s3:PutObject"],
                    resources=["*"],
                ),
            ],
        )

        self.ec2_custom_policy_resource = iam_policy.IamPolicy(
            self,
            "ec2_custom_policy",
            name=f"{self.resource_prefix}-ec2-custom-policy",
            policy=ec2_custom_policy.json,
        )
