"""Trading platform (seed 004): a KMS key per region with an alias."""
from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws import kms_alias
from cdktf_cdktf_provider_aws.kms_key import KmsKey


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        self.environment_suffix = kwargs.get("environment_suffix", "dev")
        self.region = kwargs.get("aws_region", "us-east-1")
        AwsProvider(self, "aws", region=self.region)
        self._create_kms()

    def _create_kms(self):
        key = KmsKey(self, "trading_key", description="Trading data key", enable_key_rotation=True)
        kms_alias.KmsAlias(
            self,
            "trading_key_alias",
            name=f"alias/trading-{self.region}",  # Missing environment suffix
            target_key_id=key.key_id,
        )
        kms_alias.KmsAlias(self, "audit_key_alias", name="alias/trading-audit", target_key_id=key.key_id)
