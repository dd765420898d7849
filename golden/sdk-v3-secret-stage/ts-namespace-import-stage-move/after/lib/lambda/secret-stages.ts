import * as sm from '@aws-sdk/client-secrets-manager';

const client = new sm.SecretsManagerClient({});

export async function stagePending(secretId: string, token: string, value: string): Promise<void> {
  await client.send(
    new sm.PutSecretValueCommand({ SecretId: secretId, ClientRequestToken: token, SecretBinary: Buffer.from(value), VersionStages: ['AWSPENDING'] })
  );
}

export async function promote(secretId: string, token: string, current: string): Promise<void> {
  await client.send(
    new sm.UpdateSecretVersionStageCommand({
      SecretId: secretId,
      'VersionStage': 'AWSCURRENT',
      MoveToVersionId: token,
      RemoveFromVersionId: current,
    })
  );
}
