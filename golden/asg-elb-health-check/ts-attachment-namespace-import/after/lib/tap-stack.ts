import { Construct } from 'constructs';
import { S3Backend, TerraformStack, TerraformOutput } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import * as aws from '@cdktf/provider-aws';

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

    const lt = new aws.launchTemplate.LaunchTemplate(this, 'lt', {
      namePrefix: `web-${environmentSuffix}-`,
      imageId: 'ami-0c802847a7dd848c0',
      instanceType: 't3.micro',
    });

    const tg = new aws.lbTargetGroup.LbTargetGroup(this, 'tg', {
      name: `web-tg-${environmentSuffix}`,
      port: 80,
      protocol: 'HTTP',
      vpcId: 'vpc-0123456789abcdef0',
    });

    const asg = new aws.autoscalingGroup.AutoscalingGroup(this, 'asg', {
      name: `web-asg-${environmentSuffix}`,
      minSize: 1,
      maxSize: 3,
      vpcZoneIdentifier: ['subnet-0123456789abcdef0'],
      launchTemplate: { id: lt.id, version: '$Latest' },
      healthCheckType: 'ELB',
      healthCheckGracePeriod: 300,
    });

    // the group joins the target group through an attachment
    new aws.autoscalingAttachment.AutoscalingAttachment(this, 'asg-attachment', {
      autoscalingGroupName: asg.name,
      lbTargetGroupArn: tg.arn,
    });

    new TerraformOutput(this, 'asg_name', { value: asg.name });
  }
}
