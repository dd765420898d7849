"""IAC317 security-group-descriptions."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _provider
from iacfix.codemods import _resource_args as ra
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

WANTED = {("securityGroup", "SecurityGroup"): "group",
          ("securityGroupRule", "SecurityGroupRule"): "rule",
          ("vpcSecurityGroupIngressRule", "VpcSecurityGroupIngressRule"): "ingress",
          ("vpcSecurityGroupEgressRule", "VpcSecurityGroupEgressRule"): "egress"}
INLINE = {("securityGroup", "SecurityGroupIngress"): "ingress", ("securityGroup", "SecurityGroupEgress"): "egress"}
_TRIGGER = re.compile(r"SecurityGroup")
_CFN_TRIGGER = re.compile(r"AWS::EC2::SecurityGroup")
_CFN_GROUP = "AWS::EC2::SecurityGroup"
_CFN_RULES = {"AWS::EC2::SecurityGroupIngress": "ingress", "AWS::EC2::SecurityGroupEgress": "egress"}
# well-known TCP ports: the service name reads better in an audit than the number alone
SERVICES = {20: "FTP data", 21: "FTP", 22: "SSH", 25: "SMTP", 53: "DNS", 80: "HTTP", 443: "HTTPS",
            389: "LDAP", 636: "LDAPS", 1433: "SQL Server", 1521: "Oracle", 2049: "NFS", 2379: "etcd",
            3000: "HTTP 3000", 3306: "MySQL", 3389: "RDP", 5432: "PostgreSQL", 5439: "Redshift",
            5672: "AMQP", 6379: "Redis", 8080: "HTTP 8080", 8443: "HTTPS 8443", 9092: "Kafka",
            9200: "OpenSearch", 11211: "Memcached", 27017: "MongoDB"}
_PROTOCOLS = {"6": "TCP", "17": "UDP", "1": "ICMP", "58": "ICMPv6", "tcp": "TCP", "udp": "UDP",
              "icmp": "ICMP", "icmpv6": "ICMPv6"}
_ALLOWED = re.compile(r"[^a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*]")
_REF_ATTRS = ("id", "arn", "name", "group_id", "groupId", "security_group_id", "securityGroupId",
              "cidr_block", "cidrBlock", "ipv6_cidr_block", "ipv6CidrBlock")


def describe(direction: str, protocol, from_port, to_port, peers: list[str]) -> str | None:
    """A rule description from what the code says: `PostgreSQL (TCP 5432) from app_sg`,
    `All traffic to 0.0.0.0/0`, `TCP 8000-8080 from 10.0.0.0/16`. None when the protocol is not
    a literal (nothing true can be said)."""
    if protocol is None or isinstance(protocol, bool):
        return None
    proto = str(protocol).strip().lower()
    if proto in ("-1", "all"):
        what = "All traffic"
    else:
        name = _PROTOCOLS.get(proto, proto.upper())
        if isinstance(from_port, int) and isinstance(to_port, int) and name in ("TCP", "UDP"):
            if from_port == to_port:
                service = SERVICES.get(from_port) if name == "TCP" else None
                what = f"{service} ({name} {from_port})" if service and not service.endswith(str(from_port)) \
                    else f"{name} {from_port}"
            elif (from_port, to_port) in ((0, 65535), (1, 65535)):
                what = f"All {name}"
            else:
                what = f"{name} {from_port}-{to_port}"
        else:
            what = name
    peers = [p for p in dict.fromkeys(peers) if p]
    if peers:
        text = f"{what} {'from' if direction == 'ingress' else 'to'} {', '.join(peers)}"
    else:
        text = f"{what} {'inbound' if direction == 'ingress' else 'outbound'}"
    return _ALLOWED.sub("", text)[:255]


def _peer_name(dotted: str | None) -> str | None:
    """`self.alb_sg.id` → `alb_sg`, `vpc.cidr_block` → `vpc`, `allowed_cidr` → `allowed_cidr`."""
    if not dotted or not re.fullmatch(r"[\w$.]+", dotted):
        return None
    parts = [p for p in dotted.split(".") if p not in ("self", "this")]
    if len(parts) >= 2 and parts[-1] in _REF_ATTRS:
        return parts[-2]
    return parts[-1] if parts else None


class SecurityGroupDescriptions(Rule):
    """Security groups and security group rules without a description.

    A description says why a port is open; without one an audit has to reverse-engineer every
    rule (seeds 003 #12 and #13). Covered: CDKTF `SecurityGroup` (`description`), its inline
    `ingress` / `egress` entries (`SecurityGroupIngress(...)` / `SecurityGroupEgress(...)` structs,
    dicts, TypeScript object literals), `SecurityGroupRule`, `VpcSecurityGroupIngressRule` and
    `VpcSecurityGroupEgressRule`; CloudFormation `AWS::EC2::SecurityGroup` (`GroupDescription`),
    its inline `SecurityGroupIngress` / `SecurityGroupEgress` items and the standalone
    `AWS::EC2::SecurityGroupIngress` / `AWS::EC2::SecurityGroupEgress` (`Description`).

    The description is derived from the code only, deterministically: protocol, port or range
    (with the service name of a well-known TCP port) and the peer — CIDR literals, `self`, or the
    name of the security group / VPC / variable an expression reads (`self.alb_sg.id` → `alb_sg`,
    CloudFormation `!Ref AlbSg` / `!GetAtt AlbSg.GroupId` → `AlbSg`):
    `PostgreSQL (TCP 5432) from app_sg`, `All traffic to 0.0.0.0/0`. A group gets
    `Security group for <construct id / logical id>`. Characters AWS refuses in descriptions are
    dropped. When the protocol (or a rule's direction) is not a literal the finding has no fix.

    Applicability follows what the change does to the deployed resource:

    - a CDKTF group's `description` forces a new security group (Terraform replaces it, and every
      resource using it is updated): **unsafe**;
    - a CDKTF inline `ingress`/`egress` entry is a member of a set: the provider revokes the old
      entry and authorises the new one, a brief gap for that traffic: **unsafe**;
    - `SecurityGroupRule` and the `Vpc…Rule` resources update the description in place: **safe**;
    - CloudFormation rule `Description`s (inline and standalone) update with no interruption:
      **safe**; a missing `GroupDescription` makes the template invalid (E3003), so adding it is
      **safe** too.

    Left alone: descriptions that are present (even empty — that is a choice), expressions
    (`**kwargs`, spreads, comprehensions) whose contents are unknown.
    """

    id = "IAC317"
    slug = "security-group-descriptions"
    summary = "Security groups / rules without a description: one derived from the code (name, port, protocol, peer)"
    rationale = "seed 003 #12 (security groups without descriptions), seed 003 #13 (rules without descriptions)"
    seeds = ("003#12", "003#13")
    languages = ("python", "typescript", "cloudformation")
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule

SecurityGroupRule(self, "db_from_app", type="ingress", from_port=5432, to_port=5432,
                  protocol="tcp", source_security_group_id=app_sg.id, security_group_id=db_sg.id)
""", """\
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule

SecurityGroupRule(self, "db_from_app", type="ingress", from_port=5432, to_port=5432,
                  protocol="tcp", source_security_group_id=app_sg.id, security_group_id=db_sg.id,
                  description="PostgreSQL (TCP 5432) from app_sg")
"""),
        Example("typescript", """\
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';

new SecurityGroup(this, 'web-sg', {
  vpcId: vpc.id,
  ingress: [{ fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }],
});
""", """\
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';

new SecurityGroup(this, 'web-sg', {
  vpcId: vpc.id,
  ingress: [{ fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'], description: 'HTTPS (TCP 443) from 0.0.0.0/0' }],
  description: 'Security group for web-sg',
});
"""),
        Example("cloudformation", """\
Resources:
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Database
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 3306
          ToPort: 3306
          SourceSecurityGroupId: !Ref AppSg
""", """\
Resources:
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Database
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 3306
          ToPort: 3306
          SourceSecurityGroupId: !Ref AppSg
          Description: MySQL (TCP 3306) from AppSg
"""),
        # valid: every description present
        Example("python", """\
from cdktf_cdktf_provider_aws.vpc_security_group_egress_rule import VpcSecurityGroupEgressRule

VpcSecurityGroupEgressRule(self, "all_out", security_group_id=sg.id, ip_protocol="-1",
                           cidr_ipv4="0.0.0.0/0", description="All traffic out")
"""),
        # reported: protocol not a literal
        Example("typescript", """\
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';

new SecurityGroupRule(this, 'r', { type: 'ingress', fromPort: port, toPort: port, protocol: proto, securityGroupId: sg.id });
""", reported=True),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return bool(_CFN_TRIGGER.search(text))
        return any(t in text for t in _provider.TRIGGERS) and bool(_TRIGGER.search(text))

    # -- CDKTF, both languages -----------------------------------------------------------------
    def _check(self, doc, constructs, lang):
        py = lang == "python"
        k = (lambda snake, camel: snake) if py else (lambda snake, camel: camel)
        literal = ra.py_literal if py else ra.ts_literal
        insert = ra.py_insert if py else ra.ts_insert
        for c in constructs:
            if c.opaque:
                continue
            start, end = doc.span(c.node)
            q = c.quote
            if c.kind == "group":
                yield from self._inline(doc, c, lang, k, literal, q)
                if "description" not in c.args and c.construct_id:
                    text = _ALLOWED.sub("", f"Security group for {c.construct_id}")[:255]
                    item = f"description={q}{text}{q}" if py else f"description: {q}{text}{q}"
                    yield doc.source.finding(
                        self, start, end, "security group without a description (adding one replaces the group)",
                        insert(doc, c.container, [item]) or None, Applicability.UNSAFE)
                continue
            if "description" in c.args:
                continue
            if c.kind == "rule":
                direction = literal(c.args.get("type"))
                peers = self._peers(doc, c.args, k, literal, ("cidr_blocks", "cidrBlocks"),
                                    ("ipv6_cidr_blocks", "ipv6CidrBlocks"), ("prefix_list_ids", "prefixListIds"),
                                    ("source_security_group_id", "sourceSecurityGroupId"), ("self", "self"))
                protocol = literal(c.args.get("protocol"))
            else:
                direction = c.kind
                peers = self._peers(doc, c.args, k, literal, ("cidr_ipv4", "cidrIpv4"), ("cidr_ipv6", "cidrIpv6"),
                                    ("prefix_list_id", "prefixListId"),
                                    ("referenced_security_group_id", "referencedSecurityGroupId"))
                protocol = literal(c.args.get(k("ip_protocol", "ipProtocol")))
            from_port = literal(c.args.get(k("from_port", "fromPort")))
            to_port = literal(c.args.get(k("to_port", "toPort")))
            text = describe(direction, protocol, from_port, to_port, peers) \
                if direction in ("ingress", "egress") else None
            message = "security group rule without a description"
            if text is None:
                yield doc.source.finding(self, start, end, message + " (its protocol or direction is not a literal: "
                                         "describe it by hand)")
                continue
            item = f"description={q}{text}{q}" if py else f"description: {q}{text}{q}"
            yield doc.source.finding(self, start, end, f"{message}: `{text}`",
                                     insert(doc, c.container, [item]) or None, Applicability.SAFE)

    def _peers(self, doc, args, k, literal, *keys) -> list[str]:
        peers = []
        for snake, camel in keys:
            name = k(snake, camel)
            if name == "self" and k("a", "b") == "b":
                name = "selfAttribute"
            elif name == "self":
                name = "self_attribute"
            value = args.get(name)
            if value is None:
                continue
            if name in ("self_attribute", "selfAttribute"):
                if literal(value) is True:
                    peers.append("self")
                continue
            lit = literal(value)
            if isinstance(lit, str):
                peers.append(lit)
            elif isinstance(lit, list):
                peers.extend(str(v) for v in lit)
            else:
                items = _elements(value)
                for item in items if items is not None else [value]:
                    lit = literal(item)
                    peers.append(lit if isinstance(lit, str) else _peer_name(_text(doc, item)) or "")
        return [p for p in peers if p]

    def _inline(self, doc, c, lang, k, literal, q):
        py = lang == "python"
        for direction in ("ingress", "egress"):
            value = c.args.get(direction)
            items = _elements(value) if value is not None else None
            for item in items or []:
                if py:
                    if isinstance(item, ast.Call):
                        resolved = _provider.python_resolve(self._index, doc, item.func)
                        if INLINE.get(resolved) is None or any(kw.arg is None for kw in item.keywords):
                            continue
                        args = {kw.arg: kw.value for kw in item.keywords}
                        add = lambda text, item=item: ra.py_insert(doc, item, [f"description={q}{text}{q}"])
                    elif isinstance(item, ast.Dict) and all(isinstance(key, ast.Constant) for key in item.keys):
                        args = {key.value: v for key, v in zip(item.keys, item.values)}
                        dq = doc.text[doc.span(item.keys[0])[0]] if item.keys else q
                        add = lambda text, item=item, dq=dq: ra.py_insert_dict(doc, item, [f"{dq}description{dq}: {dq}{text}{dq}"])
                    else:
                        continue
                else:
                    if item.kind() != "object":
                        continue
                    args, opaque = ra.ts_pairs(item)
                    if opaque:
                        continue
                    add = lambda text, item=item: ra.ts_insert(doc, item, [f"description: {q}{text}{q}"])
                if "description" in args or not args:
                    continue
                peers = self._peers(doc, args, k, literal, ("cidr_blocks", "cidrBlocks"),
                                    ("ipv6_cidr_blocks", "ipv6CidrBlocks"), ("prefix_list_ids", "prefixListIds"),
                                    ("security_groups", "securityGroups"), ("self", "self"))
                text = describe(direction, literal(args.get("protocol")), literal(args.get(k("from_port", "fromPort"))),
                                literal(args.get(k("to_port", "toPort"))), peers)
                start, end = doc.span(item)
                message = f"inline {direction} rule without a description"
                if text is None:
                    yield doc.source.finding(self, start, end, message + " (its protocol is not a literal)")
                    continue
                yield doc.source.finding(self, start, end, f"{message}: `{text}` (the provider re-creates the "
                                         "entry: unsafe)", add(text) or None, Applicability.UNSAFE)

    def check_python(self, doc, ctx):
        self._index = ctx.provider
        yield from self._check(doc, ra.py_constructs(doc, ctx.provider, WANTED), "python")

    def check_typescript(self, doc, ctx):
        self._index = ctx.provider
        yield from self._check(doc, ra.ts_constructs(doc, ctx.provider, WANTED), "typescript")

    # -- CloudFormation ----------------------------------------------------------------------
    def check_cloudformation(self, doc, ctx):
        for name, resource in doc.resources.items():
            if not isinstance(resource, dict):
                continue
            kind = resource.get("Type")
            props = resource.get("Properties")
            path = ("Resources", name, "Properties")
            key = doc.entry(("Resources", name))[0]
            start, end = doc.start(key), doc.end(key)
            if kind == _CFN_GROUP:
                if not isinstance(props, dict):
                    continue
                if "GroupDescription" not in props:
                    edit = doc.insert_entry(path, "GroupDescription", _ALLOWED.sub("", f"Security group for {name}"),
                                            before=next(iter(props), None))
                    yield doc.source.finding(self, start, end, f"security group `{name}` has no GroupDescription "
                                             "(required)", [edit] if edit else None, Applicability.SAFE)
                for direction, prop in (("ingress", "SecurityGroupIngress"), ("egress", "SecurityGroupEgress")):
                    items = props.get(prop)
                    if not isinstance(items, list):
                        continue
                    for i, item in enumerate(items):
                        yield from self._cfn_rule(doc, path + (prop, i), item, direction, name)
            elif kind in _CFN_RULES and isinstance(props, dict):
                yield from self._cfn_rule(doc, path, props, _CFN_RULES[kind], name)

    def _cfn_rule(self, doc, path, props, direction, resource):
        if not isinstance(props, dict) or "Description" in props or not props:
            return
        peers = []
        for key in ("CidrIp", "CidrIpv6", "SourcePrefixListId", "DestinationPrefixListId",
                    "SourceSecurityGroupId", "DestinationSecurityGroupId", "SourceSecurityGroupName"):
            value = props.get(key)
            if isinstance(value, str):
                peers.append(value)
            elif value is not None:
                ref = _cfn_target(value)
                if ref:
                    peers.append(ref)
        protocol = props.get("IpProtocol")
        protocol = protocol if isinstance(protocol, (str, int)) else None
        from_port, to_port = _cfn_int(props.get("FromPort")), _cfn_int(props.get("ToPort"))
        text = describe(direction, protocol, from_port, to_port, peers)
        node = doc.node(path)
        start, end = doc.start(node), doc.end(node)
        message = f"{direction} rule of `{resource}` without a Description"
        if text is None:
            yield doc.source.finding(self, start, end, message + " (its protocol is not a literal)")
            return
        edit = doc.insert_entry(path, "Description", text)
        yield doc.source.finding(self, start, end, f"{message}: `{text}`", [edit] if edit else None,
                                 Applicability.SAFE)


def _cfn_int(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return None


def _cfn_target(value) -> str | None:
    """The logical id a `!Ref X` / `!GetAtt X.GroupId` / `{Ref: X}` / `{Fn::GetAtt: [X, …]}` names."""
    tag = getattr(getattr(value, "tag", None), "value", None)
    inner = getattr(value, "value", None)
    if tag == "!Ref" and isinstance(inner, str):
        return inner
    if tag == "!GetAtt":
        if isinstance(inner, str):
            return inner.split(".")[0]
        if isinstance(value, list) and value and isinstance(value[0], str):
            return value[0]
    if isinstance(value, dict) and len(value) == 1:
        (k, v), = value.items()
        if k == "Ref" and isinstance(v, str):
            return v
        if k == "Fn::GetAtt":
            if isinstance(v, str):
                return v.split(".")[0]
            if isinstance(v, list) and v and isinstance(v[0], str):
                return v[0]
    return None


def _elements(value):
    """The items of a list literal (Python list/tuple, TS array), else None."""
    if isinstance(value, (ast.List, ast.Tuple)):
        return list(value.elts)
    if hasattr(value, "kind") and value.kind() == "array":
        return [c for c in value.children() if c.is_named() and c.kind() != "comment"]
    return None


def _text(doc, node) -> str | None:
    if isinstance(node, ast.AST):
        s, e = doc.span(node)
        return doc.text[s:e]
    return node.text() if node is not None else None
