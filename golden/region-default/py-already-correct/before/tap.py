#!/usr/bin/env python
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from cdktf import App
from lib.tap_stack import MultiEnvStack

app = App()
MultiEnvStack(app, "multi-env", config={"environment": "dev"})
app.synth()
