import { S3Backend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DevStack } from './dev-stack';
import { ProdStack } from './prod-stack';

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: { environmentSuffix: string }) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    new S3Backend(this, { bucket: 'iac-rlhf-tf-states', key: `${props.environmentSuffix}/${id}.tfstate`, region: 'us-east-1' });

    if (props.environmentSuffix === 'prod') {
      new ProdStack(this, 'trading-app-prod', { name: 'prod' });
    } else {
      new DevStack(this, `trading-app-${props.environmentSuffix}`, { name: props.environmentSuffix });
    }
  }
}
