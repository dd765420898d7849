"""Web tier, already typed the way provider-aws 21.x declares it."""

from constructs import Construct
from cdktf import TerraformStack, TerraformVariable, Token
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.eip import Eip
from cdktf_cdktf_provider_aws.elasticache_replication_group import ElasticacheReplicationGroup
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup, LbTargetGroupHealthCheck
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress
from cdktf_cdktf_provider_aws.cloudwatch_metric_alarm import CloudwatchMetricAlarm
from cdktf_cdktf_provider_aws.vpc import Vpc

APP_PORT = 8080


class TapStack(TerraformStack):
    """Everything typed right: the rule must not touch it."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        environment_suffix = kwargs.get("environment_suffix", "dev")
        aws_region = kwargs.get("aws_region", "us-east-1")
        default_tags = kwargs.get("default_tags", {})
        threshold = TerraformVariable(self, "cpu_threshold", type="string", default="80")

        AwsProvider(self, "aws", region=aws_region, default_tags=[default_tags])
        west = AwsProvider(self, "west", region="us-west-2", alias="west")

        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16", enable_dns_hostnames=True)
        Eip(self, "nat_eip", domain="vpc", provider=west)

        LbTargetGroup(
            self,
            "tg",
            name=f"tg-{environment_suffix}",
            port=APP_PORT,
            protocol="HTTP",
            vpc_id=vpc.id,
            deregistration_delay=str(30),
            health_check=LbTargetGroupHealthCheck(path="/health", port=str(APP_PORT), interval=30, matcher="200-299"),
            tags={"Port": f"{APP_PORT}", "Team": "web"},
        )
        SecurityGroup(
            self,
            "sg",
            vpc_id=vpc.id,
            ingress=[SecurityGroupIngress(from_port=APP_PORT, to_port=APP_PORT, protocol="tcp",
                                          cidr_blocks=["10.0.0.0/16"])],
        )
        ElasticacheReplicationGroup(
            self,
            "sessions",
            replication_group_id=f"sessions-{environment_suffix}",
            description="session cache",
            node_type="cache.t3.micro",
            num_cache_clusters=2,
            at_rest_encryption_enabled="true",
            transit_encryption_enabled=True,
        )
        CloudwatchMetricAlarm(
            self,
            "cpu",
            alarm_name=f"cpu-{environment_suffix}",
            comparison_operator="GreaterThanThreshold",
            evaluation_periods=2,
            metric_name="CPUUtilization",
            namespace="AWS/EC2",
            period=300,
            statistic="Average",
            threshold=Token.as_number(threshold.string_value),
        )
