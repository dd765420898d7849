"""IAC313 imdsv2-required."""
from __future__ import annotations

import re

from ruamel.yaml.nodes import MappingNode

from iacfix.codemods import _construct_args as args_
from iacfix.codemods import _provider
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

_WANTED = {("instance", "Instance"), ("launchTemplate", "LaunchTemplate"),
           ("spotInstanceRequest", "SpotInstanceRequest"), ("launchConfiguration", "LaunchConfiguration")}
# an instance launched from a launch template takes its metadata options from the template
_FROM_TEMPLATE = {("instance", "Instance"), ("spotInstanceRequest", "SpotInstanceRequest")}
_CDKTF_TRIGGER = re.compile(r"\b(?:Instance|LaunchTemplate|SpotInstanceRequest|LaunchConfiguration|instance|launchTemplate"
                            r"|spotInstanceRequest|launchConfiguration)\b")
# CloudFormation type → path of the mapping that holds MetadataOptions, below Properties
_CFN = {"AWS::EC2::Instance": (), "AWS::EC2::LaunchTemplate": ("LaunchTemplateData",),
        "AWS::AutoScaling::LaunchConfiguration": ()}
_UNSAFE = " (unsafe: software still using IMDSv1 — old SDKs, curl without a token — loses instance metadata)"


class Imdsv2Required(Rule):
    """An EC2 instance or launch template that still allows IMDSv1 (instance metadata without a
    session token).

    Seed 003 #7: the launch template did not enforce IMDSv2; the fix set `metadata_options` with
    `http_tokens = "required"`. IMDSv1 answers any GET from the instance, so a server-side
    request forgery in the application can read the instance role's credentials; IMDSv2 needs a
    session token obtained with a PUT.

    CDKTF (Python, TypeScript) `Instance`, `LaunchTemplate`, `SpotInstanceRequest` and
    `LaunchConfiguration`; CloudFormation `AWS::EC2::Instance` (`MetadataOptions`),
    `AWS::EC2::LaunchTemplate` (`LaunchTemplateData.MetadataOptions`) and
    `AWS::AutoScaling::LaunchConfiguration`:

    - no metadata options → `metadata_options` with `http_tokens = "required"`. The shape is the
      one the target provider declares (a single block in every provider-aws version checked; a
      one-element list if the index says list). Python uses the struct class
      (`LaunchTemplateMetadataOptions(http_tokens="required")`, imported the way the file imports
      that module), TypeScript an object literal, CloudFormation
      `MetadataOptions: {HttpTokens: required}`;
    - metadata options without `http_tokens` → `http_tokens = "required"` added inside them (a dict
      keeps its key style);
    - `http_tokens = "optional"` → `"required"`.

    The hop limit is not set: the default (1, or 2 from AMIs that declare IMDSv2 support) keeps
    containers working as they do; the seed's `http_put_response_hop_limit = 1` is the default.

    Applicability: **unsafe**. The change is applied in place (no replacement), but software on
    the instance that still uses IMDSv1 (old AWS SDKs and agents, scripts calling
    `curl http://169.254.169.254/…` without a token) stops getting metadata and credentials.

    Left alone: metadata options with `http_endpoint = "disabled"` (no metadata service at all),
    values that are not literals (variables, `Fn::If`), instances launched from a launch template
    (`launch_template` / `LaunchTemplate`: the template decides and is checked itself), calls with
    `**kwargs` or spreads.
    """

    id = "IAC313"
    slug = "imdsv2-required"
    summary = "EC2 instance / launch template allows IMDSv1: metadata_options http_tokens = \"required\""
    rationale = "seed 003 #7 (launch template without IMDSv2 enforcement)"
    seeds = ("003#7",)
    languages = ("python", "typescript", "cloudformation")
    applicability = Applicability.UNSAFE
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.launch_template import LaunchTemplate

launch_template = LaunchTemplate(self, "launch_template",
    name_prefix="web-",
    image_id=ami.id,
    instance_type="t3.micro",
)
""", """\
from cdktf_cdktf_provider_aws.launch_template import LaunchTemplate, LaunchTemplateMetadataOptions

launch_template = LaunchTemplate(self, "launch_template",
    name_prefix="web-",
    image_id=ami.id,
    instance_type="t3.micro",
    metadata_options=LaunchTemplateMetadataOptions(http_tokens="required"),
)
"""),
        Example("typescript", """\
import { Instance } from '@cdktf/provider-aws/lib/instance';

new Instance(this, 'web', {
  ami: ami.id,
  instanceType: 't3.micro',
  metadataOptions: {
    httpEndpoint: 'enabled',
    httpTokens: 'optional', // IMDSv1 allowed
  },
});
""", """\
import { Instance } from '@cdktf/provider-aws/lib/instance';

new Instance(this, 'web', {
  ami: ami.id,
  instanceType: 't3.micro',
  metadataOptions: {
    httpEndpoint: 'enabled',
    httpTokens: 'required', // IMDSv1 allowed
  },
});
"""),
        Example("cloudformation", """\
Resources:
  LaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-12345678
        InstanceType: t3.micro
""", """\
Resources:
  LaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-12345678
        InstanceType: t3.micro
        MetadataOptions:
          HttpTokens: required
"""),
        # valid: required, metadata service disabled, instance from a launch template
        Example("python", """\
from cdktf_cdktf_provider_aws.instance import Instance

Instance(self, "a", ami="ami-1", instance_type="t3.micro", metadata_options={"http_tokens": "required"})
Instance(self, "b", ami="ami-1", instance_type="t3.micro", metadata_options={"http_endpoint": "disabled"})
Instance(self, "c", launch_template={"id": template.id})
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return any(t in text for t in _CFN)
        return any(t in text for t in _provider.TRIGGERS) and bool(_CDKTF_TRIGGER.search(text))

    # -- CDKTF -------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        root = args_.py_provider_root(doc, ctx.target.family)
        for resolved, struct, call, view in args_.py_constructs(doc, index, _WANTED):
            if view.splat:
                continue
            prop = index.prop(struct, "metadataOptions")
            if prop is None or prop.struct is None or self._from_template(index, resolved, struct, view):
                continue
            value = view.get(prop)
            where = doc.span(call.func)
            if value is None:
                submodule, name = prop.struct.rsplit(".", 1)
                local, imports = doc.reference(f"{root}.{index.python_leaf(submodule)}", name)
                tokens = index.prop(prop.struct, "httpTokens")
                text = f'{local}({tokens.py_name}="required")'
                if prop.kind == "list_struct":
                    text = f"[{text}]"
                edits = view.add([(prop, text)])
                yield doc.source.finding(self, *where, f"{resolved[1]} without `{prop.py_name}`: IMDSv1 is allowed; "
                                         f"require session tokens{_UNSAFE}",
                                         edits + imports if edits is not None else None)
                continue
            nested = args_.py_nested(doc, index, value, prop.struct)
            if nested is not None:
                yield from self._nested(doc, index, prop, nested, where, resolved[1],
                                        lambda v, q=nested.quote(): args_.py_literal(v, q))

    def check_typescript(self, doc, ctx):
        index = ctx.provider
        quote = doc.import_quote()
        for resolved, struct, new, view in args_.ts_constructs(doc, index, _WANTED):
            if view.splat:
                continue
            prop = index.prop(struct, "metadataOptions")
            if prop is None or prop.struct is None or self._from_template(index, resolved, struct, view):
                continue
            value = view.get(prop)
            where = doc.span(new.field("constructor"))
            if value is None:
                text = "{ httpTokens: " + args_.ts_literal("required", quote) + " }"
                if prop.kind == "list_struct":
                    text = f"[{text}]"
                yield doc.source.finding(self, *where, f"{resolved[1]} without `{prop.name}`: IMDSv1 is allowed; "
                                         f"require session tokens{_UNSAFE}", view.add([(prop, text)]))
                continue
            obj = args_.ts_nested(value)
            if obj is not None:
                yield from self._nested(doc, index, prop, args_.TsArgs(doc, obj), where, resolved[1],
                                        lambda v: args_.ts_literal(v, quote))

    @staticmethod
    def _from_template(index, resolved, struct, view) -> bool:
        if resolved not in _FROM_TEMPLATE:
            return False
        template = index.prop(struct, "launchTemplate")
        return template is not None and view.get(template) is not None

    def _nested(self, doc, index, prop, view, where, cls, render):
        if view.splat:
            return
        tokens = index.prop(prop.struct, "httpTokens")
        endpoint = index.prop(prop.struct, "httpEndpoint")
        if tokens is None:
            return
        state = view.get(endpoint) if endpoint is not None else None
        if state is not None and (state.literal is args_.NOT_LITERAL or str(state.literal).lower() == "disabled"):
            return
        shown = tokens.py_name if doc.language == "python" else tokens.name
        value = view.get(tokens)
        if value is None:
            edits = view.add([(tokens, render("required"))])
            yield doc.source.finding(self, *where, f"{cls} metadata options without `{shown}`: IMDSv1 is allowed; "
                                     f"set it to \"required\"{_UNSAFE}", edits)
        elif isinstance(value.literal, str) and value.literal.lower() == "optional":
            yield doc.source.finding(self, value.start, value.end,
                                     f"{cls} `{shown}` is \"optional\": IMDSv1 is allowed; require session tokens"
                                     f"{_UNSAFE}", [doc.source.edit(value.start, value.end, render("required"))])

    # -- CloudFormation ----------------------------------------------------------------------
    def check_cloudformation(self, doc, ctx):
        for name, resource in doc.resources.items():
            kind = resource.get("Type") if isinstance(resource, dict) else None
            if kind not in _CFN:
                continue
            base = ("Resources", name, "Properties") + _CFN[kind]
            holder = doc.node(base)
            if not isinstance(holder, MappingNode):
                continue
            data = doc.get(base)
            if kind == "AWS::EC2::Instance" and "LaunchTemplate" in data:
                continue
            key = doc.entry(("Resources", name))[0]
            start, end = doc.start(key), doc.start(key) + len(name)
            options = data.get("MetadataOptions")
            label = "LaunchTemplateData.MetadataOptions" if _CFN[kind] else "MetadataOptions"
            if options is None:
                edit = doc.insert_entry(base, "MetadataOptions", {"HttpTokens": "required"})
                yield doc.source.finding(self, start, end, f"`{name}` has no {label}: IMDSv1 is allowed; "
                                         f"set `HttpTokens: required`{_UNSAFE}", [edit] if edit else None)
                continue
            if not isinstance(options, dict) or not isinstance(doc.node(base + ("MetadataOptions",)), MappingNode):
                continue
            endpoint = options.get("HttpEndpoint")
            if endpoint is not None and (not isinstance(endpoint, str) or endpoint.lower() == "disabled"):
                continue
            tokens = options.get("HttpTokens")
            if tokens is None:
                edit = doc.insert_entry(base + ("MetadataOptions",), "HttpTokens", "required")
                yield doc.source.finding(self, start, end, f"`{name}` {label} has no `HttpTokens`: IMDSv1 is "
                                         f"allowed; set it to `required`{_UNSAFE}", [edit] if edit else None)
            elif isinstance(tokens, str) and tokens.lower() == "optional":
                node = doc.node(base + ("MetadataOptions", "HttpTokens"))
                replacement = '"required"' if doc.is_json else "required"
                s, e = doc.start(node), doc.end(node)
                if doc.source.text[s] == "'":
                    replacement = "'required'"
                yield doc.source.finding(self, s, e, f"`{name}` {label} `HttpTokens` is `optional`: IMDSv1 is "
                                         f"allowed; set it to `required`{_UNSAFE}",
                                         [doc.source.edit(s, e, replacement)])
