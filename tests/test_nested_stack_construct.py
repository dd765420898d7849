"""IAC103 nested-stack-construct: the list-editing helper, single-file forms and cross-file resolution."""
from pathlib import Path

import pytest

from iacfix import api
from iacfix.codemods._stack_graph import Graph
from iacfix.codemods.nested_stack_construct import NestedStackConstruct, _list_removals
from iacfix.config import Config
from iacfix.engine import Context, process

RULE = NestedStackConstruct()


def _drop(text: str, items: list[str], remove: list[int], close_char: str) -> str:
    spans, at = [], 0
    for item in items:
        at = text.index(item, at)
        spans.append((at, at + len(item)))
        at += len(item)
    close = text.rindex(close_char)
    out = text
    for a, b in sorted(_list_removals(text, spans, remove, close), reverse=True):
        out = out[:a] + out[b:]
    return out


@pytest.mark.parametrize("text,items,remove,expected", [
    ("{ A, B, C }", ["A", "B", "C"], [0], "{ B, C }"),
    ("{ A, B, C }", ["A", "B", "C"], [1], "{ A, C }"),
    ("{ A, B, C }", ["A", "B", "C"], [2], "{ A, B }"),
    ("{ A, B, C }", ["A", "B", "C"], [1, 2], "{ A }"),
    ("{ A, B, C }", ["A", "B", "C"], [0, 2], "{ B }"),
    ("{\n  A,\n  B,\n  C,\n}", ["A", "B", "C"], [2], "{\n  A,\n  B,\n}"),
    ("{\n  A,\n  B,\n  C,\n}", ["A", "B", "C"], [1, 2], "{\n  A,\n}"),
    ("{\n  A,\n  B\n}", ["A", "B"], [1], "{\n  A\n}"),
    ("(\n    A,\n    B,  # why\n    C,\n)", ["A", "B", "C"], [1], "(\n    A,\n    B,  # why\n    C,\n)"),
    ("{ A, B }", ["A", "B"], [0, 1], "{ A, B }"),  # never empties the list: the caller drops the statement
])
def test_list_removals(text, items, remove, expected):
    assert _drop(text, items, remove, "}" if "{" in text else ")") == expected


def _fix(path: str, text: str, unsafe: bool = False) -> tuple[str, list]:
    result = process(path, text.encode(), [RULE], Context(), fix=True, unsafe=unsafe)
    assert result.error is None and result.internal_error is None, (result.error, result.internal_error)
    fixed = (result.fixed or text.encode()).decode()
    again = process(path, fixed.encode(), [RULE], Context(), fix=True, unsafe=unsafe)
    assert not again.changed, "a second run must change nothing"
    return fixed, result.findings + result.applied


TS_NO_CONSTRUCTS = '''\
import { App, TerraformStack } from "cdktf"

class Child extends TerraformStack {
  constructor(scope: any, id: string) {
    super(scope, id)
  }
}

class Root extends TerraformStack {
  constructor(scope: any, id: string) {
    super(scope, id)
    new Child(this, "child")
  }
}

new Root(new App(), "root")
'''


def test_typescript_adds_the_constructs_import_in_the_file_style():
    fixed, _ = _fix("lib/stack.ts", TS_NO_CONSTRUCTS)
    assert fixed.startswith('import { Construct } from "constructs"\nimport { App, TerraformStack } from "cdktf"\n')
    assert "class Child extends Construct {" in fixed and "class Root extends TerraformStack {" in fixed


def test_typescript_appends_to_a_constructs_import_and_keeps_a_used_stack_import():
    text = TS_NO_CONSTRUCTS.replace('import { App, TerraformStack } from "cdktf"\n',
                                    "import { TerraformStack } from 'cdktf';\nimport { App } from 'cdktf';\n"
                                    "import { IConstruct } from 'constructs';\n")
    text = text.replace("class Root extends TerraformStack {", "class Root extends (TerraformStack as any) {")
    fixed, _ = _fix("lib/stack.ts", text)
    # TerraformStack is still used by Root, so its import stays; Construct joins the constructs import
    assert "import { Construct, IConstruct } from 'constructs';" in fixed
    assert "import { TerraformStack } from 'cdktf';" in fixed


def test_typescript_whole_import_replaced_when_constructs_is_not_imported():
    text = '''\
import { TerraformStack } from 'cdktf';
import { Root } from './root';

export class Child extends TerraformStack {
  constructor(scope: any, id: string) {
    super(scope, id);
  }
}

export function build(root: Root) {
  return root;
}
'''
    root = '''\
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Child } from './child.js';

export class Root extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Child(this, 'child');
  }
}
new Root(new App(), 'root');
'''
    fixed = _project_fix({"lib/child.ts": text, "lib/root.ts": root})
    assert fixed["lib/child.ts"].startswith("import { Construct } from 'constructs';\nimport { Root } from './root';")
    assert "export class Child extends Construct {" in fixed["lib/child.ts"]
    assert fixed["lib/root.ts"] == root


def _project_fix(files: dict[str, str], unsafe: bool = False) -> dict[str, str]:
    folder = _tmp_project(files)
    report = api.run([folder], Config(), fix=True, unsafe=unsafe, select=["IAC103"])
    assert not report.errors, report.errors
    second = api.run([folder], Config(), fix=True, unsafe=unsafe, select=["IAC103"])
    assert not second.changed
    return {rel: (folder / rel).read_text() for rel in files}


PY_ROOT = '''\
from cdktf import App, TerraformStack
from constructs import Construct
{imports}


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        {call}


TapStack(App(), "tap")
'''

PY_CHILD = '''\
from cdktf import *
from constructs import Construct


class Child(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
'''


@pytest.mark.parametrize("imports,call", [
    ("from lib import child", 'child.Child(self, "c")'),
    ("from lib.child import Child as C", 'C(self, "c")'),
    ("import lib.child", 'lib.child.Child(self, "c")'),
    ("from .child import Child", 'Child(self, "c")'),
])
def test_python_import_forms_across_files(imports, call):
    files = {"lib/__init__.py": "", "lib/child.py": PY_CHILD,
             "lib/tap_stack.py": PY_ROOT.format(imports=imports, call=call)}
    fixed = _project_fix(files)
    assert "class Child(Construct):" in fixed["lib/child.py"]
    assert fixed["lib/child.py"].startswith("from cdktf import *\n")  # a star import is never edited
    assert fixed["lib/tap_stack.py"] == files["lib/tap_stack.py"]


def test_python_root_stack_and_both_ways():
    root_only = {"lib/__init__.py": "", "lib/child.py": PY_CHILD,
                 "main.py": "from cdktf import App\nfrom lib.child import Child\n\napp = App()\nChild(app, 'c')\n"}
    assert _project_fix(root_only) == root_only
    both = dict(root_only, **{"lib/tap_stack.py": PY_ROOT.format(imports="from lib.child import Child",
                                                                  call='Child(self, "c")')})
    assert _project_fix(both) == both
    report = api.run([_tmp_project(both)], Config(), select=["IAC103"])
    messages = [f.message for r in report.results for f in r.findings]
    assert len(messages) == 1 and "also created with scope `app`" in messages[0]


def _tmp_project(files: dict[str, str]) -> Path:
    import tempfile
    folder = Path(tempfile.mkdtemp())
    (folder / "cdktf.json").write_text("{}")
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text)
    return folder


def test_python_module_on_sys_path_resolves_from_any_folder_up_to_the_root(tmp_path):
    files = {tmp_path / "lib" / "stacks" / "vpc.py": "", tmp_path / "lib" / "tap.py": "",
             tmp_path / "lib" / "stacks" / "__init__.py": ""}
    graph = Graph("python", [(p, t) for p, t in files.items()], tmp_path)
    origin = (tmp_path / "lib" / "tap.py").resolve()
    assert graph.py_module(origin, "stacks.vpc", 0) == (tmp_path / "lib" / "stacks" / "vpc.py").resolve()
    assert graph.py_module(origin, "lib.stacks.vpc", 0) == (tmp_path / "lib" / "stacks" / "vpc.py").resolve()
    assert graph.py_module(origin, "stacks", 1) == (tmp_path / "lib" / "stacks" / "__init__.py").resolve()
    assert graph.py_module(origin, "cdktf", 0) is None


def test_unsafe_fix_only_with_unsafe_fixes():
    child = '''\
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

export class Child extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-west-2' });
  }
}
'''
    root = '''\
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Child } from './child';

class Root extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    new Child(this, 'child');
  }
}
new Root(new App(), 'root');
'''
    files = {"lib/child.ts": child, "lib/root.ts": root}
    assert _project_fix(files) == files
    fixed = _project_fix(files, unsafe=True)
    assert fixed["lib/child.ts"] == '''\
import { Construct } from 'constructs';

export class Child extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
  }
}
'''
