// Lambda function for Secrets Manager rotation
// This would be used if automatic rotation is fully implemented

import {
  SecretsManagerClient,
  GetSecretValueCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
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
          SecretString: JSON.stringify({ password: newPassword }),
          VersionStages: ['AWSPENDING'],
        })
      );
      break;
    }

    case 'testSecret': {
      const pending = await secretsClient.send(
        new GetSecretValueCommand({ SecretId: SecretId, VersionStage: 'AWSPENDING' })
      );
      JSON.parse(pending.SecretString || '{}');
      break;
    }

    case 'finishSecret': {
      // Finalize rotation: the version that holds AWSCURRENT now gives it up
      const metadata = await secretsClient.send(
        new DescribeSecretCommand({ SecretId: SecretId })
      );
      const stages = metadata.VersionIdsToStages || {};
      const currentVersion = Object.keys(stages).find(id =>
        stages[id].includes('AWSCURRENT')
      );
      await secretsClient.send(
        new UpdateSecretVersionStageCommand({
          SecretId: SecretId,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: Token,
          RemoveFromVersionId: currentVersion,
        })
      );
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
