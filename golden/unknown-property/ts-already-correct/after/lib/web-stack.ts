import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import * as aws from '@cdktf/provider-aws';
import { S3Bucket, S3BucketConfig } from '@cdktf/provider-aws/lib/s3-bucket';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';

export interface WebStackProps {
  environmentSuffix: string;
}

interface Options {
  replicationGroupDescription: string; // not a provider struct
}

export class WebStack extends Construct {
  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id);
    const suffix = props.environmentSuffix;
    const options: Options = { replicationGroupDescription: 'not ours' };
    const common = { forceDestroy: true };
    const tagKey = 'subnetIds';

    const bucketConfig: S3BucketConfig = {
      bucket: `assets-${suffix}`,
      ...common,
      tags: { healthyThreshold: 'tag keys are free-form', [tagKey]: 'computed', 'subnet_ids': 'x' },
    };
    const bucket = new S3Bucket(this, 'assets', bucketConfig);
    const bucketBackup = new S3Bucket(this, 'assets-backup', {
      bucket: `assets-backup-${suffix}`,
      dependsOn: [bucket],
      lifecycle: { preventDestroy: false, ignoreChanges: ['tags'] },
    });

    const healthCheck = { path: '/health', healthyThreshold: 3 };
    const targetGroup = new aws.lbTargetGroup.LbTargetGroup(this, 'tg', {
      name: `web-${suffix}`,
      port: 80,
      protocol: 'HTTP',
      healthCheck,
    });
    new LbTargetGroup(this, 'tg-2', {
      name: `web2-${suffix}`,
      port: 80,
      protocol: 'HTTP',
      healthCheck: { ...healthCheck, interval: 30 },
    });

    new TerraformOutput(this, 'bucket', { value: bucketBackup.bucket });
    new TerraformOutput(this, 'tg_arn', { value: targetGroup.arn });
    new TerraformOutput(this, 'note', { value: options.replicationGroupDescription });
  }
}
