import { Construct } from 'constructs';
import {
  S3Backend,
  TerraformOutput,
  TerraformStack, // core
  Fn,
} from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  private readonly zones: DataAwsAvailabilityZones;

  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const awsRegion = props?.awsRegion || 'us-east-1';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new AwsProvider(this, 'aws', { region: awsRegion, defaultTags: defaultTags });
    new S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16' });

    // the data source the generated code reads zones from
    this.zones = new DataAwsAvailabilityZones(this, 'azs', { state: 'available' });
    const azs = this.zones;

    // element access written like a cdktf List helper (TS2339 on string[])
    const zoneNames = [
      `${Fn.element(azs.names, 0)}`,
      `${Fn.element(azs.names, 1)}`,
    ];

    zoneNames.forEach((_, i) => {
      new Subnet(this, `public-${i}`, {
        vpcId: vpc.id,
        cidrBlock: `10.0.${i}.0/24`,
        availabilityZone: Fn.element(this.zones.names, i),
        mapPublicIpOnLaunch: true,
      });
    });

    // plain array indexing: the whole list token where one zone is expected
    new Subnet(this, `private-${environmentSuffix}`, {
      vpcId: vpc.id,
      cidrBlock: '10.0.10.0/24',
      availabilityZone: Fn.element(azs.names, 0),
    });

    new TerraformOutput(this, 'first-zone-id', { value: Fn.element(azs.zoneIds, 0) });
    new TerraformOutput(this, 'zones', { value: azs.names });
  }
}
