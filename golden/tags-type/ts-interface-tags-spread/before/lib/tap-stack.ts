import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

interface BaseTags {
  Environment: string;
  ManagedBy: string;
}

// tags every resource of the stack carries
interface CommonTags extends BaseTags {
  Project: string;
  CostCenter?: string;
}

export class TapStack extends TerraformStack {
  private readonly commonTags: CommonTags;

  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    this.commonTags = {
      Environment: environmentSuffix,
      ManagedBy: 'cdktf',
      Project: 'orders',
    };

    new AwsProvider(this, 'aws', {
      region: props?.awsRegion || 'us-east-1',
      defaultTags: props?.defaultTags ? [props.defaultTags] : [],
    });

    const base: BaseTags = { Environment: environmentSuffix, ManagedBy: 'cdktf' };

    new S3Bucket(this, 'orders-archive', {
      bucket: `orders-archive-${environmentSuffix}`,
      tags: this.commonTags,
    });

    new DynamodbTable(this, 'orders', {
      name: `orders-${environmentSuffix}`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'id',
      attribute: [{ name: 'id', type: 'S' }],
      tags: base, // the table is shared: base tags only
    });

    this.topic(environmentSuffix, this.commonTags);
  }

  private topic(environmentSuffix: string, tags: CommonTags): SnsTopic {
    return new SnsTopic(this, 'orders-events', {
      name: `orders-events-${environmentSuffix}`,
      tags,
      tagsAll: tags,
    });
  }
}
