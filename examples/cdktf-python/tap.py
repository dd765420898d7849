#!/usr/bin/env python
import os

from cdktf import App

from lib.tap_stack import TapStack

app = App()
TapStack(app, f"TapStack{os.getenv('ENVIRONMENT_SUFFIX', 'dev')}",
         environment_suffix=os.getenv("ENVIRONMENT_SUFFIX", "dev"))
app.synth()
