import { App, Testing } from 'cdktf';
import { TapStack } from '../lib/tap-stack';

describe('TapStack', () => {
  test('synthesizes', () => {
    const app = new App();
    const stack = new TapStack(app, 'TestStack', { environmentSuffix: 'test' });
    expect(Testing.synth(stack)).toContain('aws_secretsmanager_secret');
  });
});
