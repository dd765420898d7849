"""The CloudFormation text-splice helpers (iacfix.languages.cloudformation): block, flow and JSON."""
import json

import pytest

from iacfix.languages import cloudformation as cfn
from iacfix.languages.base import Source
from iacfix.languages.yaml import load


def doc(text: str, path: str = "t.yaml"):
    return cfn.parse(Source(path, text.encode(), text))


def apply(text: str, edits) -> str:
    edits = [edits] if not isinstance(edits, list) else edits
    assert all(e is not None for e in edits)
    data, out, last = text.encode(), [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out += [data[last:e.start], e.text.encode()]
        last = e.end
    out.append(data[last:])
    result = b"".join(out).decode()
    load(result)  # still parses
    return result


YAML = """\
Resources:
  # The cache
  Redis:
    Type: AWS::ElastiCache::ReplicationGroup  # rg
    Properties:
      AuthToken: !Sub '{{resolve:secretsmanager:${Secret}:SecretString:token}}'
      Tags:
        - Key: a
          Value: b
      # end of redis

  # Secret
  # two lines
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString: {PasswordLength: 32}
Outputs:
  X:
    Value: !Ref Redis
"""

JSON = """\
{
  "Resources": {
    "Redis": {
      "Type": "AWS::ElastiCache::ReplicationGroup",
      "DependsOn": ["A"],
      "Properties": {
        "AuthToken": {"Fn::Sub": "{{resolve:secretsmanager:${Secret}:SecretString:token}}"},
        "Port": 6379
      }
    },
    "Secret": {
      "Type": "AWS::SecretsManager::Secret",
      "Properties": {"GenerateSecretString": {"PasswordLength": 32}}
    }
  }
}
"""


def test_render_scalars_and_intrinsics():
    assert cfn.yaml_scalar("AWS::SecretsManager::Secret") == "AWS::SecretsManager::Secret"
    assert cfn.yaml_scalar("true") == "'true'" and cfn.yaml_scalar("8.0") == "'8.0'"
    assert cfn.yaml_scalar("a: b") == "'a: b'" and cfn.yaml_scalar("it's") == "'it''s'"
    assert cfn.yaml_scalar(True) == "true" and cfn.yaml_scalar(32) == "32"
    assert cfn.render_inline({"Ref": "X"}) == "!Ref X"
    assert cfn.render_inline({"Fn::GetAtt": ["A", "Arn"]}) == "!GetAtt A.Arn"
    assert cfn.render_inline({"Fn::Sub": "x-${A}"}) == "!Sub 'x-${A}'"
    assert cfn.render_inline({"Fn::Sub": "x-${A}"}, "long") == "{Fn::Sub: 'x-${A}'}"
    assert cfn.render_inline({"Fn::Base64": {"Fn::Sub": "x"}}) == "{Fn::Base64: !Sub x}"
    assert cfn.render_inline({"Ref": "X"}, "json") == '{"Ref": "X"}'
    assert cfn.is_intrinsic({"Fn::If": []}) and not cfn.is_intrinsic({"Key": "a"})
    lines = cfn.render_block_entry("Tags", [{"Key": "a", "Value": {"Ref": "B"}}], 4)
    assert lines == ["    Tags:", "      - Key: a", "        Value: !Ref B"]


def test_positions_and_blocks():
    d = doc(YAML)
    assert d.style == "short" and not d.is_json and d.newline == "\n"
    start, end = d.span(("Resources", "Redis", "Properties", "AuthToken"))
    assert YAML[start:end].startswith("!Sub '{{") and YAML[end - 1] == "'"
    start, end = d.resource_block("Redis")
    assert YAML[start:end].startswith("  # The cache\n  Redis:") and YAML[start:end].endswith("# end of redis\n")
    start, end = d.resource_block("Secret")
    assert YAML[start:end].startswith("  # Secret\n  # two lines\n") and YAML[end:].startswith("Outputs:")
    assert d.resource_order() == ["Redis", "Secret"]
    assert d.node(("Resources", "Nope")) is None and d.entry(("Resources", "Nope")) is None
    j = doc(JSON, "t.json")
    assert j.is_json and j.style == "json" and j.depends_on("Redis") == ["A"]
    start, end = j.resource_block("Secret")
    assert JSON[start:end].startswith('"Secret": {') and JSON[start:end].endswith("}")


def test_long_form_style_detected():
    d = doc("Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName:\n        Fn::Sub: x\n")
    assert d.style == "long"


def test_insert_entry_block_after_before_and_end():
    d = doc(YAML)
    out = apply(YAML, d.insert_entry(("Resources", "Redis"), "DependsOn", "Secret", after="Type"))
    assert "  # rg\n    DependsOn: Secret\n    Properties:" in out
    out = apply(YAML, d.insert_entry(("Resources", "Redis", "Properties"), "Port", 6379, before="AuthToken"))
    assert "Properties:\n      Port: 6379\n      AuthToken:" in out
    out = apply(YAML, d.insert_entry(("Resources", "Redis", "Properties"), "Port", 6379))
    assert "          Value: b\n      Port: 6379\n      # end of redis\n" in out  # a comment at its column: not Tags'
    out = apply(YAML, d.insert_entry(("Resources", "Redis"), "Condition", "C"))
    assert "      # end of redis\n    Condition: C\n\n  # Secret" in out  # deeper comments belong to Redis
    assert d.insert_entry(("Resources", "Redis"), "Type", "x") is None  # already there


def test_insert_entry_flow_and_json():
    d = doc(YAML)
    out = apply(YAML, d.insert_entry(("Resources", "Secret", "Properties", "GenerateSecretString"),
                                     "ExcludePunctuation", True))
    assert "{PasswordLength: 32, ExcludePunctuation: true}" in out
    out = apply(YAML, d.insert_entry(("Resources", "Secret", "Properties", "GenerateSecretString"),
                                     "ExcludePunctuation", True, before="PasswordLength"))
    assert "{ExcludePunctuation: true, PasswordLength: 32}" in out
    j = doc(JSON, "t.json")
    out = apply(JSON, j.insert_entry(("Resources", "Redis", "Properties"), "TransitEncryptionEnabled", True,
                                     after="AuthToken"))
    assert 'token}}"},\n        "TransitEncryptionEnabled": true,\n        "Port": 6379' in out
    json.loads(out)
    out = apply(JSON, j.insert_entry(("Resources", "Redis", "Properties"), "Tags", [{"Key": "a", "Value": "b"}]))
    assert json.loads(out)["Resources"]["Redis"]["Properties"]["Tags"] == [{"Key": "a", "Value": "b"}]
    assert '"Port": 6379,\n        "Tags": [\n          {\n            "Key": "a",' in out
    empty = doc("Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: {}\n")
    out = apply(empty.source.text, empty.insert_entry(("Resources", "A", "Properties"), "TopicName", "t"))
    assert "Properties: {TopicName: t}\n" in out


def test_crlf_is_kept():
    text = YAML.replace("\n", "\r\n")
    d = doc(text)
    assert d.newline == "\r\n"
    out = apply(text, d.add_depends_on("Redis", ["Secret"]) + d.move_resource_before("Secret", "Redis"))
    assert "\n" not in out.replace("\r\n", "")
    assert out.index("  Secret:") < out.index("  Redis:")


@pytest.mark.parametrize("before,after", [
    ("    Type: AWS::SNS::Topic\n", "    Type: AWS::SNS::Topic\n    DependsOn: S\n"),
    ("    Type: AWS::SNS::Topic\n    DependsOn: A\n", "    Type: AWS::SNS::Topic\n    DependsOn: [A, S]\n"),
    ("    Type: AWS::SNS::Topic\n    DependsOn: [A]\n", "    Type: AWS::SNS::Topic\n    DependsOn: [A, S]\n"),
    ("    Type: AWS::SNS::Topic\n    DependsOn: []\n", "    Type: AWS::SNS::Topic\n    DependsOn: [S]\n"),
    ("    Type: AWS::SNS::Topic\n    DependsOn:\n      - A  # a\n",
     "    Type: AWS::SNS::Topic\n    DependsOn:\n      - A  # a\n      - S\n"),
    ("    Type: AWS::SNS::Topic\n    DependsOn:\n    - A\n", "    Type: AWS::SNS::Topic\n    DependsOn:\n    - A\n    - S\n"),
    ("    DependsOn: S\n    Type: AWS::SNS::Topic\n", None),
    ("    DependsOn: [S, A]\n    Type: AWS::SNS::Topic\n", None),
])
def test_add_depends_on_yaml(before, after):
    text = "Resources:\n  T:\n" + before + "  S:\n    Type: AWS::SNS::Topic\n"
    edits = doc(text).add_depends_on("T", ["S", "S"])
    if after is None:
        assert edits == []
    else:
        assert apply(text, edits) == "Resources:\n  T:\n" + after + "  S:\n    Type: AWS::SNS::Topic\n"


def test_add_depends_on_json():
    j = doc(JSON, "t.json")
    out = apply(JSON, j.add_depends_on("Redis", ["Secret", "A"]))
    assert '"DependsOn": ["A", "Secret"],' in out
    out = apply(JSON, j.add_depends_on("Secret", ["Redis"]))
    assert '"Type": "AWS::SecretsManager::Secret",\n      "DependsOn": "Redis",\n' in out
    scalar = JSON.replace('["A"]', '"A"')
    assert '"DependsOn": ["A", "Secret"]' in apply(scalar, doc(scalar, "t.json").add_depends_on("Redis", ["Secret"]))
    several = doc(YAML).add_depends_on("Redis", ["Secret", "Other"])
    assert "DependsOn:\n      - Secret\n      - Other\n" in apply(YAML, several)


def test_move_resource_before_keeps_comments_and_spacing():
    d = doc(YAML)
    out = apply(YAML, d.move_resource_before("Secret", "Redis"))
    assert out == ("Resources:\n  # Secret\n  # two lines\n  Secret:\n    Type: AWS::SecretsManager::Secret\n"
                   "    Properties:\n      GenerateSecretString: {PasswordLength: 32}\n\n"
                   + YAML[YAML.index("  # The cache"):YAML.index("\n\n  # Secret") + 1]
                   + "Outputs:\n  X:\n    Value: !Ref Redis\n")
    assert d.move_resource_before("Redis", "Secret") == []
    assert d.move_resource_before("Nope", "Redis") is None
    three = "Resources:\n  A:\n    Type: X::Y::Z\n\n  B:\n    Type: X::Y::Z\n\n  C:\n    Type: X::Y::Z\n\nOutputs: {}\n"
    out = apply(three, doc(three).move_resource_before("C", "B"))
    assert out == "Resources:\n  A:\n    Type: X::Y::Z\n\n  C:\n    Type: X::Y::Z\n\n  B:\n    Type: X::Y::Z\n\nOutputs: {}\n"


def test_move_resource_json():
    j = doc(JSON, "t.json")
    out = apply(JSON, j.move_resource_before("Secret", "Redis") + j.add_depends_on("Redis", ["Secret"]))
    data = json.loads(out)
    assert list(data["Resources"]) == ["Secret", "Redis"] and data["Resources"]["Redis"]["DependsOn"] == ["A", "Secret"]
    assert out.startswith('{\n  "Resources": {\n    "Secret": {\n      "Type"')


def test_insert_resource_block_and_json():
    d = doc(YAML)
    body = {"Type": "AWS::SecretsManager::Secret",
            "Properties": {"Name": {"Fn::Sub": "db-${AWS::StackName}"},
                           "GenerateSecretString": {"ExcludeCharacters": "\"@/\\", "PasswordLength": 32}}}
    out = apply(YAML, d.insert_resource("DbSecret", body, before="Redis", comment="generated password"))
    assert out.startswith("Resources:\n  # generated password\n  DbSecret:\n    Type: AWS::SecretsManager::Secret\n"
                          "    Properties:\n      Name: !Sub 'db-${AWS::StackName}'\n      GenerateSecretString:\n"
                          "        ExcludeCharacters: '\"@/\\'\n        PasswordLength: 32\n\n  # The cache\n")
    assert load(out)["Resources"]["DbSecret"]["Properties"]["GenerateSecretString"]["ExcludeCharacters"] == "\"@/\\"
    out = apply(YAML, d.insert_resource("DbSecret", body))
    assert "{PasswordLength: 32}\n\n  DbSecret:\n" in out and out.endswith("PasswordLength: 32\nOutputs:\n  X:\n    Value: !Ref Redis\n")
    assert d.insert_resource("Redis", body) is None
    j = doc(JSON, "t.json")
    out = apply(JSON, j.insert_resource("DbSecret", body))
    assert json.loads(out)["Resources"]["DbSecret"] == body
    out = apply(JSON, j.insert_resource("DbSecret", body, before="Redis"))
    assert list(json.loads(out)["Resources"]) == ["DbSecret", "Redis", "Secret"]


def test_remove_and_replace():
    d = doc(YAML)
    out = apply(YAML, d.remove_entry(("Resources", "Redis", "Properties", "AuthToken")))
    assert "AuthToken" not in out and "    Properties:\n      Tags:\n" in out
    out = apply(YAML, d.remove_entry(("Resources", "Redis", "Properties", "Tags", 0, "Key")))
    assert "        - Value: b\n" in out
    assert d.remove_entry(("Resources", "Secret", "Properties", "GenerateSecretString")) is None  # only entry
    j = doc(JSON, "t.json")
    out = apply(JSON, j.remove_entry(("Resources", "Redis", "Properties", "Port")))
    assert json.loads(out)["Resources"]["Redis"]["Properties"] == {
        "AuthToken": {"Fn::Sub": "{{resolve:secretsmanager:${Secret}:SecretString:token}}"}}
    out = apply(JSON, j.remove_entry(("Resources", "Redis", "Properties", "AuthToken")))
    assert json.loads(out)["Resources"]["Redis"]["Properties"] == {"Port": 6379}
    out = apply(YAML, d.replace_value(("Resources", "Redis", "Properties", "AuthToken"),
                                      {"Fn::Sub": "{{resolve:secretsmanager:n-${AWS::StackName}:SecretString:token}}"}))
    assert "AuthToken: !Sub '{{resolve:secretsmanager:n-${AWS::StackName}:SecretString:token}}'\n" in out
    out = apply(JSON, j.replace_value(("Resources", "Redis", "Properties", "Port"), 6380))
    assert '"Port": 6380\n' in out


def test_depends_on_edits_from_two_rules_conflict_instead_of_both_applying():
    from iacfix.fixes import Finding, Fix, apply_fixes
    for before in ("", "    DependsOn: [A]\n", "    DependsOn:\n      - A\n", "    DependsOn: A\n", "    DependsOn: []\n"):
        text = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n" + before + "  S:\n    Type: X::Y::Z\n  U:\n    Type: X::Y::Z\n"
        d = doc(text)
        one, two = d.add_depends_on("T", ["S"]), d.add_depends_on("T", ["U"])
        findings = [Finding("IAC201", "t.yaml", 3, 1, 3, 2, "m", Fix(one)), Finding("IAC203", "t.yaml", 3, 1, 3, 2, "m", Fix(two))]
        outcome = apply_fixes(text.encode(), findings)
        assert len(outcome.applied) == 1 and len(outcome.deferred) == 1, before
        again = doc(outcome.data.decode())
        assert again.depends_on("T")[-1] == "S"
        final = apply(outcome.data.decode(), again.add_depends_on("T", ["U"]))
        assert doc(final).depends_on("T") == [n for n in ("A", "S", "U") if n in before or n != "A"]


@pytest.mark.parametrize("after_block", ["", "  Next:\n    Type: X::Y::Z\n", "\n  Next:\n    Type: X::Y::Z\n"])
def test_a_move_conflicts_with_an_insertion_at_the_end_of_the_moved_block(after_block):
    from iacfix.fixes import Finding, Fix, apply_fixes
    text = ("Resources:\n  Consumer:\n    Type: X::Y::Z\n  Secret:\n    Type: AWS::SecretsManager::Secret\n"
            "    Properties:\n      GenerateSecretString:\n        PasswordLength: 32\n" + after_block)
    d = doc(text)
    move = d.move_resource_before("Secret", "Consumer")
    append = d.insert_entry(("Resources", "Secret", "Properties", "GenerateSecretString"), "ExcludePunctuation", True)
    findings = [Finding("IAC201", "t.yaml", 4, 1, 4, 2, "m", Fix(move)), Finding("IAC204", "t.yaml", 7, 1, 7, 2, "m", Fix([append]))]
    outcome = apply_fixes(text.encode(), findings)
    assert [f.rule for f in outcome.applied] == ["IAC201"] and [f.rule for f in outcome.deferred] == ["IAC204"]
    moved = outcome.data.decode()
    assert load(moved)["Resources"]["Secret"]["Properties"]["GenerateSecretString"] == {"PasswordLength": 32}
    d2 = doc(moved)
    final = apply(moved, d2.insert_entry(("Resources", "Secret", "Properties", "GenerateSecretString"), "ExcludePunctuation", True))
    assert load(final)["Resources"]["Secret"]["Properties"]["GenerateSecretString"] == {"PasswordLength": 32, "ExcludePunctuation": True}
    assert list(load(final)["Resources"])[:2] == ["Secret", "Consumer"]
