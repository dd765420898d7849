import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';

export interface EducationStackProps {
  environmentSuffix: string;
}

// Education platform resources, created by TapStack
export class EducationStack extends Construct { // child of TapStack
  public readonly userPool: CognitoUserPool;
  public readonly userPoolClient: CognitoUserPoolClient;

  constructor(scope: Construct, id: string, props: EducationStackProps) {
    super(scope, id);

    const { environmentSuffix } = props;

    // Student / instructor identities
    this.userPool = new CognitoUserPool(this, 'user-pool', {
      name: `education-users-${environmentSuffix}`,
      usernameAttributes: ['email'],
      autoVerifiedAttributes: ['email'],
      mfaConfiguration: 'OFF',
      passwordPolicy: {
        minimumLength: 12,
        requireLowercase: true,
        requireNumbers: true,
        requireSymbols: true,
        requireUppercase: true,
      },
      accountRecoverySetting: {
        recoveryMechanism: [{ name: 'verified_email', priority: 1 }],
      },
    });

    this.userPoolClient = new CognitoUserPoolClient(this, 'user-pool-client', {
      name: `education-web-${environmentSuffix}`,
      userPoolId: this.userPool.id,
      generateSecret: false,
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      refreshTokenValidity: 30,
      accessTokenValidity: 60,
      idTokenValidity: 60,
      tokenValidityUnits: [{
        refreshToken: 'days',
        accessToken: 'minutes',
        idToken: 'minutes',
      }],
    });

    const enrollments = new DynamodbTable(this, 'enrollments', {
      name: `education-enrollments-${environmentSuffix}`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'studentId',
      rangeKey: 'courseId',
      attribute: [
        { name: 'studentId', type: 'S' },
        { name: 'courseId', type: 'S' },
      ],
      pointInTimeRecovery: { enabled: true },
    });

    new TerraformOutput(this, 'user-pool-id', { value: this.userPool.id });
    new TerraformOutput(this, 'user-pool-client-id', {
      value: this.userPoolClient.id,
    });
    new TerraformOutput(this, 'enrollments-table', { value: enrollments.name });
  }
}
