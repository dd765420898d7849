"""E3006 — a resource type CloudFormation does not have.

The types come from cfn-lint's schema manager at run time (`get_resource_types` for the lint
region, us-east-1; a type that exists in another region is left alone: that is a region choice).

- **Same type up to case and separators** (`AWS::EC2::NATGateway` → `AWS::EC2::NatGateway`,
  `AWS::Ec2::Vpc` → `AWS::EC2::VPC`): the type text is replaced, a **safe** fix.
- **One type of the same service within did-you-mean reach** of the last segment
  (`iacfix.knowledge.names`: singular/plural, a small edit distance, e.g.
  `AWS::EC2::SecurityGroups`): replaced as an **unsafe** fix (another type is another resource;
  the re-lint of IAC330 drops it when the properties do not fit). Several → a diagnostic.
- **Types that exist in no region**, from a small table of what generated templates invent (source:
  the cfn-yaml corpus and the CloudFormation resource reference; each target is checked to exist in
  cfn-lint's schemas before it is named):

  | invented type | what CloudFormation offers |
  |---|---|
  | `AWS::AutoScaling::TargetTrackingScalingPolicy` | `AWS::AutoScaling::ScalingPolicy` with `PolicyType: TargetTrackingScaling` (retyped, unsafe; `PolicyType` added when missing) |
  | `AWS::ApplicationAutoScaling::TargetTrackingScalingPolicy` | `AWS::ApplicationAutoScaling::ScalingPolicy` with `PolicyType: TargetTrackingScaling` (same) |
  | `AWS::S3::BucketLoggingConfiguration` | `LoggingConfiguration` on the `AWS::S3::Bucket` |
  | `AWS::EC2::Tag` | `Tags` on the tagged resource |
  | `AWS::EC2::AssociateIamInstanceProfile` | `IamInstanceProfile` on the `AWS::EC2::Instance` |
  | `AWS::IAM::AccountPasswordPolicy`, `AWS::EC2::EBSEncryptionByDefault` | no resource: an account setting made with the API/CLI (a stack cannot own it) |
  | `AWS::Config::ConfigurationRecorderStatus` | no resource: an `AWS::Config::ConfigurationRecorder` records once an `AWS::Config::DeliveryChannel` exists |

  Any other `AWS::` type with no candidate gets cfn-lint's message and the same removal offer.
  A resource of such a type is **removed as an unsafe fix** (its block with its leading comments)
  only when nothing else in the template names it — no `Ref`, `Fn::GetAtt`, `${…}` in a `Fn::Sub`,
  `DependsOn` or output, found by scanning every other scalar for the name (so a tag value equal
  to the name also counts: refusing is the conservative side). A referenced one is a diagnostic
  naming the first reference. Custom (`Custom::`, `…::MODULE`) and third-party types are cfn-lint's
  own business and never reported here.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from iacfix.cfn_repairs import REGIONS, Outcome, key_name_span, locate, resource_schema
from iacfix.fixes import Applicability
from iacfix.languages.cloudformation import yaml_scalar
from iacfix.knowledge import names
from iacfix.rules import Example

RULE_ID = "E3006"
_UNKNOWN = re.compile(r"^Resource type '(?P<type>[^']+)' does not exist in ")

# invented type → (CloudFormation's type, properties that make it the intended kind)
RETYPES = {
    "AWS::AutoScaling::TargetTrackingScalingPolicy": ("AWS::AutoScaling::ScalingPolicy", {"PolicyType": "TargetTrackingScaling"}),
    "AWS::ApplicationAutoScaling::TargetTrackingScalingPolicy": (
        "AWS::ApplicationAutoScaling::ScalingPolicy", {"PolicyType": "TargetTrackingScaling"}),
}
# invented type → what CloudFormation offers instead (no resource to retype to)
INSTEAD = {
    "AWS::S3::BucketLoggingConfiguration": "CloudFormation sets it as `LoggingConfiguration` (DestinationBucketName, "
                                           "LogFilePrefix) on the AWS::S3::Bucket",
    "AWS::EC2::Tag": "CloudFormation sets tags as `Tags` on the tagged resource itself",
    "AWS::EC2::AssociateIamInstanceProfile": "CloudFormation sets it as `IamInstanceProfile` on the AWS::EC2::Instance",
    "AWS::IAM::AccountPasswordPolicy": "the account password policy is an account setting (IAM API/CLI "
                                       "`update-account-password-policy`), not something a stack can own",
    "AWS::EC2::EBSEncryptionByDefault": "EBS encryption by default is an account setting (EC2 API/CLI "
                                        "`enable-ebs-encryption-by-default`); per volume it is `Encrypted: true`",
    "AWS::Config::ConfigurationRecorderStatus": "an AWS::Config::ConfigurationRecorder starts recording once an "
                                                "AWS::Config::DeliveryChannel exists; there is no status resource",
}


@lru_cache(maxsize=None)
def known_types(region: str | None = None) -> frozenset:
    """Resource types cfn-lint knows for `region`, or for any region when None."""
    from cfnlint.helpers import REGIONS as ALL
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
    regions = [region] if region else list(ALL)
    out = set()
    for r in regions:
        try:
            out.update(PROVIDER_SCHEMA_MANAGER.get_resource_types(region=r))
        except Exception:  # noqa: BLE001 - a region cfn-lint has no data for
            continue
    return frozenset(out)


def _mentions(node, name: str, path: tuple, skip: str | None = None) -> list[tuple]:
    """Paths of the scalars under `node` that name `name`: equal to it, `name.X`, or `${name}` /
    `${name.X}` inside; mapping keys are not looked at, `Resources/<skip>` is not entered."""
    found: list[tuple] = []
    if isinstance(node, ScalarNode):
        v = node.value if isinstance(node.value, str) else ""
        if v == name or v.startswith(name + ".") or "${" + name + "}" in v or "${" + name + "." in v:
            found.append(path)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            found += _mentions(item, name, path + (i,), skip)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            step = key.value if isinstance(key, ScalarNode) else "?"
            if not (path == ("Resources",) and step == skip):
                found += _mentions(value, name, path + (step,), skip)
    return found


def references(doc, name: str) -> list[tuple]:
    """Paths of everything outside resource `name` that names it (see `_mentions`)."""
    return _mentions(doc.tree, name, (), skip=name)


def _is_depends_on(path: tuple) -> bool:
    return len(path) in (3, 4) and path[0] == "Resources" and path[2] == "DependsOn"


def _retype(doc, match, span, old: str, new: str, why: str, applicability) -> Outcome:
    return Outcome(f"E3006: resource type `{old}` does not exist; {why} `{new}`",
                   (doc.source.edit(span[0], span[1], new),), applicability)


def repair(doc, match, schemas=None) -> Outcome | None:
    m = _UNKNOWN.match(match.message)
    path = match.path
    if m is None or len(path) != 3 or path[0] != "Resources" or path[2] != "Type":
        return None
    rtype, resource = m["type"], path[1]
    if not rtype.startswith("AWS::") or rtype in known_types():
        return None  # third-party / custom, or a region question
    key, node = locate(doc, path)
    span = key_name_span(doc, node) if isinstance(node, ScalarNode) and node.value == rtype else None
    here = known_types(REGIONS[0])
    same = [t for t in here if names.normalise(t) == names.normalise(rtype)]
    if len(same) == 1:
        if span is None:
            return Outcome(f"E3006: resource type `{rtype}` does not exist; did you mean `{same[0]}`?")
        return _retype(doc, match, span, rtype, same[0], "the same name up to case is", Applicability.SAFE)
    service = rtype.rsplit("::", 1)[0].lower() + "::"
    pool = {t.rsplit("::", 1)[1]: t for t in here if t.lower().startswith(service) and t.count("::") == 2}
    found = [pool[c] for c in names.suggestions(rtype.rsplit("::", 1)[1], pool)] if rtype.count("::") == 2 else []
    if len(found) > 1 or (found and span is None):
        listed = ", ".join(f"`{c}`" for c in found)
        return Outcome(f"E3006: resource type `{rtype}` does not exist; did you mean {listed}?")
    if found:
        return _retype(doc, match, span, rtype, found[0], "the one close type is", Applicability.UNSAFE)
    if rtype in RETYPES:
        return _table_retype(doc, resource, rtype, span)
    instead = INSTEAD.get(rtype)
    advice = instead or "CloudFormation has no such type in any region"
    refs = references(doc, resource)
    blocked = [p for p in refs if not _is_depends_on(p)]
    if blocked:
        return Outcome(f"E3006: resource type `{rtype}` does not exist ({advice}); `{resource}` is not removed: "
                       f"it is referenced at {'/'.join(str(p) for p in blocked[0])}")
    edit = doc.remove_resource(resource)
    retargets = _retarget(doc, resource, refs) if edit is not None else None
    if edit is None or retargets is None:
        return Outcome(f"E3006: resource type `{rtype}` does not exist ({advice})")
    edits, message = retargets
    return Outcome(f"E3006: resource type `{rtype}` does not exist ({advice}); the resource `{resource}` is removed"
                   + message, (edit, *edits), Applicability.UNSAFE)


def _retarget(doc, resource: str, refs: list[tuple]) -> tuple[list, str] | None:
    """Edits that make every `DependsOn` naming `resource` name what `resource` itself depended on
    instead (so the creation order it stood for is kept), and a message part; None when a
    `DependsOn` has a shape this will not edit."""
    if not refs:
        return [], " (nothing references it)"
    body = doc.node(("Resources", resource))
    own = [r for r in doc.resource_order() if r != resource and _mentions(body, r, ())]
    edits, dependents = [], []
    for path in refs:
        dependent = path[1]
        dependents.append(dependent)
        present = doc.depends_on(dependent)
        new = [r for r in own if r != dependent and r not in present]
        if not new:
            found = doc.remove_depends_on(dependent, [resource])
            if not found:
                return None
            edits += found
            continue
        _, node = locate(doc, path)
        span = key_name_span(doc, node) if isinstance(node, ScalarNode) else None
        if span is None:
            return None
        found = _names_edits(doc, path, node, span, new)
        if found is None:
            return None
        edits += found
    listed = ", ".join(f"`{d}`" for d in dict.fromkeys(dependents))
    what = ", ".join(f"`{r}`" for r in own) or "nothing"
    return edits, f"; the DependsOn of {listed} now names what it depended on ({what})"


def _names_edits(doc, path: tuple, node, span, new: list[str]) -> list | None:
    """Edits that replace one `DependsOn` name (a scalar value or a list item) by the names `new`:
    the text of the name, and in a block list new item lines after the item's line (a comment
    on that line stays with the first name)."""
    quote = lambda n: json.dumps(n) if doc.is_json else yaml_scalar(n)  # noqa: E731
    first = [doc.source.edit(span[0], span[1], new[0])]
    if len(new) == 1:
        return first
    if len(path) == 3:  # a scalar DependsOn becomes a list
        return [doc.source.edit(doc.start(node), doc.end(node), "[" + ", ".join(quote(n) for n in new) + "]")]
    if doc.is_flow(doc.node(path[:3])):
        return [doc.source.edit(doc.start(node), doc.end(node), ", ".join(quote(n) for n in new))]
    text = doc.source.text
    start = doc.start(node)
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start]
    if prefix.strip() != "-":
        return None
    at = text.find("\n", doc.end(node))
    if at < 0:
        return None
    lines = "".join(prefix + quote(n) + doc.newline for n in new[1:])
    return first + [doc.source.edit(at + 1, at + 1, lines)]


def _table_retype(doc, resource: str, rtype: str, span) -> Outcome | None:
    target, settings = RETYPES[rtype]
    if resource_schema(target) is None or span is None:
        return Outcome(f"E3006: resource type `{rtype}` does not exist; CloudFormation offers `{target}` with "
                       + ", ".join(f"`{k}: {v}`" for k, v in settings.items()))
    props = doc.resources.get(resource, {}).get("Properties")
    edits = [doc.source.edit(span[0], span[1], target)]
    for prop, value in settings.items():
        have = props.get(prop) if isinstance(props, dict) else None
        if have == value:
            continue
        if have is not None or not isinstance(props, dict):
            return Outcome(f"E3006: resource type `{rtype}` does not exist; CloudFormation offers `{target}` with "
                           f"`{prop}: {value}` (here `{prop}` is set otherwise)")
        edit = doc.insert_entry(("Resources", resource, "Properties"), prop, value)
        if edit is None:
            return None
        edits.append(edit)
    what = ", ".join(f"`{k}: {v}`" for k, v in settings.items())
    return Outcome(f"E3006: resource type `{rtype}` does not exist; retyped to `{target}` with {what}",
                   tuple(edits), Applicability.UNSAFE)


EXAMPLES = (
    Example("cloudformation", """\
Resources:
  Eip:
    Type: AWS::EC2::EIP
  Nat:
    Type: AWS::EC2::NATGateway  # one per AZ
    Properties:
      AllocationId: !GetAtt Eip.AllocationId
      SubnetId: subnet-0123456789abcdef0
""", """\
Resources:
  Eip:
    Type: AWS::EC2::EIP
  Nat:
    Type: AWS::EC2::NatGateway  # one per AZ
    Properties:
      AllocationId: !GetAtt Eip.AllocationId
      SubnetId: subnet-0123456789abcdef0
"""),
)
