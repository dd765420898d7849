import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import {
  AwsProvider,
  AwsProviderDefaultTags,
} from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import {
  CloudtrailTrail, // the organisation's audit trail
  CloudtrailTrailEventSelector,
} from '@cdktf/provider-aws/lib/cloudtrail-trail';
import * as flowLogs from "@cdktf/provider-aws/lib/vpc-flow-log";

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

// management events only: data events are billed per request
function managementEvents(): CloudtrailTrailEventSelector[] {
  return [{ readWriteType: 'All', includeManagementEvents: true }];
}

export class TapStack extends TerraformStack {
  public readonly trail: CloudtrailTrail;
  public readonly flowLog: flowLogs.VpcFlowLog;

  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';

    new AwsProvider(this, 'aws', {
      region: awsRegion,
      defaultTags: props?.defaultTags ? [props.defaultTags] : [],
    });
    new S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    const logs = new S3Bucket(this, 'audit-logs', {
      bucket: `audit-logs-${environmentSuffix}`,
      forceDestroy: true,
    });

    this.trail = new CloudtrailTrail(this, 'audit-trail', {
      name: `audit-trail-${environmentSuffix}`,
      s3BucketName: logs.bucket,
      isMultiRegionTrail: true,
      enableLogFileValidation: true,
      eventSelector: managementEvents(),
    });

    const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const flowLogConfig: flowLogs.VpcFlowLogConfig = {
      vpcId: vpc.id,
      trafficType: 'ALL',
      logDestination: logs.arn,
      logDestinationType: 's3',
    };
    this.flowLog = new flowLogs.VpcFlowLog(this, 'flow-log', flowLogConfig);

    new TerraformOutput(this, 'trail-arn', { value: this.trail.arn });
  }
}
