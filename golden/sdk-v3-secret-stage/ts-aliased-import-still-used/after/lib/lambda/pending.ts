import { SecretsManagerClient, UpdateSecretCommand as UpdateSecret, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const client = new SecretsManagerClient({});

export async function createPending(secretId: string, password: string) {
  await client.send(
    // a new pending version for the rotation
    new PutSecretValueCommand({
      SecretId: secretId,
      SecretString: JSON.stringify({ password }), // generated above
      VersionStages: ['AWSPENDING'],
    })
  );
}

export async function describe(secretId: string) {
  await client.send(new UpdateSecret({ SecretId: secretId, Description: 'rotated' }));
}
