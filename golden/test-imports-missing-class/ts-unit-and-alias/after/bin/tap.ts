#!/usr/bin/env node
import { App } from 'cdktf';
import { EducationPlatformStack } from '../lib/tap-stack';

const app = new App();
const environmentSuffix = process.env.ENVIRONMENT_SUFFIX || 'dev';
new EducationPlatformStack(app, `TapStack${environmentSuffix}`, { environmentSuffix });
app.synth();
