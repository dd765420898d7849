import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import * as aws from '@cdktf/provider-aws';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { CloudwatchMetricAlarm as Alarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';

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

    new AwsProvider(this, 'aws', {
      region: props?.awsRegion || 'us-east-1',
      defaultTags: props?.defaultTags ? [props.defaultTags] : [],
    });

    const vpc = new aws.vpc.Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const subnets = ['10.0.1.0/24', '10.0.2.0/24'].map(
      (cidr, i) =>
        new aws.subnet.Subnet(this, `public-${i}`, {
          vpcId: vpc.id,
          cidrBlock: cidr,
          availabilityZone: `us-east-1${'ab'[i]}`,
        })
    );

    const alb = new aws.lb.Lb(this, 'alb', {
      name: `web-alb-${environmentSuffix}`,
      loadBalancerType: 'application',
      subnets: subnets.map((s) => s.id),
    });

    const targetGroup = new LbTargetGroup(this, 'web-tg', {
      name: `web-tg-${environmentSuffix}`,
      port: 8080,
      protocol: 'HTTP',
      vpcId: vpc.id,
      targetType: 'ip',
      deregistrationDelay: 30, // drain quickly
      healthCheck: {
        enabled: true,
        path: '/health',
        port: 8080,
        interval: '30',
        matcher: 200,
      },
      tags: { Name: `web-tg-${environmentSuffix}`, Tier: 2 },
    });

    // ALB listener
    new aws.lbListener.LbListener(this, 'web-listener', {
      loadBalancerArn: alb.arn,
      port: '80',
      protocol: 'HTTP',
      defaultAction: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
    });

    new Alarm(this, 'high-5xx', {
      alarmName: `web-5xx-${environmentSuffix}`,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: '2',
      metricName: 'HTTPCode_Target_5XX_Count',
      namespace: 'AWS/ApplicationELB',
      period: "300",
      statistic: 'Sum',
      threshold: '0.5',
      treatMissingData: 'notBreaching',
      dimensions: { LoadBalancer: alb.arnSuffix },
    });

    new ElasticacheReplicationGroup(this, 'sessions', {
      replicationGroupId: `sessions-${environmentSuffix}`,
      description: 'session cache',
      engine: 'redis',
      nodeType: 'cache.t3.micro',
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: 'true',
      autoMinorVersionUpgrade: false,
    });
  }
}
