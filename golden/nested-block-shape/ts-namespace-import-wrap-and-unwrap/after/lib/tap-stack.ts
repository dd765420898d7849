import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import * as aws from '@cdktf/provider-aws';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';
    const stateBucketRegion = props?.stateBucketRegion || 'us-east-1';
    const stateBucket = props?.stateBucket || 'iac-rlhf-tf-states';

    new aws.provider.AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: [{
        tags: {
          Environment: environmentSuffix,
          Service: 'storefront',
        },
      }],
    });

    new S3Backend(this, {
      bucket: stateBucket,
      key: `${environmentSuffix}/${id}.tfstate`,
      region: stateBucketRegion,
      encrypt: true,
    });

    const vpc = new aws.dataAwsVpc.DataAwsVpc(this, 'default-vpc', { default: true });
    const subnets = new aws.dataAwsSubnets.DataAwsSubnets(this, 'subnets', {
      filter: [{ name: 'vpc-id', values: [vpc.id] }],
    });
    const ami = new aws.dataAwsAmi.DataAwsAmi(this, 'al2023', {
      mostRecent: true,
      owners: ['amazon'],
      filter: [{ name: 'name', values: ['al2023-ami-*-x86_64'] }],
    });

    const albSg = new aws.securityGroup.SecurityGroup(this, 'alb-sg', {
      name: `storefront-alb-${environmentSuffix}`,
      vpcId: vpc.id,
      ingress: [{ fromPort: 80, toPort: 80, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }],
      egress: [{ fromPort: 0, toPort: 0, protocol: '-1', cidrBlocks: ['0.0.0.0/0'] }],
    });

    const alb = new aws.lb.Lb(this, 'alb', {
      name: `storefront-${environmentSuffix}`,
      loadBalancerType: 'application',
      securityGroups: [albSg.id],
      subnets: subnets.ids,
    });

    const targetGroup = new aws.lbTargetGroup.LbTargetGroup(this, 'web-tg', {
      name: `storefront-web-${environmentSuffix}`,
      port: 80,
      protocol: 'HTTP',
      vpcId: vpc.id,
      healthCheck: {
          path: '/health',
          matcher: '200-299',
          interval: 30,
        },
      stickiness: { type: 'lb_cookie', cookieDuration: 3600, enabled: true },
    });

    new aws.lbListener.LbListener(this, 'http', {
      loadBalancerArn: alb.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [{ type: 'forward', targetGroupArn: targetGroup.arn }], // single action
    });

    const template = new aws.launchTemplate.LaunchTemplate(this, 'web-lt', {
      namePrefix: `storefront-web-${environmentSuffix}-`,
      imageId: ami.id,
      instanceType: 't3.small',
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' },
    });

    new aws.autoscalingGroup.AutoscalingGroup(this, 'web-asg', {
      name: `storefront-web-${environmentSuffix}`,
      minSize: 2,
      maxSize: 4,
      vpcZoneIdentifier: subnets.ids,
      targetGroupArns: [targetGroup.arn],
      launchTemplate: { id: template.id, version: '$Latest' },
    });

    new TerraformOutput(this, 'alb-dns-name', { value: alb.dnsName });
  }
}
