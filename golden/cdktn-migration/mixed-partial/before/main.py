from cdktn import App

from lib.storage import Storage

app = App()
Storage(app, "storage")
app.synth()
