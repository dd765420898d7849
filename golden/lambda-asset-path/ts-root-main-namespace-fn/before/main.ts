import { Construct } from 'constructs';
import * as cdktf from 'cdktf';
import * as path from 'path';
import * as aws from '@cdktf/provider-aws';

class FailoverStack extends cdktf.TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new aws.provider.AwsProvider(this, 'aws', { region: 'us-east-1' });

    const role = new aws.iamRole.IamRole(this, 'failover-role', {
      name: 'failover-lambda',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
      }),
    });

    new aws.lambdaFunction.LambdaFunction(this, 'failover', {
      functionName: 'failover-handler',
      role: role.arn,
      handler: 'index.handler',
      runtime: 'nodejs18.x',
      filename: 'failover.zip', // You'll need to create this ZIP file
      sourceCodeHash: cdktf.Fn.filebase64sha256('failover.zip'),
      layers: [
        new aws.lambdaLayerVersion.LambdaLayerVersion(this, 'shared', {
          layerName: 'shared',
          filename: `layers/shared.zip`,
        }).arn,
      ],
    });

    new aws.lambdaFunction.LambdaFunction(this, 'reporter', {
      functionName: 'failover-reporter',
      role: role.arn,
      handler: 'index.handler',
      runtime: 'nodejs18.x',
      filename: path.join(__dirname, 'dist', 'reporter.zip'),
      sourceCodeHash: cdktf.Fn.filebase64sha256(path.join(__dirname, 'dist', 'reporter.zip')),
    });
  }
}

const app = new cdktf.App();
new FailoverStack(app, 'failover');
app.synth();
