import { Testing } from 'cdktf';
import { EducationPlatformStack as Stack, EducationPlatformStackProps } from '../lib/tap-stack';

test('synthesizes', () => {
  const props: EducationPlatformStackProps = { environmentSuffix: 'int' };
  expect(Testing.synth(new Stack(Testing.app(), 'int', props))).toBeTruthy();
});
