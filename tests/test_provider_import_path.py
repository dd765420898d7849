"""IAC110 provider-import-path: import forms, refusals, CRLF, idempotence."""
from iacfix.codemods.provider_import_path import ProviderImportPath, home_of
from iacfix.engine import Context, process
from iacfix.knowledge.provider import ProviderIndex

RULE = ProviderImportPath()


def run(text: str, path: str = "lib/stack.ts", unsafe: bool = True):
    ctx = Context()
    return process(path, text.encode(), [RULE], ctx, fix=True, unsafe=unsafe)


def fixed(text: str, path: str = "lib/stack.ts", unsafe: bool = True) -> str:
    result = run(text, path, unsafe)
    assert result.error is None and result.internal_error is None, (result.error, result.internal_error)
    out = (result.fixed or result.original).decode()
    again = run(out, path, unsafe)
    assert not again.changed, "a second run must change nothing"
    return out


def test_home_prefers_the_resource_module_for_a_constructed_name():
    index = ProviderIndex.load("21.22.1")
    # S3BucketVersioning: a struct in s3Bucket, the (A-suffixed) resource in s3BucketVersioning
    assert home_of(index, "S3BucketVersioning", as_value=True).submodule == "s3BucketVersioning"
    typed = home_of(index, "S3BucketVersioning", as_value=False)
    assert typed.submodule == "s3BucketVersioning" and not typed.safe
    assert home_of(index, "Vpc", as_value=True).submodule == "vpc"
    assert home_of(index, "NoSuchThing", as_value=True).submodule is None


def test_ts_aliased_root_import_keeps_its_alias_and_type_modifier():
    out = fixed("import type { Vpc as V } from '@cdktf/provider-aws';\nlet v: V;\n")
    assert out == "import type { Vpc as V } from '@cdktf/provider-aws/lib/vpc';\nlet v: V;\n"


def test_ts_appends_to_an_existing_import_of_the_module():
    out = fixed("import { Subnet } from '@cdktf/provider-aws';\n"
                "import { SubnetConfig } from '@cdktf/provider-aws/lib/subnet';\n"
                "new Subnet(this, 's', {} as SubnetConfig);\n")
    assert out == ("import { SubnetConfig, Subnet } from '@cdktf/provider-aws/lib/subnet';\n"
                   "new Subnet(this, 's', {} as SubnetConfig);\n")


def test_ts_class_from_the_wrong_submodule():
    out = fixed("import { Vpc, Subnet } from '@cdktf/provider-aws/lib/vpc';\nnew Subnet(this, 's', {});\n")
    assert out == ("import { Vpc } from '@cdktf/provider-aws/lib/vpc';\n"
                   "import { Subnet } from '@cdktf/provider-aws/lib/subnet';\nnew Subnet(this, 's', {});\n")


def test_ts_namespace_member_whose_class_name_is_taken_uses_the_namespace_form():
    text = ("import { ec2 } from '@cdktf/provider-aws';\n"
            "import { SecurityGroup } from './constructs';\n"
            "new ec2.SecurityGroup(this, 'sg', {});\n")
    assert fixed(text) == ("import { securityGroup } from '@cdktf/provider-aws';\n"
                           "import { SecurityGroup } from './constructs';\n"
                           "new securityGroup.SecurityGroup(this, 'sg', {});\n")


def test_ts_namespace_member_whose_names_are_all_taken_is_only_reported():
    text = ("import { ec2 } from '@cdktf/provider-aws';\n"
            "class SecurityGroup {}\n"
            "const securityGroup = new ec2.SecurityGroup(this, 'sg', {});\n")
    result = run(text)
    assert not result.changed
    assert any("already taken" in f.message and f.fix is None for f in result.findings)


def test_ts_unknown_member_keeps_the_namespace_import():
    text = ("import { rds } from '@cdktf/provider-aws';\n"
            "new rds.DbSubnetGroup(this, 'g', {});\n"
            "new rds.ClusterInstanceThatDoesNotExist(this, 'i', {});\n")
    out = fixed(text)
    assert out == ("import { rds } from '@cdktf/provider-aws';\n"
                   "import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';\n"
                   "new DbSubnetGroup(this, 'g', {});\n"
                   "new rds.ClusterInstanceThatDoesNotExist(this, 'i', {});\n")


def test_ts_crlf_and_double_quotes():
    text = 'import { AwsProvider, Vpc } from "@cdktf/provider-aws";\r\nnew AwsProvider(this, "aws", {});\r\n'
    out = fixed(text)
    assert out == ('import { AwsProvider } from "@cdktf/provider-aws/lib/provider";\r\n'
                   'import { Vpc } from "@cdktf/provider-aws/lib/vpc";\r\nnew AwsProvider(this, "aws", {});\r\n')


def test_ts_cdktn_family():
    text = "import { AwsProvider } from '@cdktn/provider-aws';\nnew AwsProvider(this, 'aws', {});\n"
    assert fixed(text) == "import { AwsProvider } from '@cdktn/provider-aws/lib/provider';\nnew AwsProvider(this, 'aws', {});\n"
    py = "from cdktn import App, DataAwsCallerIdentity\n"
    assert fixed(py, "lib/stack.py") == ("from cdktn import App\n"
                                         "from cdktn_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity\n")


def test_ts_valid_code_is_untouched():
    text = ("import { s3Bucket } from '@cdktf/provider-aws';\n"
            "import * as aws from '@cdktf/provider-aws';\n"
            "import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';\n"
            "new s3Bucket.S3Bucket(this, 'b', {});\nnew aws.vpc.Vpc(this, 'v', {});\n")
    result = run(text)
    assert not result.changed and not result.findings


def test_ts_type_only_use_of_an_ambiguous_name_is_unsafe():
    text = "import { S3BucketVersioning } from '@cdktf/provider-aws';\nlet v: S3BucketVersioning;\n"
    safe_only = run(text, unsafe=False)
    assert not safe_only.changed
    assert run(text).changed


def test_py_parenthesised_multiline_import_with_comments():
    text = ("from cdktf_cdktf_provider_aws import (\n"
            "    s3_bucket,  # storage\n"
            "    # network\n"
            "    Vpc,\n"
            "    Subnet,  # subnets\n"
            ")\n"
            "Vpc(self, 'v', cidr_block='10.0.0.0/16')\n")
    out = fixed(text, "lib/stack.py")
    assert out == ("from cdktf_cdktf_provider_aws import (\n"
                   "    s3_bucket,  # storage\n"
                   "    # network\n"
                   ")\n"
                   "from cdktf_cdktf_provider_aws.vpc import Vpc\n"
                   "from cdktf_cdktf_provider_aws.subnet import Subnet  # subnets\n"
                   "Vpc(self, 'v', cidr_block='10.0.0.0/16')\n")


def test_py_whole_statement_replaced_and_crlf_kept():
    text = "from cdktf_cdktf_provider_aws import AwsProvider, Vpc\r\nAwsProvider(self, 'aws')\r\n"
    out = fixed(text, "lib/stack.py")
    assert out == ("from cdktf_cdktf_provider_aws.provider import AwsProvider\r\n"
                   "from cdktf_cdktf_provider_aws.vpc import Vpc\r\nAwsProvider(self, 'aws')\r\n")


def test_py_cdk_namespace_with_taken_name_uses_the_module_form():
    text = ("from cdktf_cdktf_provider_aws import iam\n"
            "IamRole = None\n"
            "iam.IamRole(self, 'r', assume_role_policy='{}')\n")
    assert fixed(text, "lib/stack.py") == ("from cdktf_cdktf_provider_aws import iam_role\n"
                                           "IamRole = None\n"
                                           "iam_role.IamRole(self, 'r', assume_role_policy='{}')\n")


def test_py_cdk_namespace_with_all_names_taken_is_reported():
    text = ("from cdktf_cdktf_provider_aws import iam\n"
            "IamRole = None\n"
            "iam_role = iam.IamRole(self, 'r', assume_role_policy='{}')\n")
    result = run(text, "lib/stack.py")
    assert not result.changed
    assert any("already taken" in f.message and f.fix is None for f in result.findings)


def test_py_unused_cdk_namespace_is_removed():
    out = fixed("from cdktf_cdktf_provider_aws import s3_bucket, ec2\ns3_bucket.S3Bucket(self, 'b')\n", "lib/stack.py")
    assert out == "from cdktf_cdktf_provider_aws import s3_bucket\ns3_bucket.S3Bucket(self, 'b')\n"


def test_py_import_inside_a_function_keeps_its_indent():
    text = ("def build(self):\n"
            "    from cdktf_cdktf_provider_aws import AutoscalingAttachment\n"
            "    AutoscalingAttachment(self, 'a', autoscaling_group_name='g')\n")
    out = fixed(text, "lib/stack.py")
    assert "    from cdktf_cdktf_provider_aws.autoscaling_attachment import AutoscalingAttachment\n" in out


def test_py_valid_code_is_untouched():
    text = ("import cdktf_cdktf_provider_aws as aws\n"
            "from cdktf_cdktf_provider_aws import vpc\n"
            "from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket, S3BucketVersioning\n"
            "aws.subnet.Subnet(self, 's')\nvpc.Vpc(self, 'v')\n")
    result = run(text, "lib/stack.py")
    assert not result.changed and not result.findings


def test_py_backslash_continued_import_is_rewritten_on_one_line():
    text = "from cdktf_cdktf_provider_aws.vpc import Vpc, \\\n    Subnet\nVpc(self, 'v')\n"
    out = fixed(text, "lib/stack.py")
    assert out == ("from cdktf_cdktf_provider_aws.vpc import Vpc\n"
                   "from cdktf_cdktf_provider_aws.subnet import Subnet\nVpc(self, 'v')\n")


def test_ts_block_comment_between_names_stays():
    text = "import { AwsProvider, /* network */ s3Bucket } from '@cdktf/provider-aws';\n"
    out = fixed(text)
    assert out == ("import { /* network */ s3Bucket } from '@cdktf/provider-aws';\n"
                   "import { AwsProvider } from '@cdktf/provider-aws/lib/provider';\n")
