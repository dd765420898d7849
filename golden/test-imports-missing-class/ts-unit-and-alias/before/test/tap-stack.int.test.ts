import { Testing } from 'cdktf';
import { TapStack as Stack, EducationPlatformStackProps } from '../lib/tap-stack';

test('synthesizes', () => {
  const props: EducationPlatformStackProps = { environmentSuffix: 'int' };
  expect(Testing.synth(new Stack(Testing.app(), 'int', props))).toBeTruthy();
});
