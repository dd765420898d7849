"""IAC202 secret-resolve-by-name."""
from __future__ import annotations

import re

from iacfix.cfn_transforms._template import RESOLVE, SECRET, Template, dynamic_references, intrinsic, sub_vars
from iacfix.rules import Example, Rule

_NAME_TEXT = re.compile(r"[A-Za-z0-9/_+=.@:${}-]+")
_TAG = re.compile(r"^!Sub\s+")


class SecretResolveByName(Rule):
    """A dynamic reference to a template's secret through its ARN (`${Secret}`) is rewritten to use the secret's name.

    `!Sub '{{resolve:secretsmanager:${RedisAuthSecret}:SecretString:token}}'` resolves the secret
    by the ARN that `Ref` returns. Seed 001 #2's corrected template resolves it by the name the
    template gives the secret instead (`redis-auth-token-${EnvironmentSuffix}`), which is known
    before the secret exists and reads the same in the template and in the console. When the
    secret's `Name` is a literal or a `!Sub` string, `${Secret}` in the dynamic reference is
    replaced by that name text, inside the same `!Sub` (its variables resolve the same way there).

    Replacing the `${Secret}` variable removes the reference CloudFormation orders the two
    resources by, so the same fix adds `DependsOn: Secret` to the consumer (merged into an
    existing `DependsOn`), unless the consumer still depends on the secret in another way. The
    resolved value is the same secret: the fix is safe.

    Left alone: secrets without a `Name` or with a name built otherwise (`!Join`, `!Ref`), a `!Sub`
    whose variable map redefines `${Secret}` or a variable of the name, secret ids built with
    `!Join`, secrets whose `Condition` the consumer does not share.
    """

    id = "IAC202"
    slug = "secret-resolve-by-name"
    summary = "`{{resolve:secretsmanager:${Secret}…}}` of a named template secret resolves it by that name (with DependsOn)"
    rationale = "seed 001 #2 (AuthToken resolved by the secret's name, with DependsOn on it)"
    seeds = ("001#2",)
    languages = ("cloudformation",)
    triggers = (RESOLVE,)
    examples = (
        Example("cloudformation", """\
Resources:
  RedisAuthSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Sub redis-auth-token-${EnvironmentSuffix}
      GenerateSecretString: {SecretStringTemplate: '{}', GenerateStringKey: token, ExcludePunctuation: true}
  RedisCluster:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: redis
      AuthToken: !Sub '{{resolve:secretsmanager:${RedisAuthSecret}:SecretString:token}}'  # token
""", """\
Resources:
  RedisAuthSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Sub redis-auth-token-${EnvironmentSuffix}
      GenerateSecretString: {SecretStringTemplate: '{}', GenerateStringKey: token, ExcludePunctuation: true}
  RedisCluster:
    Type: AWS::ElastiCache::ReplicationGroup
    DependsOn: RedisAuthSecret
    Properties:
      ReplicationGroupDescription: redis
      AuthToken: !Sub '{{resolve:secretsmanager:redis-auth-token-${EnvironmentSuffix}:SecretString:token}}'  # token
"""),
        Example("cloudformation", """\
{
  "Resources": {
    "DbSecret": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Name": "db-master"}},
    "Db": {
      "Type": "AWS::RDS::DBInstance",
      "Properties": {
        "MasterUserPassword": {"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:SecretString:password}}"}
      }
    }
  }
}
""", """\
{
  "Resources": {
    "DbSecret": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Name": "db-master"}},
    "Db": {
      "Type": "AWS::RDS::DBInstance",
      "DependsOn": "DbSecret",
      "Properties": {
        "MasterUserPassword": "{{resolve:secretsmanager:db-master:SecretString:password}}"
      }
    }
  }
}
""", path="template.json"),
        # no Name: the ARN is the only handle
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
        t = Template(doc)
        if not t.of_type(SECRET):
            return
        text = doc.source.text
        for consumer in t.order():
            node = t.nodes[consumer]
            refs = [r for key, value in node.value if getattr(key, "value", None) not in ("Type", "DependsOn", "Condition")
                    for r in dynamic_references(value)]
            for ref in refs:
                hit = t.secret_of(ref) if ref.in_sub else None
                if not hit or hit[1] != "ref":
                    continue
                secret = hit[0]
                named = t.secret_name(secret)
                if named is None or not _NAME_TEXT.fullmatch(named[1]) or sub_vars(named[1]) & ref.local:
                    continue
                if t.condition(secret) and t.condition(secret) != t.condition(consumer):
                    continue
                name = named[1]
                target = ref.secret_id
                # the k-th dynamic reference of the raw text is the k-th of the value: quoting
                # never escapes the characters of `{{resolve:secretsmanager:${X}`
                start, end = doc.start(ref.node), doc.end(ref.node)
                positions = []
                at = text.find(RESOLVE, start, end)
                while at != -1:
                    positions.append(at + len(RESOLVE))
                    at = text.find(RESOLVE, at + 1, end)
                k = ref.node.value.count(RESOLVE, 0, ref.start - len(RESOLVE))
                if k >= len(positions) or not text.startswith(target, positions[k]):
                    continue
                at = positions[k]

                def rewrite(string, secret=secret, name=name):
                    return string.value.replace(RESOLVE + "${" + secret + "}", RESOLVE + name)

                edges = t.direct_refs(consumer, rewrite)
                edits = [doc.source.edit(at, at + len(target), name)]
                scalar_form = ref.sub is ref.node or intrinsic(ref.sub)[1] is ref.node  # not `[template, {vars}]`
                raw = text[start:end]
                if ref.sub is ref.node:
                    raw = _TAG.sub("", raw, count=1)
                if scalar_form and "${" not in rewrite(ref.node) and "\n" not in raw:
                    # no variable left: a plain string, not a `!Sub` (cfn-lint W1020)
                    edits = [doc.source.edit(doc.start(ref.sub), doc.end(ref.sub),
                                             raw.replace(RESOLVE + target, RESOLVE + name))]
                if not (secret in edges or t.reaches(consumer, secret, edges)):
                    more = doc.add_depends_on(consumer, [secret])
                    if more is None:
                        continue
                    edits += more
                yield doc.source.finding(
                    self, at, at + len(target),
                    f"resolve secret {secret} by its name {name!r}, not by its ARN; "
                    f"{consumer} then needs DependsOn: {secret}", edits)
