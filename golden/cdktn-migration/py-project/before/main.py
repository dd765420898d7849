#!/usr/bin/env python
"""Entry point: `cdktf synth` runs this file."""
import cdktf  # the core library

from lib.tap_stack import TapStack

app = cdktf.App()
TapStack(app, "tap")
app.synth()
