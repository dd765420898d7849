import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { BackupFramework } from '@cdktf/provider-aws/lib/backup-framework';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';

export interface StorageStackProps {
  environmentSuffix: string;
}

export class StorageStack extends Construct {
  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id);
    const suffix = props.environmentSuffix;

    const bucket = new S3Bucket(this, 'archive', { bucket: `archive-${suffix}` });
    const rules: S3BucketLifecycleConfigurationRule[] = [
      {
        id: 'expire',
        status: 'Enabled',
        filter: [{ prefix: 'logs/' }],
        expiration: [{ days: 30 }],
      },
    ];
    new S3BucketLifecycleConfiguration(this, 'archive-lifecycle', { bucket: bucket.id, rule: rules });

    new BackupFramework(this, 'framework', {
      name: `framework_${suffix}`,
      control: [
        {
          name: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
          scope: {
            complianceResourceTypes: ['S3', 'DynamoDB'],
          },
        },
      ],
    });

    const targetGroup = new LbTargetGroup(this, 'tg', {
      name: `web-${suffix}`,
      port: 80,
      protocol: 'HTTP',
      healthCheck: {
        path: '/health',
        healthyThreshold: 3,
      },
    });

    new TerraformOutput(this, 'target_group_arn', { value: targetGroup.arn });
  }
}
