import { Construct } from 'constructs';
import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import {
  LbTargetGroup,
  LbTargetGroupHealthCheck,
} from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

const APP_PORT = 8080;

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const threshold = new TerraformVariable(this, 'cpu_threshold', { type: 'string', default: '80' });

    new AwsProvider(this, 'aws', {
      region: props?.awsRegion || 'us-east-1',
      defaultTags: props?.defaultTags ? [props.defaultTags] : [],
    });
    const west = new AwsProvider(this, 'west', { alias: 'west', region: 'us-west-2' });

    const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16', enableDnsHostnames: true });
    new Eip(this, 'nat-eip', { domain: 'vpc', provider: west });

    const healthCheck: LbTargetGroupHealthCheck = {
      path: '/health',
      port: `${APP_PORT}`,
      interval: 30,
      matcher: '200-299',
    };
    new LbTargetGroup(this, 'tg', {
      name: `tg-${environmentSuffix}`,
      port: APP_PORT,
      protocol: 'HTTP',
      vpcId: vpc.id,
      deregistrationDelay: String(30),
      healthCheck,
      tags: { Port: String(APP_PORT), Team: 'web' },
    });

    new SecurityGroup(this, 'sg', {
      vpcId: vpc.id,
      ingress: [{ fromPort: APP_PORT, toPort: APP_PORT, protocol: 'tcp', cidrBlocks: ['10.0.0.0/16'] }],
      egress: [{ fromPort: 0, toPort: 0, protocol: '-1', cidrBlocks: ['0.0.0.0/0'] }],
    });

    new CloudwatchMetricAlarm(this, 'cpu', {
      alarmName: `cpu-${environmentSuffix}`,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 2,
      metricName: 'CPUUtilization',
      namespace: 'AWS/EC2',
      period: 300,
      statistic: 'Average',
      threshold: Token.asNumber(threshold.stringValue),
      actionsEnabled: true,
    });
  }
}
