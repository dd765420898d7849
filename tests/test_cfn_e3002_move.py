"""E3002 moves and removals (`iacfix/cfn_repairs/_e3002_move.py`): a key one level too high or too
low moved where the schema declares it, a key declared nowhere removed (unsafe)."""
import re

import pytest
from ruamel.yaml import YAML

from iacfix import cfn_repairs
from iacfix.cfn_repairs._e3002_move import move_or_remove
from iacfix.cfn_transforms.cfn_lint_repair import CfnLintRepair
from iacfix.engine import Context
from iacfix.fixes import Applicability, apply_fixes
from iacfix.languages import cloudformation as cfn
from iacfix.languages.base import Source

RULE = CfnLintRepair()


def doc(text: str, path: str = "t.yaml"):
    return cfn.parse(Source(path, text.encode(), text))


def findings(text: str, path: str = "t.yaml"):
    return list(RULE.check(doc(text, path), Context()))


def fixed(text: str, path: str = "t.yaml", unsafe: bool = False) -> str:
    found = [f for f in findings(text, path) if f.fix and (unsafe or f.fix.applicability is Applicability.SAFE)]
    return apply_fixes(text.encode(), found).data.decode()


def errors(text: str) -> list[str]:
    return [m.rule for m in cfn_repairs.lint(text) if m.is_error]


def outcomes(text: str, path: str = "t.yaml"):
    d = doc(text, path)
    return [(m, move_or_remove(d, m, cfn_repairs.schema_at)) for m in cfn_repairs.lint(text) if m.rule == "E3002"]


def settled(text: str, path: str = "t.yaml", unsafe: bool = False) -> str:
    """Fixed, then idempotent: a second pass proposes nothing more."""
    once = fixed(text, path, unsafe)
    assert fixed(once, path, unsafe) == once
    YAML(typ="rt").load(once)  # re-parses
    return once


HEALTH = """\
Resources:
  Check:
    Type: AWS::Route53::HealthCheck
    Properties:
      # probe
      Type: HTTPS
      ResourcePath: /health  # app
      FullyQualifiedDomainName: !Sub 'app.${AWS::Region}.example.com'
      HealthCheckTags:
        - {Key: a, Value: b}
      Port: 443
"""


# ---- one level deeper --------------------------------------------------------------------------

def test_health_check_keys_move_into_a_new_health_check_config_in_one_safe_fix():
    found = [f for f in findings(HEALTH) if f.fix]
    assert len(found) == 1 and found[0].fix.applicability is Applicability.SAFE
    assert "`Type`, `ResourcePath`, `FullyQualifiedDomainName`, `Port`" in found[0].message
    assert settled(HEALTH) == """\
Resources:
  Check:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig:
        # probe
        Type: HTTPS
        ResourcePath: /health  # app
        FullyQualifiedDomainName: !Sub 'app.${AWS::Region}.example.com'
        Port: 443
      HealthCheckTags:
        - {Key: a, Value: b}
"""
    assert errors(fixed(HEALTH)) == []


def test_every_match_of_a_group_gets_identical_edits_and_message():
    results = outcomes(HEALTH)
    assert len(results) == 4
    assert len({o.edits for _, o in results}) == 1 and len({o.message for _, o in results}) == 1


def test_flow_style_properties_get_a_nested_flow_mapping():
    text = """\
Resources:
  Check:
    Type: AWS::Route53::HealthCheck
    Properties: {Type: HTTP, HealthCheckTags: [{Key: a, Value: !Ref AWS::Region}], Port: 80}
"""
    assert settled(text) == """\
Resources:
  Check:
    Type: AWS::Route53::HealthCheck
    Properties: {HealthCheckConfig: {Type: HTTP, Port: 80}, HealthCheckTags: [{Key: a, Value: !Ref AWS::Region}]}
"""


def test_json_multi_line_object_gets_a_multi_line_member():
    text = """\
{
  "Resources": {
    "Check": {
      "Type": "AWS::Route53::HealthCheck",
      "Properties": {
        "Type": "TCP",
        "IPAddress": "192.0.2.10",
        "Port": 22
      }
    }
  }
}
"""
    assert settled(text, "t.json") == """\
{
  "Resources": {
    "Check": {
      "Type": "AWS::Route53::HealthCheck",
      "Properties": {
        "HealthCheckConfig": {
          "Type": "TCP",
          "IPAddress": "192.0.2.10",
          "Port": 22
        }
      }
    }
  }
}
"""


def test_crlf_line_ends_survive_a_block_move():
    text = HEALTH.replace("\n", "\r\n")
    out = settled(text)
    assert out == settled(HEALTH).replace("\n", "\r\n")


TABLE = """\
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties: {KeyPolicy: {Version: '2012-10-17', Statement: []}}
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
%s"""


def test_kms_key_moves_into_sse_specification_with_the_one_value_its_required_properties_allow():
    out = settled(TABLE % "      KMSMasterKeyId: !Ref Key  # ours\n")
    assert out.endswith("""\
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !Ref Key  # ours
""")
    assert errors(out) == []


def test_merge_into_an_existing_block_mapping_adds_only_what_is_missing():
    out = settled(TABLE % """\
      SSESpecification:
        SSEEnabled: true  # on
      KMSMasterKeyId: !GetAtt Key.Arn
""")
    assert out.endswith("""\
      SSESpecification:
        SSEEnabled: true  # on
        SSEType: KMS
        KMSMasterKeyId: !GetAtt Key.Arn
""")


def test_merge_into_an_existing_flow_mapping():
    out = settled(TABLE % """\
      PointInTimeRecoverySpecification: {RecoveryPeriodInDays: 7}
      PointInTimeRecoveryEnabled: true
""")
    assert out.endswith("      PointInTimeRecoverySpecification: {RecoveryPeriodInDays: 7, PointInTimeRecoveryEnabled: true}\n")


def test_a_required_property_with_several_values_is_reported_not_guessed():
    text = """\
Resources:
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::123456789012:role/config
      RecordingModeOverrides:
        - {ResourceTypes: ['AWS::EC2::Instance'], RecordingFrequency: DAILY}
"""
    (_, outcome), = outcomes(text)
    assert not outcome.edits and "`RecordingMode`" in outcome.message and "`RecordingFrequency`" in outcome.message
    assert fixed(text, unsafe=True) == text


def test_a_key_already_set_in_the_target_is_reported():
    text = TABLE % """\
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: false
      PointInTimeRecoveryEnabled: true
"""
    (_, outcome), = outcomes(text)
    assert not outcome.edits and "already sets `PointInTimeRecoveryEnabled`" in outcome.message


def test_a_target_that_is_not_a_plain_mapping_is_reported():
    text = """\
Conditions:
  C: !Equals [!Ref AWS::Region, us-east-1]
Resources:
  Check:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig: !If [C, {Type: HTTP, FullyQualifiedDomainName: a.example.com}, {Type: TCP, IPAddress: 192.0.2.1}]
      Port: 80
"""
    (_, outcome), = outcomes(text)
    assert not outcome.edits and "not a plain mapping" in outcome.message


def test_several_targets_are_listed_one_alone():
    (_, outcome), = outcomes(TABLE % "      Enabled: true\n")
    assert not outcome.edits
    assert "`ContributorInsightsSpecification`" in outcome.message and "`TimeToLiveSpecification`" in outcome.message


def test_siblings_narrowing_several_targets_to_one_make_an_unsafe_move():
    text = TABLE % "      AttributeName: expires\n      Enabled: true\n"
    results = outcomes(text)
    assert len(results) == 2 and len({o.edits for _, o in results}) == 1
    assert all(o.applicability is Applicability.UNSAFE for _, o in results)
    assert fixed(text) == text  # not applied without --unsafe-fixes
    assert settled(text, unsafe=True).endswith("""\
      TimeToLiveSpecification:
        AttributeName: expires
        Enabled: true
""")


# ---- one level shallower -----------------------------------------------------------------------

FUNCTION = """\
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
%s"""


def test_key_one_level_too_deep_moves_up_with_its_comments_safe():
    text = FUNCTION % """\
      Code:
        ZipFile: 'def handler(e, c): return 1'
        # a minute
        Timeout: 60  # s
"""
    out = settled(text)
    assert out.endswith("""\
      Code:
        ZipFile: 'def handler(e, c): return 1'
      # a minute
      Timeout: 60  # s
""")
    assert errors(out) == []


def test_flow_member_moves_up_into_a_block_parent_and_a_flow_parent():
    assert settled(FUNCTION % "      Code: {ZipFile: x, Timeout: 60, MemorySize: 256}\n").endswith(
        "      Code: {ZipFile: x}\n      Timeout: 60\n      MemorySize: 256\n")
    flow = """\
{"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.12", \
"Handler": "index.handler", "Role": "arn:aws:iam::123456789012:role/r", "Code": {"Timeout": 60, "ZipFile": "x"}}}}}
"""
    assert settled(flow, "t.json") == flow.replace('"Code": {"Timeout": 60, "ZipFile": "x"}', '"Code": {"ZipFile": "x"}, "Timeout": 60')


def test_a_value_that_does_not_fit_the_upper_level_is_not_moved_up():
    # CodePipeline's action-level `OnFailure` (written like an action) is not the stage's
    text = """\
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/p
      ArtifactStore: {Type: S3, Location: bucket}
      Stages:
        - Name: Source
          Actions:
            - Name: Get
              ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: '1'}
              Configuration: {S3Bucket: bucket, S3ObjectKey: k.zip}
              OutputArtifacts: [{Name: Src}]
              # tell someone
              OnFailure:
                ActionTypeId: {Category: Invoke, Owner: AWS, Provider: SNS, Version: '1'}
        - Name: Build
          Actions:
            - Name: Build
              ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}
              Configuration: {ProjectName: p}
              InputArtifacts: [{Name: Src}]
"""
    (_, outcome), = outcomes(text)
    assert outcome.applicability is Applicability.UNSAFE and "removed" in outcome.message
    assert "`Stages/*`" in outcome.message  # where the schema does declare it
    out = settled(text, unsafe=True)
    assert "OnFailure" not in out and "tell someone" not in out and "ActionTypeId: {Category: Invoke" not in out
    assert "OnFailure" not in "".join(errors(out))


# ---- removal -------------------------------------------------------------------------------------

BUCKET = """\
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub 'b-${AWS::AccountId}'
%s      VersioningConfiguration: {Status: Enabled}
"""


def test_removal_is_unsafe_and_takes_the_comment_above():
    text = BUCKET % """\
      NotificationConfiguration:
        EventBridgeConfiguration: {EventBridgeEnabled: true}
        # to logs
        CloudWatchConfigurations:
          - Event: 's3:ObjectCreated:*'
"""
    (_, outcome), = outcomes(text)
    assert outcome.applicability is Applicability.UNSAFE and "EventBridge" in outcome.message
    assert fixed(text) == text
    assert settled(text, unsafe=True) == BUCKET % """\
      NotificationConfiguration:
        EventBridgeConfiguration: {EventBridgeEnabled: true}
"""


def test_a_mapping_left_empty_goes_whole():
    text = BUCKET % """\
      # notify
      NotificationConfiguration:
        CloudWatchConfigurations: [{Event: 's3:ObjectCreated:*'}]
"""
    assert settled(text, unsafe=True) == BUCKET % ""


def test_removal_in_flow_and_json_takes_one_comma():
    text = "Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties: {KeyId: k, Type: String, Value: v}\n"
    assert settled(text, unsafe=True) == text.replace("KeyId: k, ", "")
    text = '{"Resources": {"P": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "v", "KeyId": "k"}}}}\n'
    assert settled(text, "t.json", unsafe=True) == text.replace(', "KeyId": "k"', "")


def test_removal_inside_a_short_form_if_branch():
    text = """\
Conditions:
  C: !Equals [!Ref AWS::Region, us-east-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration: !If
        - C
        - EventBridgeConfiguration: {EventBridgeEnabled: true}
          CloudWatchConfigurations: []
        - !Ref AWS::NoValue
"""
    out = settled(text, unsafe=True)
    assert "CloudWatchConfigurations" not in out and "EventBridgeConfiguration" in out
    assert errors(out) == []


def test_the_only_property_is_not_removed():
    text = "Resources:\n  P:\n    Type: AWS::SNS::Topic\n    Properties:\n      Colourful: true\n"
    (_, outcome), = outcomes(text)
    assert not outcome.edits and "not removed" in outcome.message


def test_hint_names_where_the_schema_declares_the_key():
    text = """\
Resources:
  Table:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
      Replicas: [{Region: us-east-1}]
      SSESpecification: {SSEEnabled: true, KMSMasterKeyId: alias/aws/dynamodb}
"""
    (_, outcome), = outcomes(text)
    assert re.search(r"`Replicas/\*/SSESpecification`", outcome.message)
    assert outcome.applicability is Applicability.UNSAFE


@pytest.mark.parametrize("text", [HEALTH, TABLE % "      PointInTimeRecoveryEnabled: true\n"])
def test_correct_templates_are_left_alone(text):
    once = settled(text, unsafe=True)
    assert not [f for f in findings(once) if f.fix]


# ---- known reshapes ------------------------------------------------------------------------------

METHOD = """\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: api}
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration: {Type: MOCK}
      MethodResponses:
        - StatusCode: '200'
          ResponseHeaders:  # CORS
            Access-Control-Allow-Origin: true
            'Access-Control-Allow-Headers': false
"""


def test_api_gateway_response_headers_become_response_parameters_safe():
    out = settled(METHOD)
    assert out == METHOD.replace("ResponseHeaders:", "ResponseParameters:").replace(
        "Access-Control-Allow-Origin", "method.response.header.Access-Control-Allow-Origin").replace(
        "'Access-Control-Allow-Headers'", "'method.response.header.Access-Control-Allow-Headers'")
    assert errors(out) == []


def test_api_gateway_response_headers_in_json_flow():
    text = ('{"Resources": {"Get": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", '
            '"ResourceId": "r", "HttpMethod": "GET", "AuthorizationType": "NONE", "MethodResponses": '
            '[{"StatusCode": "200", "ResponseHeaders": {"X-Id": true}}]}}}}\n')
    assert settled(text, "t.json") == text.replace(
        '"ResponseHeaders": {"X-Id": true}', '"ResponseParameters": {"method.response.header.X-Id": true}')


def test_api_gateway_response_headers_next_to_response_parameters_are_reported():
    text = METHOD.replace("          ResponseHeaders:", "          ResponseParameters: {}\n          ResponseHeaders:")
    (_, outcome), = outcomes(text)
    assert not outcome.edits and "already set" in outcome.message


def test_first_key_of_a_list_item_gives_its_place_to_the_new_parent():
    text = """\
Conditions:
  C: !Equals [!Ref AWS::Region, us-east-1]
Resources:
  T:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
      Replicas:
        - PointInTimeRecoveryEnabled: true  # on
          Region: us-east-1
        -   PointInTimeRecoveryEnabled: !If [C, true, false]
            Region: us-west-2
"""
    out = settled(text)
    assert out.endswith("""\
      Replicas:
        - PointInTimeRecoverySpecification:
            PointInTimeRecoveryEnabled: true  # on
          Region: us-east-1
        -   PointInTimeRecoverySpecification:
              PointInTimeRecoveryEnabled: !If [C, true, false]
            Region: us-west-2
""")
    assert errors(out) == []
