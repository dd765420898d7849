import cdktn_provider_aws as aws
import cdktn.testing_matchers
from cdktn import App, TerraformStack


class Network(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        aws.provider.AwsProvider(self, "aws", region="eu-west-1")
        vpc = aws.vpc.Vpc(self, "vpc", cidr_block="10.0.0.0/16")
        aws.subnet.Subnet(self, "subnet", vpc_id=vpc.id, cidr_block="10.0.1.0/24")


def build():
    # imported late: only the synth needs it
    from cdktn import Testing
    return Testing.app()


app = App()
Network(app, "network")
app.synth()
