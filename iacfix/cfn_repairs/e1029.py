"""E1029 — a `${Name}` in a plain string, outside of any `Fn::Sub`: CloudFormation deploys the
text `${Name}` literally.

The string becomes a `Fn::Sub`: in YAML the tag `!Sub ` is put before the scalar, whatever its
style (`Message: "…${AWS::StackName}…"` → `Message: !Sub "…"`, a `|` block → `!Sub |`, a plain
list item → `- !Sub …`); in JSON the string is wrapped as `{"Fn::Sub": "…"}`. The scalar's own
text (quotes, escapes, block indentation, the comment after it) stays. All the matches of one
string (cfn-lint reports each variable) get the same edits: one fix.

Every `${…}` of the string is looked at, not only the ones cfn-lint reports (it reports names it
knows): when each names a parameter, a resource, a pseudo parameter or `Resource.Attribute`, the
fix is **safe**. When the string also holds other `${…}` (shell or JavaScript variables of a
script, `${stageVariables.x}`), those are escaped as `${!…}` so that they stay literal text after
the substitution, and the fix is **unsafe**: the string is evidently code with variables of its
own, and whether its template-looking names were meant for CloudFormation is a guess.

Refused (cfn-lint's message reported): strings outside a resource's `Properties`/`Metadata` and
an output's `Value`/`Export` (intrinsic functions are not allowed in `Parameters`, `Mappings`, an
output's `Description`), strings that are the argument of a
`Ref`, `Fn::GetAtt`, `Fn::FindInMap` or `Fn::GetAZs`, tagged scalars, a string whose `${…}` text
is not found verbatim in the file, and a string that itself holds intrinsic-function text (`!Sub`,
`Fn::Sub`, `!Ref` written inside a block literal, as in a BuildSpec): making that string a
`Fn::Sub` would leave the inner `!Sub` as literal text, so it is reported for the author to fix.
"""
from __future__ import annotations

import re

from ruamel.yaml.nodes import ScalarNode

from iacfix.cfn_repairs import Outcome, tag_of, locate
from iacfix.fixes import Applicability

RULE_ID = "E1029"
VARIABLE = re.compile(r"\$\{([^}]*)\}")
INTRINSIC_TEXT = re.compile(r"(?:^|[\s\[{:,])(?:!(?:Sub|Ref|GetAtt|Join|If|ImportValue)\b"
                            r"|\"?Fn::\w+\"?\s*:|\"?Ref\"?\s*:)")
SUB_ALLOWED = {"Resources": ("Properties", "Metadata"), "Outputs": ("Value", "Export")}
NO_SUB_INSIDE = frozenset({"Ref", "Fn::GetAtt", "Fn::FindInMap", "Fn::GetAZs"})


def template_names(doc) -> tuple[set, dict]:
    """(names a `${Name}` may substitute without a dot, resource name → type)."""
    from iacfix.cfn_repairs.e1020 import ref_targets
    types = {str(k): v.get("Type") for k, v in doc.resources.items() if isinstance(v, dict)}
    return set(ref_targets(doc)), types


def is_template_name(name: str, plain: set, types: dict) -> bool:
    if name in plain:
        return True
    resource, dot, attribute = name.partition(".")
    return bool(dot and attribute and resource in types)


def repair(doc, match, schemas=None) -> Outcome | None:
    path = match.path
    if not match.message.startswith("Found an embedded parameter") or len(path) < 3:
        return None
    if path[2] not in SUB_ALLOWED.get(path[0], ()) or any(step in NO_SUB_INSIDE for step in path[3:]):
        return None
    _, node = locate(doc, path)
    if not isinstance(node, ScalarNode) or tag_of(node) is not None:
        return None
    start, end = doc.start(node), doc.end(node)
    text = doc.source.text[start:end]
    value = node.value
    where = "/".join(str(p) for p in path)
    if INTRINSIC_TEXT.search(value):
        return Outcome(f"E1029: the string at {where} holds intrinsic-function text (`!Sub`, `Fn::…`) "
                       "as a literal, next to `${…}`: CloudFormation evaluates neither; write the value "
                       "as one `Fn::Sub` (without the inner tag) or drop the variables")
    plain, types = template_names(doc)
    names = [n for n in VARIABLE.findall(value) if not n.startswith("!")]
    foreign = list(dict.fromkeys(n for n in names if not is_template_name(n, plain, types)))
    if not any(is_template_name(n, plain, types) for n in names):
        return None
    new = text
    for name in foreign:
        token = "${" + name + "}"
        if text.count(token) != value.count(token):
            return None
        new = new.replace(token, "${!" + name + "}")
    if VARIABLE.findall(new) != VARIABLE.findall(value) and not foreign:
        return None  # the file text does not hold the variables verbatim
    if doc.is_json:
        replacement = '{"Fn::Sub": ' + new + "}"
    else:
        replacement = "!Sub " + new
    if foreign:
        listed = ", ".join(f"`${{{n}}}`" for n in foreign)
        return Outcome(f"E1029: made a Fn::Sub; {listed} name nothing in the template and are escaped as "
                       "literal text (`${!…}`): check that the other variables were meant for CloudFormation",
                       (doc.source.edit(start, end, replacement),), Applicability.UNSAFE)
    return Outcome("E1029: the string uses template variables outside of a Fn::Sub; made a Fn::Sub",
                   (doc.source.edit(start, end, replacement),), Applicability.SAFE)
