import * as cdktf from 'cdktf';
import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

export default class StorageStack extends cdktf.TerraformStack {
  constructor(scope: Construct, id: string, vpcId: string) {
    super(scope, id);
    const bucket = new S3Bucket(this, 'bucket', { bucketPrefix: 'storage-', tags: { Vpc: vpcId } });
    new cdktf.TerraformOutput(this, 'bucket-name', { value: bucket.bucket });
  }
}
