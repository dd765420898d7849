"""E1028 — a `Fn::If` whose condition is written inline (`!If [!Equals [!Ref Engine, postgres],
5432, 3306]`): `Fn::If` takes the *name* of a condition of the `Conditions` section.

Every inline condition of the template gets a name and each `Fn::If` refers to it by that name,
all in one safe fix (the conditions evaluate as before; one fix for all the matches, since a
condition added for one expression changes cfn-lint's message for the others). For each distinct
expression:

- a condition of `Conditions` with exactly that expression (or `!Condition Name` of one) → its
  name is used, nothing is added;
- else a new entry in `Conditions` (the section is created before `Resources` when missing) whose
  value is the expression's own text when it is on one line (`IsPostgres: !Equals [!Ref Engine,
  'postgres']`, JSON `"IsPostgres": {"Fn::Equals": [...]}`), else the expression rendered on one
  line in the template's style. Its name comes from the expression:
  `Equals [Ref P, v]` → `Is<V>`, then `<P>Is<V>` (`<P>IsEmpty` for `''`); `Not [Equals [Ref P, '']]`
  → `Has<P>`; `Not [Equals [Ref P, v]]` → `<P>IsNot<V>`; anything else `InlineCondition<N>`; never
  a name the template already uses for a condition, parameter, resource or output.

Expressions are compared as cfn-lint decodes the template (short and long forms alike).
Refused (cfn-lint's message reported): a condition that is not an intrinsic-function mapping, and
`Conditions` in a shape the insertion helper does not edit.
"""
from __future__ import annotations

import re
from functools import lru_cache

from iacfix.cfn_repairs import Outcome, locate
from iacfix.fixes import Applicability, Edit
from iacfix.languages.cloudformation import render_inline

RULE_ID = "E1028"
CONDITION_FUNCTIONS = frozenset({"Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition"})


@lru_cache(maxsize=16)
def decoded(text: str):
    """The template as cfn-lint decodes it (long-form intrinsics), or None."""
    from cfnlint.decode import decode_str
    try:
        template, errors = decode_str(text)
    except Exception:  # noqa: BLE001
        return None
    return template if isinstance(template, dict) and not errors else None


def plain(value):
    """cfn-lint's node classes as plain dicts, lists and strings (comparable, renderable)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def inline_ifs(node, path=()):
    """(path of the condition, expression) of every Fn::If with an inline condition."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Fn::If" and isinstance(value, list) and value and isinstance(value[0], dict):
                yield path + ("Fn::If", 0), plain(value[0])
            yield from inline_ifs(value, path + (str(key),))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from inline_ifs(value, path + (i,))


def pascal(value) -> str:
    words = re.findall(r"[A-Za-z0-9]+", str(value))
    return "".join(w[:1].upper() + w[1:] for w in words)


def ref(value) -> str | None:
    """The name of a `{"Ref": name}`, else None."""
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("Ref"), str):
        return value["Ref"]
    return None


def proposed_names(expr: dict, index: int) -> list[str]:
    (fn, arg), = expr.items()
    out = []
    if fn == "Fn::Equals" and isinstance(arg, list) and len(arg) == 2:
        param, literal = (ref(arg[0]), arg[1]) if ref(arg[0]) else (ref(arg[1]), arg[0])
        if param and isinstance(literal, (str, int)) and not isinstance(literal, dict):
            p = pascal(param.replace("AWS::", ""))
            out = [f"{p}IsEmpty"] if str(literal) == "" else [f"Is{pascal(literal)}", f"{p}Is{pascal(literal)}"]
    elif fn == "Fn::Not" and isinstance(arg, list) and len(arg) == 1 and isinstance(arg[0], dict):
        inner = arg[0].get("Fn::Equals")
        if isinstance(inner, list) and len(inner) == 2:
            param, literal = (ref(inner[0]), inner[1]) if ref(inner[0]) else (ref(inner[1]), inner[0])
            if param and isinstance(literal, (str, int)):
                p = pascal(param.replace("AWS::", ""))
                out = [f"Has{p}"] if str(literal) == "" else [f"{p}IsNot{pascal(literal)}"]
    out = [n for n in out if re.fullmatch(r"[A-Za-z0-9]+", n) and not n[0].isdigit()]
    return out + [f"InlineCondition{index}"]


PLACEHOLDER = "IACFIXCONDITIONPLACEHOLDER"


def expression_text(doc, paths, expr) -> str:
    """The condition as first written on one line at one of `paths` (in text order), else
    rendered in the file's style: the same text whichever match asks."""
    for path in paths:
        _, node = locate(doc, path)
        if node is not None:
            text = doc.source.text[doc.start(node):doc.end(node)]
            if "\n" not in text and "#" not in text:
                return text
    return render_inline(expr, doc.style)


def _insert_conditions(doc, template, entries):
    """The edit adding the `(name, raw text)` entries to `Conditions` (created before `Resources`
    when missing): the shared `insert_entry` places the first one with a placeholder value, and
    the others follow it with the separator and indentation it used."""
    first = entries[0][0]
    if "Conditions" in template:
        edit = doc.insert_entry(("Conditions",), first, PLACEHOLDER)
    else:
        edit = doc.insert_entry((), "Conditions", {first: PLACEHOLDER}, before="Resources")
    if edit is None:
        return None
    member = (lambda n, v: f'"{n}": {v}') if doc.is_json else (lambda n, v: f"{n}: {v}")
    placeholder = member(first, f'"{PLACEHOLDER}"' if doc.is_json else PLACEHOLDER)
    at = edit.text.find(placeholder)
    if at < 0 or edit.text.count(PLACEHOLDER) != 1:
        return None
    conditions = doc.node(("Conditions",))
    flow = doc.is_json or (conditions is not None and doc.is_flow(conditions))
    line_start = edit.text.rfind("\n", 0, at) + 1
    # a block entry always starts a line; a flow member only after a line break of its own
    indent = edit.text[line_start:at] if line_start or not flow else None
    if indent is not None and indent.strip():
        indent = None
    if flow:
        separator = "," + (doc.newline + indent if indent is not None else " ")
    elif indent is not None:
        separator = doc.newline + indent
    else:
        return None
    text = separator.join(member(n, raw) for n, raw in entries)
    return Edit(edit.start, edit.end, edit.text[:at] + text + edit.text[at + len(placeholder):])


def repair(doc, match, schemas=None) -> Outcome | None:
    """Every inline condition of the template at once (the same fix for each match): a condition
    added for one expression would change cfn-lint's message for the others."""
    path = match.path
    if len(path) < 3 or path[-2:] != ("Fn::If", 0):
        return None
    template = decoded(doc.source.text)
    if template is None:
        return None
    occurrences = [(p, e) for p, e in inline_ifs(template)
                   if len(e) == 1 and next(iter(e)) in CONDITION_FUNCTIONS]
    if not any(p == tuple(path) for p, _ in occurrences):
        return None
    distinct = []
    for _, e in occurrences:
        if e not in distinct:
            distinct.append(e)
    conditions = template.get("Conditions") if isinstance(template.get("Conditions"), dict) else {}
    taken = set()
    for section in ("Conditions", "Parameters", "Resources", "Outputs", "Mappings"):
        value = template.get(section)
        if isinstance(value, dict):
            taken.update(str(k) for k in value)
    chosen, entries, told = {}, [], []
    for index, expr in enumerate(distinct, 1):
        existing = next((str(k) for k, v in conditions.items() if plain(v) == expr), None)
        if existing is None and set(expr) == {"Condition"} and str(expr["Condition"]) in conditions:
            existing = str(expr["Condition"])  # `!If [!Condition IsProd, …]`: the name itself
        if existing is not None:
            chosen[index] = existing
            told.append(f"the existing condition `{existing}`")
            continue
        proposals = proposed_names(expr, index)
        name = next((n for n in proposals if n not in taken), None)
        counter = 2
        while name is None:  # every proposal taken: number the last one
            name = f"{proposals[-1]}_{counter}" if f"{proposals[-1]}_{counter}" not in taken else None
            counter += 1
        taken.add(name)
        chosen[index] = name
        entries.append((name, expression_text(doc, [p for p, e in occurrences if e == expr], expr)))
        told.append(f"a new condition `{name}`")
    edits = []
    if entries:
        edit = _insert_conditions(doc, template, entries)
        if edit is None:
            return None
        edits.append(edit)
    for where, expr in occurrences:
        _, node = locate(doc, where)
        if node is None:
            return None
        name = chosen[distinct.index(expr) + 1]
        edits.append(doc.source.edit(doc.start(node), doc.end(node), f'"{name}"' if doc.is_json else name))
    edits.sort(key=lambda e: (e.start, e.end))
    return Outcome("E1028: Fn::If takes a condition name, not an expression; refers to "
                   + ", ".join(dict.fromkeys(told)), tuple(edits), Applicability.SAFE)
