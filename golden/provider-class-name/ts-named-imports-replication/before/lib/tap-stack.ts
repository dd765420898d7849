import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketVersioning, // versioning is required on both sides of replication
  S3BucketVersioningConfig,
} from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketReplicationConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { S3BucketLogging as BucketLogging } from '@cdktf/provider-aws/lib/s3-bucket-logging';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

const REPLICA_REGION = 'us-west-2';

function enableVersioning(
  scope: Construct,
  id: string,
  config: S3BucketVersioningConfig
): S3BucketVersioning {
  return new S3BucketVersioning(scope, id, config);
}

export class TapStack extends TerraformStack {
  public readonly versioning: S3BucketVersioning[] = [];

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
    const replicaProvider = new AwsProvider(this, 'aws-replica', {
      alias: 'replica',
      region: REPLICA_REGION,
      defaultTags: defaultTags,
    });

    new S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    const source = new S3Bucket(this, 'source-bucket', {
      bucket: `media-source-${environmentSuffix}`,
      forceDestroy: true,
    });
    const replica = new S3Bucket(this, 'replica-bucket', {
      provider: replicaProvider,
      bucket: `media-replica-${environmentSuffix}`,
      forceDestroy: true,
    });
    const logs = new S3Bucket(this, 'log-bucket', {
      bucket: `media-logs-${environmentSuffix}`,
      forceDestroy: true,
    });

    const sourceVersioning = enableVersioning(this, 'source-versioning', {
      bucket: source.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    const replicaVersioning = new S3BucketVersioning(this, 'replica-versioning', {
      provider: replicaProvider,
      bucket: replica.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    this.versioning.push(sourceVersioning, replicaVersioning);

    new BucketLogging(this, 'source-logging', {
      bucket: source.id,
      targetBucket: logs.id,
      targetPrefix: 'media-source/',
    });

    const assumeRole = new DataAwsIamPolicyDocument(this, 'replication-assume', {
      statement: [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['s3.amazonaws.com'] }],
        },
      ],
    });
    const role = new IamRole(this, 'replication-role', {
      name: `media-replication-${environmentSuffix}`,
      assumeRolePolicy: assumeRole.json,
    });
    new IamRolePolicy(this, 'replication-policy', {
      role: role.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: [source.arn] },
          { Effect: 'Allow', Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl'], Resource: [`${source.arn}/*`] },
          { Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateDelete'], Resource: [`${replica.arn}/*`] },
        ],
      }),
    });

    new S3BucketReplicationConfiguration(this, 'replication', {
      bucket: source.id,
      role: role.arn,
      rule: [
        {
          id: 'replicate-all',
          status: 'Enabled',
          filter: {},
          deleteMarkerReplication: { status: 'Enabled' },
          destination: {
            bucket: replica.arn,
            storageClass: 'STANDARD_IA',
          },
        },
      ],
      dependsOn: [sourceVersioning, replicaVersioning],
    });

    new TerraformOutput(this, 'source-bucket-name', { value: source.bucket });
    new TerraformOutput(this, 'replica-bucket-name', { value: replica.bucket });
  }
}
