#!/usr/bin/env python
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from cdktf import App
from lib.tap_stack import TradingPlatformStack

app = App()
TradingPlatformStack(
    app,
    f"TapStack{os.getenv('ENVIRONMENT_SUFFIX', 'dev')}",
    region=os.getenv("AWS_REGION", "us-east-1"),
    environment_suffix=os.getenv("ENVIRONMENT_SUFFIX", "dev"),
)
app.synth()
