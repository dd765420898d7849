"""W3005 — a `DependsOn` entry CloudFormation already implies through a `Ref`/`Fn::GetAtt`/`Fn::Sub`.

cfn-lint builds the template's dependency graph and warns when a name in `DependsOn` is also
reached by an intrinsic function. The entry is removed: a scalar `DependsOn` (or a list left empty)
loses the whole key, a block list loses the item's line, a flow list / JSON array the item and one
comma; comments, tags and every other byte stay. All redundant names of one resource are removed
by one fix (every W3005 match of that resource proposes the same edits). Safe: the creation order
is unchanged, CloudFormation derives it from the reference.

Refused (left as cfn-lint's warning, not reported by IAC330): a name whose only implying
reference sits inside an `Fn::If` branch (CloudFormation resolves conditions before it orders
resources, so a branch not taken implies nothing) or outside `Properties` (e.g. `Metadata`), and
`DependsOn` shapes the text helpers do not edit (a tagged value, a comment inside a flow list).
This is the counterpart of IAC201 `cfn-creation-order`, which adds `DependsOn` only where no
reference implies the order, so the two never undo each other.
"""
from __future__ import annotations

import re

from iacfix import cfn_repairs
from iacfix.cfn_repairs import Outcome
from iacfix.fixes import Applicability
from iacfix.rules import Example

RULE_ID = "W3005"
_ENFORCED = re.compile(r"^'(?P<name>[^']+)' dependency already enforced by a '(?P<label>[^']+)' at '(?P<at>[^']+)'$")


def _implying(match) -> str | None:
    """The depended-on name when this match's implying reference is unconditional in Properties."""
    m = _ENFORCED.match(match.message)
    if m is None or len(match.path) < 3 or match.path[0] != "Resources" or match.path[2] != "DependsOn":
        return None
    at = m["at"].split("/")
    if len(at) < 3 or at[2] != "Properties" or "Fn::If" in at:
        return None
    return m["name"]


def repair(doc, match, schemas=None) -> Outcome | None:
    name = _implying(match)
    if name is None:
        return None
    resource = match.path[1]
    # every unconditional redundancy of this resource, so that each of its matches proposes one fix
    redundant = list(dict.fromkeys(n for n in (_implying(m) for m in cfn_repairs.lint(doc.source.text)
                                               if m.rule == RULE_ID and m.path[1:2] == (resource,)) if n))
    if name not in redundant:
        return None
    edits = doc.remove_depends_on(resource, redundant)
    if not edits:
        return None
    listed = ", ".join(f"`{n}`" for n in redundant)
    return Outcome(f"W3005: {listed} removed from the DependsOn of `{resource}`: a reference already orders it",
                   tuple(edits), Applicability.SAFE)


EXAMPLES = (
    Example("cloudformation", """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    DependsOn: Vpc  # implied by the Ref below
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
""", """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
"""),
)
