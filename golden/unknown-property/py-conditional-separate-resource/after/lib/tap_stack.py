"""Static site with database credentials; rotation and public access are switches (CDKTF, Python)."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret
from cdktf_cdktf_provider_aws.secretsmanager_secret_rotation import SecretsmanagerSecretRotation
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock


class TapStack(TerraformStack):
    """Credentials rotated monthly unless turned off; the site bucket private unless public."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        AwsProvider(self, "aws", region=kwargs.get("aws_region", "us-east-1"))
        self.enable_rotation = kwargs.get("enable_rotation", True)
        public_site = kwargs.get("public_site", False)

        self.db_secret = SecretsmanagerSecret(
            self,
            "db_credentials",
            name_prefix="db-credentials-",
        )
        if self.enable_rotation:
            SecretsmanagerSecretRotation(self, "db_credentials_rotation",
                secret_id=self.db_secret.id,
                rotation_rules={"automatically_after_days": 30}
            )

        site = S3Bucket(self, "site", bucket_prefix="site-")
        if not public_site:
            S3BucketPublicAccessBlock(self, "site_public_access_block",
                bucket=site.id,
                block_public_acls=True,
                block_public_policy=True
            )

        TerraformOutput(self, "site_bucket", value=site.bucket)
        TerraformOutput(self, "db_secret_arn", value=self.db_secret.arn)
