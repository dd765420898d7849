import { App, Testing } from 'cdktf';
import { DynamodbTableReplicaA } from '@cdktf/provider-aws/lib/dynamodb-table-replica';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { TapStack } from '../lib/tap-stack';

describe('TapStack', () => {
  let synthesized: string;

  beforeAll(() => {
    const app = new App();
    const stack = new TapStack(app, 'TestTapStack', {
      environmentSuffix: 'test',
      awsRegion: 'us-east-1',
    });
    synthesized = Testing.synth(stack);
  });

  test('ledger table is replicated to us-west-2', () => {
    expect(
      Testing.toHaveResource(synthesized, DynamodbTableReplicaA.tfResourceType)
    ).toBe(true);
  });

  test('archive bucket is locked in compliance mode', () => {
    const resources = JSON.parse(synthesized).resource;
    const lock = Object.values(
      resources[S3BucketObjectLockConfigurationA.tfResourceType]
    )[0] as any;
    expect(lock.rule.default_retention.mode).toBe('COMPLIANCE');
    expect(lock.rule.default_retention.days).toBe(365);
  });
});
