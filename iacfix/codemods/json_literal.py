"""IAC121 json-literal."""
from __future__ import annotations

import ast
import re

from iacfix.rules import Example, Rule

PYTHON_SPELLING = {"true": "True", "false": "False", "null": "None"}
_TRIGGER = re.compile(r"\b(?:true|false|null)\b")


class JsonLiteral(Rule):
    """JSON's `true`, `false` and `null` written as Python names.

    A policy document, a Step Functions definition or a dashboard body pasted from JSON into a
    Python dict keeps JSON's literals; Python then fails with `NameError: name 'true' is not
    defined` when the stack is synthesized. The value each one stands for is not in doubt, so the
    fix is safe: `True`, `False`, `None`.

    Only a name that nothing in the module binds is rewritten: a file that defines `true = True`,
    takes a parameter called `null` or imports something as `false` is left alone. Strings such
    as `"true"` are values, not names, and are never touched.
    """

    id = "IAC121"
    slug = "json-literal"
    summary = "JSON `true`/`false`/`null` used as Python names (NameError at synth)"
    rationale = "real generated code: Step Functions definitions and policies pasted from JSON"
    languages = ("python",)
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.sfn_state_machine import SfnStateMachine

definition = {"StartAt": "Done", "States": {"Done": {"Type": "Succeed", "End": true, "Comment": null}}}
""", """\
from cdktf_cdktf_provider_aws.sfn_state_machine import SfnStateMachine

definition = {"StartAt": "Done", "States": {"Done": {"Type": "Succeed", "End": True, "Comment": None}}}
"""),
        # bound in the module: someone's own name
        Example("python", """\
from cdktf import TerraformStack

true = "yes"
flag = {"enabled": true, "mode": "true"}
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return bool(_TRIGGER.search(text))

    def check_python(self, doc, ctx):
        bound = _bound_names(doc.tree)
        source = doc.source
        for node in doc.names:
            right = PYTHON_SPELLING.get(node.id)
            if right is None or node.id in bound or not isinstance(node.ctx, ast.Load):
                continue
            start, end = doc.span(node)
            yield source.finding(self, start, end, f"`{node.id}` is JSON, not Python: it is `{right}` here",
                                 [source.edit(start, end, right)])


def _bound_names(tree: ast.AST) -> set[str]:
    """Every name the module binds anywhere: assignments, parameters, imports, definitions."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.alias):
            bound.add(node.asname or node.name.split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            bound.update(node.names)
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bound.add(node.rest)
    return bound
