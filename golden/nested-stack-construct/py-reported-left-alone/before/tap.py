#!/usr/bin/env python
import sys
import os
sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from cdktf import App
from lib.tap_stack import TapStack
from lib.shared_stack import SharedStack

app = App()
TapStack(app, "TapStackdev")
SharedStack(app, "SharedStackdev")  # also deployed on its own
app.synth()
