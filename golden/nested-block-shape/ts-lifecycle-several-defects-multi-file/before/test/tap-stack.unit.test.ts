import { App, Testing } from 'cdktf';
import { TapStack } from '../lib/tap-stack';

describe('TapStack lifecycle', () => {
  let resources: any;

  beforeAll(() => {
    const app = new App();
    const stack = new TapStack(app, 'TestTapStack', { environmentSuffix: 'test' });
    resources = JSON.parse(Testing.synth(stack)).resource;
  });

  test('invoices expire after the retention period', () => {
    const lifecycle: any = Object.values(
      resources.aws_s3_bucket_lifecycle_configuration
    )[0];
    expect(lifecycle.rule[0].expiration).toEqual([{ days: 2555 }]);
    expect(lifecycle.rule[0].noncurrent_version_expiration).toEqual([
      { noncurrent_days: 30 },
    ]);
  });

  test('versioning is enabled', () => {
    const versioning: any = Object.values(resources.aws_s3_bucket_versioning)[0];
    expect(versioning.versioning_configuration).toEqual({ status: 'Enabled' });
  });
});
