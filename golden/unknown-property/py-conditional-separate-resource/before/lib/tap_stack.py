"""Static site with database credentials; rotation and public access are switches (CDKTF, Python)."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret


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
            rotation_rules={"automatically_after_days": 30} if self.enable_rotation else None,
        )

        site = S3Bucket(self, "site", bucket_prefix="site-",
                        public_access_block=None if public_site else {
                            "block_public_acls": True,
                            "block_public_policy": True,
                        })

        TerraformOutput(self, "site_bucket", value=site.bucket)
        TerraformOutput(self, "db_secret_arn", value=self.db_secret.arn)
