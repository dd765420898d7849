#!/usr/bin/env python
"""Entry point: `cdktf synth` runs this file."""
import cdktn  # the core library

from lib.tap_stack import TapStack

app = cdktn.App()
TapStack(app, "tap")
app.synth()
