import * as path from 'path';
import { Construct } from 'constructs';
import { TerraformOutput, Fn } from 'cdktf';
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
      filename: path.resolve(__dirname, '..', 'lambda/enrollment.zip'), // built by `npm run package`
      sourceCodeHash: Fn.filebase64sha256(path.resolve(__dirname, '..', 'lambda/enrollment.zip')),
    });

    new LambdaFunction(this, 'progress', {
      functionName: `progress-${props.environmentSuffix}`,
      role: role.arn,
      handler: 'index.handler',
      runtime: 'nodejs18.x',
      filename: path.resolve(__dirname, "..", "./lambda/progress.zip"),
      sourceCodeHash: Fn.filebase64sha256(path.resolve(__dirname, "..", "./lambda/progress.zip")),
    });

    new TerraformOutput(this, 'enrollment-arn', { value: enrollment.arn });
  }
}
