"""E3002 — a property the resource schema does not declare at that place.

The name is compared with the properties the schema declares at the match's path (read through
cfn-lint's schema manager at run time), in three steps; each runs only when the one before found
nothing:

1. **letters** (`iacfix.knowledge.names.suggestions`): case and separators, singular/plural, a
   small edit distance — `VisibilityTimeOut` → `VisibilityTimeout`, `RoleArn` → `RoleARN`,
   `Subscriptions` → `Subscription`;
2. **words** (`names.word_suggestions`): the same camel-case words once a unit (`Seconds`,
   `InSeconds`, … — added or dropped, never exchanged), the flag word `Enable`/`Enabled` (at
   either end), a trailing `Types` and, at the top level of `Properties`, the resource type's own
   name as a prefix are set aside, every word singular — `HealthCheckInterval` →
   `HealthCheckIntervalSeconds`, `VisibilityTimeoutSeconds` → `VisibilityTimeout`,
   `MaximumEventAge` → `MaximumEventAgeInSeconds`, `KeyRotationEnabled` → `EnableKeyRotation`,
   `PerformanceInsightsEnabled` → `EnablePerformanceInsights`, `PublishCloudWatchMetrics` →
   `PublishCloudWatchMetricsEnabled`, `IncludeGlobalResources` → `IncludeGlobalResourceTypes`,
   `Tags` → `HealthCheckTags` on `AWS::Route53::HealthCheck`;
3. **loose words**: a trailing `Status` read as the flag (`KeyRotationStatus` →
   `EnableKeyRotation`), and `Source` ↔ `Destination` where every direction-named property at
   that place names the other direction (`SourceSecurityGroupId` in a `SecurityGroupEgress` rule
   → `DestinationSecurityGroupId`).

Candidates are the properties declared there less the schema's `readOnlyProperties` (`Arn`,
`QueueUrl`: reported by the service, never set in a template).

Policy. Exactly one candidate, not already set and not also the reading of another unknown key
of the same mapping → the key's text is renamed (quotes, comments, tags and the value stay), a
**safe** fix, except that it is **unsafe** when:

- the match came from step 3: a `…Status` property usually takes `Enabled`/`Disabled` where the
  flag takes a boolean, and `Source…` in an egress rule may be an ingress rule written in the
  wrong list — the author must confirm the direction;
- the name states a unit and the candidate does not, and the schema's description of the
  candidate names no unit at all (when the first unit it names is another one, the rename is
  refused with a diagnostic: `VisibilityTimeoutMinutes: 5` must not silently become five seconds);
- cfn-lint's own "Did you mean 'X'?" names another property. The hint only ever corroborates: it
  never chooses (for `SecurityGroupIgress` it picks `SecurityGroupEgress`, the wrong direction).

When the candidate takes one value (its schema type is not `array`) and the key holds a list of
exactly one item (`ResourceIds: [!Ref Vpc]` on `AWS::EC2::FlowLog`), the list is unwrapped to that
item with the rename (`ResourceId: !Ref Vpc`; block lists too, when the item is one line and no
comment sits in the removed text). A list of several items is reported (one resource per id is
needed), not renamed. Any other value is left as written: the re-lint drops a rename whose value
then fails the candidate's type.

When the one candidate is already set next to it (`KeyRotationStatus: Enabled` beside
`EnableKeyRotation: true`), the misnamed key is a duplicate that cannot deploy: it is removed, an
**unsafe** fix (the two values may disagree; the declared one is kept).

Several candidates → a diagnostic listing them; none → the move/removal step
(`_e3002_move.move_or_remove`), else cfn-lint's message is reported.
"""
from __future__ import annotations

import re

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from iacfix.cfn_repairs import Outcome, declared_properties, key_name_span, locate, schema_at, writable
from iacfix.fixes import Applicability
from iacfix.knowledge import names
from iacfix.rules import Example
from iacfix.cfn_repairs._e3002_move import UNEXPECTED, move_or_remove

RULE_ID = "E3002"
_HINT = re.compile(r"Did you mean '(?P<hint>[^']+)'\?")
_UNIT_IN_TEXT = re.compile(r"\b(millisecond|second|minute|hour|day)s\b", re.IGNORECASE)  # plural: not "a second key"


def candidates(name: str, declared: list[str], prefix: str) -> tuple[list[str], str]:
    """(candidates, step) — step "letters", "words" or "loose" (see the docstring)."""
    found = names.suggestions(name, declared)
    if found:
        return found, "letters"
    found = names.word_suggestions(name, declared, prefix=prefix)
    if found:
        return found, "words"
    return names.word_suggestions(name, declared, prefix=prefix, loose=True), "loose"


def repair(doc, match, schemas=schema_at) -> Outcome | None:
    m = UNEXPECTED.match(match.message)
    path = match.path
    if m is None or len(path) < 4 or path[0] != "Resources" or path[2] != "Properties" or path[-1] != m["name"]:
        return None
    resource = doc.resources.get(path[1])
    rtype = resource.get("Type") if isinstance(resource, dict) else None
    if not isinstance(rtype, str):
        return None
    inner = tuple(path[3:-1])
    nodes = schemas(rtype, inner)
    if not nodes:
        return None
    declared, open_ = declared_properties(nodes)
    if open_ or not declared:
        return None
    declared = writable(rtype, inner, declared)
    name = path[-1]
    prefix = rtype.rsplit("::", 1)[-1] if not inner else ""
    found, step = candidates(name, declared, prefix)
    if not found:
        return move_or_remove(doc, match, schemas)
    where = "/".join(str(p) for p in path[:-1])
    head = f"E3002: `{name}` is not a property of {rtype} at {where}"
    if len(found) > 1:
        listed = ", ".join(f"`{c}`" for c in found)
        return Outcome(f"{head}; did you mean one of {listed}?")
    target = found[0]
    key, value = locate(doc, path)
    _, parent = locate(doc, path[:-1])
    if key is None or value is None or not isinstance(parent, MappingNode):
        return None
    siblings = [k.value for k, _ in parent.value if isinstance(k, ScalarNode)]
    if target in siblings:
        removal = doc.remove_entry(tuple(path))
        if removal is None:
            return Outcome(f"{head}; `{target}` is, but is already set")
        return Outcome(f"{head}; `{target}` is and is already set, so this misnamed duplicate is removed "
                       f"— unsafe: check that `{target}` holds the value meant", (removal,), Applicability.UNSAFE)
    rivals = [s for s in siblings if s != name and isinstance(s, str) and s not in declared
              and target in candidates(s, declared, prefix)[0]]
    if rivals:
        listed = ", ".join(f"`{s}`" for s in [name, *rivals])
        return Outcome(f"{head}; {listed} all read as `{target}`: which one is meant?")
    span = key_name_span(doc, key)
    if span is None:
        return Outcome(f"{head}; did you mean `{target}`?")
    target_nodes = schemas(rtype, inner + (target,)) or []
    value_edits = _unwrap(doc, key, value, target_nodes)
    if isinstance(value_edits, str):
        return Outcome(f"{head}; `{target}` is, but {value_edits}")
    other_unit = _unit_conflict(name, target, target_nodes)
    if other_unit:
        return Outcome(f"{head}; `{target}` is, but in {other_unit} where `{name}` states {names.unit(name)}: "
                       "not renamed (the value needs converting)")
    doubts = _doubts(name, target, step, match.message, target_nodes)
    message = f"{head}; renamed to `{target}`"
    if value_edits:
        message += " (its one-item list unwrapped: it takes one value)"
    if doubts:
        message += " — unsafe: " + "; ".join(doubts)
    edits = (doc.source.edit(span[0], span[1], target), *value_edits)
    return Outcome(message, edits, Applicability.UNSAFE if doubts else Applicability.SAFE)


def _doubts(name: str, target: str, step: str, message: str, target_nodes: list) -> list[str]:
    """Why the rename needs the user's consent ([] when the schema leaves no doubt)."""
    out = []
    if step == "loose":
        directions = {"source", "destination"}
        swapped = directions & set(names.words(name)) and directions & set(names.words(target))
        out.append("the direction word is swapped (check the rule's direction)" if swapped else
                   f"`{name}` read as the on/off flag `{target}`")
    if names.unit(name) and not names.unit(target) and _described_unit(target_nodes) is None:
        out.append(f"`{name}` states {names.unit(name)}; the schema does not say which unit `{target}` takes")
    hint = _HINT.search(message)
    if hint and hint["hint"] != target:
        out.append(f"cfn-lint suggests `{hint['hint']}` instead")
    return out


def _described_unit(target_nodes: list) -> str | None:
    """The first unit word of the schema's description ("seconds"), or None."""
    texts = " ".join(n["description"] for n in target_nodes if isinstance(n.get("description"), str))
    first = _UNIT_IN_TEXT.search(texts)
    return first.group(1).lower() + "s" if first else None


def _unit_conflict(name: str, target: str, target_nodes: list) -> str | None:
    """The unit the candidate's description gives when the name states another one."""
    stated, described = names.unit(name), _described_unit(target_nodes)
    if not stated or names.unit(target) or described is None:
        return None
    return None if stated == described else described


def _unwrap(doc, key, value, target_nodes: list):
    """Edits that unwrap a one-item list for a property that takes one value; () when the value
    needs no change; a reason (str) when it is a list that cannot become one value."""
    types = set()
    for node in target_nodes:
        kind = node.get("type")
        types.update(kind if isinstance(kind, list) else [kind] if kind else [])
    tag = getattr(value.tag, "value", value.tag)
    if not types or "array" in types or not isinstance(value, SequenceNode) or str(tag).startswith("!"):
        return ()
    if len(value.value) != 1:
        return f"it takes one value and the list has {len(value.value)}: not renamed (one resource per item would be needed)"
    item = value.value[0]
    text = doc.source.text
    item_text = text[doc.start(item):doc.end(item)]
    if doc.is_flow(value):
        start, removed = doc.start(value), text[doc.start(value):doc.start(item)] + text[doc.end(item):doc.end(value)]
        new = item_text
    else:
        between = text[doc.end(key):doc.start(item)]
        colon = between.find(":")
        block_item = isinstance(item, (MappingNode, SequenceNode)) and not doc.is_flow(item)
        if colon < 0 or block_item or "\n" in item_text:
            return "its one-item list cannot be unwrapped here: not renamed"
        start, removed, new = doc.end(key) + colon + 1, between[colon + 1:], " " + item_text
    if "#" in removed:
        return "unwrapping its one-item list would drop a comment: not renamed"
    return (doc.source.edit(start, doc.end(value), new),)


EXAMPLES = (
    # words: a unit added, the flag word moved
    Example("cloudformation", """\
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyRotationEnabled: true  # yearly
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeoutSeconds: 120
      KmsMasterKeyId: !Ref Key
""", """\
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true  # yearly
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 120
      KmsMasterKeyId: !Ref Key
"""),
    # a one-item list for a property that takes one value: unwrapped with the rename
    Example("cloudformation", """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  FlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceIds: [!Ref Vpc]
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::flow-logs-bucket
""", """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  FlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::flow-logs-bucket
"""),
    # reported: VisibilityTimeout is in seconds, the name says minutes
    Example("cloudformation", """\
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeoutMinutes: 5
""", reported=True),
)
