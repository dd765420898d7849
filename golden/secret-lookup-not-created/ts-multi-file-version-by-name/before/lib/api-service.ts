import { Construct } from 'constructs';
import {
  DataAwsSecretsmanagerSecret,
} from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret';
import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';

export class ApiService extends Construct {
  constructor(scope: Construct, id: string, props: { environmentSuffix: string }) {
    super(scope, id);
    const { environmentSuffix } = props;

    // created by ConfigSecrets (lib/config-secrets.ts): nothing to report
    const flags = new DataAwsSecretsmanagerSecret(this, 'flags', {
      name: `api-flags-${environmentSuffix}`,
    });

    // the third-party API key, expected to exist already
    const apiKey = new DataAwsSecretsmanagerSecretVersion(this, 'api-key', { secretId: 'prod/api-key' });

    new SsmParameter(this, 'api-config', {
      name: `/api/${environmentSuffix}/config`,
      type: 'SecureString',
      value: `${flags.arn}|${apiKey.secretString}`,
    });
  }
}
