"""Property-based (hypothesis): random *valid* CloudFormation templates stay byte-identical under
`iacfix apply --unsafe-fixes --select IAC330`.

Templates are drawn from cfn-lint's own resource schemas at run time: a handful of resource types,
their required properties always and a few optional ones sometimes, each value drawn from the
property's schema (enum, boolean, integer bounds, string length and pattern), or an intrinsic
(`!Sub`, `!Ref` of a parameter, `!If`). Resources reference earlier ones from tag values (directly
or inside an `!If`) and name others in `DependsOn` — never one they reference unconditionally, so
cfn-lint's W3005 only fires where a repair must refuse (a reference inside `Fn::If`). Each is
rendered as YAML block style (comments, short- or long-form intrinsics), YAML flow style or JSON.
cfn-lint must report no error on it; IAC330 must then change no byte.
"""
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iacfix import api, cfn_repairs
from iacfix.cfn_repairs import _resolve, resource_schema, w3005
from iacfix.config import Config

# resource type → optional properties drawn from (required ones come from the schema itself)
TYPES = {
    "AWS::SQS::Queue": ["DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod", "VisibilityTimeout",
                        "ReceiveMessageWaitTimeSeconds", "SqsManagedSseEnabled"],
    "AWS::SNS::Topic": ["DisplayName"],
    "AWS::Logs::LogGroup": ["RetentionInDays", "LogGroupClass"],
    "AWS::EC2::SecurityGroup": [],
    "AWS::EC2::VPC": ["EnableDnsSupport", "InstanceTenancy"],
    "AWS::KMS::Key": ["EnableKeyRotation", "Description", "PendingWindowInDays"],
    "AWS::SSM::Parameter": ["Description", "Tier"],
    "AWS::ECR::Repository": ["ImageTagMutability"],
}
FIXED = {"AWS::EC2::VPC": {"CidrBlock": "10.0.0.0/16"}}  # a CIDR pattern hypothesis would not hit
WORDS = st.text("abcdefghijklmnopqrstuvwxyz0123456789 -", min_size=1, max_size=12).map(str.strip).filter(bool)


class Ref(tuple):
    """("Ref", name) / ("Sub", text) / ("If", cond, a, b) / ("GetAtt", resource, attribute)."""


def _schema(rtype: str, prop: str) -> dict:
    schema = resource_schema(rtype)
    return _resolve(schema, schema.schema["properties"][prop])


@st.composite
def value_for(draw, node: dict):
    """A value the schema node accepts: enum member, boolean, bounded integer, or a string within
    its length (and pattern) — sometimes written as `!Sub`/`!Ref` of a parameter."""
    if "enum" in node:
        return draw(st.sampled_from(node["enum"]))
    kind = node.get("type")
    if kind == "boolean":
        return draw(st.booleans())
    if kind == "integer":
        return draw(st.integers(node.get("minimum", 0), node.get("maximum", 10_000)))
    low, high = max(node.get("minLength", 1), 1), min(node.get("maxLength", 40), 40)
    text = WORDS.filter(lambda s: low <= len(s) <= high)
    if "pattern" in node:
        pattern = node["pattern"]
        text = text.filter(lambda s: re.search(pattern, s) is not None)
    choice = draw(st.integers(0, 5))
    if choice == 0 and "pattern" not in node:
        return Ref(("Sub", "${AWS::StackName} " + draw(text)))
    if choice == 1 and "pattern" not in node:
        return Ref(("Ref", "Name"))
    return draw(text)


@st.composite
def templates(draw):
    count = draw(st.integers(1, 5))
    resources = []
    for i in range(count):
        rtype = draw(st.sampled_from(sorted(TYPES)))
        schema = resource_schema(rtype).schema
        props = dict(FIXED.get(rtype, {}))
        for prop in schema.get("required", []):
            props[prop] = draw(value_for(_schema(rtype, prop)))
        for prop in TYPES[rtype]:
            if draw(st.booleans()):
                props[prop] = draw(value_for(_schema(rtype, prop)))
        earlier = [r["name"] for r in resources]
        referenced, conditional = set(), set()
        if "Tags" in schema["properties"] and _schema(rtype, "Tags").get("type") == "array" and draw(st.booleans()):
            tags = []
            for k in range(draw(st.integers(1, 2))):
                target = draw(st.sampled_from(earlier)) if earlier and draw(st.booleans()) else None
                if target is None:
                    value = draw(WORDS)
                elif draw(st.booleans()):
                    value, _ = Ref(("Ref", target)), referenced.add(target)
                else:
                    value, _ = Ref(("If", "IsOn", Ref(("Ref", target)), "none")), conditional.add(target)
                tags.append({"Key": f"k{k}", "Value": value})
            props["Tags"] = tags
        free = [n for n in earlier if n not in referenced]
        depends = draw(st.lists(st.sampled_from(free), unique=True, max_size=2)) if free else []
        resources.append({"name": f"R{i}{rtype.split('::')[-1]}", "type": rtype, "props": props,
                          "depends": depends, "comment": draw(st.sampled_from([None, "made by hand", "note"]))})
    style = draw(st.sampled_from(["block-short", "block-long", "flow", "json"]))
    depends_scalar = draw(st.booleans())
    return render(resources, style, depends_scalar)


# ---- rendering (independent of iacfix's own renderers) -------------------------------------------

def _json_value(v):
    if isinstance(v, Ref):
        if v[0] == "Ref":
            return {"Ref": v[1]}
        if v[0] == "Sub":
            return {"Fn::Sub": v[1]}
        return {"Fn::If": [v[1], _json_value(v[2]), _json_value(v[3])]}
    if isinstance(v, list):
        return [_json_value(x) for x in v]
    if isinstance(v, dict):
        return {k: _json_value(x) for k, x in v.items()}
    return v


def _yaml(v, short: bool) -> str:
    if isinstance(v, Ref):
        if v[0] == "Ref":
            return f"!Ref {v[1]}" if short else "{Ref: " + v[1] + "}"
        if v[0] == "Sub":
            return f"!Sub '{v[1]}'" if short else "{'Fn::Sub': '" + v[1] + "'}"
        args = f"[{v[1]}, {_yaml(v[2], short)}, {_yaml(v[3], short)}]"
        return f"!If {args}" if short else "{'Fn::If': " + args + "}"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_yaml(x, short) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_yaml(x, short)}" for k, x in v.items()) + "}"
    return "'" + str(v).replace("'", "''") + "'"


HEADER = {"Parameters": {"Flag": {"Type": "String", "AllowedValues": ["on", "off"], "Default": "on"},
                         "Name": {"Type": "String", "Default": "app"}},
          "Conditions": {"IsOn": {"Fn::Equals": [{"Ref": "Flag"}, "on"]}}}


def render(resources, style: str, depends_scalar: bool) -> tuple[str, str]:
    first = resources[0]["name"]
    outputs = {"First": {"Value": {"Ref": first}}, "Name": {"Condition": "IsOn", "Value": {"Ref": "Name"}}}
    if style == "json":
        doc = {"AWSTemplateFormatVersion": "2010-09-09", **HEADER, "Resources": {}, "Outputs": outputs}
        for r in resources:
            body = {"Type": r["type"]}
            if r["depends"]:
                body["DependsOn"] = r["depends"][0] if depends_scalar and len(r["depends"]) == 1 else r["depends"]
            if r["props"]:
                body["Properties"] = _json_value(r["props"])
            doc["Resources"][r["name"]] = body
        return json.dumps(doc, indent=2) + "\n", "t.json"
    short = style != "block-long"
    lines = ["AWSTemplateFormatVersion: '2010-09-09'", "Parameters:",
             "  Flag: {Type: String, AllowedValues: ['on', 'off'], Default: 'on'}  # a switch",
             "  Name:", "    Type: String", "    Default: app", "Conditions:",
             "  IsOn: " + ("!Equals [!Ref Flag, 'on']" if short else "{'Fn::Equals': [{Ref: Flag}, 'on']}"),
             "Resources:"]
    for r in resources:
        if r["comment"]:
            lines.append(f"  # {r['comment']}")
        lines += [f"  {r['name']}:", f"    Type: {r['type']}"]
        if r["depends"]:
            if depends_scalar and len(r["depends"]) == 1:
                lines.append(f"    DependsOn: {r['depends'][0]}  # order")
            elif style == "flow":
                lines.append("    DependsOn: [" + ", ".join(r["depends"]) + "]")
            else:
                lines.append("    DependsOn:")
                lines += [f"      - {n}" for n in r["depends"]]
        if not r["props"]:
            continue
        if style == "flow":
            lines.append("    Properties: " + _yaml(r["props"], short))
            continue
        lines.append("    Properties:")
        for key, value in r["props"].items():
            if key == "Tags":
                lines.append("      Tags:")
                for tag in value:
                    lines += [f"        - Key: {tag['Key']}", f"          Value: {_yaml(tag['Value'], short)}"]
            else:
                lines.append(f"      {key}: {_yaml(value, short)}" + ("  # set" if r["comment"] else ""))
    lines += ["Outputs:", "  First:", "    Value: " + (f"!Ref {first}" if short else "{Ref: " + first + "}"),
              "  Name:", "    Condition: IsOn", "    Value: " + ("!Ref Name" if short else "{Ref: Name}")]
    return "\n".join(lines) + "\n", "t.yaml"


# ---- the property ----------------------------------------------------------------------------------

def assert_untouched(tmp_path_factory, template: tuple[str, str]) -> None:
    text, name = template
    errors = [m for m in cfn_repairs.lint(text) if m.is_error]
    assert not errors, (errors, text)  # the generator makes valid templates only
    path = tmp_path_factory.mktemp("prop") / name
    path.write_bytes(text.encode())
    report = api.run([path], Config(), fix=True, unsafe=True, select=["IAC330"])
    assert not report.errors, report.errors
    assert path.read_bytes() == text.encode(), text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                                                HealthCheck.function_scoped_fixture])
@given(template=templates())
def test_valid_templates_stay_byte_identical(tmp_path_factory, template):
    assert_untouched(tmp_path_factory, template)


CONDITIONAL = [
    {"name": "R0Queue", "type": "AWS::SQS::Queue", "props": {}, "depends": [], "comment": None},
    {"name": "R1Topic", "type": "AWS::SNS::Topic", "depends": ["R0Queue"], "comment": "note",
     "props": {"Tags": [{"Key": "k0", "Value": Ref(("If", "IsOn", Ref(("Ref", "R0Queue")), "none"))}]}},
]


@pytest.mark.parametrize("style", ["block-short", "block-long", "flow", "json"])
def test_the_property_catches_a_repair_that_edits_a_valid_template(tmp_path_factory, monkeypatch, style):
    """The harness is able to fail: W3005 fires on a DependsOn whose reference is inside `Fn::If`
    (valid; the repair refuses). With the refusal broken, the same template is edited."""
    template = render(CONDITIONAL, style, depends_scalar=True)
    assert "W3005" in [m.rule for m in cfn_repairs.lint(template[0])]
    assert_untouched(tmp_path_factory, template)
    real = w3005._ENFORCED

    class Ignoring:  # a broken repair: the `Fn::If` in the implying path no longer seen
        @staticmethod
        def match(message):
            return real.match(message.replace("Fn::If", "FnIf"))

    monkeypatch.setattr(w3005, "_ENFORCED", Ignoring)
    with pytest.raises(AssertionError):
        assert_untouched(tmp_path_factory, template)
