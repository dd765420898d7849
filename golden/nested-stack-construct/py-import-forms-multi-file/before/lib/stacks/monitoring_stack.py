import cdktf
import constructs
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup


class MonitoringStack(cdktf.TerraformStack):
    def __init__(self, scope: constructs.Construct, construct_id: str):
        super().__init__(scope, construct_id)
        logs = CloudwatchLogGroup(self, "logs", name="/tap/app", retention_in_days=14)
        cdktf.TerraformOutput(self, "log-group", value=logs.name)
