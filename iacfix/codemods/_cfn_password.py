"""CloudFormation side of IAC302 hardcoded-db-password (text splices through CloudFormationDocument)."""
from __future__ import annotations

import re

from ruamel.yaml.nodes import MappingNode, ScalarNode

from iacfix.codemods import _secrets

# resource type → the property that lets the service manage the master password
TARGETS = {
    "AWS::RDS::DBInstance": "ManageMasterUserPassword",
    "AWS::RDS::DBCluster": "ManageMasterUserPassword",
    "AWS::DocDB::DBCluster": "ManageMasterUserPassword",
    "AWS::Redshift::Cluster": "ManageMasterPassword",
}
PASSWORD = "MasterUserPassword"
EXCLUDE = '"@/\\'  # characters RDS and DocumentDB refuse in a master password (and the backslash)
EXCLUDE_REDSHIFT = '"\'@/\\'  # Redshift also refuses the single quote


def _ref_target(node) -> str | None:
    """`X` for `!Ref X` / `{Ref: X}` / `{"Ref": "X"}`."""
    if isinstance(node, ScalarNode) and node.tag == "!Ref":
        return node.value
    if isinstance(node, MappingNode) and len(node.value) == 1:
        key, value = node.value[0]
        if isinstance(key, ScalarNode) and key.value == "Ref" and isinstance(value, ScalarNode):
            return value.value
    return None


def _literal(node) -> bool:
    """A plain string/number, or `!Sub`/`Fn::Sub` of text with no `${…}`."""
    if isinstance(node, ScalarNode):
        if node.tag == "!Sub":
            return "${" not in node.value and "{{resolve:" not in node.value
        if node.tag.startswith("!"):
            return False
        return bool(node.value) and "{{resolve:" not in node.value
    if isinstance(node, MappingNode) and len(node.value) == 1:
        key, value = node.value[0]
        if isinstance(key, ScalarNode) and key.value == "Fn::Sub" and isinstance(value, ScalarNode):
            return "${" not in value.value and "{{resolve:" not in value.value
    return False


def _truthy(node) -> bool:
    return isinstance(node, ScalarNode) and node.value.lower() == "true"


def _parameter(doc, name: str):
    node = doc.node(("Parameters", name))
    return node if isinstance(node, MappingNode) else None


def _entry_value(mapping, key: str):
    for k, v in mapping.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return v
    return None


def check(rule, doc, ctx, strategy: str):
    source = doc.source
    resources = doc.node(("Resources",))
    if not isinstance(resources, MappingNode):
        return
    uses: dict[str, list[str]] = {}  # parameter → resources whose password it is
    found = []
    for key, body in resources.value:
        if not isinstance(key, ScalarNode) or not isinstance(body, MappingNode):
            continue
        rtype = _entry_value(body, "Type")
        if not isinstance(rtype, ScalarNode) or rtype.value not in TARGETS:
            continue
        props = doc.node(("Resources", key.value, "Properties"))
        if not isinstance(props, MappingNode):
            continue
        value = _entry_value(props, PASSWORD)
        if value is None:
            continue
        param = _ref_target(value)
        if param is not None:
            definition = _parameter(doc, param)
            default = _entry_value(definition, "Default") if definition is not None else None
            ptype = _entry_value(definition, "Type") if definition is not None else None
            if default is None or isinstance(ptype, ScalarNode) and ptype.value.startswith("AWS::SSM::"):
                continue  # an input, or the name of an SSM parameter holding it: not hard-coded
            no_echo = _entry_value(definition, "NoEcho")
            why = ("the NoEcho parameter" if no_echo is not None and _truthy(no_echo) else "the parameter") + \
                f" `{param}` with a `Default`"
            uses.setdefault(param, []).append(key.value)
        elif _literal(value):
            why = "a literal"
        else:
            continue
        found.append((key.value, rtype.value, props, value, param, why))
    taken = set(doc.resource_order()) | set(_keys(doc.node(("Parameters",))))
    for name, rtype, props, value, param, why in found:
        path = ("Resources", name, "Properties", PASSWORD)
        start, end = doc.start(value), doc.end(value)
        message = f"`{PASSWORD}` of `{name}` ({rtype}) is {why}: a hard-coded password is in the template"
        managed = TARGETS[rtype]
        present = _entry_value(props, managed)
        drop_param = _drop_parameter(doc, param, uses) if param else []
        if present is not None:
            if not _truthy(present):
                yield source.finding(rule, start, end, message + f" (`{managed}` is set but not true: not fixed)")
                continue
            edit = doc.remove_entry(path)
            if edit is None:
                yield source.finding(rule, start, end, message + f"; `{managed}` is set, remove the password")
            else:
                yield source.finding(rule, start, end, message + f"; `{managed}` is set, so the password is removed",
                                     [edit, *drop_param])
            continue
        if strategy == "managed":
            key_node, _ = doc.entry(path)
            key_text = f'"{managed}": true' if doc.is_json else f"{managed}: true"
            edits = [source.edit(doc.start(key_node), end, key_text), *drop_param]
            yield source.finding(rule, start, end, message + f"; let the service manage it in Secrets Manager: "
                                 f"`{managed}: true`", edits)
            continue
        secret = _secrets.unique(f"{name}Secret", taken)
        template = _username_template(doc, props)
        generate = {}
        if template is not None:
            generate["SecretStringTemplate"] = template
            generate["GenerateStringKey"] = "password"
        generate["PasswordLength"] = 32
        generate["ExcludeCharacters"] = EXCLUDE_REDSHIFT if rtype == "AWS::Redshift::Cluster" else EXCLUDE
        secret_props = {"Description": f"Master user password of {name}"}
        if strategy == "seed":
            secret_name = f"${{AWS::StackName}}-{_kebab(name)}-password"
            secret_props["Name"] = {"Fn::Sub": secret_name}
            reference = f"{{{{resolve:secretsmanager:{secret_name}:SecretString:password}}}}"
        else:
            reference = f"{{{{resolve:secretsmanager:${{{secret}}}:SecretString:password}}}}"
        if template is None:
            reference = reference.replace(":SecretString:password", "")
        secret_props["GenerateSecretString"] = generate
        insert = doc.insert_resource(secret, {"Type": "AWS::SecretsManager::Secret", "Properties": secret_props},
                                     before=name, comment=f"generated master password of {name}")
        replace = _replace_value(doc, path, {"Fn::Sub": reference})
        if insert is None or replace is None:
            yield source.finding(rule, start, end, message + " (not fixed: the template's shape)")
            continue
        how = "a generated secret resolved by name (seed 001)" if strategy == "seed" else \
            f"a generated secret (`{secret}`, AWS::SecretsManager::Secret)"
        yield source.finding(rule, start, end, message + f"; use {how}", [insert, replace, *drop_param])


def _replace_value(doc, path, value):
    """Replace the value at `path`; a block-style value on the lines below its key (`Fn::Sub:` in
    long form) is replaced from the key's colon, so the new inline value sits on the key's line."""
    from iacfix.languages.cloudformation import render_inline
    found = doc.entry(path)
    if found is None:
        return None
    key, node = found
    if isinstance(node, MappingNode) and not doc.is_flow(node):
        text = doc.source.text
        colon = text.find(":", doc.end(key))
        if colon != -1 and colon < doc.start(node):
            return doc.source.edit(colon + 1, doc.end(node), " " + render_inline(value, doc.style))
    return doc.replace_value(path, value)


def _keys(mapping) -> list[str]:
    return [k.value for k, _ in mapping.value if isinstance(k, ScalarNode)] if isinstance(mapping, MappingNode) else []




def _kebab(name: str) -> str:
    return "-".join(w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name)) or name.lower()


def _username_template(doc, props):
    """`SecretStringTemplate` holding the master username: literal JSON, `!Sub` for `!Ref Param`."""
    user = _entry_value(props, "MasterUsername")
    if isinstance(user, ScalarNode) and not user.tag.startswith("!") and re.fullmatch(r"[\w.@+-]+", user.value):
        return '{"username": "%s"}' % user.value
    param = _ref_target(user) if user is not None else None
    if param is not None and re.fullmatch(r"[A-Za-z0-9]+", param):
        return {"Fn::Sub": '{"username": "${%s}"}' % param}
    return None


def _drop_parameter(doc, param: str, uses: dict) -> list:
    """Remove the parameter when the passwords being fixed were its only uses (else W2001)."""
    text = doc.source.text
    occurrences = len(re.findall(r"(?<![\w:.-])%s(?![\w-])" % re.escape(param), text))
    if occurrences != 1 + len(uses.get(param, ())):
        return []
    params = doc.node(("Parameters",))
    if isinstance(params, MappingNode) and len(params.value) == 1:
        edit = doc.remove_entry(("Parameters",))
    else:
        lines = doc.entry_lines(("Parameters", param))  # with the comment lines that lead it
        if lines is not None:
            begin, end = lines
            before = text[text.rfind("\n", 0, max(begin - 1, 0)) + 1:begin] if begin else "x"
            after_end = text.find("\n", end)
            after = text[end:len(text) if after_end == -1 else after_end + 1]
            if not before.strip() and after and not after.strip():
                end += len(after)  # blank lines on both sides: keep one
            edit = doc.source.edit(begin, end, "")
        else:
            edit = doc.remove_entry(("Parameters", param))
    return [edit] if edit is not None else []
