import { Construct } from 'constructs';
import { TerraformStack, TerraformOutput } from 'cdktf';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { DataAwsSecretsmanagerSecret } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret';

export interface EducationStackProps {
  environmentSuffix: string;
}

// The course catalogue's database, written as a stack of its own and created inside TapStack.
export class EducationStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: EducationStackProps) {
    super(scope, id);

    const catalogue = new RdsCluster(this, 'catalogue', {
      clusterIdentifier: `education-${props.environmentSuffix}`,
      engine: 'aurora-mysql',
      engineVersion: '8.0.mysql_aurora.3.02.0',
      masterUsername: 'admin',
      masterPassword: 'Education2024!',
      skipFinalSnapshot: true,
    });

    // the partner API key is expected to exist already (nothing in this project creates it)
    const partnerKey = new DataAwsSecretsmanagerSecret(this, 'partner-key', {
      name: `education-partner-key-${props.environmentSuffix}`,
    });

    new TerraformOutput(this, 'catalogue_endpoint', { value: catalogue.endpoint });
    new TerraformOutput(this, 'partner_key_arn', { value: partnerKey.arn });
  }
}
