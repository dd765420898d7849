import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

/** Nested construct: its resources are named `sessions_table_HASH` in Terraform, not `table`. */
class SessionStore extends Construct {
  public readonly table: DynamodbTable;
  public readonly policy: IamPolicy;

  constructor(scope: Construct, id: string, suffix: string) {
    super(scope, id);
    this.table = new DynamodbTable(this, 'sessions-table', {
      name: `sessions-${suffix}`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'id',
      attribute: [{ name: 'id', type: 'S' }],
    });
    this.policy = new IamPolicy(this, 'sessions-access', {
      name: `sessions-access-${suffix}`,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
            // the author's guess at the Terraform name: it does not exist
            Resource: '${aws_dynamodb_table.table.arn}',
          },
        ],
      }),
    });
  }
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new AwsProvider(this, 'aws', { region: props?.awsRegion || 'us-east-1', defaultTags: defaultTags });
    new S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    const store = new SessionStore(this, 'sessions', environmentSuffix);
    new TerraformOutput(this, 'policy-arn', { value: store.policy.arn });
  }
}
