"""IAC330 repairs of DependsOn hygiene (W3005, E3005) and unknown resource types (E3006)."""
import pytest

from iacfix import api, cfn_repairs
from iacfix.cfn_repairs import e3006
from iacfix.cfn_transforms.cfn_lint_repair import CfnLintRepair
from iacfix.config import Config
from iacfix.engine import Context
from iacfix.fixes import Applicability
from iacfix.languages import cloudformation as cfn
from iacfix.languages.base import Source

RULE = CfnLintRepair()


def doc(text: str, path: str = "t.yaml"):
    return cfn.parse(Source(path, text.encode(), text))


def findings(text: str, path: str = "t.yaml"):
    return list(RULE.check(doc(text, path), Context()))


def apply(tmp_path, text: str, name: str = "t.yaml", unsafe: bool = False) -> str:
    """The text after `iacfix apply [--unsafe-fixes] --select IAC330` (the engine's fixpoint)."""
    f = tmp_path / name
    f.write_bytes(text.encode())
    report = api.run([f], Config(), fix=True, unsafe=unsafe, select=["IAC330"])
    assert not report.errors, report.errors
    out = f.read_bytes().decode()
    again = api.run([f], Config(), fix=True, unsafe=unsafe, select=["IAC330"])
    assert not again.changed, "a second apply must change nothing"
    return out


def codes(text: str) -> list[str]:
    return [m.rule for m in cfn_repairs.lint(text)]


VPC = """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Igw:
    Type: AWS::EC2::InternetGateway
"""


# ---- W3005 -------------------------------------------------------------------------------------

def test_w3005_scalar_depends_on_is_removed_with_its_comment(tmp_path):
    text = VPC + """\
  Subnet:
    Type: AWS::EC2::Subnet
    DependsOn: Vpc  # why not
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
"""
    out = apply(tmp_path, text)
    assert out == text.replace("    DependsOn: Vpc  # why not\n", "")
    assert "W3005" not in codes(out)


def test_w3005_is_safe_and_keeps_names_no_reference_implies(tmp_path):
    text = VPC + """\
  Subnet:
    Type: AWS::EC2::Subnet
    DependsOn:
      - Igw
      - Vpc   # implied
    Properties:
      VpcId: !GetAtt Vpc.VpcId
      CidrBlock: 10.0.0.0/24
"""
    [finding] = [f for f in findings(text) if "W3005" in f.message]
    assert finding.fix.applicability is Applicability.SAFE
    assert apply(tmp_path, text) == text.replace("      - Vpc   # implied\n", "")


def test_w3005_flow_list_and_crlf(tmp_path):
    text = (VPC + """\
  Rt:
    Type: AWS::EC2::RouteTable
    DependsOn: [Vpc, Igw]
    Properties:
      VpcId: !Ref Vpc
""").replace("\n", "\r\n")
    out = apply(tmp_path, text)
    assert out == text.replace("[Vpc, Igw]", "[Igw]")


def test_w3005_every_redundant_name_of_a_resource_in_one_fix(tmp_path):
    text = VPC + """\
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    DependsOn: [Vpc, Igw]
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
"""
    fixes = {f.fix.edits for f in findings(text) if f.fix}
    assert len(fixes) == 1  # both matches propose the same edits
    assert apply(tmp_path, text) == text.replace("    DependsOn: [Vpc, Igw]\n", "")


def test_w3005_json_array_member(tmp_path):
    text = """{
  "Resources": {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "Igw": {"Type": "AWS::EC2::InternetGateway"},
    "Rt": {
      "Type": "AWS::EC2::RouteTable",
      "DependsOn": [
        "Igw",
        "Vpc"
      ],
      "Properties": {"VpcId": {"Ref": "Vpc"}}
    }
  }
}
"""
    out = apply(tmp_path, text, "t.json")
    assert out == text.replace('"Igw",\n        "Vpc"', '"Igw"')


def test_w3005_refused_when_the_only_reference_is_inside_fn_if(tmp_path):
    text = """\
Parameters:
  UseVpc: {Type: String, AllowedValues: ['yes', 'no']}
Conditions:
  HasVpc: !Equals [!Ref UseVpc, 'yes']
""" + VPC + """\
  Sg:
    Type: AWS::EC2::SecurityGroup
    DependsOn: Vpc
    Properties:
      GroupDescription: web
      VpcId: !If [HasVpc, !Ref Vpc, !Ref AWS::NoValue]
"""
    assert "W3005" in codes(text)
    assert not [f for f in findings(text) if "W3005" in f.message]
    assert apply(tmp_path, text) == text


# ---- E3005 -------------------------------------------------------------------------------------

def test_e3005_one_candidate_is_a_safe_rename_of_the_item(tmp_path):
    text = VPC + """\
  Rt:
    Type: AWS::EC2::RouteTable
    DependsOn:
      - 'Igww'  # quoted
    Properties:
      VpcId: !Ref Vpc
"""
    [finding] = [f for f in findings(text) if "E3005" in f.message]
    assert finding.fix.applicability is Applicability.SAFE
    assert apply(tmp_path, text) == text.replace("'Igww'", "'Igw'")


def test_e3005_misspelt_duplicate_of_a_present_name_is_removed(tmp_path):
    text = VPC + """\
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: [Igw, igw]
"""
    assert apply(tmp_path, text) == text.replace("[Igw, igw]", "[Igw]")


def test_e3005_no_candidate_is_an_unsafe_removal(tmp_path):
    text = VPC + """\
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: [Igw, Ghost]
"""
    [finding] = [f for f in findings(text) if "E3005" in f.message]
    assert finding.fix.applicability is Applicability.UNSAFE
    assert apply(tmp_path, text) == text  # not without --unsafe-fixes
    assert apply(tmp_path, text, unsafe=True) == text.replace("[Igw, Ghost]", "[Igw]")


def test_e3005_several_candidates_are_listed_not_fixed():
    text = """\
Resources:
  BucketA:
    Type: AWS::S3::Bucket
  BucketB:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: BucketC
"""
    [finding] = [f for f in findings(text) if "E3005" in f.message]
    assert finding.fix is None and "`BucketA`" in finding.message and "`BucketB`" in finding.message


# ---- E3006 -------------------------------------------------------------------------------------

def test_e3006_case_only_is_a_safe_retype_keeping_quotes_and_comment(tmp_path):
    text = """\
Resources:
  Eip:
    Type: "AWS::EC2::EIP"
  Nat:
    Type: "AWS::EC2::NATGateway"  # per AZ
    Properties:
      AllocationId: !GetAtt Eip.AllocationId
      SubnetId: subnet-0123456789abcdef0
"""
    [finding] = [f for f in findings(text) if "E3006" in f.message]
    assert finding.fix.applicability is Applicability.SAFE
    assert apply(tmp_path, text) == text.replace("NATGateway", "NatGateway")


def test_e3006_near_type_of_the_same_service_is_unsafe():
    text = """\
Resources:
  Q:
    Type: AWS::SQS::Queues
"""
    [finding] = [f for f in findings(text) if "E3006" in f.message]
    assert finding.fix.applicability is Applicability.UNSAFE and "AWS::SQS::Queue" in finding.message


def test_e3006_table_retype_adds_policy_type_in_flow_style(tmp_path):
    text = """\
Resources:
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: {MinSize: '1', MaxSize: '2', AvailabilityZones: [us-east-1a], LaunchConfigurationName: lc}
  Policy:
    Type: AWS::AutoScaling::TargetTrackingScalingPolicy
    Properties: {AutoScalingGroupName: !Ref Group, TargetTrackingConfiguration: {PredefinedMetricSpecification: {PredefinedMetricType: ASGAverageCPUUtilization}, TargetValue: 50}}
"""
    out = apply(tmp_path, text, unsafe=True)
    assert "Type: AWS::AutoScaling::ScalingPolicy\n" in out
    assert out.endswith("TargetValue: 50}, PolicyType: TargetTrackingScaling}\n")
    assert not [c for c in codes(out) if c.startswith("E")]


def test_e3006_table_retype_refused_when_policy_type_says_otherwise():
    text = """\
Resources:
  Policy:
    Type: AWS::AutoScaling::TargetTrackingScalingPolicy
    Properties: {AutoScalingGroupName: g, PolicyType: StepScaling}
"""
    [finding] = [f for f in findings(text) if "E3006" in f.message]
    assert finding.fix is None and "set otherwise" in finding.message


def test_e3006_unreferenced_invented_type_is_removed_unsafely_with_its_comments(tmp_path):
    text = """\
Resources:
  Queue:
    Type: AWS::SQS::Queue

  # account setting
  Ebs:
    Type: AWS::EC2::EBSEncryptionByDefault
    Properties:
      EbsEncryptionByDefault: true

  Topic:
    Type: AWS::SNS::Topic
"""
    [finding] = [f for f in findings(text) if "E3006" in f.message]
    assert finding.fix.applicability is Applicability.UNSAFE and "account setting" in finding.message
    assert apply(tmp_path, text) == text
    assert apply(tmp_path, text, unsafe=True) == """\
Resources:
  Queue:
    Type: AWS::SQS::Queue

  Topic:
    Type: AWS::SNS::Topic
"""


def test_e3006_last_resource_removed_takes_the_blank_line_above(tmp_path):
    text = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n\n  Tag:\n    Type: AWS::EC2::Tag\n"
    assert apply(tmp_path, text, unsafe=True) == "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n"


@pytest.mark.parametrize("reference", ["!Ref Tag", "!GetAtt Tag.Id", "!Sub '${Tag}-x'", "{'Fn::Sub': '${Tag.Id}'}"])
def test_e3006_referenced_resource_is_not_removed(tmp_path, reference):
    text = f"""\
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Tag:
    Type: AWS::EC2::Tag
Outputs:
  Out:
    Value: {reference}
"""
    [finding] = [f for f in findings(text) if "E3006" in f.message]
    assert finding.fix is None and "Outputs/Out/Value" in finding.message
    assert apply(tmp_path, text, unsafe=True) == text


def test_e3006_dependson_only_reference_is_retargeted_to_its_dependencies(tmp_path):
    text = """{
  "Resources": {
    "Bucket": {"Type": "AWS::S3::Bucket"},
    "Queue": {"Type": "AWS::SQS::Queue"},
    "Status": {
      "Type": "AWS::Config::ConfigurationRecorderStatus",
      "DependsOn": "Queue",
      "Properties": {"Name": {"Ref": "Bucket"}}
    },
    "Topic": {"Type": "AWS::SNS::Topic", "DependsOn": "Status"},
    "Key": {"Type": "AWS::KMS::Key", "DependsOn": ["Queue", "Status"]}
  }
}
"""
    out = apply(tmp_path, text, "t.json", unsafe=True)
    assert out == """{
  "Resources": {
    "Bucket": {"Type": "AWS::S3::Bucket"},
    "Queue": {"Type": "AWS::SQS::Queue"},
    "Topic": {"Type": "AWS::SNS::Topic", "DependsOn": ["Bucket", "Queue"]},
    "Key": {"Type": "AWS::KMS::Key", "DependsOn": ["Queue", "Bucket"]}
  }
}
"""


def test_e3006_types_of_another_region_and_custom_types_are_left_to_cfn_lint():
    other = sorted(e3006.known_types() - e3006.known_types("us-east-1"))
    assert other, "cfn-lint knows types outside us-east-1"
    text = f"Resources:\n  A:\n    Type: {other[0]}\n  B:\n    Type: Custom::Thing\n    Properties: {{ServiceToken: arn}}\n"
    assert not [f for f in findings(text) if f.fix]


def test_remove_depends_on_helper_shapes():
    d = doc(VPC + "  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: !Ref Vpc\n")
    assert d.remove_depends_on("Q", ["Vpc"]) is None  # tagged: not a name
    d = doc(VPC + "  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: [Vpc, # c\n      Igw]\n")
    assert d.remove_depends_on("Q", ["Vpc"]) is None  # a comment inside the removed text
    assert d.remove_depends_on("Q", ["Nothing"]) == []


def test_crlf_resource_removal_and_block_item_removal(tmp_path):
    text = ("Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n\n"
            "  # tag it\n  T:\n    Type: AWS::EC2::Tag\n\n"
            "  S:\n    Type: AWS::EC2::Subnet\n    DependsOn:\n      - Vpc\n      - Vpcc\n"
            "    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.0.0/24\n").replace("\n", "\r\n")
    expected = ("Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n\n"
                "  S:\n    Type: AWS::EC2::Subnet\n"
                "    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.0.0/24\n").replace("\n", "\r\n")
    assert apply(tmp_path, text, unsafe=True) == expected
