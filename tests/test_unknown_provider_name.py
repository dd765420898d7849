"""IAC112 unknown-provider-name: candidates, import forms, refusals, CRLF, idempotence."""
import pytest

from iacfix import api
from iacfix.codemods import unknown_provider_name as upn
from iacfix.config import Config
from iacfix.fixes import Applicability
from iacfix.knowledge.names import normalise
from iacfix.knowledge.provider import ROOT_KINDS, ProviderIndex

INDEX = ProviderIndex.load("21.22.1")

# one real-code example per KNOWN_RENAMES entry: (wrong name, what it must become)
TABLE_EXAMPLES = {
    ("Eventbridge", "CloudwatchEvent"): ("EventbridgeRule", "CloudwatchEventRule"),
    ("Events", "CloudwatchEvent"): ("EventsRule", "CloudwatchEventRule"),
    ("Logs", "Cloudwatch"): ("LogsLogGroup", "CloudwatchLogGroup"),
    ("Rds", "Db"): ("RdsInstance", "DbInstance"),
    ("Elbv2", "Lb"): ("Elbv2TargetGroup", "LbTargetGroup"),
    ("Alb", "Lb"): ("AlbTrustStore", "LbTrustStore"),  # aws_lb_trust_store has no aws_alb_ alias
    ("ApplicationLoadBalancer", "Lb"): ("ApplicationLoadBalancer", "Lb"),
    ("ApplicationTargetGroup", "LbTargetGroup"): ("ApplicationTargetGroup", "LbTargetGroup"),
    ("ApplicationListener", "LbListener"): ("ApplicationListenerRule", "LbListenerRule"),
    ("Ec2", ""): ("Ec2LaunchTemplate", "LaunchTemplate"),
    ("Vpc", ""): ("VpcFlowLog", "FlowLog"),
    ("Stepfunctions", "Sfn"): ("StepFunctionsStateMachine", "SfnStateMachine"),
}


def _root_names():
    return {n for s in INDEX.submodules() for n in INDEX.types(s) if INDEX.kind_of(s, n) in ROOT_KINDS}


def test_every_known_rename_targets_names_that_exist():
    """A provider upgrade that drops a table target fails here instead of producing wrong fixes."""
    roots = {normalise(n) for n in _root_names()}
    assert set(TABLE_EXAMPLES) == set(upn.KNOWN_RENAMES)
    for wrong, right in upn.KNOWN_RENAMES:
        assert any(r.startswith(normalise(right)) for r in roots), (wrong, right)
    for wrong, _ in TABLE_EXAMPLES.values():
        assert not upn.exists_anywhere(INDEX, wrong), wrong


@pytest.mark.parametrize("entry", sorted(TABLE_EXAMPLES))
def test_known_rename_examples(entry):
    wrong, right = TABLE_EXAMPLES[entry]
    found = upn.class_candidates(INDEX, wrong, root_only=True)
    if right is None:
        assert found.one is None or found.how != "known rename"
        return
    assert found.names == [right]
    assert found.applicability is Applicability.SAFE


@pytest.mark.parametrize("wrong,right,how", [
    ("CloudtrailTrail", "Cloudtrail", "repeated service word dropped"),
    # tsc's own guess is datapipelinePipeline: an edit distance over every export, not the service
    ("CodepipelinePipeline", "Codepipeline", "repeated service word dropped"),
    ("CloudWatchLogGroup", "CloudwatchLogGroup", "same name up to case"),
    ("ApiGatewayV2Api", "Apigatewayv2Api", "same name up to case"),
    ("S3BucketCorsConfigurationA", "S3BucketCorsConfiguration", "suffix dropped"),
    ("LambdaFunctionV2", "LambdaFunction", "suffix dropped"),
    ("RdsSubnetGroup", "DbSubnetGroup", "known rename"),
])
def test_class_candidates(wrong, right, how):
    found = upn.class_candidates(INDEX, wrong, root_only=True)
    assert (found.names, found.how, found.applicability) == ([right], how, Applicability.SAFE)


def test_namespace_as_prefix():
    assert upn.class_candidates(INDEX, "ClusterInstance", root_only=True, namespace="rds").one == "RdsClusterInstance"
    assert upn.class_candidates(INDEX, "Secret", root_only=True, namespace="secretsmanager").one == "SecretsmanagerSecret"


def test_global_did_you_mean_is_unsafe_and_counts_its_pool():
    found = upn.class_candidates(INDEX, "CloudwatchMetricAlrm", root_only=True)
    assert found.names == ["CloudwatchMetricAlarm"]
    assert found.applicability is Applicability.UNSAFE
    assert 2000 < found.pool < 2600  # resource + data-source + provider classes


def test_no_global_did_you_mean_for_structs_or_short_names():
    assert upn.class_candidates(INDEX, "CloudwatchMetricAlrm", root_only=False).names == []
    assert upn.class_candidates(INDEX, "Ebs", root_only=True).names == []


def test_in_module_did_you_mean_is_safe():
    found = upn.in_module_candidates(INDEX, "lambdaFunction", "LambdaFuncton", constructed=True)
    assert (found.one, found.applicability) == ("LambdaFunction", Applicability.SAFE)


def test_module_construct_class_fallback_is_unsafe():
    found = upn.in_module_candidates(INDEX, "s3BucketServerSideEncryptionConfiguration", "S3BucketEncryption", True)
    assert (found.one, found.applicability) == ("S3BucketServerSideEncryptionConfigurationA", Applicability.UNSAFE)
    # not constructed (a type position only): no fallback
    assert upn.in_module_candidates(INDEX, "s3BucketServerSideEncryptionConfiguration",
                                    "S3BucketEncryption", False).one is None


def test_module_candidates():
    assert upn.module_candidates(INDEX, "cloudtrail-trail").one == "cloudtrail"
    assert upn.module_candidates(INDEX, "vpc-flow-log").one == "flowLog"
    assert upn.module_candidates(INDEX, "eventbridge_rule").one == "cloudwatchEventRule"
    assert upn.module_candidates(INDEX, "rdsInstance").one == "dbInstance"
    assert upn.module_candidates(INDEX, "ec2").names == []  # an AWS-CDK namespace: IAC110's


def test_struct_hints():
    assert "`stream_enabled`, `stream_view_type`" in upn.struct_hint(INDEX, "dynamodbTable", "DynamodbTableStreamSpecification")
    assert "untyped" in upn.struct_hint(INDEX, "wafv2WebAcl", "Wafv2WebAclRuleStatementRateBasedStatement")


# -- through the engine ---------------------------------------------------------------------------

def run(tmp_path, name, text, unsafe=False, newline="\n"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode())
    report = api.run([tmp_path], Config(), fix=True, unsafe=unsafe, select=["IAC112"])
    return path.read_bytes().decode(), report


def check(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return api.run([tmp_path], Config(), fix=False, select=["IAC112"])


def test_ts_crlf_and_idempotent(tmp_path):
    before = ("import { CloudtrailTrail } from '@cdktf/provider-aws/lib/cloudtrail-trail';\n"
              "new CloudtrailTrail(this, 't', { name: 'a', s3BucketName: 'b' });\n")
    out, _ = run(tmp_path, "stack.ts", before, newline="\r\n")
    assert out == before.replace("CloudtrailTrail", "Cloudtrail").replace("cloudtrail-trail", "cloudtrail").replace("\n", "\r\n")
    again = api.run([tmp_path], Config(), fix=True, select=["IAC112"])
    assert not again.changed


def test_py_crlf_multiline_removal(tmp_path):
    before = ("from cdktf_cdktf_provider_aws.dynamodb_table import (\n"
              "    DynamodbTable,\n"
              "    DynamodbTableStreamSpecification,\n"
              ")\n"
              "DynamodbTable(self, 't', name='t', hash_key='id')\n")
    out, _ = run(tmp_path, "stack.py", before, newline="\r\n")
    assert out == before.replace("    DynamodbTableStreamSpecification,\n", "").replace("\n", "\r\n")


def test_py_alias_keeps_uses(tmp_path):
    before = ("from cdktf_cdktf_provider_aws.eventbridge_rule import EventbridgeRule as Rule\n"
              "Rule(self, 'r', schedule_expression='rate(1 day)')\n")
    out, _ = run(tmp_path, "stack.py", before)
    assert out == ("from cdktf_cdktf_provider_aws.cloudwatch_event_rule import CloudwatchEventRule as Rule\n"
                   "Rule(self, 'r', schedule_expression='rate(1 day)')\n")


def test_py_module_import_alias(tmp_path):
    before = ("import cdktf_cdktf_provider_aws.cloudtrail_trail as ct\n"
              "ct.CloudtrailTrail(self, 't', name='a', s3_bucket_name='b')\n")
    out, _ = run(tmp_path, "stack.py", before)
    assert out == ("import cdktf_cdktf_provider_aws.cloudtrail as ct\n"
                   "ct.Cloudtrail(self, 't', name='a', s3_bucket_name='b')\n")


def test_module_rewrite_refused_when_a_name_has_no_home(tmp_path):
    before = ("import { CloudtrailTrail, CloudtrailTrailWidget } from '@cdktf/provider-aws/lib/cloudtrail-trail';\n"
              "new CloudtrailTrail(this, 't', { name: 'a', s3BucketName: 'b' });\n"
              "const w: CloudtrailTrailWidget | undefined = undefined;\n")
    out, report = run(tmp_path, "stack.ts", before)
    assert out == before
    messages = [f.message for f in report.findings]
    assert any("has no `CloudtrailTrailWidget`" in m for m in messages), messages


def test_unused_removal_refused_over_a_comment(tmp_path):
    before = ("from cdktf_cdktf_provider_aws.dynamodb_table import (  # streams\n"
              "    DynamodbTableStreamSpecification,\n"
              ")\n"
              "x = 1\n")
    out, report = run(tmp_path, "stack.py", before)
    assert out == before
    assert [f.fix for f in report.findings] == [None]


def test_unused_removal_keeps_a_trailing_comment(tmp_path):
    before = ("from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTableStreamSpecification  # noqa\n"
              "x = 1\n")
    out, _ = run(tmp_path, "stack.py", before)
    assert out == "# noqa\nx = 1\n"


def test_used_struct_is_a_diagnostic(tmp_path):
    report = check(tmp_path, "stack.py", (
        "from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableStreamSpecification\n"
        "DynamodbTable(self, 't', name='t', stream_specification=DynamodbTableStreamSpecification(enabled=True))\n"))
    [finding] = report.findings
    assert finding.fix is None and "`stream_enabled`, `stream_view_type` instead" in finding.message


def test_untyped_block_dicts_refused_for_other_uses(tmp_path):
    before = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRuleStatement\n"
              "def statement(arn) -> Wafv2WebAclRuleStatement:\n"
              "    return Wafv2WebAclRuleStatement(ip_set_reference_statement={'arn': arn})\n")
    out, report = run(tmp_path, "stack.py", before)
    assert out == before
    [finding] = report.findings
    assert finding.fix is None and "untyped" in finding.message


def test_untyped_block_python_keyword_argument(tmp_path):
    before = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRuleStatement\n"
              "s = Wafv2WebAclRuleStatement(not_={'x': 1}, or_statement = {})\n")
    out, _ = run(tmp_path, "stack.py", before)
    assert out == "s = {\"not\": {'x': 1}, \"or_statement\": {}}\n"


def test_ts_renamed_to_a_name_already_imported_drops_the_duplicate(tmp_path):
    before = ("import { S3BucketCorsConfiguration, S3BucketCorsConfigurationA } from "
              "'@cdktf/provider-aws/lib/s3-bucket-cors-configuration';\n"
              "new S3BucketCorsConfigurationA(this, 'c', { bucket: 'b', corsRule: [] });\n"
              "new S3BucketCorsConfiguration(this, 'd', { bucket: 'b', corsRule: [] });\n")
    out, _ = run(tmp_path, "stack.ts", before)
    assert out == ("import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';\n"
                   "new S3BucketCorsConfiguration(this, 'c', { bucket: 'b', corsRule: [] });\n"
                   "new S3BucketCorsConfiguration(this, 'd', { bucket: 'b', corsRule: [] });\n")


def test_ts_cdk_namespace_members(tmp_path):
    """`ec2.Vpc` exists (IAC110 moves it); only the unknown `secretsmanager.Secret` is renamed here."""
    before = ("import { ec2, secretsmanager } from '@cdktf/provider-aws';\n"
              "new ec2.Vpc(this, 'v', { cidrBlock: '10.0.0.0/16' });\n"
              "new secretsmanager.Secret(this, 's', { name: 'x' });\n")
    out, _ = run(tmp_path, "stack.ts", before)
    assert out == before.replace("secretsmanager.Secret(", "secretsmanager.SecretsmanagerSecret(")


def test_ts_global_did_you_mean_needs_unsafe(tmp_path):
    before = ("import { CloudwatchMetricAlrm } from '@cdktf/provider-aws';\n"
              "new CloudwatchMetricAlrm(this, 'a', {});\n")
    out, report = run(tmp_path, "stack.ts", before)
    assert out == before
    out, _ = run(tmp_path, "stack.ts", before, unsafe=True)
    assert out == before.replace("CloudwatchMetricAlrm", "CloudwatchMetricAlarm")


def test_names_known_to_other_rules_are_left_alone(tmp_path):
    report = check(tmp_path, "stack.ts", (
        "import { S3Bucket, S3controlBucket } from '@cdktf/provider-aws';\n"  # IAC110 / IAC101
        "import { S3BucketVersioning } from '@cdktf/provider-aws/lib/s3-bucket-versioning';\n"  # IAC101
        "new S3Bucket(this, 'b'); new S3controlBucket(this, 'c', {}); new S3BucketVersioning(this, 'v', {});\n"))
    assert report.findings == []


def test_chain_with_the_import_path_rule(tmp_path):
    """A rename here, then IAC110 moves the (now existing) name out of the package root: the
    engine's fixpoint composes them, and a second run changes nothing."""
    ts = tmp_path / "stack.ts"
    ts.write_text("import { CodepipelinePipeline, S3Bucket } from '@cdktf/provider-aws';\n"
                  "const b = new S3Bucket(this, 'a', { bucket: 'a' });\n"
                  "new CodepipelinePipeline(this, 'p', { name: 'p', roleArn: 'r', artifactStore: [], stage: [] });\n")
    py = tmp_path / "stack.py"
    py.write_text("from cdktf_cdktf_provider_aws import EventbridgeRule\n"
                  "EventbridgeRule(self, 'nightly', schedule_expression='rate(1 day)')\n")
    report = api.run([tmp_path], Config(), fix=True, select=["IAC110", "IAC112"])
    assert not report.errors
    assert "import { Codepipeline } from '@cdktf/provider-aws/lib/codepipeline';" in ts.read_text()
    assert "new Codepipeline(this, 'p'" in ts.read_text()
    assert py.read_text() == ("from cdktf_cdktf_provider_aws.cloudwatch_event_rule import CloudwatchEventRule\n"
                              "CloudwatchEventRule(self, 'nightly', schedule_expression='rate(1 day)')\n")
    assert not api.run([tmp_path], Config(), fix=True, select=["IAC110", "IAC112"]).changed


def test_py_renamed_to_a_name_already_imported_drops_the_duplicate(tmp_path):
    before = ("from cdktf_cdktf_provider_aws.db_instance import RdsInstance, DbInstance\n"
              "RdsInstance(self, 'a', engine='postgres')\n"
              "DbInstance(self, 'b', engine='postgres')\n")
    out, _ = run(tmp_path, "stack.py", before)
    assert out == ("from cdktf_cdktf_provider_aws.db_instance import DbInstance\n"
                   "DbInstance(self, 'a', engine='postgres')\n"
                   "DbInstance(self, 'b', engine='postgres')\n")


def test_real_names_from_an_unknown_module_are_left_to_iac110(tmp_path):
    report = check(tmp_path, "stack.ts", (
        "import { FlowLog } from '@cdktf/provider-aws/lib/vpc-flow-log';\n"
        "import { Vpc, Subnet } from '@cdktf/provider-aws/lib/ec2';\n"
        "new FlowLog(this, 'f', {}); new Vpc(this, 'v', {}); new Subnet(this, 's', { vpcId: 'x' });\n"))
    assert report.findings == []
