import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';

export interface EducationStackProps {
  environmentSuffix: string;
}

export class EducationStack extends Construct {
  constructor(scope: Construct, id: string, props: EducationStackProps) {
    super(scope, id);

    const userPool = new CognitoUserPool(this, 'user-pool', {
      name: `education-users-${props.environmentSuffix}`,
      usernameAttributes: ['email'],
      autoVerifiedAttributes: ['email'],
      mfaConfiguration: 'OPTIONAL',
      softwareTokenMfaConfiguration: { enabled: true },
      passwordPolicy: {
        minimumLength: 12,
        requireLowercase: true,
        requireNumbers: true,
        requireSymbols: true,
        requireUppercase: true,
      },
    });

    // instructors must use MFA
    const instructors = new CognitoUserPool(this, 'instructor-pool', { name: `education-instructors-${props.environmentSuffix}`, mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } });

    const client = new CognitoUserPoolClient(this, 'user-pool-client', {
      name: `education-client-${props.environmentSuffix}`,
      userPoolId: userPool.id,
    });

    new TerraformOutput(this, 'user-pool-id', { value: userPool.id });
    new TerraformOutput(this, 'instructor-pool-id', { value: instructors.id });
    new TerraformOutput(this, 'client-id', { value: client.id });
  }
}
