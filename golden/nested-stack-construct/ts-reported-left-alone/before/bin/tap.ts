#!/usr/bin/env node
import { App } from 'cdktf';
import { TapStack } from '../lib/tap-stack';
import { SharedStack } from '../lib/shared-stack';

const app = new App();
new TapStack(app, 'TapStackdev');
// also deployed on its own
new SharedStack(app, 'SharedStackdev');
app.synth();
