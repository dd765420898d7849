"""E3004 — resources that depend on each other in a circle (CloudFormation cannot order them).

cfn-lint's own dependency graph (`cfnlint.graph.Graph`: one edge per `Ref`, `Fn::GetAtt`, `Fn::Sub`
reference and `DependsOn`, each with the property path it comes from) is read at run time; the
cycle a match belongs to is the strongly connected component of its resource. cfn-lint reports one
match per resource on the cycle; every match of one component proposes the same edits, so the
component is repaired by one fix.

**Security-group cycles** (two or more `AWS::EC2::SecurityGroup`s whose inline
`SecurityGroupIngress`/`SecurityGroupEgress` rules name each other, or one group naming itself):
the fewest inline rules whose removal leaves the component acyclic are moved out into standalone
`AWS::EC2::SecurityGroupIngress` / `AWS::EC2::SecurityGroupEgress` resources — `GroupId` (`!Ref
<group>` for a group in a VPC, `!GetAtt <group>.GroupId` otherwise, since `Ref` then gives the
name) followed by the rule's own entries as written (text, comments and short-form tags kept), the
rule's leading comment lines above the new resource — inserted right after the group and named
`<Group>IngressFrom<Peer>` / `<Group>EgressTo<Peer>` (the peer without a `SecurityGroup`/`SG`
suffix, `Self` for a self-reference, a number appended when the name is taken). The rule leaves the
inline list; a list left empty loses its key. Ingress rules are preferred (an ingress list has no
default, so emptying it changes nothing); an egress rule is moved only when its list keeps at
least one rule, because a group *without* inline egress gets CloudFormation's default allow-all
egress rule (0.0.0.0/0), while one with inline egress rules has exactly those: emptying the list
would open the group's egress. Safe: the deployed rules are the same; only their resources differ.

**Resources on the cycle that are named by a property of their own** (role policy ↔ bucket
notification ↔ Lambda, replication role ↔ bucket, Lambda ↔ state machine, KMS key ↔ role ↔
topic): an `AWS::S3::Bucket`, `AWS::Lambda::Function`, `AWS::StepFunctions::StateMachine`,
`AWS::DynamoDB::Table` or `AWS::SNS::Topic` whose name property (`BucketName`, `FunctionName`, …)
is a literal or an `Fn::Sub` of parameters and pseudo parameters can be referred to without a
reference: the other cycle members' `!Ref X`, `!GetAtt X.Arn` (and `.Name`/`.TopicName`) and
`${X}`/`${X.Arn}` inside `!Sub` are written out from that name (`!Sub '<name>'`,
`!Sub 'arn:${AWS::Partition}:s3:::<name>'`, `…:states:${AWS::Region}:${AWS::AccountId}:stateMachine:<name>`),
for the fewest such resources (then the fewest edits) that leave the component acyclic. What `Ref`
and `Fn::GetAtt` return for these types is a small table in this module (AWS's documented return
values; no schema states them). A `!Sub` string is edited inside its own quoting (block scalars such
as a state machine's `DefinitionString` keep their layout); other values are re-rendered. Never
inside a `Principal` or a `KeyPolicy`, and roles, keys and secrets are not in the table: IAM and
KMS check that a principal exists when a policy names it, and a secret's ARN ends in a random
suffix. Unsafe: the deployed values are the same, but CloudFormation no longer creates those
resources after the named one, and the name now lives in two places. Values are copied as they
were (a policy `Resource: !Sub '${B}/*'` that is a bucket name, not an ARN, stays a name;
cfn-lint's W1031 may then point at it).

Refused, with a diagnostic naming the cycle and the references that form it (resource → property
path → target): every other cycle (a KMS key policy naming a role whose policy names the key,
HTTP API ↔ integration: their breaks change what is deployed and are left to the author), rules inside
`Fn::If`, rules with a property the standalone resource's schema (read through cfn-lint) does not
declare (e.g. `SourceSecurityGroupId` in an egress rule), a cycle that can only be broken by
emptying an egress list, references with a comment inside, and YAML templates whose `Resources` is
a flow mapping or whose rule is a multi-line flow mapping with comments.
"""
from __future__ import annotations

import itertools
import json
import re
from functools import lru_cache

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from iacfix import cfn_repairs
from iacfix.cfn_repairs import Outcome, declared_properties, schema_at
from iacfix.fixes import Applicability, Edit
from iacfix.languages import cloudformation as cfn
from iacfix.rules import Example

RULE_ID = "E3004"
_MESSAGE = re.compile(r"^Circular Dependencies for resource (?P<source>[^.\s]+)\. Circular dependency with \[(?P<target>[^\]]+)\]")
_STANDALONE = {"SecurityGroupIngress": "AWS::EC2::SecurityGroupIngress",
               "SecurityGroupEgress": "AWS::EC2::SecurityGroupEgress"}
_SG = "AWS::EC2::SecurityGroup"
_EXHAUSTIVE = 12  # up to this many candidate rules the fewest are searched; above, all of them move


@lru_cache(maxsize=16)
def _graph(text: str):
    """(resource → type, [(source, target, path, label)] among resources from cfn-lint's graph,
    the decoded template)."""
    from cfnlint.decode import decode_str
    from cfnlint.template import Template
    try:
        tpl, errors = decode_str(text)
        if errors or not isinstance(tpl, dict):
            return None
        template = Template("", tpl, list(cfn_repairs.REGIONS))
    except Exception:  # noqa: BLE001 - no graph, no repair
        return None
    if template.graph is None:
        return None
    resources = tpl.get("Resources")
    if not isinstance(resources, dict):
        return None
    types = {name: body.get("Type") for name, body in resources.items() if isinstance(body, dict)}
    edges = [(u, v, tuple(d.get("source_paths") or ()), d.get("label", ""))
             for u, v, d in template.graph.graph.edges(data=True) if u in types and v in types]
    return types, edges, tpl


def _component(source: str, edges) -> set[str]:
    import networkx
    graph = networkx.DiGraph()
    graph.add_edges_from((u, v) for u, v, _, _ in edges)
    if source not in graph:
        return set()
    for scc in networkx.strongly_connected_components(graph):
        if source in scc:
            return set(scc)
    return set()


def _acyclic(nodes, pairs) -> bool:
    import networkx
    graph = networkx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(pairs)
    return networkx.is_directed_acyclic_graph(graph)


def repair(doc, match, schemas=schema_at) -> Outcome | None:
    m = _MESSAGE.match(match.message)
    if m is None or tuple(match.path) != ("Resources", m["source"]):
        return None
    found = _graph(doc.source.text)
    if found is None:
        return None
    types, all_edges, _ = found
    scc = _component(m["source"], all_edges)
    if not scc:
        return None
    edges = [e for e in all_edges if e[0] in scc and e[1] in scc]
    units, fixed = _units(doc, types, edges, schemas)
    chosen = _choose(doc, scc, units, fixed) if units else None
    if chosen:
        edits = _edits(doc, types, chosen)
        if edits:
            moved = ", ".join(f"{g}.{kind}[{i}]" for g, kind, i in chosen)
            return Outcome(f"E3004: circular dependency among {', '.join(sorted(scc))}; inline security-group "
                           f"rules {moved} moved into standalone resources", edits, Applicability.SAFE)
    by_name = _named_references(doc, types, scc, edges)
    if by_name:
        return by_name
    return Outcome(_diagnostic(m["source"], m["target"], scc, edges))


# ---- security-group rules ----------------------------------------------------------------------

def _units(doc, types, edges, schemas):
    """({(group, list key, index): [(source, target)]} for inline rules that can move, [fixed edges])."""
    units: dict = {}
    fixed = []
    for u, v, path, _ in edges:
        key = (u, path[1], path[2]) if len(path) == 4 and path[0] == "Properties" and path[1] in _STANDALONE \
            and isinstance(path[2], int) and types.get(u) == _SG else None
        if key is None or not _movable(doc, key, schemas):
            fixed.append((u, v))
        else:
            units.setdefault(key, []).append((u, v))
    return units, fixed


def _movable(doc, key, schemas) -> bool:
    group, kind, index = key
    seq = doc.node(("Resources", group, "Properties", kind))
    item = doc.node(("Resources", group, "Properties", kind, index))
    if not isinstance(seq, SequenceNode) or cfn_repairs.tag_of(seq) or not isinstance(item, MappingNode) \
            or cfn_repairs.tag_of(item):
        return False
    names = [k.value for k, _ in item.value if isinstance(k, ScalarNode)]
    declared, _ = declared_properties(schemas(_STANDALONE[kind], ()) or [])
    return len(names) == len(item.value) and "GroupId" not in names and all(n in declared for n in names)


def _choose(doc, scc, units, fixed):
    """The fewest rules (ingress first, then text order) whose move leaves `scc` acyclic, never
    emptying an egress list; None when there is no such set."""
    order = sorted(units, key=lambda k: (k[1] != "SecurityGroupIngress", doc.start(_item(doc, k))))
    sizes = range(1, len(order) + 1) if len(order) <= _EXHAUSTIVE else (len(order),)
    for size in sizes:
        for combo in itertools.combinations(order, size):
            if _empties_egress(doc, combo):
                continue
            rest = [pair for k, pairs in units.items() if k not in combo for pair in pairs]
            if _acyclic(scc, fixed + rest):
                return sorted(combo, key=lambda k: doc.start(_item(doc, k)))
    return None


def _item(doc, key):
    group, kind, index = key
    return doc.node(("Resources", group, "Properties", kind, index))


def _empties_egress(doc, combo) -> bool:
    for group, kind in {(g, k) for g, k, _ in combo if k == "SecurityGroupEgress"}:
        seq = doc.node(("Resources", group, "Properties", kind))
        if all((group, kind, i) in combo for i in range(len(seq.value))):
            return True
    return False


def _peer_label(group: str, peer: str) -> str:
    if peer == group:
        return "Self"
    for suffix in ("SecurityGroup", "SG"):
        if peer.endswith(suffix) and len(peer) > len(suffix):
            return peer[: -len(suffix)]
    return peer


def _edits(doc, types, chosen) -> tuple | None:
    order = doc.resource_order()
    mapping = doc.node(("Resources",))
    if not order or (doc.is_flow(mapping) and not doc.is_json):
        return None
    taken = set(order)
    edits = []
    for group, kind in dict.fromkeys((g, k) for g, k, _ in chosen):
        seq = doc.node(("Resources", group, "Properties", kind))
        indexes = [i for g, k, i in chosen if (g, k) == (group, kind)]
        if len(indexes) == len(seq.value):
            removal = doc.remove_entry(("Resources", group, "Properties", kind))
            if removal is None:
                return None
            edits.append(removal)
        else:
            for i in indexes:
                removal = _remove_item(doc, seq, i)
                if removal is None:
                    return None
                edits.append(removal)
    for group, kind, index in chosen:
        item = _item(doc, (group, kind, index))
        peer = _peer(doc, group, kind, index)
        ingress = kind == "SecurityGroupIngress"
        base = f"{group}{'IngressFrom' if ingress else 'EgressTo'}{_peer_label(group, peer)}"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}{n}"
        taken.add(name)
        position = order.index(group)
        before = order[position + 1] if position + 1 < len(order) else None
        insertion = _new_resource(doc, name, _STANDALONE[kind], _group_id(doc, group), item, before)
        if insertion is None:
            return None
        edits.append(insertion)
    return _merge_insertions(doc, edits)


def _group_id(doc, group: str) -> dict:
    """`Ref` gives a group's id only when it is in a VPC (`VpcId`); otherwise its name, and the
    standalone rule needs `Fn::GetAtt <group>.GroupId`."""
    if doc.node(("Resources", group, "Properties", "VpcId")) is not None:
        return {"Ref": group}
    return {"Fn::GetAtt": [group, "GroupId"]}


def _peer(doc, group, kind, index) -> str:
    """The resource the rule's `Ref`/`Fn::GetAtt` names (the group itself when none is found)."""
    found = _graph(doc.source.text)
    for u, v, path, _ in found[1]:
        if u == group and path[:3] == ("Properties", kind, index):
            return v
    return group


# ---- resources named by a property of their own ------------------------------------------------

# What `Ref` and `Fn::GetAtt` give for a resource whose name property is set, as `Fn::Sub` templates
# over that name (`{}`): AWS's documented return values of these types (the CloudFormation resource
# reference, "Return values"), which no schema states. Roles, keys and secrets are left out on
# purpose: IAM and KMS check that a principal exists when a policy names it, and a secret's ARN
# ends in a random suffix.
_REGION_ACCOUNT = "${AWS::Region}:${AWS::AccountId}"
_NAMED = {
    "AWS::S3::Bucket": ("BucketName", "{}", {"Arn": "arn:${AWS::Partition}:s3:::{}"}),
    "AWS::Lambda::Function": ("FunctionName", "{}", {
        "Arn": "arn:${AWS::Partition}:lambda:" + _REGION_ACCOUNT + ":function:{}"}),
    "AWS::StepFunctions::StateMachine": ("StateMachineName", "arn:${AWS::Partition}:states:" + _REGION_ACCOUNT
                                         + ":stateMachine:{}", {
        "Arn": "arn:${AWS::Partition}:states:" + _REGION_ACCOUNT + ":stateMachine:{}", "Name": "{}"}),
    "AWS::DynamoDB::Table": ("TableName", "{}", {
        "Arn": "arn:${AWS::Partition}:dynamodb:" + _REGION_ACCOUNT + ":table/{}"}),
    "AWS::SNS::Topic": ("TopicName", "arn:${AWS::Partition}:sns:" + _REGION_ACCOUNT + ":{}", {
        "TopicArn": "arn:${AWS::Partition}:sns:" + _REGION_ACCOUNT + ":{}", "TopicName": "{}"}),
}
_UNSAFE_PLACES = ("Principal", "KeyPolicy")  # a principal must exist when its policy is written


def _named_references(doc, types, scc, edges) -> Outcome | None:
    """Unsafe: references to the fewest named resources on the cycle written out from their names."""
    data = _data(doc.source.text)
    if data is None:
        return None
    names = {r: n for r in sorted(scc) if types.get(r) in _NAMED
             for n in [_own_name(data, r, types[r], edges)] if n is not None}
    if not names or len(names) > _EXHAUSTIVE:
        return None
    for size in range(1, len(names) + 1):
        best = None
        for combo in itertools.combinations(names, size):
            chosen = {r: names[r] for r in combo}
            replaced, cut = _rewrites(data, types, edges, chosen)
            rest = [(u, v) for u, v, path, _ in edges if (u, v, path) not in cut]
            if replaced and _acyclic(scc, rest) and (best is None or len(replaced) < len(best[1])):
                best = (combo, replaced)
        if best:
            return _named_outcome(doc, scc, *best)
    return None


def _named_outcome(doc, scc, combo, replaced) -> Outcome | None:
    edits = []
    for (u, path), (old, new, swaps) in sorted(replaced.items(), key=lambda item: str(item[0])):
        _, node = cfn_repairs.locate(doc, ("Resources", u) + tuple(path))
        if node is None:
            return None
        start, end = doc.start(node), doc.end(node)
        text = doc.source.text[start:end]
        inplace = _in_place(text, old, swaps)
        if inplace is not None:
            edits.append(doc.source.edit(start, end, inplace))
        elif "#" in text or "\n" in text:
            return None
        else:
            edits.append(doc.source.edit(start, end, cfn.render_inline(new, doc.style)))
    where = ", ".join(dict.fromkeys(u for u, _ in replaced))
    return Outcome(f"E3004: circular dependency among {', '.join(sorted(scc))}; references to "
                   f"{', '.join(combo)} in {where} written out from their own names (unsafe: CloudFormation "
                   "no longer creates them after those resources, and a renamed resource must be renamed "
                   "there too)", tuple(edits), Applicability.UNSAFE)


def _in_place(text: str, old, swaps) -> str | None:
    """An `Fn::Sub` string edited inside its own quoting (block scalars, long definitions), when the
    inserted text needs no escaping there."""
    if not swaps:
        return None
    out = text
    for ref, value in swaps:
        if any(c in value for c in "'\"\\#") or out.count(ref) != old["Fn::Sub"].count(ref):
            return None
        out = out.replace(ref, value)
    return out


def _data(text: str):
    found = _graph(text)
    return None if found is None else found[2]


def _value_at(data, resource, path):
    node = data["Resources"][resource]
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _own_name(data, resource, rtype, edges) -> str | None:
    """The resource's name as an `Fn::Sub` template, when it is set and references no resource."""
    props = data["Resources"][resource].get("Properties")
    name = props.get(_NAMED[rtype][0]) if isinstance(props, dict) else None
    if isinstance(name, str) and name:
        return name.replace("${", "${!")
    if isinstance(name, dict) and list(name) == ["Fn::Sub"] and isinstance(name["Fn::Sub"], str):
        if any(u == resource and path[:2] == ("Properties", _NAMED[rtype][0]) for u, _, path, _ in edges):
            return None
        return str(name["Fn::Sub"])
    return None


def _rewrites(data, types, edges, chosen):
    """({(resource, path): (old value, new value)}, {cut edges}) for references to `chosen`."""
    replaced: dict = {}
    cut = set()
    for u, v, path, _ in edges:
        if v not in chosen or u == v or path[:1] != ("Properties",) or any(p in path for p in _UNSAFE_PLACES):
            continue
        key = (u, path)
        old = replaced[key][0] if key in replaced else _value_at(data, u, path)
        new, swaps = _rewrite(old, {r: (types[r], n) for r, n in chosen.items()})
        if new is None:
            continue
        replaced[key] = (old, new, swaps)
        cut.add((u, v, path))
    return replaced, cut


def _form(rtype: str, attr: str | None, name: str) -> str | None:
    _, ref, attrs = _NAMED[rtype]
    template = ref if attr is None else attrs.get(attr)
    return None if template is None else template.replace("{}", name)


def _sub(template: str):
    return {"Fn::Sub": template} if "${" in template else template.replace("${!", "${")


def _rewrite(value, named):
    """(`value` (one intrinsic) with its references to `named` ({resource: (type, name)}) written
    out, the `${…}` → text swaps made in an `Fn::Sub` string); (None, ()) when it cannot be."""
    if not (isinstance(value, dict) and len(value) == 1):
        return None, ()
    (fn, arg), = value.items()
    if fn == "Ref" and arg in named:
        return _sub(_form(named[arg][0], None, named[arg][1])), ()
    if fn == "Fn::GetAtt" and isinstance(arg, list) and len(arg) == 2 and arg[0] in named:
        form = _form(named[arg[0]][0], arg[1], named[arg[0]][1])
        return (None, ()) if form is None else (_sub(form), ())
    if fn == "Fn::Sub" and isinstance(arg, str):
        swaps = []
        failed = []

        def one(m):
            base, _, attr = m.group(1).partition(".")
            if base not in named:
                return m.group(0)
            form = _form(named[base][0], attr or None, named[base][1])
            if form is None:
                failed.append(base)
                return m.group(0)
            swaps.append((m.group(0), form))
            return form
        new = re.sub(r"\$\{([^!}][^}]*)\}", one, arg)
        if failed or not swaps:
            return None, ()
        return {"Fn::Sub": new}, tuple(dict.fromkeys(swaps))
    return None, ()


# ---- text -------------------------------------------------------------------------------------

def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_end(text: str, offset: int) -> int:
    i = text.find("\n", offset)
    return len(text) if i == -1 else i + 1


def _block_item_lines(doc, item) -> tuple[int, int, int] | None:
    """(start, end, dash column) of a block-sequence item as whole lines: the comment lines right
    above its dash at the dash's column, through its last line and the deeper comment lines after."""
    text = doc.source.text
    start = doc.start(item)
    begin = _line_start(text, start)
    head = text[begin:start]
    if head.strip() != "-":
        return None
    dash = head.index("-")
    while begin > 0:
        prev = _line_start(text, begin - 1)
        line = text[prev:begin].rstrip("\r\n")
        if line.lstrip(" ").startswith("#") and len(line) - len(line.lstrip(" ")) == dash:
            begin = prev
        else:
            break
    end = _line_end(text, doc.end(item))
    while end < len(text):
        nxt = _line_end(text, end)
        line = text[end:nxt].rstrip("\r\n")
        if line.lstrip(" ").startswith("#") and len(line) - len(line.lstrip(" ")) > dash:
            end = nxt
        else:
            break
    return begin, end, dash


def _remove_item(doc, seq, index) -> Edit | None:
    """Delete item `index` of a sequence: its lines in block style, the item and one comma in flow
    style / JSON (None when that range would hold a comment)."""
    item = seq.value[index]
    text = doc.source.text
    if not doc.is_flow(seq):
        lines = _block_item_lines(doc, item)
        return None if lines is None else doc.source.edit(lines[0], lines[1], "")
    if index > 0:
        start, end = doc.end(seq.value[index - 1]), doc.end(item)
    else:
        start, end = doc.start(item), doc.start(seq.value[1])
    if "#" in text[start:end] and not doc.is_json:
        return None
    return doc.source.edit(start, end, "")


def _rule_lines(doc, item, column: int) -> list[str] | None:
    """The rule's entries as block lines at `column`, copied from the text (None when not copyable)."""
    text = doc.source.text
    pad = " " * column
    if doc.is_flow(item):
        lines = []
        for key, value in item.value:
            entry = text[doc.start(key):doc.end(value)]
            if "\n" in entry:
                return None
            lines.append(pad + entry)
        if "#" in text[doc.start(item):doc.end(item)]:
            return None
        return lines
    lines = _block_item_lines(doc, item)
    if lines is None:
        return None
    start = doc.start(item)
    inner = item.value[0][0].start_mark.column
    body = text[start:lines[1]].rstrip("\r\n").split("\n")
    out = [pad + body[0].rstrip("\r")]
    for line in body[1:]:
        line = line.rstrip("\r")
        indent = len(line) - len(line.lstrip(" "))
        if not line.strip():
            out.append("")
        elif indent >= inner:
            out.append(pad + line[inner:])
        elif line.lstrip().startswith("#"):
            out.append(pad + line.lstrip())
        else:
            return None
    return out


def _leading_comments(doc, item) -> list[str]:
    if doc.is_flow(item):
        return []
    lines = _block_item_lines(doc, item)
    if lines is None:
        return []
    text = doc.source.text
    above = text[lines[0]:_line_start(text, doc.start(item))]
    return [line.strip() for line in above.splitlines() if line.strip()]


def _new_resource(doc, name, rtype, group_id, item, before) -> Edit | None:
    if doc.is_json:
        rule = _json_data(doc, item)
        return doc.insert_resource(name, {"Type": rtype, "Properties": {"GroupId": group_id, **rule}}, before=before)
    edit = doc.insert_resource(name, {"Type": rtype, "Properties": {"GroupId": group_id}}, before=before)
    if edit is None:
        return None
    nl = doc.newline
    lines = edit.text.split(nl)
    head = next((i for i, line in enumerate(lines) if line.strip() == f"{name}:"), None)
    if head is None:
        return None
    anchor = next((i for i in range(head + 1, len(lines)) if lines[i].lstrip().startswith("GroupId:")), None)
    if anchor is None:
        return None
    column = len(lines[anchor]) - len(lines[anchor].lstrip(" "))
    rule = _rule_lines(doc, item, column)
    if rule is None:
        return None
    key_column = len(lines[head]) - len(lines[head].lstrip(" "))
    comments = [" " * key_column + c for c in _leading_comments(doc, item)]
    lines = lines[:head] + comments + lines[head:anchor + 1] + rule + lines[anchor + 1:]
    text = nl.join(lines)
    at = _char_offset(doc, edit.start)
    source = doc.source.text
    if before is not None and text.endswith(nl + nl) and source[_line_start(source, max(at - 1, 0)):at].strip():
        text = text[: -len(nl)]  # resources not separated by blank lines here: none added either
    return Edit(edit.start, edit.end, text)


def _char_offset(doc, byte_offset: int) -> int:
    return len(doc.source.data[:byte_offset].decode("utf-8"))


def _json_data(doc, item):
    """The rule item as plain data (JSON templates: no tags, no comments)."""
    return json.loads(doc.source.text[doc.start(item):doc.end(item)])


def _merge_insertions(doc, edits) -> tuple:
    """Insertions at one point (several new resources after one group) merged into one, in order.
    An insertion `insert_resource` wrote as a replacement of the file's last character (so that
    other rules' edits there conflict) is turned back into a plain insertion: a rule removed from
    the last resource may end at that character."""
    merged: dict = {}
    for edit in edits:
        if edit.text and edit.start < edit.end:
            original = doc.source.data[edit.start:edit.end].decode("utf-8")
            if edit.end == len(doc.source.data) and edit.text.startswith(original):
                edit = Edit(edit.end, edit.end, edit.text[len(original):])
        key = (edit.start, edit.end)
        if key in merged and edit.start == edit.end:
            merged[key] = Edit(edit.start, edit.end, merged[key].text + edit.text)
        elif key in merged:
            return ()
        else:
            merged[key] = edit
    return tuple(merged.values())


# ---- the diagnostic ----------------------------------------------------------------------------

def _diagnostic(source: str, target: str, scc: set, edges) -> str:
    import networkx
    graph = networkx.DiGraph()
    graph.add_edges_from((u, v) for u, v, _, _ in edges)
    try:
        back = networkx.shortest_path(graph, target, source) if source != target else [source]
    except (networkx.NetworkXNoPath, networkx.NodeNotFound):
        back = [target, source]
    cycle = [source] + back
    steps = []
    for a, b in zip(cycle, cycle[1:]):
        refs = dict.fromkeys(f"{a}/{'/'.join(str(p) for p in path)} → {label} {b}"
                             for u, v, path, label in edges if (u, v) == (a, b))
        steps.append(" and ".join(list(refs)[:2]))
    more = f" ({len(scc)} resources depend on each other in all)" if len(scc) > len(cycle) - 1 else ""
    return (f"E3004: circular dependency {' → '.join(cycle)}{more}, formed by: " + "; ".join(steps)
            + ". CloudFormation cannot create these resources in any order: remove one of these references or "
              "replace it (a name or ARN built with !Sub instead of !Ref/!GetAtt, or the statement, rule or "
              "permission in a resource of its own)")


EXAMPLES = (
    Example("cloudformation", """\
Parameters:
  Vpc: {Type: 'AWS::EC2::VPC::Id'}
Resources:
  WebSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - IpProtocol: tcp
          FromPort: 8080
          ToPort: 8080
          DestinationSecurityGroupId: !Ref AppSG
  AppSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp  # from the web tier
          FromPort: 8080
          ToPort: 8080
          SourceSecurityGroupId: !Ref WebSG
""", """\
Parameters:
  Vpc: {Type: 'AWS::EC2::VPC::Id'}
Resources:
  WebSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - IpProtocol: tcp
          FromPort: 8080
          ToPort: 8080
          DestinationSecurityGroupId: !Ref AppSG
  AppSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc

  AppSGIngressFromWeb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref AppSG
      IpProtocol: tcp  # from the web tier
      FromPort: 8080
      ToPort: 8080
      SourceSecurityGroupId: !Ref WebSG
"""),
)
