from cdktf_cdktf_provider_aws.route53_zone import Route53Zone
from constructs import Construct


class RoutingStack(Construct):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        Route53Zone(self, "zone", name="tap.internal")
