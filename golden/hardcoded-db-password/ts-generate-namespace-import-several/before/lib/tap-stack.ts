import { Construct } from 'constructs';
import { S3Backend, TerraformStack } from 'cdktf';
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

    const dbPassword = 'ChangeMe123!';

    // RDS Instance with encryption
    const rdsInstance = new aws.dbInstance.DbInstance(this, 'healthcare-rds', {
      identifier: `healthcare-db-${environmentSuffix}`,
      engine: 'postgres',
      instanceClass: 'db.t3.micro',
      allocatedStorage: 20,
      storageEncrypted: true,
      username: 'healthcareapp',
      password: dbPassword,
      skipFinalSnapshot: true,
    });

    // Payments cluster
    const payments = new aws.rdsCluster.RdsCluster(this, 'payments-cluster', {
      clusterIdentifier: `payments-${environmentSuffix}`,
      engine: 'aurora-mysql',
      masterUsername: 'payments',
      masterPassword: `PaymentDB${props?.environmentSuffix}2024!#`,
      skipFinalSnapshot: true,
    });

    new aws.ssmParameter.SsmParameter(this, 'endpoints', {
      name: `/healthcare/${environmentSuffix}/endpoints`,
      type: 'String',
      value: `${rdsInstance.address},${payments.endpoint}`,
    });
  }
}
