from cdktf import App
from lib.tap_stack import TapStack
from lib.stacks import NetworkStack, DatabaseStack

app = App()
TapStack(app, "tap")
NetworkStack(app, "network")
DatabaseStack(app, "database")
app.synth()
