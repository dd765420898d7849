"""IAC330 repairs of the intrinsic-function family: E1029, W1020, E1010, E1019/E1021, E1020, E1028, E1041."""
import pytest

from iacfix import cfn_repairs
from iacfix.cfn_transforms.cfn_lint_repair import CfnLintRepair
from iacfix.engine import Context
from iacfix.fixes import Applicability, apply_fixes
from iacfix.languages import cloudformation as cfn
from iacfix.languages.base import Source

RULE = CfnLintRepair()


def findings(text: str, path: str = "t.yaml"):
    d = cfn.parse(Source(path, text.encode(), text))
    return list(RULE.check(d, Context()))


def fixed(text: str, path: str = "t.yaml", unsafe: bool = False) -> str:
    """One pass of the fixes (safe ones, or all with `unsafe`), then checked: it re-parses, its
    intrinsic findings are gone for good (a second pass fixes nothing: idempotent)."""
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    chosen = [f for f in findings(text, path) if f.fix and f.fix.applicability in allowed]
    out = apply_fixes(text.encode(), chosen).data.decode()
    if out != text:
        again = [f for f in findings(out, path) if f.fix and f.fix.applicability in allowed]
        assert not again, [f.message for f in again]
    return out


def messages(text: str, path: str = "t.yaml") -> list[str]:
    return [f.message for f in findings(text, path)]


def codes(text: str) -> set:
    return {m.rule for m in cfn_repairs.lint(text)}


PARAMS = """\
Parameters:
  Env:
    Type: String
    Default: dev
"""

# ---- E1029: ${…} outside of a Fn::Sub ----------------------------------------------------------------


def test_e1029_double_quoted_string_gets_the_tag_and_keeps_quotes_and_comment():
    text = PARAMS + """\
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: "${AWS::StackName}-${Env}"  # name
"""
    out = fixed(text)
    assert '      TopicName: !Sub "${AWS::StackName}-${Env}"  # name\n' in out
    assert "E1029" not in codes(out)


def test_e1029_block_scalar_keeps_its_style():
    text = PARAMS + """\
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Description: |
        For ${Env}
        and more
      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: 's3:GetObject', Resource: '*'}]}
"""
    out = fixed(text)
    assert "      Description: !Sub |\n        For ${Env}\n        and more\n" in out


def test_e1029_plain_list_item_and_crlf():
    text = (PARAMS + """\
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Tags:
        - Key: Env
          Value: ${Env}
""").replace("\n", "\r\n")
    out = fixed(text)
    assert "          Value: !Sub ${Env}\r\n" in out
    assert out.count("\r\n") == text.count("\r\n") and "\n" not in out.replace("\r\n", "")


def test_e1029_json_string_is_wrapped_in_an_fn_sub_object():
    text = '{"Parameters": {"Env": {"Type": "String"}}, "Resources": {"T": {"Type": "AWS::SNS::Topic", ' \
           '"Properties": {"TopicName": "t-${Env}"}}}}'
    out = fixed(text, "t.json")
    assert '"TopicName": {"Fn::Sub": "t-${Env}"}' in out


def test_e1029_foreign_variables_are_escaped_in_an_unsafe_fix():
    text = PARAMS + """\
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: "${Env} for ${HOME}"
"""
    assert fixed(text) == text  # not a safe fix
    assert 'DisplayName: !Sub "${Env} for ${!HOME}"' in fixed(text, unsafe=True)


def test_e1029_string_holding_intrinsic_text_is_reported_not_wrapped():
    text = PARAMS + """\
Resources:
  Project:
    Type: AWS::CodeBuild::Project
    Properties:
      ServiceRole: arn:aws:iam::123456789012:role/build
      Artifacts: {Type: CODEPIPELINE}
      Environment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: aws/codebuild/standard:7.0}
      Source:
        Type: CODEPIPELINE
        BuildSpec: |
          version: 0.2
          artifacts:
            name: !Sub '${Env}-build'
"""
    assert fixed(text, unsafe=True) == text
    assert any("intrinsic-function text" in m for m in messages(text))


def test_e1029_refused_where_no_intrinsic_function_is_allowed():
    text = """\
Parameters:
  Env: {Type: String, Default: dev}
Mappings:
  Names:
    dev: {Topic: "t-${Env}"}
Resources:
  T:
    Type: AWS::SNS::Topic
Outputs:
  Arn:
    Description: "topic of ${Env}"
    Value: !Ref T
"""
    assert fixed(text, unsafe=True) == text
    assert sorted(m[:16] for m in messages(text)) == ["cfn-lint E1029: "] * 2


# ---- W1020: a Fn::Sub without variables ----------------------------------------------------------------

def test_w1020_unwraps_short_long_flow_and_list_forms():
    text = """\
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Sub 'alerts'  # shown
      TopicName:
        Fn::Sub: alerts-topic
      Tags:
        - {Key: a, Value: !Sub "b"}
        - Key: c
          Value: !Sub ['d', {}]
"""
    out = fixed(text)
    assert "      DisplayName: 'alerts'  # shown\n" in out
    assert "      TopicName: alerts-topic\n" in out
    assert '{Key: a, Value: "b"}' in out and "Value: 'd'\n" in out
    assert "W1020" not in codes(out)


def test_w1020_quotes_a_plain_scalar_that_would_change_type():
    text = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Sub yes\n"
    assert "DisplayName: 'yes'\n" in fixed(text)


def test_w1020_json():
    text = '{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::Sub": "x"}}}}}'
    assert '"DisplayName": "x"' in fixed(text, "t.json")


def test_w1020_literal_escape_becomes_plain_unless_it_names_a_template_name():
    text = PARAMS + """\
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Sub 'cost ${!Price}'
      TopicName: !Sub 'env ${!Env}'
"""
    out = fixed(text)
    assert "DisplayName: 'cost ${Price}'" in out
    assert "TopicName: !Sub 'env ${!Env}'" in out  # `${Env}` unwrapped would be an E1029


# ---- E1019 / E1021: unknown ${…} inside a Fn::Sub ------------------------------------------------------

def test_e1019_iam_policy_variables_escaped_everywhere_in_one_fix():
    text = """\
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: iam:ChangePassword
            Resource: !Sub 'arn:aws:iam::${AWS::AccountId}:user/${aws:username}'
          - Effect: Allow
            Action: iam:EnableMFADevice
            Resource:
              - !Sub 'arn:aws:iam::${AWS::AccountId}:mfa/${aws:username}'
              - !Sub 'arn:aws:iam::${AWS::AccountId}:user/${aws:username}'
"""
    out = fixed(text)
    assert out.count("${!aws:username}") == 3 and "${aws:username}" not in out
    assert "E1019" not in codes(out)


def test_e1019_typo_renamed_and_assigned_shell_variable_escaped():
    text = PARAMS + """\
Resources:
  Inst:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          for HOST in a b; do echo ${HOST}; done
          echo ${Envv}
"""
    out = fixed(text)
    assert "echo ${!HOST}; done\n" in out and "echo ${Env}\n" in out
    assert not codes(out) & {"E1019", "E1021"}


def test_e1019_unassigned_upper_case_variable_is_an_unsafe_escape():
    text = """\
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Sub '${AWS::Region} ${INSTANCE_ID}'
"""
    assert fixed(text) == text
    assert "!Sub '${AWS::Region} ${!INSTANCE_ID}'" in fixed(text, unsafe=True)


def test_e1019_unknown_name_without_candidate_is_a_diagnostic():
    text = """\
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Sub '${AWS::Region} ${somethingElse}'
"""
    assert fixed(text, unsafe=True) == text
    assert any("`${somethingElse}` names nothing in the template" in m for m in messages(text))


def test_e1019_list_typed_parameter_is_left_to_cfn_lint():
    text = """\
Parameters:
  Names: {Type: CommaDelimitedList}
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Sub '${Names}'
"""
    assert fixed(text, unsafe=True) == text
    assert any(m.startswith("cfn-lint E1019") for m in messages(text))


# ---- E1020: Ref to a missing name ---------------------------------------------------------------------

def test_e1020_ref_typo_renamed_in_yaml_and_json():
    yaml_text = PARAMS + "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref ENV\n"
    assert "TopicName: !Ref Env\n" in fixed(yaml_text)
    short = yaml_text.replace("!Ref ENV", "!Ref Evn")  # 3 letters: no edit-distance guess (names policy)
    assert fixed(short, unsafe=True) == short
    json_text = '{"Parameters": {"Env": {"Type": "String"}}, "Resources": {"T": {"Type": "AWS::SNS::Topic", ' \
                '"Properties": {"TopicName": {"Ref": "env"}}}}}'
    assert '{"Ref": "Env"}' in fixed(json_text, "t.json")


def test_e1020_missing_resource_without_candidate_keeps_cfn_lint_message():
    text = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref LambdaExecutionRole\n"
    assert fixed(text, unsafe=True) == text
    assert any(m.startswith("cfn-lint E1020") for m in messages(text))


# ---- E1010: GetAtt ------------------------------------------------------------------------------------

ZONE = """\
Resources:
  Zone:
    Type: AWS::Route53::HostedZone
    Properties: {Name: example.com}
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: {ATTR}
"""


def test_e1010_attribute_with_the_type_name_in_front():
    out = fixed(ZONE.replace("{ATTR}", "!GetAtt Zone.HostedZoneId  # id"))
    assert "DisplayName: !GetAtt Zone.Id  # id\n" in out


def test_e1010_resource_typo_in_list_form():
    out = fixed(ZONE.replace("{ATTR}", "!GetAtt [Zonee, Id]"))
    assert "DisplayName: !GetAtt [Zone, Id]\n" in out


def test_e1010_cloudfront_hosted_zone_is_the_documented_constant():
    text = """\
Resources:
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior: {TargetOriginId: o, ViewerProtocolPolicy: allow-all, CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6}
        Origins: [{Id: o, DomainName: example.com, CustomOriginConfig: {OriginProtocolPolicy: https-only}}]
  Records:
    Type: AWS::Route53::RecordSetGroup
    Properties:
      HostedZoneName: example.com.
      RecordSets:
        - Name: www.example.com.
          Type: A
          AliasTarget:
            HostedZoneId: !GetAtt Dist.HostedZoneId
            DNSName: !GetAtt Dist.DomainName
"""
    assert "            HostedZoneId: Z2FDTNDATAQYW2\n" in fixed(text)


def test_e1010_attribute_without_candidate_keeps_cfn_lint_message():
    text = ZONE.replace("{ATTR}", "!GetAtt Zone.Colour")
    assert fixed(text, unsafe=True) == text
    assert any(m.startswith("cfn-lint E1010") for m in messages(text))


# ---- E1041: Ref where an attribute's format is expected ------------------------------------------------

ROLE_TASK = """\
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: 'sts:AssumeRole'}]}
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ExecutionRoleArn: {REF}
      ContainerDefinitions: [{Name: app, Image: nginx}]
"""


def test_e1041_ref_becomes_getatt_of_the_one_attribute_with_that_format():
    assert "ExecutionRoleArn: !GetAtt Role.Arn  # exec\n" in fixed(ROLE_TASK.replace("{REF}", "!Ref Role  # exec"))
    assert "ExecutionRoleArn: !GetAtt Role.Arn\n" in fixed(ROLE_TASK.replace("{REF}", "{Ref: Role}"))


# ---- E1028: inline condition in Fn::If ---------------------------------------------------------------

def test_e1028_reuses_an_equal_condition_and_names_a_new_one():
    text = """\
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: !If [!Equals [!Ref Env, 'prod'], 0, 5]
      MessageRetentionPeriod: !If [!Equals [!Ref Env, dev], 60, 120]
      VisibilityTimeout: !If [!Equals [!Ref Env, dev], 60, 120]
"""
    out = fixed(text)
    assert "  IsProd: !Equals [!Ref Env, prod]\n  IsDev: !Equals [!Ref Env, dev]\nResources:" in out
    assert "DelaySeconds: !If [IsProd, 0, 5]" in out
    assert out.count("!If [IsDev, 60, 120]") == 2
    assert "E1028" not in codes(out)


def test_e1028_creates_the_conditions_section_and_avoids_taken_names():
    text = """\
Parameters:
  Env: {Type: String, Default: dev}
Resources:
  IsDev:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: !If [!Equals [!Ref Env, dev], 0, 5]
"""
    out = fixed(text)
    assert "Conditions:\n  EnvIsDev: !Equals [!Ref Env, dev]\nResources:" in out
    assert "DelaySeconds: !If [EnvIsDev, 0, 5]" in out


# ---- correct code stays untouched --------------------------------------------------------------------

def test_valid_intrinsics_give_no_finding():
    text = """\
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Zone:
    Type: AWS::Route53::HostedZone
    Properties: {Name: example.com}
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub '${AWS::StackName}-${Env}-${!Literal}'
      DisplayName: !If [IsProd, !GetAtt Zone.Id, !Ref Env]
"""
    assert messages(text) == []


@pytest.mark.parametrize("module", ["e1010", "e1019", "e1020", "e1021", "e1028", "e1029", "e1041", "w1020"])
def test_each_repair_is_registered_and_documented(module):
    registry = cfn_repairs.registry()
    mod = __import__(f"iacfix.cfn_repairs.{module}", fromlist=["RULE_ID"])
    assert registry[mod.RULE_ID] is mod.repair
    assert len(mod.__doc__.strip().splitlines()) > 3
