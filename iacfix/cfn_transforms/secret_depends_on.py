"""IAC201 secret-depends-on."""
from __future__ import annotations

from iacfix.cfn_transforms._template import RESOLVE, SECRET, Template, dynamic_references, refs, strings
from iacfix.rules import Example, Rule


def consumption(t: Template, consumer: str, secret: str):
    """How `consumer` uses `secret`: (kind, resolves, node) with kind "ref" for Ref/GetAtt/`${Secret}`
    (CloudFormation infers the order) or "name" for a dynamic reference by the secret's name (it
    cannot); `resolves` when a dynamic reference reads the secret's value; else None."""
    node = t.nodes[consumer]
    by_name = resolves = None
    for key, value in node.value:
        if getattr(key, "value", None) in ("Type", "DependsOn", "Condition"):
            continue
        for ref in dynamic_references(value):
            hit = t.secret_of(ref)
            if hit and hit[0] == secret:
                resolves = resolves or ref.node
                if hit[1] == "name" and by_name is None:
                    by_name = ref.node
    if not resolves:  # `!Join ['', ['{{resolve:secretsmanager:', !Ref S, …]]`
        for key, value in node.value:
            if getattr(key, "value", None) not in ("Type", "DependsOn", "Condition") and secret in refs(value) \
                    and any(RESOLVE in s.value for s, _, _ in strings(value) if isinstance(s.value, str)):
                resolves = value
    if secret in t.direct_refs(consumer):
        return "ref", resolves is not None, None
    return ("name", True, by_name) if by_name is not None else None


class SecretDependsOn(Rule):
    """A resource that consumes a Secrets Manager secret of the same template is created after it, and the secret is written before it.

    A `{{resolve:secretsmanager:NAME…}}` dynamic reference is resolved when CloudFormation creates
    the resource that holds it. When NAME is the `Name` of a secret created by the same template
    (a literal, or the same `!Sub` text), nothing tells CloudFormation about the dependency: the
    consumer can be created first and fails ("Secrets Manager can't find the specified secret").
    Seed 001 #2: an ElastiCache `AuthToken` resolving a secret defined further down.

    Policy:

    - a consumer that resolves a template secret **by name** gets `DependsOn` on it, merged into
      an existing scalar or list (block or flow style, JSON), never duplicated;
    - a consumer that already refers to the secret through `Ref`, `GetAtt` or a `${Secret}`
      variable of a `!Sub` (dynamic reference by ARN included) gets **no** `DependsOn`:
      CloudFormation infers that order, and cfn-lint reports the redundant `DependsOn` as W3005
      ("dependency already enforced"); the same when the consumer already depends on the secret
      through other resources;
    - when the secret is written after its first consumer, the secret's block, with the comment
      lines directly above it, is moved to just before that consumer (a text splice: every other
      line stays as it is). The order of resources in a template has no meaning to
      CloudFormation; the move makes the template read in creation order. Option `move`:
      `"resolvers"` (default) counts as consumers the resources that resolve the secret's value
      (`{{resolve:secretsmanager:…}}` by name, by `${Secret}` ARN or through `!Join`);
      `"all"` also counts any `Ref`/`GetAtt` (an IAM policy naming the secret's ARN — in real
      templates most such moves are of this kind and change nothing but the text order);
      `"never"` only adds `DependsOn`.

    Left alone: a secret with a `Condition` the consumer does not share (a `DependsOn` on a
    resource that may not exist is invalid), secrets resolved by ARN literals or from other
    stacks, and secret ids built with `!Join` (their `!Ref` already orders them).
    """

    id = "IAC201"
    slug = "secret-depends-on"
    summary = "A resource that resolves a template's secret by name gets DependsOn on it; the secret is moved before its first consumer"
    rationale = "seed 001 #2 (Redis AuthToken resolved a secret created after the cluster)"
    seeds = ("001#2",)
    languages = ("cloudformation",)
    triggers = (SECRET,)
    options = {"move": "resolvers"}
    option_choices = {"move": ("resolvers", "all", "never")}
    examples = (
        Example("cloudformation", """\
Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: cache
      AuthToken: !Sub '{{resolve:secretsmanager:cache-${AWS::StackName}:SecretString:token}}'
  # the token
  CacheSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Sub 'cache-${AWS::StackName}'
      GenerateSecretString:
        ExcludePunctuation: true
""", """\
Resources:
  # the token
  CacheSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Sub 'cache-${AWS::StackName}'
      GenerateSecretString:
        ExcludePunctuation: true
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    DependsOn: CacheSecret
    Properties:
      ReplicationGroupDescription: cache
      AuthToken: !Sub '{{resolve:secretsmanager:cache-${AWS::StackName}:SecretString:token}}'
"""),
        Example("cloudformation", """\
{
  "Resources": {
    "Db": {
      "Type": "AWS::RDS::DBInstance",
      "DependsOn": ["Vpc"],
      "Properties": {
        "MasterUserPassword": "{{resolve:secretsmanager:db-master:SecretString:password}}"
      }
    },
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "DbSecret": {
      "Type": "AWS::SecretsManager::Secret",
      "Properties": {"Name": "db-master", "GenerateSecretString": {"GenerateStringKey": "password", "SecretStringTemplate": "{}"}}
    }
  }
}
""", """\
{
  "Resources": {
    "DbSecret": {
      "Type": "AWS::SecretsManager::Secret",
      "Properties": {"Name": "db-master", "GenerateSecretString": {"GenerateStringKey": "password", "SecretStringTemplate": "{}"}}
    },
    "Db": {
      "Type": "AWS::RDS::DBInstance",
      "DependsOn": ["Vpc", "DbSecret"],
      "Properties": {
        "MasterUserPassword": "{{resolve:secretsmanager:db-master:SecretString:password}}"
      }
    },
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}
  }
}
""", path="template.json"),
        # by ARN (`${DbSecret}` is a Ref): the order is inferred, no DependsOn (W3005)
        Example("cloudformation", """\
Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString: {GenerateStringKey: password, SecretStringTemplate: '{}'}
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      MasterUserPassword: !Sub '{{resolve:secretsmanager:${DbSecret}:SecretString:password}}'
"""),
    )

    def check_cloudformation(self, doc, ctx):
        if RESOLVE not in doc.text and "SecretsManager" not in doc.text:
            return
        t = Template(doc)
        order = t.order()
        move = ctx.option(self, "move")
        for secret in t.of_type(SECRET):
            first = None
            for consumer in order:
                if consumer == secret:
                    continue
                use = consumption(t, consumer, secret)
                if use is None or t.condition(secret) and t.condition(secret) != t.condition(consumer):
                    continue
                if move == "all" or move == "resolvers" and use[1]:
                    first = first or consumer
                if use[0] != "name" or t.reaches(consumer, secret):
                    continue
                edits = doc.add_depends_on(consumer, [secret])
                node = use[2]
                start, end = doc.start(node), doc.end(node)
                yield doc.source.finding(
                    self, start, end,
                    f"{consumer} resolves secret {secret} by name: CloudFormation cannot infer that {secret} "
                    f"must exist first; add DependsOn: {secret}", edits or None)
            if first is not None and order.index(first) < order.index(secret):
                edits = doc.move_resource_before(secret, first)
                key = doc.entry(("Resources", secret))[0]
                yield doc.source.finding(
                    self, doc.start(key), doc.end(key),
                    f"secret {secret} is defined after its first consumer {first}; move it before {first}",
                    edits or None)
