import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';

type Tags = { [key: string]: string };

interface IndexedTags {
  [key: string]: string;
  Environment: string;
}

interface CommonTags {
  Environment: string;
  Owner: string;
}

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
  extraTags?: Record<string, string>;
}

function withName(tags: Tags, name: string): Tags {
  return { ...tags, Name: name };
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const common: CommonTags = { Environment: environmentSuffix, Owner: 'platform' };
    const tags: Tags = { ...common };
    const indexed: IndexedTags = { Environment: environmentSuffix, Team: 'data' };
    const inferred = { Environment: environmentSuffix };

    new AwsProvider(this, 'aws', {
      region: props?.awsRegion || 'us-east-1',
      defaultTags: props?.defaultTags ? [props.defaultTags] : [],
    });

    new S3Bucket(this, 'data', { bucket: `data-${environmentSuffix}`, tags });
    new SqsQueue(this, 'jobs', { name: `jobs-${environmentSuffix}`, tags: { ...common, Name: 'jobs' } });
    new SnsTopic(this, 'events', { name: `events-${environmentSuffix}`, tags: withName(tags, 'events') });
    new KmsKey(this, 'key', { description: 'data key', tags: indexed, tagsAll: props?.extraTags });
    new S3Bucket(this, 'logs', { bucket: `logs-${environmentSuffix}`, tags: inferred });
  }
}
