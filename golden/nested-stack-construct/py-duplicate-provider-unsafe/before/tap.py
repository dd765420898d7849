#!/usr/bin/env python
import sys
import os
sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from cdktf import App
from lib.tap_stack import TapStack

environment_suffix = os.getenv("ENVIRONMENT_SUFFIX", "dev")

app = App()
TapStack(app, f"TapStack{environment_suffix}", environment_suffix=environment_suffix)
app.synth()
