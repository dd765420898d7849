import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';

export interface EducationStackProps {
  environmentSuffix: string;
}

export class EducationStack extends Construct {
  constructor(scope: Construct, id: string, props: EducationStackProps) {
    super(scope, id);

    const role = new IamRole(this, 'lambda-role', {
      name: `education-lambda-${props.environmentSuffix}`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
          },
        ],
      }),
    });

    const enrollment = new LambdaFunction(this, 'enrollment', {
      functionName: `enrollment-${props.environmentSuffix}`,
      role: role.arn,
      handler: 'index.handler',
      runtime: 'nodejs18.x',
      filename: 'lambda/enrollment.zip', // built by `npm run package`
      sourceCodeHash: '${filebase64sha256("lambda/enrollment.zip")}',
    });

    new LambdaFunction(this, 'progress', {
      functionName: `progress-${props.environmentSuffix}`,
      role: role.arn,
      handler: 'index.handler',
      runtime: 'nodejs18.x',
      filename: "./lambda/progress.zip",
      sourceCodeHash: "${filebase64sha256(\"./lambda/progress.zip\")}",
    });

    new TerraformOutput(this, 'enrollment-arn', { value: enrollment.arn });
  }
}
