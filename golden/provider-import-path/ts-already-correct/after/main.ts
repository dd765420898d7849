import { App, TerraformStack, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { s3Bucket, vpc } from '@cdktf/provider-aws';
import * as aws from '@cdktf/provider-aws';
import { SecurityGroupStack } from './lib/security';

// AwsProvider from '@cdktf/provider-aws' would fail: it lives in lib/provider
class StorageStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    const network = new vpc.Vpc(this, 'vpc', { cidrBlock: '10.2.0.0/16' });
    const subnet = new aws.subnet.Subnet(this, 'subnet', { vpcId: network.id, cidrBlock: '10.2.1.0/24' });
    const bucket: s3Bucket.S3Bucket = new s3Bucket.S3Bucket(this, 'bucket', { bucketPrefix: 'Vpc-' });
    const sg = new SecurityGroupStack(this, 'sg', network.id);

    new TerraformOutput(this, 'bucket_name', { value: bucket.bucket });
    new TerraformOutput(this, 'subnet_out', { value: subnet.id });
    new TerraformOutput(this, 'sg_id', { value: sg.group.id });
  }
}

const app = new App();
new StorageStack(app, 'storage');
app.synth();
