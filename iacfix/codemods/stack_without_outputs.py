"""IAC506 stack-without-outputs."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _checks
from iacfix.rules import Example, Rule

_OUTPUT = re.compile(r"\bTerraformOutput\b")
# resources other code connects to: their endpoint, URL, name or ARN is what outputs are for
ADDRESSABLE = ("ApiGatewayRestApi", "Apigatewayv2Api", "Lb", "Alb", "Elb", "DbInstance", "RdsCluster",
               "CloudfrontDistribution", "LambdaFunction", "LambdaFunctionUrl", "ElasticacheReplicationGroup",
               "ElasticacheCluster", "S3Bucket", "DynamodbTable", "Vpc", "SqsQueue", "SnsTopic", "EcsCluster",
               "EksCluster", "CognitoUserPool", "Instance", "KinesisStream", "OpensearchDomain", "MskCluster",
               "EfsFileSystem", "SecretsmanagerSecret", "Route53Zone", "AppsyncGraphqlApi")
_ADDRESSABLE_CALL = re.compile(r"\b(?:" + "|".join(ADDRESSABLE) + r")\s*\(")
_CFN_ADDRESSABLE = re.compile(r"AWS::(?:ApiGateway::RestApi|ApiGatewayV2::Api|ElasticLoadBalancingV2::LoadBalancer|"
                              r"ElasticLoadBalancing::LoadBalancer|RDS::DBInstance|RDS::DBCluster|CloudFront::Distribution|"
                              r"Lambda::Function|Lambda::Url|ElastiCache::\w+|S3::Bucket|DynamoDB::Table|EC2::VPC|SQS::Queue|"
                              r"SNS::Topic|ECS::Cluster|EKS::Cluster|Cognito::UserPool|EC2::Instance|Kinesis::Stream|"
                              r"OpenSearchService::Domain|MSK::Cluster|EFS::FileSystem|SecretsManager::Secret|"
                              r"Route53::HostedZone|AppSync::GraphQLApi|Serverless::\w+)\b")
_STACK_BASES = ("TerraformStack",)


class StackWithoutOutputs(Rule):
    """A stack or template that exports no outputs.

    A CDKTF class extending `TerraformStack` in a project where no file creates a
    `TerraformOutput`, or a CloudFormation template with `Resources` and no `Outputs` section.
    Seeds 002 #12 and 003 #18: integration tests, other stacks and operators need the API URL,
    bucket name, endpoint, ARNs of what was deployed; without outputs they are looked up by hand
    (and `cfn-outputs/flat-outputs.json`, which integration tests read, stays empty).

    Only a stack or template that creates something other code connects to (an API, load
    balancer, database, cache, bucket, table, queue, topic, function, VPC, cluster, user pool,
    instance …) is reported: a stack of attachments and policies has nothing to export.

    Diagnostic only: which values to export is a design choice. The whole project is searched
    (outputs declared in a construct in another file count); test files are ignored. A class
    extending `Construct` is not a stack and is never reported; a template without `Resources`
    (a fragment) is left alone.
    """

    id = "IAC506"
    slug = "stack-without-outputs"
    opt_in = True  # review advice, not a defect: on when selected (--select IAC506)
    summary = "No TerraformOutput / no Outputs: export the identifiers of what the stack deploys"
    rationale = "seed 002 #12 (no output values), seed 003 #18 (minimal outputs)"
    seeds = ("002#12", "003#18")
    languages = ("python", "typescript", "cloudformation")
    examples = (
        Example("python", """\
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class TapStack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        S3Bucket(self, "bucket")
""", reported=True),
        Example("typescript", """\
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new SqsQueue(this, 'jobs', { name: 'jobs' });
  }
}
""", reported=True),
        Example("cloudformation", """\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
""", reported=True),
        Example("typescript", """\
import { TerraformStack, TerraformOutput } from 'cdktf';

export class TapStack extends TerraformStack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new TerraformOutput(this, 'bucket', { value: 'x' });
  }
}
"""),
        Example("cloudformation", """\
Resources:
  Bucket:
    Type: AWS::S3::Bucket
Outputs:
  BucketName:
    Value: !Ref Bucket
"""),
    )

    def triggered(self, text, ctx, language):
        if language == "cloudformation":
            return "Resources" in text
        return "TerraformStack" in text

    def _project_has_output(self, doc, ctx, suffixes) -> bool:
        """True when an output exists, or when nothing in the project is worth an output."""
        if _OUTPUT.search(doc.text):
            return True

        def addressable():
            return bool(_ADDRESSABLE_CALL.search(doc.text)) or any(
                _ADDRESSABLE_CALL.search(text) for path, text in _checks.project_files(ctx, *suffixes)
                if not _checks.is_test_path(path))
        if not (ctx.sources.memo(("IAC506-addressable", suffixes), addressable) if ctx.project is not None
                else _ADDRESSABLE_CALL.search(doc.text)):
            return True

        def scan():
            return any(_OUTPUT.search(text) for path, text in _checks.project_files(ctx, *suffixes)
                       if not _checks.is_test_path(path))
        return ctx.project is not None and ctx.sources.memo(("IAC506", suffixes), scan)

    def _message(self, name):
        return (f"stack `{name}` declares no `TerraformOutput` (none anywhere in the project): export the "
                "identifiers integration tests and operators need (endpoints, URLs, names, ARNs)")

    def check_python(self, doc, ctx):
        if _checks.is_test_path(doc.source.path):
            return
        for node in doc.tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            bases = [doc.imports.resolve(b) or "" for b in node.bases]
            if not any(b.split(".")[0] in ("cdktf", "cdktn") and b.endswith(_STACK_BASES) for b in bases):
                continue
            if self._project_has_output(doc, ctx, (".py",)):
                return
            start = doc.source.offset_of_byte(node.lineno, node.col_offset)
            yield doc.source.finding(self, start, start + len("class ") + len(node.name), self._message(node.name))

    def check_typescript(self, doc, ctx):
        if _checks.is_test_path(doc.source.path):
            return
        for cls in doc.root.find_all(kind="class_declaration"):
            heritage = cls.find(kind="class_heritage")
            extends = heritage.find(kind="extends_clause") if heritage else None
            value = extends.field("value") if extends else None
            resolved = doc.imports.resolve(value) if value is not None else None
            if not resolved or resolved[0] not in ("cdktf", "cdktn") or resolved[1].split(".")[-1] != "TerraformStack":
                continue
            if self._project_has_output(doc, ctx, (".ts", ".tsx")):
                return
            name = cls.field("name")
            start, end = doc.span(name if name is not None else cls)
            yield doc.source.finding(self, start, end, self._message(name.text() if name else "?"))

    def check_cloudformation(self, doc, ctx):
        data = doc.data
        if not isinstance(data, dict) or not doc.resources or data.get("Outputs") or \
                not _CFN_ADDRESSABLE.search(doc.text):
            return
        start = doc.key_offset(("Resources",))
        yield doc.source.finding(
            self, start, start + len("Resources"),
            "template has no `Outputs`: export the identifiers integration tests, other stacks and "
            "operators need (endpoints, URLs, names, ARNs; `Export` for cross-stack use)")
