import { App, Testing } from 'cdktf';
import { TapStack } from '../lib/tap-stack';

describe('TapStack', () => {
  let stack: TapStack;
  let synthesized: string;

  beforeEach(() => {
    const app = new App();
    stack = new TapStack(app, 'TestTapStack', { environmentSuffix: 'test' });
    synthesized = Testing.synth(stack);
  });

  test('instantiates', () => {
    expect({ TapStack }).toBeDefined();
    expect(synthesized).toContain('education-content-test');
  });
});
