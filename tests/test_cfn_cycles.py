"""IAC330 / E3004: security-group cycles split into standalone rules; other cycles reported with their path."""
import json

from iacfix import cfn_repairs
from iacfix.cfn_repairs import e3004
from iacfix.cfn_transforms.cfn_lint_repair import CfnLintRepair
from iacfix.engine import Context
from iacfix.fixes import Applicability, apply_fixes
from iacfix.languages import cloudformation as cfn
from iacfix.languages.base import Source

RULE = CfnLintRepair()


def doc(text: str, path: str = "t.yaml"):
    return cfn.parse(Source(path, text.encode(), text))


def cycle_findings(text: str, path: str = "t.yaml"):
    return [f for f in RULE.check(doc(text, path), Context()) if "E3004" in f.message]


def fixed(text: str, path: str = "t.yaml") -> str:
    found = cycle_findings(text, path)
    return apply_fixes(text.encode(), [f for f in found if f.fix]).data.decode()


def codes(text: str) -> list[str]:
    return sorted(m.rule for m in cfn_repairs.lint(text) if m.is_error)


HEAD = """\
Parameters:
  Vpc: {Type: 'AWS::EC2::VPC::Id'}
Resources:
"""

PAIR = HEAD + """\
  WebSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - IpProtocol: tcp
          FromPort: 8080
          ToPort: 8080
          DestinationSecurityGroupId: !Ref AppSG
  AppSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp  # from the web tier
          FromPort: 8080
          ToPort: 8080
          SourceSecurityGroupId: !Ref WebSG
"""


def test_both_matches_of_one_cycle_become_one_safe_fix():
    assert codes(PAIR) == ["E3004", "E3004"]
    found = cycle_findings(PAIR)
    assert len(found) == 1 and found[0].fix.applicability is Applicability.SAFE
    out = fixed(PAIR)
    assert codes(out) == []
    # the ingress rule moved (the only egress rule of WebSG stays: no default allow-all egress)
    assert "DestinationSecurityGroupId: !Ref AppSG" in out.split("AppSG:")[0]
    assert out.endswith("""\
      VpcId: !Ref Vpc

  AppSGIngressFromWeb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref AppSG
      IpProtocol: tcp  # from the web tier
      FromPort: 8080
      ToPort: 8080
      SourceSecurityGroupId: !Ref WebSG
""")
    assert "SecurityGroupIngress:" not in out  # the emptied list key is gone


def test_idempotent_and_untouched_prefix():
    out = fixed(PAIR)
    assert cycle_findings(out) == []
    assert fixed(out) == out
    cut = PAIR.index("      SecurityGroupIngress:")
    assert out[:cut] == PAIR[:cut]


def test_same_edits_for_every_match_of_the_component():
    d = doc(PAIR)
    outcomes = [e3004.repair(d, m) for m in cfn_repairs.lint(PAIR) if m.rule == "E3004"]
    assert len(outcomes) == 2 and outcomes[0].edits == outcomes[1].edits and outcomes[0].edits


def test_crlf_survives():
    text = PAIR.replace("\n", "\r\n")
    out = fixed(text)
    assert codes(out) == [] and "\n" not in out.replace("\r\n", "")
    assert "  AppSGIngressFromWeb:\r\n    Type: AWS::EC2::SecurityGroupIngress\r\n" in out


def test_egress_moved_when_its_list_keeps_a_rule_and_the_ingress_cannot_move():
    text = HEAD + """\
  WebSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
        - {IpProtocol: tcp, FromPort: 8080, ToPort: 8080, DestinationSecurityGroupId: !GetAtt AppSG.GroupId}
  AppSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - !If [IsProd, {IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: !Ref WebSG}, !Ref AWS::NoValue]
"""
    text = text.replace("Resources:\n", "Conditions:\n  IsProd: !Equals [!Ref 'AWS::Region', us-east-1]\nResources:\n")
    out = fixed(text)
    assert codes(out) == []
    assert "        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}\n  WebSGEgressToApp:" in out
    assert "SourceSecurityGroupId: !Ref WebSG}, !Ref AWS::NoValue]" in out  # the conditional rule stays
    assert """\
  WebSGEgressToApp:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: !Ref WebSG
      IpProtocol: tcp
      FromPort: 8080
      ToPort: 8080
      DestinationSecurityGroupId: !GetAtt AppSG.GroupId
  AppSG:""" in out  # no blank lines between resources in this file: none added


def test_refused_when_only_emptying_an_egress_list_would_break_it():
    text = HEAD + """\
  ASG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: a
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, DestinationSecurityGroupId: !Ref BSG}
  BSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: b
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, DestinationSecurityGroupId: !Ref ASG}
"""
    found = cycle_findings(text)
    assert found and all(f.fix is None for f in found)
    assert "ASG/Properties/SecurityGroupEgress/0/DestinationSecurityGroupId → Ref BSG" in found[0].message


def test_egress_rule_with_a_property_the_standalone_schema_lacks_stays_inline():
    # SourceSecurityGroupId is no property of AWS::EC2::SecurityGroupEgress (cfn-lint's schema)
    text = PAIR.replace("DestinationSecurityGroupId: !Ref AppSG", "SourceSecurityGroupId: !Ref AppSG")
    out = fixed(text)
    assert "E3004" not in codes(out)
    assert "SourceSecurityGroupId: !Ref AppSG" in out.split("AppSG:")[0]
    assert "AppSGIngressFromWeb:" in out


def test_self_reference_and_group_without_vpc_uses_getatt_group_id():
    text = """\
Resources:
  Nodes:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: nodes
      SecurityGroupIngress:
        - IpProtocol: '-1'
          SourceSecurityGroupId: !GetAtt Nodes.GroupId
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 10.0.0.0/8
"""
    out = fixed(text)
    assert "E3004" not in codes(out)
    assert out.endswith("""\
          CidrIp: 10.0.0.0/8

  NodesIngressFromSelf:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Nodes.GroupId
      IpProtocol: '-1'
      SourceSecurityGroupId: !GetAtt Nodes.GroupId
""")


def test_name_collision_gets_a_number():
    text = PAIR.replace("Resources:\n", """Resources:
  AppSGIngressFromWeb:
    Type: AWS::SNS::Topic
""")
    out = fixed(text)
    assert "  AppSGIngressFromWeb2:\n    Type: AWS::EC2::SecurityGroupIngress" in out
    assert codes(out) == []


def test_several_rules_after_the_last_resource_are_one_insertion():
    text = HEAD + """\
  ASG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: a
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, SourceSecurityGroupId: !Ref BSG}
  BSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: b
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 81, ToPort: 81, SourceSecurityGroupId: !Ref ASG}
        - {IpProtocol: tcp, FromPort: 82, ToPort: 82, SourceSecurityGroupId: !Ref BSG}
"""
    out = fixed(text)
    assert codes(out) == []
    # the fewest moves: A's rule breaks A <-> B, B's self-reference must move too
    assert out.count("Type: AWS::EC2::SecurityGroupIngress") == 2
    assert out.index("ASGIngressFromB:") < out.index("  BSG:") < out.index("BSGIngressFromSelf:")
    assert "FromPort: 81" in out.split("BSGIngressFromSelf")[0].split("  BSG:")[1]


def test_flow_style_properties():
    text = HEAD + """\
  WebSG:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: web, VpcId: !Ref Vpc, SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 80, ToPort: 80, DestinationSecurityGroupId: !Ref AppSG}]}
  AppSG:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: app, VpcId: !Ref Vpc, SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8}, {IpProtocol: tcp, FromPort: 80, ToPort: 80, SourceSecurityGroupId: !Ref WebSG}]}
"""
    out = fixed(text)
    assert codes(out) == []
    assert "SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8}]}" in out
    assert "      SourceSecurityGroupId: !Ref WebSG\n" in out


def test_json():
    text = json.dumps({"Parameters": {"Vpc": {"Type": "AWS::EC2::VPC::Id"}}, "Resources": {
        "A": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
            "GroupDescription": "a", "VpcId": {"Ref": "Vpc"},
            "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 1, "ToPort": 1, "SourceSecurityGroupId": {"Ref": "B"}}]}},
        "B": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
            "GroupDescription": "b", "VpcId": {"Ref": "Vpc"},
            "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 2, "ToPort": 2, "SourceSecurityGroupId": {"Ref": "A"}}]}},
    }}, indent=2) + "\n"
    out = fixed(text, "t.json")
    assert codes(out) == []
    data = json.loads(out)
    assert "SecurityGroupIngress" not in data["Resources"]["A"]["Properties"]
    assert data["Resources"]["AIngressFromB"] == {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
        "GroupId": {"Ref": "A"}, "IpProtocol": "tcp", "FromPort": 1, "ToPort": 1, "SourceSecurityGroupId": {"Ref": "B"}}}
    assert list(data["Resources"]) == ["A", "AIngressFromB", "B"]
    assert fixed(out, "t.json") == out


def test_other_cycles_are_reported_with_their_path():
    text = """\
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        LambdaConfigurations:
          - Event: s3:ObjectCreated:*
            Function: !GetAtt Fn.Arn
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - {Effect: Allow, Action: s3:GetObject, Resource: !Sub '${Bucket.Arn}/*'}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code: {ZipFile: 'def handler(e, c): pass'}
"""
    found = cycle_findings(text)
    assert found and all(f.fix is None for f in found)
    message = next(f.message for f in found if "circular dependency Bucket" in f.message)
    assert "Bucket → Fn → Role → Bucket" in message
    assert "Bucket/Properties/NotificationConfiguration/LambdaConfigurations/0/Function → GetAtt Fn" in message
    assert "Role/Properties/Policies/0/PolicyDocument/Statement/0/Resource → GetAtt Bucket" in message


def test_peer_label():
    assert e3004._peer_label("Db", "WebServerSecurityGroup") == "WebServer"
    assert e3004._peer_label("Db", "AppSG") == "App"
    assert e3004._peer_label("Db", "SG") == "SG"
    assert e3004._peer_label("Db", "Db") == "Self"


NOTIFY = """\
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: NAME
      NotificationConfiguration:
        LambdaConfigurations:
          - Event: s3:ObjectCreated:*
            Function: !GetAtt Fn.Arn
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - {Effect: Allow, Action: s3:GetObject, Resource: [!GetAtt Bucket.Arn, !Sub '${Bucket.Arn}/*']}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Environment: {Variables: {BUCKET: !Ref Bucket}}
      Code: {ZipFile: 'def handler(e, c): pass'}
"""


def test_bucket_with_a_sub_name_is_written_out_as_an_unsafe_fix():
    text = NOTIFY.replace("NAME", "!Sub 'in-${AWS::AccountId}'")
    found = cycle_findings(text)
    assert len(found) == 1 and found[0].fix.applicability is Applicability.UNSAFE
    out = fixed(text)
    assert codes(out) == []
    assert ("Resource: [!Sub 'arn:${AWS::Partition}:s3:::in-${AWS::AccountId}', "
            "!Sub 'arn:${AWS::Partition}:s3:::in-${AWS::AccountId}/*']") in out
    assert "BUCKET: !Sub 'in-${AWS::AccountId}'}" in out
    assert "Function: !GetAtt Fn.Arn" in out  # the bucket's own reference stays
    assert cycle_findings(out) == []


def test_bucket_with_a_literal_name():
    out = fixed(NOTIFY.replace("NAME", "my-uploads"))
    assert codes(out) == []
    assert "BUCKET: my-uploads}" in out
    assert "!Sub 'arn:${AWS::Partition}:s3:::my-uploads/*'" in out


def test_bucket_without_a_name_or_named_from_a_resource_is_only_reported():
    for text in (NOTIFY.replace("      BucketName: NAME\n", ""),
                 NOTIFY.replace("NAME", "!Sub '${Role}-in'")):
        found = cycle_findings(text)
        assert found and all(f.fix is None for f in found), text


def test_bucket_json():
    text = json.dumps({"Resources": {
        "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {
            "BucketName": {"Fn::Sub": "in-${AWS::AccountId}"},
            "ReplicationConfiguration": {"Role": {"Fn::GetAtt": ["Role", "Arn"]}, "Rules": [
                {"Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::elsewhere"}}]},
            "VersioningConfiguration": {"Status": "Enabled"}}},
        "Role": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
            "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "s3:GetObjectVersion", "Resource": {"Fn::Sub": "${Bucket.Arn}/*"}}]}}]}},
    }}, indent=2) + "\n"
    out = fixed(text, "t.json")
    assert codes(out) == []
    statement = json.loads(out)["Resources"]["Role"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]
    assert statement["Resource"] == {"Fn::Sub": "arn:${AWS::Partition}:s3:::in-${AWS::AccountId}/*"}
    assert fixed(out, "t.json") == out


MACHINE = """\
Resources:
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: start
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - {Effect: Allow, Action: states:StartExecution, Resource: !Ref Machine}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Sub 'pre-${AWS::Region}'
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt FnRole.Arn
      Environment: {Variables: {MACHINE: !Ref Machine}}
      Code: {ZipFile: 'def handler(e, c): pass'}
  MachineRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - {Effect: Allow, Principal: {Service: states.amazonaws.com}, Action: sts:AssumeRole}
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: pipeline
      RoleArn: !GetAtt MachineRole.Arn
      DefinitionString: !Sub |
        {
          "StartAt": "Pre",
          "States": {"Pre": {"Type": "Task", "Resource": "${Fn.Arn}", "End": true}}
        }
"""


def test_the_fewest_named_resources_then_edits_are_written_out_a_sub_block_scalar_in_place():
    found = cycle_findings(MACHINE)
    assert found and found[0].fix.applicability is Applicability.UNSAFE
    out = fixed(MACHINE)
    assert codes(out) == []
    # the function (one edit) rather than the state machine (two): its ARN goes into the
    # definition's own text, the block scalar keeps its layout
    assert ('      DefinitionString: !Sub |\n        {\n          "StartAt": "Pre",\n'
            '          "States": {"Pre": {"Type": "Task", "Resource": '
            '"arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:pre-${AWS::Region}", "End": true}}\n'
            '        }\n') in out
    assert "Resource: !Ref Machine}" in out and "MACHINE: !Ref Machine}" in out


def test_a_state_machine_ref_is_its_arn():
    text = MACHINE.replace("      FunctionName: !Sub 'pre-${AWS::Region}'\n", "")
    out = fixed(text)
    assert codes(out) == []
    arn = "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:pipeline"
    assert f"Resource: !Sub '{arn}'" in out and f"MACHINE: !Sub '{arn}'" in out
    assert '"Resource": "${Fn.Arn}"' in out


def test_principals_are_never_written_out():
    text = """\
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - {Effect: Allow, Principal: {AWS: !GetAtt Role.Arn}, Action: 'kms:*', Resource: '*'}
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: worker
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: use-key
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - {Effect: Allow, Action: 'kms:Decrypt', Resource: !GetAtt Key.Arn}
"""
    found = cycle_findings(text)
    assert found and all(f.fix is None for f in found)
    assert "Key/Properties/KeyPolicy/Statement/0/Principal/AWS → GetAtt Role" in " ".join(f.message for f in found)
