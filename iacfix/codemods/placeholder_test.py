"""IAC501 placeholder-test."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _checks
from iacfix.rules import Example, Rule

_TEST_FUNCS = ("test", "it", "test.only", "it.only", "test.concurrent")
_SPACE = re.compile(r"\s+")
_TS_FAILING = re.compile(r"^expect\((false|true|0|1)\)\.(?:toBe|toEqual|toStrictEqual)\((true|false|1|0)\)$")
_TS_CONST = re.compile(r"^expect\((true|1|'[^']*'|\"[^\"]*\")\)\.(?:toBeTruthy\(\)|toBeDefined\(\)|not\.toBeNull\(\)|"
                       r"not\.toBeUndefined\(\))$")
_TS_EXISTS = re.compile(r"^expect\(([\w$.]+)\)\.(?:toBeDefined\(\)|toBeTruthy\(\)|not\.toBeNull\(\)|not\.toBeUndefined\(\)|"
                        r"toBeInstanceOf\([\w$.]+\))$")
_PY_EXISTS_METHODS = ("assertIsNotNone", "assertTrue", "assertIsInstance")


class PlaceholderTest(Rule):
    """A test whose only check is a placeholder: it always fails, always passes, or only
    asserts that a constructed object exists.

    - `expect(false).toBe(true)` — the generated "Dont forget!" test that always fails
      (seed 001 #4: the unit and integration test files were placeholders);
    - `expect(true).toBe(true)`, `assert True` — always passes;
    - the only checks of a test are `expect(stack).toBeDefined()` / `.toBeTruthy()` /
      `.not.toBeNull()` / `.toBeInstanceOf(…)`, or `assert stack is not None` /
      `self.assertIsNotNone(stack)` / `assert stack` / `isinstance`, on something the test
      created with `new X(…)` / `X(…)` (seed 004 #6: "integration" tests that only asserted the
      stack object exists). A constructor never returns null: the check cannot fail.
    - a test body with no statement at all.

    Only test files are looked at (`*.test.ts`, `*.spec.ts`, `test_*.py`, `*_test.py`, files
    under `test/`/`tests/`). A test that has one real check beside the placeholder one is not
    reported (except `expect(false).toBe(true)`, which fails the suite whatever else the test
    does). Diagnostic only: what to assert — resources and properties in `Testing.synth(stack)`
    or the template for unit tests, deployed resources read through the AWS SDK/boto3 with the
    stack outputs for integration tests — has to be written by someone who knows the stack.
    """

    id = "IAC501"
    slug = "placeholder-test"
    summary = "Placeholder test (expect(false).toBe(true), assert True, only `stack is not None`)"
    rationale = "seed 001 #4 (placeholder tests), seed 004 #6 (integration tests only assert the stack exists)"
    seeds = ("001#4", "004#6")
    languages = ("python", "typescript")
    examples = (
        Example("typescript", """\
describe('Write Integration TESTS', () => {
  test('Dont forget!', async () => {
    expect(false).toBe(true);
  });
});
""", path="test/tap-stack.int.test.ts", reported=True),
        Example("python", """\
from cdktf import App
from lib.tap_stack import TapStack


def test_stack_deploys():
    app = App()
    stack = TapStack(app, "TestStack", region="us-east-1", environment_suffix="test")
    assert stack is not None
""", path="tests/integration/test_tap_stack.py", reported=True),
        Example("typescript", """\
import { App, Testing } from 'cdktf';
import { TapStack } from '../lib/tap-stack';

test('creates the bucket', () => {
  const stack = new TapStack(new App(), 'test');
  expect(stack).toBeDefined();
  expect(Testing.synth(stack)).toContain('aws_s3_bucket');
});
""", path="test/tap-stack.unit.test.ts"),
        Example("python", """\
import json
from cdktf import App, Testing
from lib.tap_stack import TapStack


def test_bucket_is_encrypted():
    stack = TapStack(App(), "test")
    synthesized = json.loads(Testing.synth(stack))
    assert stack is not None
    assert "aws_s3_bucket_server_side_encryption_configuration" in synthesized["resource"]
""", path="tests/unit/test_tap_stack.py"),
    )

    def triggered(self, text, ctx, language):
        if language == "python":
            return "def test" in text
        return "expect(" in text or "test(" in text or "it(" in text

    # -- TypeScript ----------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        if not _checks.is_test_path(doc.source.path):
            return
        for call in doc.root.find_all(kind="call_expression"):
            func = call.field("function")
            if func is None or func.text() not in _TEST_FUNCS:
                continue
            args = call.field("arguments")
            named = [a for a in args.children() if a.is_named() and a.kind() != "comment"] if args else []
            if len(named) < 2 or named[1].kind() not in ("arrow_function", "function_expression", "function"):
                continue
            body = named[1].field("body")
            if body is None or body.kind() != "statement_block":
                continue
            title = named[0].text()
            statements = [c for c in body.children() if c.is_named() and c.kind() != "comment"]
            if not statements:
                start, end = doc.span(call)
                yield doc.source.finding(self, start, doc.span(named[0])[1] if named else end,
                                         f"test {title} has an empty body: it checks nothing")
                continue
            created = {m.group(1) for m in re.finditer(r"(?:const|let|var)?\s*([\w$.]+)\s*=\s*new\s", body.text())}
            created |= {m.group(1) for m in re.finditer(r"\b(?:this\.)?([\w$]+)\s*=\s*new\s", body.text())}
            checks = [c for c in body.find_all(kind="call_expression") if _is_expect_chain(c)]
            if not checks:
                continue
            kinds = []
            for check in checks:
                text = _SPACE.sub("", check.text()).rstrip(";")
                if _TS_FAILING.match(text):
                    m = _TS_FAILING.match(text)
                    kinds.append(("fails" if _truthy(m.group(1)) != _truthy(m.group(2)) else "passes", check))
                elif _TS_CONST.match(text):
                    kinds.append(("passes", check))
                elif (m := _TS_EXISTS.match(text)) and (m.group(1) in created or m.group(1).split(".")[-1] in created):
                    kinds.append(("exists", check))
                else:
                    kinds.append(("real", check))
            failing = [c for k, c in kinds if k == "fails"]
            if failing:
                start, end = doc.span(failing[0])
                yield doc.source.finding(
                    self, start, end,
                    f"placeholder test {title}: `{_SPACE.sub('', failing[0].text())}` always fails and checks nothing; "
                    "replace it with assertions on the synthesized stack or template (unit) or on the deployed "
                    "resources (integration), or remove the test")
                continue
            if all(k != "real" for k, _ in kinds):
                start, end = doc.span(kinds[0][1])
                what = "always passes" if all(k == "passes" for k, _ in kinds) else \
                    "asserts only that an object the test constructed exists (a constructor never returns null)"
                yield doc.source.finding(
                    self, start, end,
                    f"placeholder test {title}: its check {what}; assert on the synthesized configuration "
                    "(`Testing.synth`, `toHaveResourceWithProperties`) or on the deployed resources instead")

    # -- Python --------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        if not _checks.is_test_path(doc.source.path):
            return
        for node in doc.nodes:
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or not node.name.startswith("test"):
                continue
            body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
            start = doc.source.offset_of_byte(node.lineno, node.col_offset)
            if not body or all(isinstance(s, ast.Pass) for s in body):
                yield doc.source.finding(self, start, start + len("def ") + len(node.name),
                                         f"test `{node.name}` has no statement: it checks nothing")
                continue
            created = _py_created(node)
            kinds = []
            for sub in ast.walk(node):
                if isinstance(sub, ast.Assert):
                    kinds.append((_py_assert_kind(sub.test, created), sub))
                elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and \
                        sub.func.attr.startswith("assert"):
                    kind = "real"
                    if sub.func.attr in _PY_EXISTS_METHODS and sub.args:
                        kind = _py_assert_kind(sub.args[0], created)
                        if kind == "real" and sub.func.attr != "assertTrue" and _dotted_in(sub.args[0], created):
                            kind = "exists"
                    kinds.append((kind, sub))
                elif isinstance(sub, (ast.With, ast.AsyncWith)) or isinstance(sub, ast.Call) and \
                        "raises" in (getattr(sub.func, "attr", "") or getattr(sub.func, "id", "")):
                    kinds.append(("real", sub))
            if not kinds or any(k == "real" for k, _ in kinds):
                continue
            s, e = doc.span(kinds[0][1])
            if all(k == "fails" for k, _ in kinds):
                what = "always fails and checks nothing"
            elif all(k == "passes" for k, _ in kinds):
                what = "always passes"
            else:
                what = "asserts only that an object the test constructed exists (a constructor never returns None)"
            yield doc.source.finding(
                self, s, e,
                f"placeholder test `{node.name}`: its check {what}; assert on the synthesized configuration "
                "(`Testing.synth`) for a unit test, or on the deployed resources (boto3 with the stack outputs) "
                "for an integration test")


def _truthy(text: str) -> bool:
    return text in ("true", "1")


def _is_expect_chain(call) -> bool:
    """`expect(x).matcher(…)` / `expect(x).not.matcher(…)`: the outer call of an expect chain."""
    func = call.field("function")
    if func is None or func.kind() != "member_expression":
        return False
    obj = func.field("object")
    while obj is not None and obj.kind() == "member_expression":
        obj = obj.field("object")
    if obj is None or obj.kind() != "call_expression":
        return False
    inner = obj.field("function")
    return inner is not None and inner.text() == "expect"


def _py_created(func) -> set[str]:
    """Names (and `self.x`) bound in the test to a call of a capitalised callable: a constructor."""
    out = set()
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            callee = node.value.func
            name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", "")
            if name[:1].isupper():
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        out.add(target.id)
                    elif isinstance(target, ast.Attribute):
                        out.add(target.attr)
    return out


def _dotted_in(expr, created) -> bool:
    if isinstance(expr, ast.Name):
        return expr.id in created
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
        return expr.attr in created
    return False


def _py_assert_kind(test, created) -> str:
    if isinstance(test, ast.Constant):
        return "passes" if test.value else "fails"
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.IsNot) and \
            isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None and \
            _dotted_in(test.left, created):
        return "exists"
    if _dotted_in(test, created):
        return "exists"
    if isinstance(test, ast.Call) and getattr(test.func, "id", "") == "isinstance" and test.args and \
            _dotted_in(test.args[0], created):
        return "exists"
    return "real"
