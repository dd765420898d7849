"""IAC330 value repairs: E3030 enum values, E3031 patterns, E3012 shapes (issue 7)."""
import pytest

from iacfix import cfn_repairs
from iacfix.cfn_repairs import e3012, e3030, e3031
from iacfix.cfn_transforms.cfn_lint_repair import CfnLintRepair
from iacfix.engine import Context
from iacfix.fixes import Applicability, apply_fixes
from iacfix.languages import cloudformation as cfn
from iacfix.languages.base import Source

RULE = CfnLintRepair()


def doc(text: str, path: str = "t.yaml"):
    return cfn.parse(Source(path, text.encode(), text))


def mine(text: str, code: str, path: str = "t.yaml"):
    """IAC330's findings for one cfn-lint rule id (other repairs of the rule are not under test)."""
    return [f for f in RULE.check(doc(text, path), Context())
            if f.message.startswith(f"{code}:") or f.message.startswith(f"cfn-lint {code}:")]


def fixed(text: str, code: str, path: str = "t.yaml", unsafe: bool = True) -> str:
    found = [f for f in mine(text, code, path)
             if f.fix and (unsafe or f.fix.applicability == Applicability.SAFE)]
    return apply_fixes(text.encode(), found).data.decode()


def errors(text: str, code: str) -> list:
    return [m for m in cfn_repairs.lint(text) if m.rule == code]


def settled(text: str, code: str, path: str = "t.yaml") -> str:
    """Fixed, cfn-lint quiet about `code`, and a second run changes nothing (idempotent)."""
    out = fixed(text, code, path)
    assert not errors(out, code), errors(out, code)
    assert fixed(out, code, path) == out
    return out


def bucket(props: str) -> str:
    return f"Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n{props}"


# ---- E3030 enum values ------------------------------------------------------------------------

def test_case_only_is_a_safe_fix_of_the_value_text():
    text = bucket("      VersioningConfiguration:\n        Status: enabled  # keep versions\n")
    [f] = mine(text, "E3030")
    assert f.fix.applicability == Applicability.SAFE
    assert settled(text, "E3030") == text.replace("Status: enabled", "Status: Enabled")


def test_abbreviation_both_ways_and_quotes_kept():
    rules = """\
      LifecycleConfiguration:
        Rules:
          - Status: Enabled
            Transitions:
              - {TransitionInDays: 30, StorageClass: "STANDARD_INFREQUENT_ACCESS"}
              - {TransitionInDays: 60, StorageClass: 'onezone-infrequent-access'}
"""
    out = settled(bucket(rules), "E3030")
    assert '"STANDARD_IA"' in out and "'ONEZONE_IA'" in out


def test_abbreviation_matching():
    assert e3030._abbreviates("STANDARD_INFREQUENT_ACCESS", "STANDARD_IA")
    assert e3030._abbreviates("GLACIER_INSTANT_RETRIEVAL", "GLACIER_IR")
    assert not e3030._abbreviates("STANDARD_INFREQUENT_ACCESS", "ONEZONE_IA")
    assert not e3030._abbreviates("STANDARD_IA", "STANDARD_IA")  # no abbreviation at all
    assert not e3030._abbreviates("INTELLIGENT_TIERING", "IA")  # initials must cover every word


def test_vocabulary_table_daily():
    text = """\
Resources:
  Channel:
    Type: AWS::Config::DeliveryChannel
    Properties:
      S3BucketName: logs
      ConfigSnapshotDeliveryProperties: {DeliveryFrequency: Daily}
"""
    [f] = mine(text, "E3030")
    assert f.fix.applicability == Applicability.SAFE
    assert "{DeliveryFrequency: TwentyFour_Hours}" in settled(text, "E3030")


def test_numeric_enum_takes_the_next_larger_value_unsafe():
    text = "Resources:\n  L:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 15 # days\n"
    [f] = mine(text, "E3030")
    assert f.fix.applicability == Applicability.UNSAFE and "14 is the next smaller" in f.message
    assert "RetentionInDays: 30 # days" in settled(text, "E3030")
    assert fixed(text, "E3030", unsafe=False) == text


def test_numeric_enum_above_the_largest_is_only_reported():
    text = "Resources:\n  L:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 5000\n"
    [f] = mine(text, "E3030")
    assert f.fix is None and "3653" in f.message


def test_quoted_number_keeps_its_quotes():
    text = "Resources:\n  L:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: '2555'\n"
    assert "RetentionInDays: '2557'" in settled(text, "E3030")


def test_single_value_enum_inside_short_form_if_is_unsafe():
    text = """\
Parameters:
  K: {Type: String, Default: ''}
Conditions:
  HasKey: !Not [!Equals [!Ref K, '']]
Resources:
  T:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      SSESpecification:
        SSEEnabled: true
        SSEType: !If [HasKey, 'KMS', 'AES256']  # custom key or not
"""
    [f] = mine(text, "E3030")
    assert f.fix.applicability == Applicability.UNSAFE
    assert "SSEType: !If [HasKey, 'KMS', 'KMS']  # custom key or not" in settled(text, "E3030")


def test_securestring_is_reported_not_downgraded():
    text = """\
Resources:
  P:
    Type: AWS::SSM::Parameter
    Properties:
      Type: SecureString
      Value: hunter2
"""
    [f] = mine(text, "E3030")
    assert f.fix is None and "Secrets" in f.message and "plain text" in f.message


def test_no_candidate_stays_cfn_lint_message():
    text = bucket("      VersioningConfiguration: {Status: Paused}\n")
    [f] = mine(text, "E3030")
    assert f.fix is None and f.message.startswith("cfn-lint E3030")


def test_misspelling_is_unsafe():
    text = bucket("      VersioningConfiguration: {Status: Suspnded}\n")
    [f] = mine(text, "E3030")
    assert f.fix.applicability == Applicability.UNSAFE
    assert "{Status: Suspended}" in settled(text, "E3030")


def test_intrinsic_values_are_left_alone():
    text = """\
Parameters:
  S: {Type: String, Default: enabled}
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: {Status: !Ref S}
"""
    assert all(f.fix is None for f in mine(text, "E3030"))


TRAIL = """\
Resources:
  Data:
    Type: AWS::S3::Bucket
  Logs:
    Type: AWS::S3::Bucket
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref Logs
      EventSelectors:
        - DataResources:
{items}"""


def test_trail_bucket_item_removed_when_an_object_item_covers_the_bucket():
    items = """\
            - Type: AWS::S3::Object
              Values: [!Sub '${Data.Arn}/']
            - Type: AWS::S3::Bucket  # the bucket
              Values:
                - !GetAtt Data.Arn
"""
    text = TRAIL.format(items=items)
    [f] = mine(text, "E3030")
    assert f.fix.applicability == Applicability.UNSAFE and "removed" in f.message
    out = settled(text, "E3030")
    assert "- Type: AWS::S3::Bucket" not in out and "# the bucket" not in out
    assert "Values: [!Sub '${Data.Arn}/']" in out


def test_trail_bucket_item_converted_to_object_prefixes():
    items = """\
            - Type: AWS::S3::Bucket
              Values: [!GetAtt Data.Arn, 'arn:aws:s3:::other', !Sub '${Logs.Arn}', !Ref Logs, 'arn:aws:s3:::x/']
"""
    out = settled(TRAIL.format(items=items), "E3030")
    assert ("Values: [!Sub '${Data.Arn}/', 'arn:aws:s3:::other/', !Sub '${Logs.Arn}/', !Sub '${Logs}/', "
            "'arn:aws:s3:::x/']") in out
    assert "- Type: AWS::S3::Object" in out


def test_trail_bucket_with_a_join_is_only_reported():
    items = """\
            - Type: AWS::S3::Bucket
              Values: [!Join ['', ['arn:aws:s3:::', !Ref Data]]]
"""
    [f] = mine(TRAIL.format(items=items), "E3030")
    assert f.fix is None and "AWS::S3::Object" in f.message


def test_function_url_options_removed_from_block_and_flow_lists():
    base = """\
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: 'sts:AssumeRole'}]}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code: {ZipFile: 'def handler(e, c): return 1'}
  Url:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: NONE
      TargetFunctionArn: !GetAtt Fn.Arn
      Cors:
{methods}"""
    block = base.replace("{methods}", "        AllowMethods:\n          - GET\n          - OPTIONS  # preflight\n          - POST\n")
    assert "          - GET\n          - POST\n" in settled(block, "E3030")
    flow = base.replace("{methods}", "        AllowMethods: [OPTIONS, GET]\n")
    assert "AllowMethods: [GET]" in settled(flow, "E3030")


def test_json_values_keep_json_layout():
    text = """\
{
  "Resources": {
    "B": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "ENABLED"}}},
    "L": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 2555}}
  }
}
"""
    out = settled(text, "E3030", "t.json")
    assert '{"Status": "Enabled"}' in out and '"RetentionInDays": 2557' in out


def test_crlf_survives():
    text = bucket("      VersioningConfiguration:\n        Status: enabled\n      BucketName: x-y-z\n").replace("\n", "\r\n")
    out = settled(text, "E3030")
    assert out == text.replace("Status: enabled", "Status: Enabled")


# ---- E3031 patterns ---------------------------------------------------------------------------

def test_pattern_lower_case_is_safe():
    text = bucket("      BucketName: 'My-Logs'  # logs\n")
    [f] = mine(text, "E3031")
    assert f.fix.applicability == Applicability.SAFE
    assert "BucketName: 'my-logs'  # logs" in settled(text, "E3031")


def test_pattern_with_two_separator_spellings_is_reported():
    text = bucket("      BucketName: my_logs\n")
    [f] = mine(text, "E3031")
    assert f.fix is None and "`my-logs`" in f.message and "`my.logs`" in f.message


def test_pattern_prefers_fewest_changes():
    text = bucket("      BucketName: My-Logs.Archive\n")
    assert "BucketName: my-logs.archive" in settled(text, "E3031")


def test_pattern_refuses_sub_and_unfixable_values():
    text = bucket("      BucketName: !Sub 'My-${AWS::StackName}'\n")
    assert all(f.fix is None for f in mine(text, "E3031"))
    text = bucket("      BucketName: ab\n")  # too short: no spelling helps
    assert all(f.fix is None for f in mine(text, "E3031"))


def test_pattern_json():
    text = '{"Resources": {"R": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": "Team/App"}}}}\n'
    assert '"RepositoryName": "team/app"' in settled(text, "E3031", "t.json")


def test_pattern_spellings_tiers():
    tiers = list(e3031._spellings("A b"))
    assert tiers[0] == ["a b", "A B"]
    assert "A-b" in tiers[1] and "a_b" in tiers[2]


# ---- E3012 shapes -----------------------------------------------------------------------------

HUB_BLOCK = """\
Resources:
  Hub:
    Type: AWS::SecurityHub::Hub
    Properties:
      Tags:
        - Key: Name
          Value: !Sub 'hub-${AWS::StackName}'  # console name
        - Key: Team
          Value: |
            core
            platform
"""


def test_key_value_list_to_map_block_keeps_comments_and_block_scalars():
    out = settled(HUB_BLOCK, "E3012")
    assert out.endswith("""\
      Tags:
        Name: !Sub 'hub-${AWS::StackName}'  # console name
        Team: |
          core
          platform
""")


def test_key_value_list_to_map_indentless_sequence():
    text = "Resources:\n  Hub:\n    Type: AWS::SecurityHub::Hub\n    Properties:\n      Tags:\n      - Key: A\n        Value: b\n"
    assert settled(text, "E3012").endswith("      Tags:\n        A: b\n")


def test_key_value_list_with_a_comment_inside_is_refused():
    text = HUB_BLOCK.replace("        - Key: Team\n", "        - Key: Team  # owners\n")
    [f] = mine(text, "E3012")
    assert f.fix is None


def test_key_value_list_with_duplicate_or_intrinsic_keys_is_refused():
    dup = "Resources:\n  Hub:\n    Type: AWS::SecurityHub::Hub\n    Properties:\n      Tags: [{Key: A, Value: b}, {Key: A, Value: c}]\n"
    assert all(f.fix is None for f in mine(dup, "E3012"))
    ref = "Resources:\n  Hub:\n    Type: AWS::SecurityHub::Hub\n    Properties:\n      Tags: [{Key: !Ref AWS::Region, Value: b}]\n"
    assert all(f.fix is None for f in mine(ref, "E3012"))


def test_map_to_key_value_list_flow_and_json():
    flow = "Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n      Tags: {Name: x, Env: !Ref AWS::Region}\n"
    assert "Tags: [{Key: Name, Value: x}, {Key: Env, Value: !Ref AWS::Region}]" in settled(flow, "E3012")
    json_text = '{"Resources": {"V": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16", "Tags": {"Name": "x"}}}}}\n'
    assert '"Tags": [{"Key": "Name", "Value": "x"}]' in settled(json_text, "E3012", "t.json")


def test_map_to_condition_pairs_expands_lists():
    text = """\
Resources:
  Sel:
    Type: AWS::Backup::BackupSelection
    Properties:
      BackupPlanId: plan
      BackupSelection:
        SelectionName: s
        IamRoleArn: arn:aws:iam::123456789012:role/x
        Conditions:
          StringEquals:
            'aws:ResourceTag/App':
              - web
              - api
"""
    out = settled(text, "E3012")
    assert out.endswith("""\
          StringEquals:
            - ConditionKey: 'aws:ResourceTag/App'
              ConditionValue: web
            - ConditionKey: 'aws:ResourceTag/App'
              ConditionValue: api
""")


def test_scalar_wrapped_and_one_item_list_unwrapped():
    text = """\
Resources:
  SG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription:
        - web  # tier
      SecurityGroupIngress: {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/8}
  Q:
    Type: AWS::SQS::Queue
    Properties: {DelaySeconds: [5]}
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
      ManagedPolicyArns: arn:aws:iam::aws:policy/ReadOnlyAccess
"""
    found = mine(text, "E3012")
    assert len(found) == 4 and all(f.fix.applicability == Applicability.SAFE for f in found)
    out = settled(text, "E3012")
    assert "      GroupDescription: web  # tier\n" in out
    assert "SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/8}]" in out
    assert "{DelaySeconds: 5}" in out
    assert "ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]" in out


def test_block_mapping_wrapped_in_a_list():
    text = """\
Resources:
  SG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        IpProtocol: tcp  # web
        FromPort: 80
        ToPort: 80
        CidrIp: 10.0.0.0/8
"""
    assert settled(text, "E3012").endswith("""\
      SecurityGroupIngress:
        - IpProtocol: tcp  # web
          FromPort: 80
          ToPort: 80
          CidrIp: 10.0.0.0/8
""")


def test_refusals_several_items_objects_for_strings():
    text = """\
Resources:
  SG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: [a, b]
  B:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: {a: b}
"""
    assert all(f.fix is None for f in mine(text, "E3012"))


def test_pair_fields_reads_the_item_schema():
    items = cfn_repairs.schema_at("AWS::Backup::BackupSelection", ("BackupSelection", "Conditions", "StringEquals", 0))
    assert cfn_repairs._values.pair_fields(items) == ("ConditionKey", "ConditionValue")
    assert cfn_repairs._values.pair_fields(cfn_repairs.schema_at("AWS::EC2::VPC", ("Tags", 0))) == ("Key", "Value")
    assert cfn_repairs._values.pair_fields(cfn_repairs.schema_at("AWS::EC2::SecurityGroup", ("SecurityGroupIngress", 0))) is None


@pytest.mark.parametrize("module", [e3030, e3031, e3012])
def test_repairs_ignore_paths_outside_resource_properties(module):
    match = cfn_repairs.Match(module.RULE_ID, "'x' is not one of ['y']", ("Parameters", "P", "Type"), 1)
    assert module.repair(doc("Parameters:\n  P: {Type: x}\nResources: {}\n"), match) is None


# ---- E2531 / E2533 blocked Lambda runtimes ----------------------------------------------------

from datetime import datetime  # noqa: E402

from iacfix.cfn_repairs import e2531  # noqa: E402

RUNTIMES = ["nodejs12.x", "nodejs16.x", "nodejs20.x", "nodejs22.x", "nodejs24.x", "python2.7", "python3.7",
            "python3.9", "python3.10", "python3.11", "python3.12", "java8", "java8.al2", "java11", "java17",
            "go1.x", "provided.al2023"]


def test_runtime_replacement_is_the_lowest_supported_of_the_same_line():
    # dates from cfn-lint's lifecycle data; a fixed day keeps the test stable as runtimes age
    day = datetime(2026, 12, 1)
    assert e2531.replacement("python3.7", RUNTIMES, day) == "python3.11"  # 3.9, 3.10 deprecated by then
    assert e2531.replacement("python3.7", RUNTIMES, datetime(2024, 1, 1)) == "python3.9"
    assert e2531.replacement("nodejs12.x", RUNTIMES, day) == "nodejs22.x"
    assert e2531.replacement("java8", RUNTIMES, day) == "java11"
    assert e2531.replacement("python2.7", RUNTIMES, day) is None  # not across a major version
    assert e2531.replacement("java8.al2", RUNTIMES, day) is None  # no higher java*.al2
    assert e2531.replacement("go1.x", RUNTIMES, day) is None


def test_runtime_lifecycle_comes_from_cfn_lint():
    data = e2531.lifecycle()
    assert "python3.7" in data and {"deprecated", "create-block", "successor"} <= set(data["python3.7"])


LAMBDA = """\
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: 'sts:AssumeRole'}]}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: 'python3.7'  # old
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code: {ZipFile: 'def handler(e, c): return 1'}
"""


def test_blocked_runtime_is_an_unsafe_upgrade_in_place():
    [f] = mine(LAMBDA, "E2531")
    assert f.fix.applicability == Applicability.UNSAFE
    out = settled(LAMBDA, "E2531")
    new = e2531.replacement("python3.7", [v for n in cfn_repairs.schema_at("AWS::Lambda::Function", ("Runtime",))
                                          for v in n["enum"]])
    assert f"Runtime: '{new}'  # old" in out and new.startswith("python3.")
    assert not [m for m in cfn_repairs.lint(out) if m.rule.endswith("2531") or m.rule == "E2533"]


def test_blocked_runtime_without_a_successor_line_is_reported():
    text = LAMBDA.replace("'python3.7'", "go1.x")
    [f] = mine(text, "E2531")
    assert f.fix is None and "provided.al2023" in f.message


def test_deprecated_but_creatable_runtime_is_not_touched():
    text = LAMBDA.replace("'python3.7'", "python3.9")  # W2531 only (creation blocked from 2027-02-01)
    if any(m.rule in ("E2531", "E2533") for m in cfn_repairs.lint(text)):
        pytest.skip("python3.9 is blocked by now")
    assert not [f for f in RULE.check(doc(text), Context()) if "2531" in f.message]


def test_plain_scalar_with_a_comma_is_quoted_when_wrapped():
    text = """\
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
      ManagedPolicyArns: arn:aws:iam::aws:policy/a,b
"""
    out = fixed(text, "E3012")
    assert "ManagedPolicyArns: ['arn:aws:iam::aws:policy/a,b']" in out
