import { Construct } from 'constructs';
import { S3Backend, TerraformStack, TerraformOutput } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';

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

    const albSg = new SecurityGroup(this, 'alb-sg', {
      name: `alb-sg-${environmentSuffix}`,
      description: 'Load balancer',
      vpcId: 'vpc-0123456789abcdef0',
      ingress: [
        { fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'], description: 'HTTPS (TCP 443) from 0.0.0.0/0' }, // public HTTPS
        {
          fromPort: 80,
          toPort: 80,
          protocol: 'tcp',
          cidrBlocks: ['0.0.0.0/0'],
          ipv6CidrBlocks: ['::/0'],
          description: 'HTTP (TCP 80) from 0.0.0.0/0, ::/0'
        },
      ],
    });

    const appSg = new SecurityGroup(this, 'app-sg', { description: 'App', vpcId: 'vpc-0123456789abcdef0' });

    new VpcSecurityGroupIngressRule(this, 'app-from-alb', {
      securityGroupId: appSg.id,
      referencedSecurityGroupId: albSg.id,
      ipProtocol: 'tcp',
      fromPort: 8000,
      toPort: 8100,
      description: 'TCP 8000-8100 from albSg',
    });

    new TerraformOutput(this, 'alb_sg_id', { value: albSg.id });
  }
}
