import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';

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

    // Configure cross-region provider for us-west-2
    new AwsProvider(this, 'aws-west-2', {
      alias: 'west2',
      region: 'us-west-2',
    });

    const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const subnet = new Subnet(this, 'public', { vpcId: vpc.id, cidrBlock: '10.0.1.0/24' });

    const natEip = new Eip(this, 'nat-eip', {
      vpc: true,
      tags: { Name: `nat-eip-${environmentSuffix}` },
    });
    new NatGateway(this, 'nat', { allocationId: natEip.id, subnetId: subnet.id });

    const replicaKey = new KmsKey(this, 'replica-key', {
      description: 'backup replica key',
      enableKeyRotation: true,
      provider: 'aws.west2',
    });

    // Create cross-region backup vault in us-west-2
    new BackupVault(this, 'cross-region-backup-vault', {
      name: `cross-region-backup-vault-${environmentSuffix}`,
      kmsKeyArn: replicaKey.arn,
      provider: 'aws.west2',
      tags: {
        Type: 'CrossRegion',
      },
    });
  }
}
