"""Contact form API: a mock CORS integration and a private uploads bucket (CDKTF, Python)."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.api_gateway_rest_api import ApiGatewayRestApi
from cdktf_cdktf_provider_aws.api_gateway_resource import ApiGatewayResource
from cdktf_cdktf_provider_aws.api_gateway_method import ApiGatewayMethod
from cdktf_cdktf_provider_aws import api_gateway_integration
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.api_gateway_integration_response import ApiGatewayIntegrationResponse
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock


class TapStack(TerraformStack):
    """A REST API whose OPTIONS method answers CORS from a mock, and a bucket for uploads."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))

        api = ApiGatewayRestApi(self, "api", name="contact-form")
        submit = ApiGatewayResource(self, "submit", rest_api_id=api.id, parent_id=api.root_resource_id,
                                    path_part="submit")
        options = ApiGatewayMethod(self, "options_method", rest_api_id=api.id, resource_id=submit.id,
                                   http_method="OPTIONS", authorization="NONE")

        # Mock integration for OPTIONS
        options_integration = api_gateway_integration.ApiGatewayIntegration(
            self,
            "options_integration",
            rest_api_id=api.id,
            resource_id=submit.id,
            http_method=options.http_method,
            type="MOCK",
            request_templates={"application/json": '{"statusCode": 200}'},
        )
        ApiGatewayIntegrationResponse(self, "options_integration_response_1",
            http_method=options.http_method,
            resource_id=submit.id,
            rest_api_id=api.id,
            status_code="200",
            response_parameters={
                "method.response.header.Access-Control-Allow-Origin": "'*'"
            },
            depends_on=[options_integration]
        )
        ApiGatewayIntegrationResponse(self, "options_integration_response_2",
            http_method=options.http_method,
            resource_id=submit.id,
            rest_api_id=api.id,
            status_code="500",
            selection_pattern=".*error.*",
            depends_on=[options_integration]
        )

        self.uploads = S3Bucket(self, "uploads", bucket_prefix="contact-uploads")
        S3BucketPublicAccessBlock(self, "uploads_public_access_block",
            bucket=self.uploads.id,
            block_public_acls=True,
            restrict_public_buckets=True
        )

        TerraformOutput(self, "uploads_bucket", value=self.uploads.bucket)
