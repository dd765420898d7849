import { App } from 'cdktf';
import { TapStack } from './lib/tap-stack';

const app = new App();

const environmentSuffix = process.env.ENVIRONMENT_SUFFIX || 'dev';

new TapStack(app, `TapStack${environmentSuffix}`, {
  environmentSuffix,
  stateBucket: process.env.TERRAFORM_STATE_BUCKET || 'iac-rlhf-tf-states',
  stateBucketRegion: process.env.TERRAFORM_STATE_BUCKET_REGION || 'us-east-1',
  awsRegion: process.env.AWS_REGION || 'us-east-1',
});

app.synth();
