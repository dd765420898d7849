import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const client = new SecretsManagerClient({});
// @ts-ignore -- the SDK's middleware stack type is private
const stack = client.middlewareStack;
const note = 'never write @ts-nocheck';
export const describe = () => `${note}: ${typeof stack}`;
