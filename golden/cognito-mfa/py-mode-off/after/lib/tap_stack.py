from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.cognito_user_pool import *


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))
        CognitoUserPool(self, "students", name="students",
                        mfa_configuration='OFF')
