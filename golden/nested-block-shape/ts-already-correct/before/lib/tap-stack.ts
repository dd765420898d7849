import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import {
  CognitoUserPoolClient,
  CognitoUserPoolClientTokenValidityUnits,
} from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import {
  LbTargetGroup,
  LbTargetGroupHealthCheck,
} from '@cdktf/provider-aws/lib/lb-target-group';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

const RETENTION: Array<{ prefix: string; days: number }> = [
  { prefix: 'daily/', days: 30 },
  { prefix: 'monthly/', days: 365 },
];

function healthCheck(path: string): LbTargetGroupHealthCheck {
  return { path, matcher: '200', interval: 15 };
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';
    const stateBucketRegion = props?.stateBucketRegion || 'us-east-1';
    const stateBucket = props?.stateBucket || 'iac-rlhf-tf-states';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: defaultTags,
    });

    new S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    const exports = new S3Bucket(this, 'exports', {
      bucket: `analytics-exports-${environmentSuffix}`,
      forceDestroy: true,
    });

    const baseRule: Partial<S3BucketLifecycleConfigurationRule> = {
      status: 'Enabled',
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
    };
    new S3BucketLifecycleConfiguration(this, 'exports-lifecycle', {
      bucket: exports.id,
      rule: RETENTION.map(
        (r): S3BucketLifecycleConfigurationRule => ({
          ...baseRule,
          id: `expire-${r.prefix.replace('/', '')}`,
          status: 'Enabled',
          filter: [{ prefix: r.prefix }],
          expiration: [{ days: r.days }],
        })
      ),
    });

    const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.70.0.0/16' });
    new LbTargetGroup(this, 'analytics-api', {
      name: `analytics-api-${environmentSuffix}`,
      port: 8080,
      protocol: 'HTTP',
      targetType: 'ip',
      vpcId: vpc.id,
      healthCheck: healthCheck('/healthz'),
      stickiness: { type: 'lb_cookie', enabled: false },
    });

    const pool = new CognitoUserPool(this, 'analysts', {
      name: `analysts-${environmentSuffix}`,
    });
    const units: CognitoUserPoolClientTokenValidityUnits = {
      accessToken: 'minutes',
      idToken: 'minutes',
    };
    new CognitoUserPoolClient(this, 'analysts-client', {
      name: `analysts-web-${environmentSuffix}`,
      userPoolId: pool.id,
      accessTokenValidity: 30,
      idTokenValidity: 30,
      tokenValidityUnits: [units],
    });

    new TerraformOutput(this, 'exports-bucket', { value: exports.bucket });
  }
}
