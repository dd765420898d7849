import { Construct } from 'constructs';
import { S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';

interface TapStackProps {
  environmentSuffix?: string;
  stateBucket?: string;
  stateBucketRegion?: string;
  awsRegion?: string;
  defaultTags?: AwsProviderDefaultTags;
}

export class TapStack extends TerraformStack {
  private readonly api: ApiGatewayRestApi;

  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id);

    const environmentSuffix = props?.environmentSuffix || 'dev';
    const defaultTags = props?.defaultTags ? [props.defaultTags] : [];

    new AwsProvider(this, 'aws', { region: props?.awsRegion || 'us-east-1', defaultTags: defaultTags });
    new S3Backend(this, {
      bucket: props?.stateBucket || 'iac-rlhf-tf-states',
      key: `${environmentSuffix}/${id}.tfstate`,
      region: props?.stateBucketRegion || 'us-east-1',
      encrypt: true,
    });

    this.api = new ApiGatewayRestApi(this, 'api', { name: `payments-${environmentSuffix}` });
    const payments = new ApiGatewayResource(this, 'payments', {
      restApiId: this.api.id,
      parentId: this.api.rootResourceId,
      pathPart: 'payments',
    });
    this.enableCors(payments);
  }

  // cdktf-ts Pr6171: the id comes from the resource's pathPart attribute, a token
  private enableCors(resource: ApiGatewayResource): void {
    const corsMethod = new ApiGatewayMethod(this, `${resource.pathPart}_cors`, {
      restApiId: this.api.id,
      resourceId: resource.id,
      httpMethod: 'OPTIONS',
      authorization: 'NONE',
    });

    new ApiGatewayIntegration(this, `${resource.pathPart}_cors_integration`, {
      restApiId: this.api.id,
      resourceId: resource.id,
      httpMethod: corsMethod.httpMethod,
      type: 'MOCK',
    });
  }
}
