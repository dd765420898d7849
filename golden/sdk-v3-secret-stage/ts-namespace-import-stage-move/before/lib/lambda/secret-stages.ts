import * as sm from '@aws-sdk/client-secrets-manager';

const client = new sm.SecretsManagerClient({});

export async function stagePending(secretId: string, token: string, value: string): Promise<void> {
  await client.send(
    new sm.UpdateSecretCommand({ SecretId: secretId, ClientRequestToken: token, SecretBinary: Buffer.from(value), VersionStages: ['AWSPENDING'] })
  );
}

export async function promote(secretId: string, token: string, current: string): Promise<void> {
  await client.send(
    new sm.UpdateSecretCommand({
      SecretId: secretId,
      'VersionStages': [
        'AWSCURRENT', // the label to move
      ],
      MoveToVersionId: token,
      RemoveFromVersionId: current,
    })
  );
}
