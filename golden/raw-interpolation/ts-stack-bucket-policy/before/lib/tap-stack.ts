import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  private readonly current: DataAwsCallerIdentity;

  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new AwsProvider(this, 'aws', { region: props?.awsRegion || 'us-east-1', defaultTags: defaultTags });
    new S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    this.current = new DataAwsCallerIdentity(this, 'current', {});
    const logs = new S3Bucket(this, 'logs', { bucket: `app-logs-${environmentSuffix}`, forceDestroy: true });

    new S3BucketPolicy(this, 'logs-policy', {
      bucket: logs.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountOnly',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:root' },
            Action: ['s3:GetObject', 's3:PutObject'],
            Resource: "${aws_s3_bucket.logs.arn}/*",
          },
        ],
      }),
    });

    new TerraformOutput(this, 'logs-name', { value: `\${aws_s3_bucket.logs.bucket}` });
  }
}
