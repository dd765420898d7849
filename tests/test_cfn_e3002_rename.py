"""E3002 renames: the word-level did-you-mean step (`names.word_suggestions`) and its policy in
`iacfix/cfn_repairs/e3002.py` (safe / unsafe / refused), the one-item-list unwrap, YAML block and
flow, JSON, CRLF, idempotence."""
import pytest

from iacfix import api, cfn_repairs
from iacfix.cfn_repairs import e3002
from iacfix.cfn_transforms.cfn_lint_repair import CfnLintRepair
from iacfix.config import Config
from iacfix.engine import Context
from iacfix.fixes import Applicability, apply_fixes
from iacfix.knowledge import names
from iacfix.languages import cloudformation as cfn
from iacfix.languages.base import Source

RULE = CfnLintRepair()


def doc(text: str, path: str = "t.yaml"):
    return cfn.parse(Source(path, text.encode(), text))


def findings(text: str, path: str = "t.yaml"):
    return [f for f in RULE.check(doc(text, path), Context()) if "E3002" in f.message]


def fixed(text: str, path: str = "t.yaml", unsafe: bool = False) -> str:
    wanted = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    found = [f for f in RULE.check(doc(text, path), Context()) if f.fix and f.fix.applicability in wanted]
    return apply_fixes(text.encode(), found).data.decode()


def resource(rtype: str, body: str) -> str:
    return f"Resources:\n  R:\n    Type: {rtype}\n    Properties:\n{body}"


# ---- names.word_suggestions --------------------------------------------------------------------

@pytest.mark.parametrize("name, pool, want", [
    ("HealthCheckInterval", ["HealthCheckIntervalSeconds", "HealthCheckTimeoutSeconds", "HealthCheckPath"],
     ["HealthCheckIntervalSeconds"]),
    ("VisibilityTimeoutSeconds", ["VisibilityTimeout", "DelaySeconds"], ["VisibilityTimeout"]),
    ("MaximumEventAge", ["MaximumEventAgeInSeconds", "MaximumRetryAttempts"], ["MaximumEventAgeInSeconds"]),
    ("PublishCloudWatchMetrics", ["PublishCloudWatchMetricsEnabled", "BytesScannedCutoffPerQuery"],
     ["PublishCloudWatchMetricsEnabled"]),
    ("IncludeGlobalResources", ["IncludeGlobalResourceTypes", "ResourceTypes", "AllSupported"],
     ["IncludeGlobalResourceTypes"]),
    ("KeyRotationEnabled", ["EnableKeyRotation", "Enabled", "KeyPolicy"], ["EnableKeyRotation"]),
    ("PerformanceInsightsEnabled", ["EnablePerformanceInsights", "PerformanceInsightsKMSKeyId"],
     ["EnablePerformanceInsights"]),
    ("health_check_interval", ["healthCheckIntervalSeconds"], ["healthCheckIntervalSeconds"]),
    # a unit is added or dropped, never exchanged for another
    ("TimeoutInMinutes", ["TimeoutSeconds", "Timeout"], ["Timeout"]),
    # a name with no word of its own matches nothing
    ("Seconds", ["Enabled", "DelaySeconds"], []),
    ("Enabled", ["EnableLogging"], []),
    # words are compared in order: a different arrangement is another name
    ("RotationKeyEnabled", ["EnableKeyRotation"], []),
    # Status is only set aside by the loose step
    ("KeyRotationStatus", ["EnableKeyRotation"], []),
    # several readings: all returned, the caller decides
    ("EnableLogging", ["Logging", "LoggingEnabled"], ["Logging", "LoggingEnabled"]),
])
def test_word_suggestions(name, pool, want):
    assert names.word_suggestions(name, pool) == want


def test_the_resource_types_name_is_a_prefix_only_when_given():
    pool = ["HealthCheckConfig", "HealthCheckTags"]
    assert names.word_suggestions("Tags", pool) == []
    assert names.word_suggestions("Tags", pool, prefix="HealthCheck") == ["HealthCheckTags"]
    assert names.word_suggestions("Name", ["QueueName", "DelaySeconds"], prefix="Queue") == ["QueueName"]


def test_loose_status_and_direction_follow_the_sibling_naming():
    assert names.word_suggestions("KeyRotationStatus", ["EnableKeyRotation"], loose=True) == ["EnableKeyRotation"]
    egress = ["CidrIp", "DestinationPrefixListId", "DestinationSecurityGroupId", "FromPort", "IpProtocol", "ToPort"]
    assert names.word_suggestions("SourceSecurityGroupId", egress) == []
    assert names.word_suggestions("SourceSecurityGroupId", egress, loose=True) == ["DestinationSecurityGroupId"]
    # where the place names both directions, Source and Destination are different things
    both = egress + ["SourcePrefixListId"]
    assert names.word_suggestions("SourceSecurityGroupId", both, loose=True) == []


def test_the_letter_steps_are_unchanged():
    assert names.suggestions("VisibilityTimeOut", ["VisibilityTimeout", "DelaySeconds"]) == ["VisibilityTimeout"]
    assert names.suggestions("HealthCheckInterval", ["HealthCheckIntervalSeconds"]) == []
    assert names.unique_suggestion("SecurityGroupIgress", ["SecurityGroupIngress", "SecurityGroupEgress"]) is None
    assert names.words("RoleARN") == ["role", "arn"] and names.unit("MaximumEventAgeInSeconds") == "seconds"


# ---- the repair: safe renames --------------------------------------------------------------------

TARGET_GROUP = resource("AWS::ElasticLoadBalancingV2::TargetGroup", """\
      Port: 80
      Protocol: HTTP
      VpcId: vpc-12345678
      HealthCheckInterval: 30  # seconds
      HealthCheckTimeout: !If [Prod, 10, 5]
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
""")


def test_unit_added_is_a_safe_rename_of_the_key_only():
    want = TARGET_GROUP.replace("HealthCheckInterval:", "HealthCheckIntervalSeconds:") \
        .replace("HealthCheckTimeout:", "HealthCheckTimeoutSeconds:")
    assert fixed(TARGET_GROUP) == want
    assert all(f.fix.applicability is Applicability.SAFE for f in findings(TARGET_GROUP))


def test_flag_word_moved_in_a_flow_mapping_and_in_json():
    text = "Resources:\n  R:\n    Type: AWS::KMS::Key\n    Properties: {KeyRotationEnabled: true, Description: k}\n"
    assert fixed(text) == text.replace("KeyRotationEnabled", "EnableKeyRotation")
    js = '{"Resources": {"R": {"Type": "AWS::KMS::Key",\n  "Properties": {"KeyRotationEnabled": true}}}}\n'
    assert fixed(js, "t.json") == js.replace("KeyRotationEnabled", "EnableKeyRotation")


def test_unit_dropped_where_the_schema_says_that_unit():
    text = resource("AWS::SQS::Queue", "      VisibilityTimeoutSeconds: 300\n")
    (finding,) = findings(text)
    assert finding.fix.applicability is Applicability.SAFE
    assert fixed(text) == text.replace("VisibilityTimeoutSeconds", "VisibilityTimeout")


def test_the_resource_type_name_as_prefix_at_the_top_level():
    text = resource("AWS::Route53::HealthCheck", """\
      HealthCheckConfig: {Type: HTTPS, FullyQualifiedDomainName: example.com}
      Tags:
        - {Key: Name, Value: !Sub '${AWS::StackName}-hc'}
""")
    assert fixed(text) == text.replace("      Tags:", "      HealthCheckTags:")


def test_crlf_and_idempotent_through_the_engine(tmp_path):
    text = resource("AWS::Events::Rule", """\
      ScheduleExpression: rate(1 hour)
      Targets:
        - Id: t
          Arn: !Sub 'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:q'
          RetryPolicy:
            MaximumEventAge: 3600 # one hour
""").replace("\n", "\r\n")
    target = tmp_path / "template.yaml"
    target.write_bytes(text.encode())
    assert api.run([tmp_path], Config(), fix=True, select=["IAC330"]).changed
    assert target.read_bytes().decode() == text.replace("MaximumEventAge:", "MaximumEventAgeInSeconds:")
    assert not api.run([tmp_path], Config(), fix=True, select=["IAC330"]).changed


def test_read_only_properties_are_never_a_target():
    # `Arn` is declared by the SQS schema but read-only: `QueueArn` is not renamed onto it
    text = resource("AWS::SQS::Queue", "      QueueArn: arn:aws:sqs:us-east-1:123456789012:q\n")
    d = doc(text)
    (match,) = [m for m in cfn_repairs.lint(text) if m.rule == "E3002"]
    outcome = e3002.repair(d, match, cfn_repairs.schema_at)
    assert outcome is None or "`Arn`" not in outcome.message


# ---- unsafe, refused --------------------------------------------------------------------------

def test_status_read_as_the_flag_is_unsafe():
    text = resource("AWS::KMS::Key", "      KeyRotationStatus: true\n")
    (finding,) = findings(text)
    assert finding.fix.applicability is Applicability.UNSAFE and "on/off flag" in finding.message
    assert fixed(text) == text
    assert fixed(text, unsafe=True) == text.replace("KeyRotationStatus", "EnableKeyRotation")


def test_direction_swap_is_unsafe():
    text = resource("AWS::EC2::SecurityGroup", """\
      GroupDescription: lb
      SecurityGroupEgress:
        - IpProtocol: tcp
          FromPort: 80
          ToPort: 80
          SourceSecurityGroupId: sg-12345678
""")
    (finding,) = findings(text)
    assert finding.fix.applicability is Applicability.UNSAFE and "direction" in finding.message
    assert fixed(text, unsafe=True) == text.replace("SourceSecurityGroupId", "DestinationSecurityGroupId")


def test_another_unit_in_the_schema_refuses_the_rename():
    text = resource("AWS::SQS::Queue", "      VisibilityTimeoutMinutes: 5\n")
    (finding,) = findings(text)
    assert finding.fix is None and "in seconds" in finding.message


def _match(text, name, message=None):
    (m,) = [m for m in cfn_repairs.lint(text) if m.rule == "E3002" and m.path[-1] == name]
    return cfn_repairs.Match(m.rule, message or m.message, m.path, m.line)


def test_a_stated_unit_the_schema_does_not_confirm_is_unsafe():
    text = resource("AWS::SQS::Queue", "      VisibilityTimeoutSeconds: 300\n")

    def no_description(rtype, path):  # the same schema, descriptions removed
        return [{k: v for k, v in n.items() if k != "description"} for n in cfn_repairs.schema_at(rtype, path)]

    outcome = e3002.repair(doc(text), _match(text, "VisibilityTimeoutSeconds"), no_description)
    assert outcome.applicability is Applicability.UNSAFE and "which unit" in outcome.message


def test_cfn_lints_hint_corroborates_but_never_chooses():
    text = resource("AWS::SQS::Queue", "      VisibilityTimeoutSeconds: 300\n")
    agreeing = e3002.repair(doc(text), _match(text, "VisibilityTimeoutSeconds"))
    assert agreeing.applicability is Applicability.SAFE
    other = "Additional properties are not allowed ('VisibilityTimeoutSeconds' was unexpected. Did you mean 'DelaySeconds'?)"
    disagreeing = e3002.repair(doc(text), _match(text, "VisibilityTimeoutSeconds", other))
    assert disagreeing.applicability is Applicability.UNSAFE and "`DelaySeconds`" in disagreeing.message
    assert disagreeing.edits == agreeing.edits  # the hint never picks the target


def test_two_unknown_keys_reading_as_one_property_are_reported():
    text = resource("AWS::SQS::Queue", "      VisibilityTimeoutSeconds: 300\n      visibilityTimeout: 60\n")
    found = findings(text)
    assert len(found) == 2 and all(f.fix is None and "which one" in f.message for f in found)


def test_no_candidate_still_hands_over_to_the_move_step(monkeypatch):
    seen = []
    monkeypatch.setattr(e3002, "move_or_remove", lambda d, match, schemas: seen.append(match.path[-1]))
    text = resource("AWS::SQS::Queue", "      Colour: blue\n")
    e3002.repair(doc(text), _match(text, "Colour"))
    assert seen == ["Colour"]


# ---- a one-item list for a property that takes one value ------------------------------------------

FLOW_LOG = """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Log:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceIds:
{items}
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::flow-logs-bucket
"""


def test_block_list_of_one_is_unwrapped_with_the_rename():
    text = FLOW_LOG.replace("{items}", "        - !Ref Vpc  # the VPC")
    (finding,) = findings(text)
    assert finding.fix.applicability is Applicability.SAFE and "unwrapped" in finding.message
    assert fixed(text) == text.replace("ResourceIds:\n        - !Ref Vpc", "ResourceId: !Ref Vpc")


def test_flow_list_and_json_array_of_one_are_unwrapped():
    text = FLOW_LOG.replace("ResourceIds:\n{items}", "ResourceIds: [!Ref Vpc]")
    assert fixed(text) == text.replace("ResourceIds: [!Ref Vpc]", "ResourceId: !Ref Vpc")
    js = ('{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},\n'
          ' "Log": {"Type": "AWS::EC2::FlowLog", "Properties": {\n'
          '   "ResourceIds": [\n     {"Ref": "Vpc"}\n   ],\n'
          '   "ResourceType": "VPC", "TrafficType": "ALL", "LogDestinationType": "s3",\n'
          '   "LogDestination": "arn:aws:s3:::flow-logs-bucket"}}}}\n')
    assert fixed(js, "t.json") == js.replace('"ResourceIds": [\n     {"Ref": "Vpc"}\n   ]', '"ResourceId": {"Ref": "Vpc"}')


@pytest.mark.parametrize("items, why", [
    ("        - !Ref Vpc\n        - vpc-12345678", "the list has 2"),
    ("        # the VPC\n        - !Ref Vpc", "drop a comment"),
    ("        - Ref: Vpc", "cannot be unwrapped"),
])
def test_lists_that_cannot_become_one_value_are_reported(items, why):
    text = FLOW_LOG.replace("{items}", items)
    (finding,) = findings(text)
    assert finding.fix is None and why in finding.message


def test_a_list_for_a_list_property_is_only_renamed():
    text = resource("AWS::SNS::Topic", "      Subscriptions:\n        - {Endpoint: a@example.com, Protocol: email}\n")
    assert fixed(text) == text.replace("Subscriptions:", "Subscription:")
