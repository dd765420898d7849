import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import {
  SecurityGroup, // the group
} from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule as Rule } from '@cdktf/provider-aws/lib/security-group-rule';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    new AwsProvider(this, 'aws', { region: props?.awsRegion || 'us-east-1' });

    const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const webSg = new SecurityGroup(this, 'web-sg', {
      vpcId: vpc.id,
      name: `web-${environmentSuffix}`,
    });
    new Rule(this, 'web-sg', {
      type: 'ingress',
      fromPort: 443,
      toPort: 443,
      protocol: 'tcp',
      cidrBlocks: ['0.0.0.0/0'],
      securityGroupId: webSg.id,
    });

    const assets = new S3Bucket(this, `assets-${environmentSuffix}`, {
      bucketPrefix: `assets-${environmentSuffix}-`,
    });
    new S3BucketPolicy(this, `assets-${environmentSuffix}`, {
      bucket: assets.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [assets.arn, `${assets.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
  }
}
