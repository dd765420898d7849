import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import * as aws from '@cdktf/provider-aws';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: aws.provider.AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const environment = environmentSuffix.startsWith('prod') ? 'prod' : 'dev';
    const resourceName = (base: string) => `${base}-${environmentSuffix}`;
    new aws.provider.AwsProvider(this, 'aws', { region: props?.awsRegion || 'us-east-1' });

    const key = new aws.kmsKey.KmsKey(this, 'key', {
      description: `Payments key (${environment})`,
    });
    new aws.kmsAlias.KmsAlias(this, 'key-alias', {
      name: 'alias/payments-key', // one per account and region
      targetKeyId: key.keyId,
    });
    new aws.s3Bucket.S3Bucket(this, 'reports', {
      bucket: `payments-reports-${environment}`,
      tags: { Environment: environment },
    });
    new aws.sqsQueue.SqsQueue(this, 'jobs', { name: `payments-jobs-${environment}` });
    new aws.kmsAlias.KmsAlias(this, 'rds-key-alias', {
      name: `alias/${resourceName('payment-rds')}`,
      targetKeyId: key.keyId,
    });
  }
}
