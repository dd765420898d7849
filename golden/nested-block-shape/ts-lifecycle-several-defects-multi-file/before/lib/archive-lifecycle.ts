import { Construct } from 'constructs';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';

export interface ArchiveLifecycleProps {
  bucketId: string;
  retentionDays: number;
}

/** Invoices: Glacier after 90 days, deleted after the retention period. */
export class ArchiveLifecycle extends Construct {
  constructor(scope: Construct, id: string, props: ArchiveLifecycleProps) {
    super(scope, id);

    new S3BucketLifecycleConfiguration(this, 'rules', {
      bucket: props.bucketId,
      rule: [
        {
          id: 'invoices',
          status: 'Enabled',
          filter: { prefix: 'invoices/' },
          transition: [{ days: 90, storageClass: 'GLACIER' }],
          // legal retention period
          expiration: {
            days: props.retentionDays,
          },
          noncurrentVersionExpiration: { noncurrentDays: 30 },
        },
        {
          id: 'abort-uploads',
          status: 'Enabled',
          filter: [{}],
          abortIncompleteMultipartUpload: { daysAfterInitiation: 3 }, // stale multipart uploads
        },
      ],
    });
  }
}
