"""IAC203 create-order-depends-on."""
from __future__ import annotations

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from iacfix.cfn_transforms._template import Template, refs
from iacfix.rules import Example, Rule

ATTACHMENT = "AWS::EC2::VPCGatewayAttachment"
EIP = "AWS::EC2::EIP"
NAT = "AWS::EC2::NatGateway"
DEPLOYMENT = "AWS::ApiGateway::Deployment"
METHOD = "AWS::ApiGateway::Method"
SERVICE = "AWS::ECS::Service"
LISTENER = "AWS::ElasticLoadBalancingV2::Listener"
LISTENER_RULE = "AWS::ElasticLoadBalancingV2::ListenerRule"


def _scalar(node) -> str | None:
    return node.value if isinstance(node, ScalarNode) and not (node.tag or "").startswith("!") else None


class CreateOrderDependsOn(Rule):
    """Well-known creation orders CloudFormation does not infer get an explicit `DependsOn`.

    Some resources must be created after another one they never refer to, so CloudFormation may
    create them first, in parallel, and the stack fails or, worse, deploys something broken:

    - an `AWS::EC2::EIP` in a VPC (`Domain: vpc`, or allocated to a NAT gateway) and an
      `AWS::EC2::NatGateway` (public) → the `AWS::EC2::VPCGatewayAttachment` of their VPC's
      internet gateway ("… is not attached to any internet gateway"; AWS documents this
      `DependsOn`). The VPC is found through the NAT gateway's subnet (or the instance the EIP
      is given to); with a single internet-gateway attachment in the template, that one. The
      `DependsOn` goes on the EIP (the usual form; the NAT gateway then follows through its
      `AllocationId`); an EIP whose NAT gateway already depends on the attachment is left as it is;
    - an `AWS::ApiGateway::Deployment` → every `AWS::ApiGateway::Method` of the same `RestApiId`
      (a deployment created before a method fails with "The REST API doesn't contain any
      methods", or silently snapshots the API without it);
    - an `AWS::ECS::Service` with `LoadBalancers` → the `AWS::ElasticLoadBalancingV2::Listener`s
      that forward to its target groups (or, when no listener does, the `ListenerRule`s): a
      target group must be attached to a load balancer before a service registers with it.

    A dependency that already holds — a `DependsOn`, a `Ref`/`GetAtt`, directly or through other
    resources (a NAT gateway whose EIP depends on the attachment) — is not repeated, so cfn-lint
    W3005 stays quiet and already-correct templates are unchanged. Names are merged into an
    existing `DependsOn` scalar or list, in block, flow or JSON style.

    Left alone: pairs whose target has a `Condition` the dependent does not share (a `DependsOn`
    on a resource that may not exist is invalid), private NAT gateways, VPCs or APIs from other
    stacks (`!ImportValue`, parameters).
    """

    id = "IAC203"
    slug = "create-order-depends-on"
    summary = "EIP/NAT gateway → VPC gateway attachment, API deployment → its methods, ECS service → its listener: DependsOn where missing"
    rationale = "seed 001 #2 generalised: creation orders CloudFormation cannot infer"
    seeds = ("001#2",)
    languages = ("cloudformation",)
    triggers = (ATTACHMENT, DEPLOYMENT, SERVICE)
    examples = (
        Example("cloudformation", """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Igw:
    Type: AWS::EC2::InternetGateway
  IgwAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}
  NatEip:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt NatEip.AllocationId
      SubnetId: !Ref PublicSubnet
""", """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Igw:
    Type: AWS::EC2::InternetGateway
  IgwAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}
  NatEip:
    Type: AWS::EC2::EIP
    DependsOn: IgwAttachment
    Properties:
      Domain: vpc
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt NatEip.AllocationId
      SubnetId: !Ref PublicSubnet
"""),
        Example("cloudformation", """\
{
  "Resources": {
    "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "api"}},
    "GetMethod": {
      "Type": "AWS::ApiGateway::Method",
      "Properties": {"RestApiId": {"Ref": "Api"}, "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]},
                     "HttpMethod": "GET", "AuthorizationType": "NONE", "Integration": {"Type": "MOCK"}}
    },
    "Deployment": {
      "Type": "AWS::ApiGateway::Deployment",
      "Properties": {"RestApiId": {"Ref": "Api"}}
    }
  }
}
""", """\
{
  "Resources": {
    "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "api"}},
    "GetMethod": {
      "Type": "AWS::ApiGateway::Method",
      "Properties": {"RestApiId": {"Ref": "Api"}, "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]},
                     "HttpMethod": "GET", "AuthorizationType": "NONE", "Integration": {"Type": "MOCK"}}
    },
    "Deployment": {
      "Type": "AWS::ApiGateway::Deployment",
      "DependsOn": "GetMethod",
      "Properties": {"RestApiId": {"Ref": "Api"}}
    }
  }
}
""", path="template.json"),
        Example("cloudformation", """\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: api}
  Deployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: [GetMethod]
    Properties: {RestApiId: !Ref Api}
  GetMethod:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration: {Type: MOCK}
"""),
    )

    def check_cloudformation(self, doc, ctx):
        t = Template(doc)
        wanted: dict[str, list[str]] = {}
        for dependent, targets in self._pairs(t):
            for target in targets:
                if t.reaches(dependent, target):
                    continue
                if t.condition(target) and t.condition(target) != t.condition(dependent):
                    continue
                wanted.setdefault(dependent, [])
                if target not in wanted[dependent]:
                    wanted[dependent].append(target)
                    t._edges[dependent].add(target)  # a NAT gateway after its EIP needs nothing more
        for dependent, targets in wanted.items():
            edits = doc.add_depends_on(dependent, targets)
            key = doc.entry(("Resources", dependent))[0]
            kind = t.type(dependent).split("::")[-1]
            yield doc.source.finding(
                self, doc.start(key), doc.end(key),
                f"{kind} {dependent} must be created after {', '.join(targets)}, which CloudFormation "
                f"cannot infer: add DependsOn", edits or None)

    # ---- the pairs -------------------------------------------------------------------------

    def _pairs(self, t: Template):
        yield from self._internet_gateway_pairs(t)
        yield from self._deployment_pairs(t)
        yield from self._service_pairs(t)

    def _internet_gateway_pairs(self, t: Template):
        attachments: dict[str, list[str]] = {}
        for att in t.of_type(ATTACHMENT):
            if t.prop(att, "InternetGatewayId") is None:
                continue  # a VPN gateway
            vpc = t.ref_target(t.prop(att, "VpcId"))
            attachments.setdefault(vpc, []).append(att)
        if not attachments:
            return
        every = [a for atts in attachments.values() for a in atts]
        only = every if len(every) == 1 else []

        def of_subnet(subnet_node):
            subnet = t.ref_target(subnet_node)
            if subnet is None or t.type(subnet) != "AWS::EC2::Subnet":
                return None
            vpc = t.ref_target(t.prop(subnet, "VpcId"))
            return attachments.get(vpc) if vpc else None

        nat_of_eip: dict[str, str] = {}
        nat_pairs = []
        for nat in t.of_type(NAT):
            if (_scalar(t.prop(nat, "ConnectivityType")) or "public") != "public":
                continue
            eip = t.ref_target(t.prop(nat, "AllocationId"))
            if eip:
                nat_of_eip[eip] = nat
            atts = of_subnet(t.prop(nat, "SubnetId"))
            if atts:
                nat_pairs.append((nat, atts))
        for eip in t.of_type(EIP):
            domain = _scalar(t.prop(eip, "Domain"))
            atts = None
            if eip in nat_of_eip:
                nat = nat_of_eip[eip]
                # the address is associated when the NAT gateway is created: one that already
                # comes after the attachment orders the association
                atts = [a for a in of_subnet(t.prop(nat, "SubnetId")) or only if not t.reaches(nat, a)]
                if not atts:
                    continue
            elif domain != "vpc":
                continue
            instance = t.ref_target(t.prop(eip, "InstanceId"))
            if atts is None and instance and t.type(instance) == "AWS::EC2::Instance":
                atts = of_subnet(t.prop(instance, "SubnetId"))
            if atts is None:
                atts = only
            if atts:
                yield eip, atts
        yield from nat_pairs  # after the EIPs: a NAT gateway already ordered through its EIP is left alone

    def _deployment_pairs(self, t: Template):
        methods: dict[str, list[str]] = {}
        for method in t.of_type(METHOD):
            api = t.ref_target(t.prop(method, "RestApiId"))
            if api:
                methods.setdefault(api, []).append(method)
        for deployment in t.of_type(DEPLOYMENT):
            api = t.ref_target(t.prop(deployment, "RestApiId"))
            if api in methods:
                yield deployment, methods[api]

    def _service_pairs(self, t: Template):
        listeners = t.of_type(LISTENER)
        rules = t.of_type(LISTENER_RULE)
        for service in t.of_type(SERVICE):
            balancers = t.prop(service, "LoadBalancers")
            if not isinstance(balancers, SequenceNode):
                continue
            groups = set()
            for item in balancers.value:
                if isinstance(item, MappingNode):
                    group = t.ref_target(next((v for k, v in item.value if k.value == "TargetGroupArn"), None))
                    if group:
                        groups.add(group)
            if not groups:
                continue
            found = [ln for ln in listeners if refs(t.prop(ln, "DefaultActions")) & groups]
            if not found:
                found = [r for r in rules if refs(t.prop(r, "Actions")) & groups]
            if found:
                yield service, found
