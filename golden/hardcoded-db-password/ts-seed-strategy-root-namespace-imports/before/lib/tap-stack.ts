import { Construct } from 'constructs';
import { S3Backend, TerraformStack } from 'cdktf';
import {
  provider,
  dbInstance,
} from '@cdktf/provider-aws';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: provider.AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';
    const stateBucketRegion = props?.stateBucketRegion || 'us-east-1';
    const stateBucket = props?.stateBucket || 'iac-rlhf-tf-states';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new provider.AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: defaultTags,
    });

    new S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    this.database = new dbInstance.DbInstance(this, 'inventory-db', {
      engine: 'mysql',
      instanceClass: 'db.t3.micro',
      allocatedStorage: 20,
      username: 'inventory',
      password: 'Inventory#2024', /* TODO rotate */
      skipFinalSnapshot: true,
    });
  }

  public database: dbInstance.DbInstance;
}
