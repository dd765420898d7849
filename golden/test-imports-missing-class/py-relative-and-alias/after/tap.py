from cdktf import App
from lib.payments import PaymentsStack

app = App()
PaymentsStack(app, "payments")
app.synth()
