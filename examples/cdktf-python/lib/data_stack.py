"""The app's database, written as a separate stack and then created inside TapStack."""
from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.db_instance import DbInstance


class DataStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        DbInstance(
            self, "postgres",
            identifier=f"example-db-{environment_suffix}",
            engine="postgres",
            engine_version="14.7",  # outdated minor version
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="app",
            password="ChangeMe123!",
            skip_final_snapshot=True,
        )
