import { Construct } from 'constructs';
import { S3Backend, TerraformStack, TerraformOutput } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';
    const stateBucketRegion = props?.stateBucketRegion || 'us-east-1';
    const stateBucket = props?.stateBucket || 'iac-rlhf-tf-states';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: defaultTags,
    });
    new S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    // the seed's MODEL_RESPONSE: no DB subnet group at all
    const db = new DbInstance(this, 'postgres', {
      identifier: `web-db-${environmentSuffix}`,
      engine: 'postgres',
      engineVersion: '16.9',
      instanceClass: 'db.t3.micro',
      allocatedStorage: 20,
      username: 'webadmin',
      manageMasterUserPassword: true,
      skipFinalSnapshot: true,
    });

    new TerraformOutput(this, 'db_endpoint', { value: db.endpoint });
  }
}
