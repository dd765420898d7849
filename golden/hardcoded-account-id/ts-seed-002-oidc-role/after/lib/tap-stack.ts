import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';

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
    new AwsProvider(this, 'aws', {
      region: props?.awsRegion || 'us-east-1',
      defaultTags: props?.defaultTags ? [props.defaultTags] : [],
    });

    const callerIdentity = new DataAwsCallerIdentity(this, 'caller-identity');
    // IAM Role for CI/CD Cross-Account Access
    new IamRole(this, 'cicd-deployment-role', {
      name: `education-cicd-deploy-${environmentSuffix}`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: {
              Federated:
                `arn:aws:iam::${callerIdentity.accountId}:oidc-provider/token.actions.githubusercontent.com`,
            },
            Action: 'sts:AssumeRoleWithWebIdentity',
          },
        ],
      }),
    });

    for (let i = 1; i <= 2; i++) {
      new IamRole(this, `client-role-${i}`, {
        name: `backup-client-role-${i}-${environmentSuffix}`,
        assumeRolePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Principal: { AWS: `arn:aws:iam::${callerIdentity.accountId}:root` }, // the backup account
              Effect: 'Allow',
            },
          ],
        }),
      });
    }
  }
}
