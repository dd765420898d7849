import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

interface TapStackProps {
  environmentSuffix?: string;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';

    new AwsProvider(this, 'aws', {
      region: 'us-east-1',
      defaultTags: [{ tags: { Environment: environmentSuffix, Team: 'payments' } }],
    });

    // Disaster recovery region
    const dr = new AwsProvider(this, 'aws-dr', {
      region: 'us-west-2',
      alias: 'dr', // secondary
      defaultTags: [{ tags: { Environment: environmentSuffix, Project: 'payments-platform', ManagedBy: 'cdktf' } }]
    });

    const audit = new AwsProvider(this, 'aws-audit', { defaultTags: [{ tags: { Environment: environmentSuffix, Project: 'payments-platform', ManagedBy: 'cdktf' } }] });

    new S3Bucket(this, 'replica', { bucketPrefix: 'replica-', provider: dr });
    new S3Bucket(this, 'audit', { bucketPrefix: 'audit-', provider: audit });
  }
}
