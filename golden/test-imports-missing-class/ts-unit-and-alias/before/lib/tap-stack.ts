import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

export interface EducationPlatformStackProps {
  environmentSuffix: string;
}

export class EducationPlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: EducationPlatformStackProps) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    new S3Bucket(this, 'content', { bucket: `education-content-${props.environmentSuffix}` });
  }
}
