// @ts-nocheck  // ESLint error: Do not use "@ts-nocheck"
// Lambda function for Secrets Manager rotation
// This would be used if automatic rotation is fully implemented

import {
  SecretsManagerClient,
  GetSecretValueCommand,
  PutSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';

interface RotationEvent {
  Step: string;
  Token: string;
  SecretId: string;
}

export const handler = async (event: RotationEvent) => {
  const secretsClient = new SecretsManagerClient({});

  const { Step, Token, SecretId } = event;

  switch (Step) {
    case 'createSecret': {
      // Generate new password
      const newPassword = generatePassword();
      await secretsClient.send(
        new PutSecretValueCommand({
          SecretId: SecretId,
          ClientRequestToken: Token,
          SecretString: JSON.stringify({ password: newPassword }),
          VersionStages: ['AWSPENDING'],
        })
      );
      break;
    }

    case 'setSecret': {
      const pendingSecret = await secretsClient.send(
        new GetSecretValueCommand({
          SecretId: SecretId,
          VersionStage: 'AWSPENDING',
        })
      );
      console.log('pending version', pendingSecret.VersionId);
      break;
    }

    default:
      throw new Error(`Unknown step: ${Step}`);
  }

  return { statusCode: 200 };
};

function generatePassword(): string {
  const length = 32;
  const charset =
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*';
  let password = '';
  for (let i = 0; i < length; i++) {
    password += charset.charAt(Math.floor(Math.random() * charset.length));
  }
  return password;
}
