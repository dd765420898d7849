import { Construct } from 'constructs';
import { S3Backend, TerraformStack, TerraformOutput } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';

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
      namePrefix: `web-${environmentSuffix}-`,
      imageId: 'ami-0c802847a7dd848c0',
      instanceType: 't3.micro',
    });

    const webAsg = new AutoscalingGroup(this, 'web-asg', {
      minSize: 1,
      maxSize: 3,
      vpcZoneIdentifier: ['subnet-0123456789abcdef0'],
      launchTemplate: { id: lt.id, version: '$Latest' },
    }); // created before the target group

    const webTg = new LbTargetGroup(this, 'web-tg', {
      port: 8080,
      protocol: 'HTTP',
      vpcId: 'vpc-0123456789abcdef0',
      targetType: 'instance',
    });

    new TerraformOutput(this, 'target_group_arn', { value: webTg.arn });
  }
}
