import { Construct } from 'constructs';
import { TerraformStack, TerraformOutput } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketServerSideEncryptionConfiguration, // encryption at rest
} from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import * as versioning from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { s3BucketLifecycleConfiguration, cognitoUserPoolClient } from '@cdktf/provider-aws';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { EducationStack } from './education-stack';

export interface TapStackProps {
  environmentSuffix: string;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: TapStackProps) {
    super(scope, id);
    const { environmentSuffix } = props;

    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    const bucket = new S3Bucket(this, 'data', { bucketPrefix: `example-data-${environmentSuffix}-` });

    const bucketVersioning: versioning.S3BucketVersioning = new versioning.S3BucketVersioning(this, 'data-versioning', {
      bucket: bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });

    new S3BucketServerSideEncryptionConfiguration(this, 'data-encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      dependsOn: [bucketVersioning],
    });

    new s3BucketLifecycleConfiguration.S3BucketLifecycleConfiguration(this, 'data-lifecycle', {
      bucket: bucket.id,
      rule: [
        {
          id: 'expire-old-objects',
          status: 'Enabled',
          filter: { prefix: 'tmp/' },
          expiration: { days: 90 },
        },
      ],
    });

    const pool = new CognitoUserPool(this, 'users', { name: `example-users-${environmentSuffix}` });
    new cognitoUserPoolClient.CognitoUserPoolClient(this, 'web-client', {
      name: 'web',
      userPoolId: pool.id,
      accessTokenValidity: 60,
      tokenValidityUnits: {
        accessToken: 'minutes',
        refreshToken: 'days',
      },
    });

    new LbTargetGroup(this, 'web-tg', {
      name: `example-web-${environmentSuffix}`,
      port: 80,
      protocol: 'HTTP',
      targetType: 'ip',
      healthCheck: [{ path: '/health', matcher: '200' }],
    });

    new EducationStack(this, 'education', { environmentSuffix });

    new TerraformOutput(this, 'bucket_name', { value: bucket.bucket });
  }
}
