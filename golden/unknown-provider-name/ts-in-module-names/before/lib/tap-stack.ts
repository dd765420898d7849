import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketEncryption } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import {
  S3BucketCorsConfigurationA,
  S3BucketCorsConfigurationCorsRule,
} from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { Ec2LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { LambdaFuncton } from '@cdktf/provider-aws/lib/lambda-function';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

const CORS_RULES: S3BucketCorsConfigurationCorsRule[] = [
  { allowedMethods: ['GET', 'HEAD'], allowedOrigins: ['https://example.com'], maxAgeSeconds: 3000 },
];

export class TapStack extends TerraformStack {
  public readonly template: Ec2LaunchTemplate;

  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';

    new AwsProvider(this, 'aws', {
      region: props?.awsRegion || 'us-east-1',
      defaultTags: props?.defaultTags ? [props.defaultTags] : [],
    });
    new S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    const assets = new S3Bucket(this, 'assets', { bucket: `app-assets-${environmentSuffix}` });
    new S3BucketEncryption(this, 'assets-encryption', {
      bucket: assets.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketCorsConfigurationA(this, 'assets-cors', { bucket: assets.id, corsRule: CORS_RULES });

    this.template = new Ec2LaunchTemplate(this, 'web', {
      namePrefix: `web-${environmentSuffix}-`,
      imageId: 'ami-0123456789abcdef0',
      instanceType: 't3.micro',
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' },
    });

    new LambdaFuncton(this, 'resize', {
      functionName: `resize-${environmentSuffix}`,
      role: 'arn:aws:iam::123456789012:role/resize',
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      s3Bucket: assets.bucket,
      s3Key: 'resize.zip',
    });

    new TerraformOutput(this, 'template-id', { value: this.template.id });
  }
}
