import { App, Testing } from 'cdktf';
import { EducationPlatformStack } from '../lib/tap-stack';

describe('TapStack', () => {
  let stack: EducationPlatformStack;
  let synthesized: string;

  beforeEach(() => {
    const app = new App();
    stack = new EducationPlatformStack(app, 'TestTapStack', { environmentSuffix: 'test' });
    synthesized = Testing.synth(stack);
  });

  test('instantiates', () => {
    expect({ TapStack: EducationPlatformStack }).toBeDefined();
    expect(synthesized).toContain('education-content-test');
  });
});
