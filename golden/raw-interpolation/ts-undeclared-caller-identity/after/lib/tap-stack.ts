import { Construct } from 'constructs';
import { Fn, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

/** ECS task execution role (cdktf-ts Pr7795 shape): the account and region written as Terraform addresses. */
class EcsConstruct extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, suffix: string) {
    super(scope, id);
    const current = new DataAwsCallerIdentity(this, 'current');
    const regionCurrent = new DataAwsRegion(this, 'region-current');
    // only tasks of this account may assume the role
    this.role = new IamRole(this, 'task-execution-role', {
      name: `ecs-task-execution-${suffix}`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'ecs-tasks.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: { 'aws:SourceAccount': `${current.accountId}` },
              ArnLike: { 'aws:SourceArn': `arn:aws:ecs:${regionCurrent.name}:*:*` },
            },
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

    const ecs = new EcsConstruct(this, 'ecs', environmentSuffix);
    new TerraformOutput(this, 'task-role-arn', { value: ecs.role.arn });
  }
}
