import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';

interface CommonTags {
  Environment: string;
  Repository: string;
}

interface WorkerSettings {
  environment: FunctionEnvironment;
  memory: number;
}

interface FunctionEnvironment {
  TABLE_NAME: string;
  STAGE: string;
}

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
  commonTags?: CommonTags;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const tags: CommonTags = props?.commonTags ?? {
      Environment: environmentSuffix,
      Repository: 'orders',
    };

    new AwsProvider(this, 'aws', {
      region: props?.awsRegion || 'us-east-1',
      defaultTags: [{ tags: tags }],
    });

    const settings: WorkerSettings = {
      environment: { TABLE_NAME: `orders-${environmentSuffix}`, STAGE: environmentSuffix },
      memory: 256,
    };

    const role = new IamRole(this, 'worker-role', {
      name: `worker-${environmentSuffix}`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });

    new LambdaFunction(this, 'worker', {
      functionName: `worker-${environmentSuffix}`,
      role: role.arn,
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      filename: 'worker.zip',
      memorySize: settings.memory,
      environment: {
        variables: settings.environment,
      },
    });
  }
}
