import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import * as aws from '@cdktf/provider-aws';

interface TapStackProps {
  environmentSuffix?: string;
}

export class TapStack extends TerraformStack {
  public readonly archive: aws.s3Bucket.S3Bucket;

  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';

    new aws.provider.AwsProvider(this, 'aws', { region: 'us-east-1' });

    // Access logs of the application
    const logs = new aws.s3Bucket.S3Bucket(this, 'access-logs', {
      bucketPrefix: `access-logs-${environmentSuffix}-`,
      forceDestroy: true,
    });

    // Build artefacts: never read back by this stack
    new aws.s3Bucket.S3Bucket(this, `assets-${environmentSuffix}`, {
      bucketPrefix: 'assets-',
    });

    // Long-term archive: already encrypted, public access still open
    this.archive = new aws.s3Bucket.S3Bucket(this, 'archive', {
      bucketPrefix: 'archive-',
    });
    new aws.s3BucketServerSideEncryptionConfiguration.S3BucketServerSideEncryptionConfigurationA(
      this,
      'archive-sse',
      {
        bucket: this.archive.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }],
      }
    );

    // Static site: public by design, no public access block wanted
    const site = new aws.s3Bucket.S3Bucket(this, 'site', { bucketPrefix: 'site-' });
    new aws.s3BucketWebsiteConfiguration.S3BucketWebsiteConfiguration(this, 'site-website', {
      bucket: site.id,
      indexDocument: { suffix: 'index.html' },
    });

    new TerraformOutput(this, 'logs-bucket', { value: logs.bucket });
  }
}
