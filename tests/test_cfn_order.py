"""The reference/dependency reading behind IAC201–IAC204 (iacfix.cfn_transforms._template)."""
from iacfix.cfn_transforms._template import Template, dynamic_references, refs, split_resolve, sub_vars
from iacfix.languages import cloudformation as cfn
from iacfix.languages.base import Source


def template(text: str, path: str = "t.yaml") -> Template:
    return Template(cfn.parse(Source(path, text.encode(), text)))


def test_sub_vars_and_resolve_ids():
    assert sub_vars("${A}-${B.Arn}-${!C}-${AWS::Region}") == {"A", "B"}
    text = "{{resolve:secretsmanager:${AWS::StackName}-db:SecretString:password}}"
    assert split_resolve(text, len("{{resolve:secretsmanager:"))[0] == "${AWS::StackName}-db"
    arn = "{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:SecretString:pw}}"
    assert split_resolve(arn, len("{{resolve:secretsmanager:"))[0] == "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"
    assert split_resolve("{{resolve:secretsmanager:name}}", 25)[0] == "name"


REFS = """\
Resources:
  A:
    Type: X::Y::Z
    Properties:
      Short: !Ref B
      Long: {Ref: C}
      Att: !GetAtt D.Arn
      AttList: {Fn::GetAtt: [E, Arn]}
      Sub: !Sub '${F}-${AWS::Region}-${!G}'
      SubMap: !Sub ['${H}-${I}', {H: !Ref J}]
      Pseudo: !Ref AWS::AccountId
      Join: !Join ['', ['{{resolve:secretsmanager:', !Ref K, '}}']]
"""


def test_refs_in_every_form():
    t = template(REFS)
    assert refs(t.attr("A", "Properties")) == {"B", "C", "D", "E", "F", "I", "J", "K"}


def test_dynamic_references_and_secret_matching():
    t = template("""\
Parameters:
  Env: {Type: String}
Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties: {Name: !Sub 'app-${Env}'}
  L:
    Type: AWS::SecretsManager::Secret
    Properties: {Name: literal-name}
  C:
    Type: X::Y::Z
    Properties:
      ByArn: !Sub '{{resolve:secretsmanager:${S}:SecretString:a}}'
      ByName: !Sub '{{resolve:secretsmanager:app-${Env}:SecretString:b}}'
      Plain: '{{resolve:secretsmanager:literal-name:SecretString:c}}'
      PlainSubText: '{{resolve:secretsmanager:app-${Env}:SecretString:d}}'
      Mapped: !Sub ['{{resolve:secretsmanager:${S}}}', {S: other}]
""")
    found = {r.node.value.rsplit(":", 1)[-1].rstrip("}"): t.secret_of(r) for r in dynamic_references(t.attr("C", "Properties"))}
    assert found == {"a": ("S", "ref"), "b": ("S", "name"), "c": ("L", "name"), "d": None, "${S": None}


def test_reaches_is_transitive_through_refs_and_depends_on():
    t = template("""\
Resources:
  Att: {Type: AWS::EC2::VPCGatewayAttachment}
  Eip: {Type: AWS::EC2::EIP, DependsOn: Att}
  Nat: {Type: AWS::EC2::NatGateway, Properties: {AllocationId: !GetAtt Eip.AllocationId}}
  Other: {Type: AWS::EC2::NatGateway}
""")
    assert t.reaches("Nat", "Att") and t.reaches("Eip", "Att")
    assert not t.reaches("Other", "Att") and not t.reaches("Att", "Nat")
    assert t.reaches("Other", "Att", first={"Eip"})
    assert t.ref_target(t.prop("Nat", "AllocationId")) == "Eip"
