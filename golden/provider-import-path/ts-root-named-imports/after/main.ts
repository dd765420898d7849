import { App, TerraformStack, TerraformOutput } from 'cdktf';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { Construct } from 'constructs';
import {
  s3Bucket,
} from '@cdktf/provider-aws';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider'; // the provider
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';

class NetworkStack extends TerraformStack {
  public readonly vpc: Vpc;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    const caller = new DataAwsCallerIdentity(this, 'caller', {});

    this.vpc = new Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const subnets: Subnet[] = [0, 1].map(
      (i) =>
        new Subnet(this, `subnet-${i}`, {
          vpcId: this.vpc.id,
          cidrBlock: `10.0.${i}.0/24`,
        })
    );

    // s3Bucket is a valid root namespace and stays where it is
    const bucket = new s3Bucket.S3Bucket(this, 'logs', { bucketPrefix: 'logs-' });
    new S3BucketVersioningA(this, 'logs-versioning', {
      bucket: bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });

    new TerraformOutput(this, 'account', { value: caller.accountId });
    new TerraformOutput(this, 'subnet_ids', { value: subnets.map((s) => s.id) });
  }
}

const app = new App();
new NetworkStack(app, 'network');
app.synth();
