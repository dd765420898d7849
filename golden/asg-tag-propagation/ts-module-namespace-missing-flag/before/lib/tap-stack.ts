import { Construct } from 'constructs';
import { S3Backend, TerraformStack, TerraformOutput } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import * as autoscaling from '@cdktf/provider-aws/lib/autoscaling-group';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
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
    new S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    const lt = new LaunchTemplate(this, 'lt', {
      imageId: 'ami-0c802847a7dd848c0',
      instanceType: 't3.micro',
    });

    const asg = new autoscaling.AutoscalingGroup(this, 'asg', {
      minSize: 1,
      maxSize: 3,
      vpcZoneIdentifier: ['subnet-0123456789abcdef0'],
      launchTemplate: { id: lt.id },
      tag: [
        { key: 'Name', value: `web-${environmentSuffix}` }, // shown in the EC2 console
        {
          key: 'CostCenter',
          value: 'web',
        },
      ],
    });

    new TerraformOutput(this, 'asg_name', { value: asg.name });
  }
}
