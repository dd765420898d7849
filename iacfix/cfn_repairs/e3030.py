"""E3030 — a value that is not one of the values the schema's `enum` allows.

The allowed values are read at run time from the resource schema at the match's path (through
cfn-lint's schema manager; cfn-lint's own message as a fallback). In order:

- **the same value up to case and separators** (`enabled` → `Enabled`, `Python3.12` →
  `python3.12`) → that value, **safe** (several spellings of one value, as `GLACIER`/`Glacier`:
  the first, unsafe);
- **an abbreviation** of an allowed value or the reverse, word by word, an abbreviation being the
  initials of consecutive words (`STANDARD_INFREQUENT_ACCESS` → `STANDARD_IA`,
  `GLACIER_INSTANT_RETRIEVAL` → `GLACIER_IR`) → that value when it is the only one, **safe**;
- **a word of another vocabulary** that means one allowed value exactly — a small table no schema
  states: `Daily` → `TwentyFour_Hours` and `Hourly` → `One_Hour` (AWS Config's
  `MaximumExecutionFrequency` / `DeliveryFrequency`, "the frequency at which … every 24 hours")
  → that value, **safe**, applied only when the schema allows it;
- **CloudTrail** `DataResources` `Type: AWS::S3::Bucket` — not a data-resource type: S3 data
  events are logged for objects (`AWS::S3::Object`), "the bucket and an empty object prefix such
  as `arn:aws:s3:::bucket/`" logging every object of it (CloudTrail `DataResource` docs). When
  another `AWS::S3::Object` item of the same list already names the same buckets, the item is
  removed; otherwise its type becomes `AWS::S3::Object` and each value gets the trailing `/`
  (`!GetAtt B.Arn` → `!Sub '${B.Arn}/'`). Both **unsafe** (what is logged changes);
- **a misspelling** (singular/plural, one or two edits: `iacfix.knowledge.names`) → that value,
  **unsafe** (`nodejs19.x` is one edit from a different runtime);
- **a number not in a numeric enum** (`RetentionInDays: 15`) → the next larger allowed value
  (30: logs are kept at least as long as asked), **unsafe**; above the largest, a diagnostic;
- **an enum of exactly one value** (DynamoDB `SSEType: AES256`, allowed `['KMS']`) → that value,
  **unsafe** (here: encryption with the AWS-managed KMS key instead of the AWS-owned key, what
  `SSEEnabled: true` means anyway);
- **Lambda function URL `Cors.AllowMethods: OPTIONS`** → the item removed, **unsafe**: function
  URLs answer CORS preflight requests themselves, and OPTIONS is not an allowed method.

Refused, with a diagnostic: **SSM `AWS::SSM::Parameter` `Type: SecureString`** — CloudFormation
cannot create SecureString parameters, and `String` would store the secret in plain text: use an
`AWS::SecretsManager::Secret` (or create the parameter outside the stack and pass its name).
Values written by an intrinsic (`!Ref`, `!Sub`) are left alone; everything else is cfn-lint's
own message. Deprecated Lambda runtimes are not E3030 (cfn-lint reports them as E2531/E2533/W2531).
"""
from __future__ import annotations

import ast
import re

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from iacfix.cfn_repairs import Outcome, locate, schema_at
from iacfix.cfn_repairs._values import (
    tag_of, is_plain_scalar, mapping_get, remove_item, replace_scalar, resource_type)
from iacfix.fixes import Applicability
from iacfix.knowledge import names
from iacfix.languages.cloudformation import render_inline

RULE_ID = "E3030"
_NOT_ONE_OF = re.compile(r"^(?P<value>.*) is not one of (?P<allowed>\[.*\])$", re.S)

# normalised word → the allowed value it means (applied only when the schema allows that value)
VOCABULARY = {
    "daily": "TwentyFour_Hours",
    "hourly": "One_Hour",
}
SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE


def repair(doc, match, schemas=schema_at) -> Outcome | None:
    m = _NOT_ONE_OF.match(match.message)
    path = match.path
    rtype = resource_type(doc, path)
    if m is None or rtype is None:
        return None
    key, node = locate(doc, path)
    if not is_plain_scalar(node):
        return None
    allowed = _allowed(rtype, path, m["allowed"], schemas)
    if not allowed:
        return None
    value = node.value
    where = f"{rtype} {_prop(path)}"
    special = _special(doc, match, rtype, node, value, allowed, where)
    if special is not None:
        return special
    strings = [a for a in allowed if isinstance(a, str)]
    numbers = [a for a in allowed if isinstance(a, int) and not isinstance(a, bool)]
    if strings:
        same = [a for a in strings if names.normalise(a) == names.normalise(value)]
        if same:
            return _to(doc, node, value, same[0], where, "the same value up to case and separators",
                       SAFE if len(same) == 1 else UNSAFE)
        short = [a for a in strings if _abbreviates(value, a) or _abbreviates(a, value)]
        if len(short) == 1:
            return _to(doc, node, value, short[0], where, "the abbreviation the schema uses", SAFE)
        if len(short) > 1:
            return _candidates(value, short, where)
        word = VOCABULARY.get(names.normalise(value))
        if word in strings:
            return _to(doc, node, value, word, where, f"`{value}` in the schema's vocabulary", SAFE)
        close = names.suggestions(value, strings)
        if len(close) == 1:
            return _to(doc, node, value, close[0], where, "the closest allowed value", UNSAFE)
        if len(close) > 1:
            return _candidates(value, close, where)
    if numbers and len(numbers) == len(allowed) and re.fullmatch(r"[-+]?\d+", value.strip()):
        number = int(value)
        larger = sorted(n for n in numbers if n > number)
        if not larger:
            return Outcome(f"E3030: {value} is above every value {where} allows (largest {max(numbers)})")
        smaller = sorted(n for n in numbers if n < number)
        below = f"; {smaller[-1]} is the next smaller" if smaller else ""
        return _to(doc, node, value, larger[0], where, f"the next larger allowed value{below}", UNSAFE)
    if len(allowed) == 1:
        return _to(doc, node, value, allowed[0], where, "the only value the schema allows", UNSAFE)
    return None


def _prop(path) -> str:
    return "/".join(str(p) for p in path[3:] if p != "Fn::If" and not isinstance(p, int)) or path[-1]


def _allowed(rtype, path, listed, schemas) -> list:
    nodes = schemas(rtype, tuple(path[3:])) or []
    found: list = []
    for node in nodes:
        for value in node.get("enum") or ():
            if value not in found:
                found.append(value)
    if found:
        return found
    try:
        parsed = ast.literal_eval(listed)
    except (ValueError, SyntaxError):
        return []
    return list(parsed) if isinstance(parsed, list) else []


def _to(doc, node, old, new, where, why, applicability) -> Outcome:
    return Outcome(f"E3030: `{old}` is not allowed for {where}; `{new}` is {why}",
                   (replace_scalar(doc, node, new),), applicability)


def _candidates(value, found, where) -> Outcome:
    listed = ", ".join(f"`{c}`" for c in found)
    return Outcome(f"E3030: `{value}` is not allowed for {where}; did you mean one of {listed}?")


def _tokens(value: str) -> list[str]:
    return [t.upper() for t in re.split(r"[_\-\s.:/]+|(?<=[a-z])(?=[A-Z])", value) if t]


def _abbreviates(long: str, short: str) -> bool:
    """`short` is `long` with runs of words replaced by their initials (at least one run)."""
    words, parts = _tokens(long), _tokens(short)
    if not parts or len(parts) >= len(words):
        return False

    def walk(i: int, j: int) -> bool:
        if j == len(parts):
            return i == len(words)
        if i >= len(words):
            return False
        if words[i] == parts[j] and walk(i + 1, j + 1):
            return True
        for k in range(2, len(words) - i + 1):
            if "".join(w[0] for w in words[i:i + k]) == parts[j] and walk(i + k, j + 1):
                return True
        return False

    return walk(0, 0)


# ---- facts no schema states ------------------------------------------------------------------

def _special(doc, match, rtype, node, value, allowed, where) -> Outcome | None:
    path = match.path
    props = tuple(p for p in path[3:])
    if rtype == "AWS::SSM::Parameter" and props == ("Type",) and value == "SecureString":
        return Outcome("E3030: CloudFormation cannot create a SecureString SSM parameter, and `String` would "
                       "store the value in plain text; keep the secret in an AWS::SecretsManager::Secret "
                       "(or create the parameter outside the stack)")
    if (rtype == "AWS::CloudTrail::Trail" and len(props) == 5 and props[0] == "EventSelectors"
            and props[2] == "DataResources" and props[4] == "Type" and value == "AWS::S3::Bucket"
            and "AWS::S3::Object" in allowed):
        return _trail_bucket(doc, path, node)
    if (rtype == "AWS::Lambda::Url" and len(props) == 3 and props[:2] == ("Cors", "AllowMethods")
            and value.upper() == "OPTIONS"):
        _, seq = locate(doc, path[:-1])
        edit = remove_item(doc, seq, props[2])
        if edit is None:
            return Outcome("E3030: Lambda function URLs answer CORS preflight (OPTIONS) themselves; "
                           "remove `OPTIONS` from AllowMethods")
        return Outcome("E3030: `OPTIONS` removed from the function URL's Cors AllowMethods: function URLs "
                       "answer CORS preflight requests themselves", (edit,), UNSAFE)
    return None


def _trail_bucket(doc, path, type_node) -> Outcome:
    _, item = locate(doc, path[:-1])
    _, items = locate(doc, path[:-2])
    index = path[-2]
    head = "E3030: `AWS::S3::Bucket` is no CloudTrail data-resource type (S3 data events are logged per object)"
    if not isinstance(item, MappingNode) or not isinstance(items, SequenceNode):
        return Outcome(head)
    values = mapping_get(item, "Values")
    if values is not None and not isinstance(values, SequenceNode):
        return Outcome(head)
    buckets = [_bucket_ref(doc, v) for v in (values.value if values is not None else [])]
    objects = [other for i, other in enumerate(items.value) if i != index and isinstance(other, MappingNode)
               and isinstance(mapping_get(other, "Type"), ScalarNode)
               and mapping_get(other, "Type").value == "AWS::S3::Object"]
    covered = set()
    for other in objects:
        other_values = mapping_get(other, "Values")
        for v in (other_values.value if isinstance(other_values, SequenceNode) else []):
            covered |= _names_in(doc, v)
    if objects and buckets and all(b is not None and b in covered for b in buckets):
        edit = remove_item(doc, items, index)
        if edit is not None:
            return Outcome(f"{head}; removed: an `AWS::S3::Object` item already logs the objects of the same buckets",
                           (edit,), UNSAFE)
    edits = [replace_scalar(doc, type_node, "AWS::S3::Object")]
    for v in (values.value if values is not None else []):
        edit = _object_prefix(doc, v)
        if edit is False:
            return Outcome(f"{head}; use `Type: AWS::S3::Object` with the bucket ARN followed by `/`")
        if edit is not None:
            edits.append(edit)
    return Outcome(f"{head}; `AWS::S3::Object` with the bucket ARN followed by `/` logs all its objects",
                   tuple(edits), UNSAFE)


def _intrinsic(doc, node):
    """(function name, argument node or text) of an intrinsic written in short or long form."""
    tag = tag_of(node)
    if tag is not None:
        name = tag[1:]
        return ("Fn::" + name if name not in ("Ref", "Condition") else name), node
    if isinstance(node, MappingNode) and len(node.value) == 1 and isinstance(node.value[0][0], ScalarNode):
        return node.value[0][0].value, node.value[0][1]
    return None, node


def _bucket_ref(doc, node) -> str | None:
    """The logical name or literal a bucket-ARN value names (`!GetAtt B.Arn` → `B`)."""
    names_ = _names_in(doc, node)
    return next(iter(names_)) if len(names_) == 1 else None


def _names_in(doc, node) -> set:
    """Logical names referenced by a value (Ref, GetAtt, `${X}`/`${X.Arn}` in Sub), or the
    literal bucket name of a plain `arn:aws:s3:::bucket…` string."""
    fn, arg = _intrinsic(doc, node)
    if fn == "Ref" and isinstance(arg, ScalarNode):
        return {arg.value}
    if fn == "Fn::GetAtt":
        if isinstance(arg, ScalarNode):
            return {arg.value.split(".")[0]}
        if isinstance(arg, SequenceNode) and arg.value and isinstance(arg.value[0], ScalarNode):
            return {arg.value[0].value}
        return set()
    if fn == "Fn::Sub":
        if isinstance(arg, SequenceNode) and arg.value:
            arg = arg.value[0]
        if isinstance(arg, ScalarNode):
            return {n.split(".")[0] for n in re.findall(r"\$\{([A-Za-z0-9.]+)\}", arg.value)
                    if not n.startswith("AWS")}
        return set()
    if is_plain_scalar(node) and node.value.startswith("arn:"):
        return {node.value.split(":::", 1)[-1].split("/", 1)[0]}
    return set()


def _object_prefix(doc, node):
    """An edit turning a bucket ARN value into the object prefix `<arn>/`; None when it already
    names objects; False when the value's shape is not one this repair writes."""
    fn, arg = _intrinsic(doc, node)
    if fn is None and is_plain_scalar(node):
        return None if "/" in node.value else replace_scalar(doc, node, node.value + "/")
    if fn == "Fn::Sub" and isinstance(arg, ScalarNode):
        return None if arg.value.endswith("/") or "/" in arg.value.split("}")[-1] else \
            replace_scalar(doc, arg, arg.value + "/")
    inner = None
    if fn == "Ref" and isinstance(arg, ScalarNode):
        inner = arg.value
    elif fn == "Fn::GetAtt" and isinstance(arg, ScalarNode) and "." in arg.value:
        inner = arg.value
    elif fn == "Fn::GetAtt" and isinstance(arg, SequenceNode) and len(arg.value) == 2 \
            and all(isinstance(a, ScalarNode) for a in arg.value):
        inner = f"{arg.value[0].value}.{arg.value[1].value}"
    if inner is None:
        return False
    text = render_inline({"Fn::Sub": "${" + inner + "}/"}, doc.style)
    return doc.source.edit(doc.start(node), doc.end(node), text)
