"""IAC330 repairs of missing required properties and dependencies: E3003, E3045, E3021, E3014."""
from iacfix import api, cfn_repairs
from iacfix.cfn_repairs import e3003, e3014, e3021, e3045
from iacfix.cfn_transforms.cfn_lint_repair import CfnLintRepair
from iacfix.config import Config
from iacfix.engine import Context
from iacfix.fixes import Applicability, apply_fixes
from iacfix.languages import cloudformation as cfn
from iacfix.languages.base import Source

RULE = CfnLintRepair()
CODES = ("E3003", "E3045", "E3021", "E3014")


def doc(text: str, path: str = "t.yaml"):
    return cfn.parse(Source(path, text.encode(), text))


def findings(text: str, path: str = "t.yaml"):
    return list(RULE.check(doc(text, path), Context()))


def fixed(text: str, path: str = "t.yaml", unsafe: bool = True) -> str:
    chosen = [f for f in findings(text, path) if f.fix and (unsafe or f.fix.applicability is Applicability.SAFE)]
    return apply_fixes(text.encode(), chosen).data.decode()


def ours(found):
    return [f for f in found if f.message.startswith(CODES)]


def codes(text: str) -> list[str]:
    return sorted(m.rule for m in cfn_repairs.lint(text) if m.is_error)


def test_registered_for_their_rule_ids():
    reg = cfn_repairs.registry()
    for module in (e3003, e3045, e3021, e3014):
        assert reg[module.RULE_ID] is module.repair and module.__doc__


# ---- E3003 --------------------------------------------------------------------------------------

TRAIL = """\
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref Logs  # bucket
      IsMultiRegionTrail: !If [Multi, true, false]
  Logs:
    Type: AWS::S3::Bucket
Conditions:
  Multi: !Equals [!Ref AWS::Region, us-east-1]
"""


def test_trail_gets_is_logging_true_safely_at_the_end_of_its_mapping():
    [f] = ours(findings(TRAIL))
    assert f.fix.applicability is Applicability.SAFE and "IsLogging" in f.message
    out = fixed(TRAIL, unsafe=False)
    assert out == TRAIL.replace("[Multi, true, false]\n", "[Multi, true, false]\n      IsLogging: true\n")
    assert codes(out) == []
    assert not ours(findings(out))  # idempotent: nothing left to add


def test_crlf_is_kept_in_inserted_lines():
    text = TRAIL.replace("\n", "\r\n")
    out = fixed(text)
    assert "false]\r\n      IsLogging: true\r\n" in out and "\n" not in out.replace("\r\n", "")


def test_description_from_logical_name_in_flow_mapping_and_json():
    text = "Resources:\n  WebSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties: {VpcId: vpc-0123456789abcdef0}  # web\n"
    assert fixed(text) == text.replace("vpc-0123456789abcdef0}", "vpc-0123456789abcdef0, GroupDescription: WebSg}")
    js = '{"Resources": {"Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {}}}}'
    out = fixed(js, "t.json")
    assert out == '{"Resources": {"Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "Sg"}}}}'
    assert codes(out) == []


FLOWLOG = """\
Resources:
  Net:
    Type: AWS::EC2::{kind}
    Properties: {props}
  Bucket:
    Type: AWS::S3::Bucket
  Flow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: {ref}
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: !GetAtt Bucket.Arn
"""


def flowlog(kind="VPC", props="{CidrBlock: 10.0.0.0/16}", ref="!Ref Net"):
    return FLOWLOG.replace("{kind}", kind).replace("{props}", props).replace("{ref}", ref)


def test_flow_log_resource_type_follows_the_referenced_resource():
    assert "      ResourceType: VPC\n" in fixed(flowlog())
    subnet = flowlog("Subnet", "{VpcId: vpc-0123456789abcdef0, CidrBlock: 10.0.0.0/24}")
    assert "      ResourceType: Subnet\n" in fixed(subnet)
    assert "      ResourceType: VPC\n" in fixed(flowlog(ref="{Ref: Net}"))  # long form


def test_flow_log_resource_type_of_a_parameter_is_only_reported():
    text = "Parameters:\n  VpcId: {Type: String}\n" + flowlog(ref="!Ref VpcId")
    [f] = ours(findings(text))
    assert f.fix is None and "ResourceType" in f.message and "`VPC`" in f.message and "`Subnet`" in f.message


WAF = """\
Resources:
  Acl:
    Type: AWS::WAFv2::WebACL
    Properties:
      DefaultAction: {Allow: {}}
      Scope: REGIONAL
      VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: acl}
      Rules:
        - Name: Common
          Priority: 1
          OverrideAction: {None: {}}
          Statement: {ManagedRuleGroupStatement: {VendorName: AWS, Name: AWSManagedRulesCommonRuleSet}}
"""


def test_waf_visibility_config_is_an_unsafe_fix_named_after_the_rule():
    [f] = ours(findings(WAF))
    assert f.fix.applicability is Applicability.UNSAFE and "Rules/0" in f.message
    assert fixed(WAF, unsafe=False) == WAF
    out = fixed(WAF)
    assert out == WAF + ("          VisibilityConfig:\n            SampledRequestsEnabled: true\n"
                         "            CloudWatchMetricsEnabled: true\n            MetricName: Common\n")
    assert codes(out) == []


def test_waf_visibility_config_with_a_tagged_rule_name_uses_the_logical_name():
    text = WAF.replace("- Name: Common", "- Name: !Sub '${AWS::StackName}-common'")
    assert "MetricName: Acl\n" in fixed(text)


def test_free_required_values_are_reported_with_what_is_needed():
    text = """\
Resources:
  Group:
    Type: AWS::EMR::InstanceGroupConfig
    Properties:
      JobFlowId: j-ABCDEF123456
      InstanceCount: 2
      InstanceType: m5.xlarge
"""
    [f] = ours(findings(text))
    assert f.fix is None and "`InstanceRole`" in f.message and "a string" in f.message


EVENTS = """\
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 day)
      Targets:
        - Arn: !GetAtt Queue.Arn  # the worker queue
        - {Id: Other, Arn: !GetAtt Queue.Arn}
"""


def test_target_id_is_the_logical_name_its_arn_refers_to():
    [f] = ours(findings(EVENTS))
    assert f.fix.applicability is Applicability.SAFE
    out = fixed(EVENTS)
    assert out == EVENTS.replace("# the worker queue\n", "# the worker queue\n          Id: Queue\n")
    assert codes(out) == []


def test_target_id_already_used_by_a_sibling_is_only_reported():
    text = EVENTS.replace("{Id: Other,", "{Id: Queue,")
    [f] = ours(findings(text))
    assert f.fix is None and "`Id`" in f.message


def test_single_value_builds_objects_from_one_valued_members():
    schemas = {
        ("X",): [{"type": "object", "required": ["Mode", "Inner"], "properties": {}}],
        ("X", "Mode"): [{"type": "string", "enum": ["ON"]}],
        ("X", "Inner"): [{"type": "object", "required": ["Fixed"]}],
        ("X", "Inner", "Fixed"): [{"const": 1}],
        ("Y",): [{"type": "boolean"}],
        ("Z",): [{"type": "object", "required": ["Mode", "Free"]}],
        ("Z", "Mode"): [{"enum": ["ON"]}],
        ("Z", "Free"): [{"type": "string"}],
    }
    lookup = schemas.get
    assert e3003.single_value(lookup, ("X",)) == {"Mode": "ON", "Inner": {"Fixed": 1}}
    assert e3003.single_value(lookup, ("Y",)) is None  # two values
    assert e3003.single_value(lookup, ("Z",)) is None  # a free member
    assert e3003.single_value(lookup, ("X", "Mode")) == "ON"


def test_missing_key_that_is_a_misspelt_sibling_is_left_to_e3002():
    text = """\
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleArn: !GetAtt Role.Arn
"""
    d = doc(text)
    match = next(m for m in cfn_repairs.lint(text) if m.rule == "E3003")
    assert e3003.repair(d, match) is None
    assert fixed(text).count("RoleARN") == 1  # the rename, never a second key


def test_members_written_one_level_too_high_are_left_to_e3002():
    text = """\
Resources:
  Check:
    Type: AWS::Route53::HealthCheck
    Properties:
      Type: HTTPS
      FullyQualifiedDomainName: example.com
"""
    match = next(m for m in cfn_repairs.lint(text) if m.rule == "E3003")
    assert "HealthCheckConfig" in match.message and e3003.repair(doc(text), match) is None


def test_paths_through_fn_if_and_outside_properties_are_refused():
    d = doc(TRAIL)
    m = cfn_repairs.Match("E3003", "'X' is a required property", ("Resources", "Trail", "Properties", "A", "Fn::If", 1), 1)
    assert e3003.repair(d, m) is None
    m = cfn_repairs.Match("E3003", "'Properties' is a required property", ("Resources", "Trail"), 1)
    assert e3003.repair(d, m) is None


def test_engine_apply_is_idempotent(tmp_path):
    (tmp_path / "t.yaml").write_text(TRAIL)
    assert api.run([tmp_path], Config(), fix=True, select=["IAC330"]).changed
    assert not api.run([tmp_path], Config(), fix=True, select=["IAC330"]).changed
    assert "IsLogging: true" in (tmp_path / "t.yaml").read_text()


# ---- E3045 --------------------------------------------------------------------------------------

BUCKET = """\
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: LogDeliveryWrite  # server access logs
      BucketName: !Sub 'logs-${AWS::AccountId}'
"""


def test_acl_bucket_gets_object_writer_ownership_as_an_unsafe_fix():
    [f] = ours(findings(BUCKET))
    assert f.fix.applicability is Applicability.UNSAFE and "BucketOwnerPreferred" in f.message
    assert fixed(BUCKET, unsafe=False) == BUCKET
    out = fixed(BUCKET)
    assert out == BUCKET.replace("logs\n", "logs\n      OwnershipControls:\n        Rules:\n"
                                 "          - ObjectOwnership: ObjectWriter\n", 1)
    assert codes(out) == [] and fixed(out) == out


def test_acl_bucket_flow_and_json():
    text = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {AccessControl: PublicRead}\n"
    assert "{AccessControl: PublicRead, OwnershipControls: {Rules: [{ObjectOwnership: ObjectWriter}]}}" in fixed(text)
    js = '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": "PublicRead"}}}}'
    assert '"OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}' in fixed(js, "t.json")


def test_existing_ownership_controls_are_not_doubled():
    text = BUCKET + "      OwnershipControls: {Rules: []}\n"
    d = doc(text)
    m = cfn_repairs.Match("E3045", "A bucket with 'AccessControl' set should also have at least one "
                          "'OwnershipControl' configured", ("Resources", "Logs", "Properties"), 4)
    out = e3045.repair(d, m)
    assert out is not None and not out.edits and "ObjectWriter" in out.message


# ---- E3021 --------------------------------------------------------------------------------------

TABLE = """\
Resources:
  T:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      SSESpecification:
        KMSMasterKeyId: alias/app  # customer key
        SSEEnabled: true
"""


def test_dependency_with_one_allowed_value_is_added_after_its_dependent():
    [f] = ours(findings(TABLE))
    assert f.fix.applicability is Applicability.SAFE
    out = fixed(TABLE, unsafe=False)
    assert out == TABLE.replace("# customer key\n", "# customer key\n        SSEType: KMS\n")
    assert codes(out) == [] and fixed(out) == out


def test_dependency_in_flow_style_and_json():
    text = TABLE.replace("SSESpecification:\n        KMSMasterKeyId: alias/app  # customer key\n        SSEEnabled: true\n",
                         "SSESpecification: {SSEEnabled: true, KMSMasterKeyId: alias/app}\n")
    assert "{SSEEnabled: true, KMSMasterKeyId: alias/app, SSEType: KMS}" in fixed(text)
    js = ('{"Resources": {"T": {"Type": "AWS::DynamoDB::Table", "Properties": {"BillingMode": "PAY_PER_REQUEST", '
          '"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], '
          '"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], '
          '"SSESpecification": {"KMSMasterKeyId": "alias/app", "SSEEnabled": true}}}}}')
    assert '"KMSMasterKeyId": "alias/app", "SSEType": "KMS", "SSEEnabled": true' in fixed(js, "t.json")


def test_dependency_with_several_values_is_reported(monkeypatch):
    d = doc(TABLE)
    match = next(m for m in cfn_repairs.lint(TABLE) if m.rule == "E3021")

    def two_values(rtype, path):
        if path[-1:] == ("SSEType",):
            return [{"type": "string", "enum": ["KMS", "AES256"]}]
        return cfn_repairs.schema_at(rtype, path)
    out = e3021.repair(d, match, two_values)
    assert out is not None and not out.edits and "`AES256`" in out.message


# ---- E3014 --------------------------------------------------------------------------------------

def test_none_of_the_candidates_is_reported_with_them():
    text = "Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      EnableDnsSupport: true\n"
    [f] = ours(findings(text))
    assert f.fix is None and "`CidrBlock`" in f.message and "`Ipv4IpamPoolId`" in f.message


def test_several_candidates_set_are_named():
    text = "Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n      Ipv4IpamPoolId: ipam-pool-1\n"
    found = ours(findings(text))
    assert found and all(f.fix is None for f in found)
    xor = [f for f in found if f.message.startswith("E3014")]
    assert xor and all("`CidrBlock` and `Ipv4IpamPoolId` are set" in f.message for f in xor)
    # the pool also needs a netmask length: a free integer, named with the schema's description
    assert any(f.message.startswith("E3021") and "`Ipv4NetmaskLength`" in f.message for f in found)


EGRESS = """\
Resources:
  Db:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: db, VpcId: vpc-0123456789abcdef0}
  App:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: vpc-0123456789abcdef0
      SecurityGroupEgress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          'SourceSecurityGroupId': !Ref Db  # to the database
"""


def test_direction_swapped_key_is_renamed_unsafely():
    d = doc(EGRESS)
    match = next(m for m in cfn_repairs.lint(EGRESS) if m.rule == "E3014")
    out = e3014.repair(d, match)
    assert out.applicability is Applicability.UNSAFE and len(out.edits) == 1
    result = fixed(EGRESS)
    assert result == EGRESS.replace("'SourceSecurityGroupId'", "'DestinationSecurityGroupId'")
    assert fixed(EGRESS, unsafe=False) == EGRESS
    assert codes(result) == []


def test_misspelt_candidate_is_left_to_e3002():
    text = EGRESS.replace("'SourceSecurityGroupId': !Ref Db", "CidrIP: 10.0.0.0/16")
    match = next(m for m in cfn_repairs.lint(text) if m.rule == "E3014")
    assert e3014.repair(doc(text), match) is None
