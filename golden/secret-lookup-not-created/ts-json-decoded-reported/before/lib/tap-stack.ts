import { Construct } from 'constructs';
import { Fn, S3Backend, TerraformStack } from 'cdktf';
import * as aws from '@cdktf/provider-aws';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: aws.provider.AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';
    const stateBucketRegion = props?.stateBucketRegion || 'us-east-1';
    const stateBucket = props?.stateBucket || 'iac-rlhf-tf-states';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new aws.provider.AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: defaultTags,
    });

    new S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    // credentials of the legacy database, JSON {"username": ..., "password": ...}
    const legacy = new aws.dataAwsSecretsmanagerSecretVersion.DataAwsSecretsmanagerSecretVersion(
      this,
      'legacy-db-credentials',
      { secretId: `legacy-db-${environmentSuffix}` }
    );

    new aws.dmsEndpoint.DmsEndpoint(this, 'legacy-source', {
      endpointId: `legacy-source-${environmentSuffix}`,
      endpointType: 'source',
      engineName: 'mysql',
      serverName: 'legacy.internal',
      port: 3306,
      username: Fn.lookup(Fn.jsondecode(legacy.secretString), 'username', ''),
      password: Fn.lookup(Fn.jsondecode(legacy.secretString), 'password', ''),
    });
  }
}
