"""IAC330 cfn-lint-repair: cfn-lint as a library, path → range, schemas via cfn-lint, E3002 repair, re-lint."""
from iacfix import api, cfn_repairs
from iacfix.cfn_repairs import e3002
from iacfix.cfn_transforms.cfn_lint_repair import CfnLintRepair
from iacfix.config import Config
from iacfix.engine import Context
from iacfix.fixes import Applicability, apply_fixes
from iacfix.languages import cloudformation as cfn
from iacfix.languages.base import Source

RULE = CfnLintRepair()


def doc(text: str, path: str = "t.yaml"):
    return cfn.parse(Source(path, text.encode(), text))


def findings(text: str, path: str = "t.yaml"):
    return list(RULE.check(doc(text, path), Context()))


def fixed(text: str, path: str = "t.yaml") -> str:
    found = findings(text, path)
    return apply_fixes(text.encode(), [f for f in found if f.fix]).data.decode()


QUEUE = """\
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeOut: 30  # s
"""


# ---- the framework -----------------------------------------------------------------------------

def test_lint_gives_rule_id_message_and_path_and_is_cached_per_text():
    matches = cfn_repairs.lint(QUEUE)
    assert [(m.rule, m.path) for m in matches] == [("E3002", ("Resources", "Q", "Properties", "VisibilityTimeOut"))]
    assert "VisibilityTimeOut" in matches[0].message and matches[0].is_error
    assert cfn_repairs.lint(QUEUE) is matches  # one cfn-lint run per distinct text


def test_lint_reads_json_too():
    text = '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySecond": 1}}}}'
    assert [m.path_string for m in cfn_repairs.lint(text)] == ["Resources/Q/Properties/DelaySecond"]


def test_lint_of_garbage_is_empty_not_a_crash():
    assert isinstance(cfn_repairs.lint("{not: [valid"), tuple)


def test_locate_maps_paths_through_short_form_tags():
    d = doc("""\
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: !If [C, 1, 2]
      QueueName: !Sub 'q-${AWS::Region}'
""")
    key, value = cfn_repairs.locate(d, ("Resources", "Q", "Properties", "DelaySeconds", "Fn::If", 2))
    assert key is None and d.source.text[d.start(value):d.end(value)] == "2"
    key, value = cfn_repairs.locate(d, ("Resources", "Q", "Properties", "QueueName", "Fn::Sub"))
    assert d.source.text[d.start(key):d.end(key)] == "QueueName"
    assert cfn_repairs.locate(d, ("Resources", "Nope")) == (None, None)


def test_key_name_span_is_inside_quotes():
    d = doc("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {'delaySeconds': 1}\n")
    key, _ = cfn_repairs.locate(d, ("Resources", "Q", "Properties", "delaySeconds"))
    start, end = cfn_repairs.key_name_span(d, key)
    assert d.source.text[start:end] == "delaySeconds"


def test_schema_is_read_from_cfn_lint_at_the_path():
    nodes = cfn_repairs.schema_at("AWS::S3::Bucket", ("LifecycleConfiguration", "Rules", 0))
    names, open_ = cfn_repairs.declared_properties(nodes)
    assert "Status" in names and "ExpirationInDays" in names and not open_
    assert cfn_repairs.schema_at("AWS::S3::Bucket", ("NoSuchProperty",)) is None
    # cfn-lint maps custom resources to an open schema: no name is unknown there
    assert cfn_repairs.declared_properties(cfn_repairs.schema_at("Custom::Thing", ()))[1] is True
    assert cfn_repairs.schema_at("AWS::No::Such", ()) is None
    # an Fn::If step is transparent
    assert cfn_repairs.schema_at("AWS::S3::Bucket", ("VersioningConfiguration", "Fn::If", 1)) is not None


def test_registry_has_one_module_per_cfn_lint_rule():
    assert cfn_repairs.registry()["E3002"] is e3002.repair


# ---- E3002 -------------------------------------------------------------------------------------

def test_single_candidate_renames_only_the_key():
    assert fixed(QUEUE) == QUEUE.replace("VisibilityTimeOut", "VisibilityTimeout")


def test_nested_type_and_plural_and_quoted_key():
    text = """\
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        "status": Enabled
      Tag: [{Key: a, Value: !Ref AWS::Region}]
"""
    assert fixed(text) == text.replace('"status"', '"Status"').replace("Tag:", "Tags:")


def test_json_member_renamed_with_its_quotes():
    text = '{\n  "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"delaySeconds": 1}}}\n}\n'
    assert fixed(text, "t.json") == text.replace("delaySeconds", "DelaySeconds")


def test_crlf_and_comments_survive():
    text = QUEUE.replace("\n", "\r\n")
    assert fixed(text) == text.replace("VisibilityTimeOut", "VisibilityTimeout")


def test_several_candidates_are_listed_without_a_fix():
    text = """\
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIgress: []
"""
    (finding,) = findings(text)
    assert finding.fix is None
    assert "`SecurityGroupEgress`" in finding.message and "`SecurityGroupIngress`" in finding.message


def test_candidate_already_set_is_not_renamed_onto_it():
    text = """\
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: 1
      delaySeconds: 2
"""
    (finding,) = findings(text)
    # never a second `DelaySeconds`: the misnamed duplicate is removed, only with consent
    assert "already set" in finding.message and finding.fix.applicability is Applicability.UNSAFE
    assert fixed(text) == text.replace("      delaySeconds: 2\n", "")
    one = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {DelaySeconds: 1, delaySeconds: 2}\n"
    assert fixed(one) == one.replace(", delaySeconds: 2", "")


def test_no_candidate_keeps_cfn_lints_id_and_message(monkeypatch):
    # no name of the schema is close to `Colour`: the rename step hands over to the move/removal
    # step; when that has nothing either, cfn-lint's own id and message are reported
    monkeypatch.setattr(e3002, "move_or_remove", lambda d, match, schemas: None)
    text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {Colour: blue}\n"
    (finding,) = findings(text)
    assert finding.fix is None and finding.message.startswith("cfn-lint E3002: Additional properties")


def test_errors_without_a_repair_are_diagnostics_with_the_cfn_lint_id():
    text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    DeletionPolicy: Keep\n"
    assert "E3035" not in cfn_repairs.registry()
    (finding,) = [f for f in findings(text) if "E3035" in f.message]
    assert finding.fix is None and finding.message.startswith("cfn-lint E3035:")
    assert (finding.line, finding.column) == (4, 5)  # at the key the path names


# ---- re-lint -----------------------------------------------------------------------------------

def test_a_rename_that_cfn_lint_rejects_is_dropped_and_reported():
    text = """\
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      bucketName: Not_A_Valid_Bucket
"""
    (finding,) = findings(text)
    assert finding.fix is None and "fix dropped: cfn-lint would report E1161" in finding.message


def test_a_repair_that_leaves_its_finding_is_dropped(monkeypatch):
    def useless(d, match, schemas):  # edits something else: the E3002 stays
        at = d.source.text.index("# s")
        return cfn_repairs.Outcome("noop", (d.source.edit(at, at + 3, "# seconds"),))

    monkeypatch.setattr(e3002, "repair", useless)
    (finding,) = findings(QUEUE)
    assert finding.fix is None and "cfn-lint still reports E3002" in finding.message


def test_apply_through_the_engine_is_idempotent(tmp_path):
    target = tmp_path / "template.yaml"
    target.write_text(QUEUE)
    report = api.run([tmp_path], Config(), fix=True, select=["IAC330"])
    assert report.changed and not report.errors
    assert target.read_text() == QUEUE.replace("VisibilityTimeOut", "VisibilityTimeout")
    assert not api.run([tmp_path], Config(), fix=True, select=["IAC330"]).changed


def test_one_rejected_fix_among_several_drops_only_that_one():
    text = QUEUE + """\
  B:
    Type: AWS::S3::Bucket
    Properties:
      bucketName: Not_A_Valid_Bucket
"""
    found = {f.message.split("`")[1]: f for f in findings(text)}
    assert found["VisibilityTimeOut"].fix is not None
    assert found["bucketName"].fix is None and "fix dropped" in found["bucketName"].message


# ---- found in review: crashes and a wrong removal ------------------------------------------------

def test_a_key_whose_only_suggestion_is_read_only_is_not_a_crash():
    """`EndpointUri` on a DMS endpoint: its one suggestion (`EndpointArn`) is read-only, so the
    renamer offers nothing and the mover must take the key (it crashed on an empty group)."""
    text = """\
Resources:
  Endpoint:
    Type: AWS::DMS::Endpoint
    Properties:
      EndpointType: target
      EngineName: elasticsearch
      EndpointUri: https://search.example.com
"""
    found = findings(text)
    assert found and all("crashed" not in f.message for f in found)


def test_inline_conditions_get_a_name_when_every_proposal_is_taken():
    text = """\
Parameters:
  Env: {Type: String}
Resources:
  InlineCondition1:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: !If [!Or [!Equals [!Ref Env, a], !Equals [!Ref Env, b]], 1, 2]
"""
    (finding,) = [f for f in findings(text) if f.fix]
    assert "InlineCondition1_2" in finding.message


def test_millis_and_milliseconds_are_one_unit():
    from iacfix.knowledge import names
    assert names.word_suggestions("TimeoutInMilliseconds", ["TimeoutInMillis", "Description"]) == ["TimeoutInMillis"]
    assert names.unit("TimeoutInMillis") == names.unit("TimeoutMilliseconds") == "milliseconds"
