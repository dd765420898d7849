"""Bad input: one clear line per file, nothing written for it, other files still processed, exit 2."""
import os

from typer.testing import CliRunner

from conftest import tree, write_tree
from iacfix.cli import app
from test_cli import PY_BAD, PY_GOOD

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_each_bad_file_gets_one_line_and_the_rest_is_fixed(tmp_path):
    write_tree(tmp_path, {
        "good/stack.py": PY_BAD,
        # files are parsed only when a rule's trigger matches, so the broken ones carry a defect
        "bad/syntax.py": PY_BAD + "def broken(:\n",
        "bad/syntax.ts": "import { S3BucketVersioning } from '@cdktf/provider-aws/lib/s3-bucket-versioning';\nclass A { foo() {\n",
        "bad/latin1.py": "from cdktf import App\n# caf\xe9\n".encode("latin-1"),
        "bad/binary.py": b"from cdktf import App\n\x00\x01\x02",
        "bad/empty.py": "",
    })
    big = tmp_path / "bad" / "huge.py"
    with open(big, "wb") as handle:
        handle.write(b"from cdktf import App\n")
        handle.write(b"# padding\n" * 5_300_000)  # ~53 MB
    outside = tmp_path.parent / "outside.py"
    outside.write_text(PY_BAD)
    os.symlink(outside, tmp_path / "bad" / "link.py")
    snapshot = {k: v for k, v in tree(tmp_path).items() if k.startswith("bad/")}

    result = run("apply", tmp_path)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    by_file = {line.split(": ")[1] for line in errors}
    expected = {"syntax.py", "syntax.ts", "latin1.py", "binary.py", "huge.py", "link.py"}
    assert {os.path.basename(p) for p in by_file} == expected, result.stderr
    assert len(errors) == len(expected), "one line per file"
    assert any("binary" in e for e in errors) and any("UTF-8" in e for e in errors)
    assert any("too large" in e for e in errors) and any("outside the tree" in e for e in errors)
    assert (tmp_path / "good/stack.py").read_text() == PY_GOOD, "other files are still fixed"
    assert {k: v for k, v in tree(tmp_path).items() if k.startswith("bad/")} == snapshot, "nothing written for bad files"
    assert outside.read_text() == PY_BAD


def test_missing_path_is_an_error(tmp_path):
    result = run("check", tmp_path / "nope")
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_unreadable_file_is_an_error(tmp_path, monkeypatch):
    write_tree(tmp_path, {"a/stack.py": PY_BAD, "b/stack.py": PY_BAD})
    real_open = open

    def deny(path, *args, **kwargs):  # tests run as root, where chmod 000 still reads
        if str(path).endswith("a/stack.py"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("iacfix.api.open", deny, raising=False)
    result = run("apply", tmp_path)
    assert result.exit_code == 2
    assert "a/stack.py: cannot read: Permission denied" in result.stderr
    assert (tmp_path / "b/stack.py").read_text() == PY_GOOD


def test_binary_file_named_explicitly_is_an_error(tmp_path):
    write_tree(tmp_path, {"image.png": b"\x89PNG\x00\x00"})
    result = run("check", tmp_path / "image.png")
    assert result.exit_code == 2 and "binary" in result.stderr


def test_non_iac_files_are_ignored_silently(tmp_path):
    write_tree(tmp_path, {"README.md": "# hi\n", "util.py": "print('x')\n", "data.bin": b"\x00\xff",
                          "package-lock.json": "{}", "empty.py": ""})
    result = run("check", tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr


def test_skipped_folders_and_gitignore(tmp_path):
    write_tree(tmp_path, {"node_modules/x/stack.py": PY_BAD, "cdktf.out/stacks/a.py": PY_BAD,
                          ".venv/lib/stack.py": PY_BAD, "generated/stack.py": PY_BAD,
                          ".gitignore": "generated/\n", "lib/ok.py": PY_GOOD})
    result = run("check", tmp_path)
    assert result.exit_code == 0, result.stdout


def test_valid_python_newer_than_the_interpreter_is_skipped_with_a_note(tmp_path):
    import sys
    if sys.version_info >= (3, 12):
        import pytest
        pytest.skip("this interpreter parses PEP 701 f-strings itself")
    newer = PY_BAD + 'label = f"{ {"k": "v"}["k"] }"\n'  # PEP 701: same quotes inside the f-string
    write_tree(tmp_path, {"lib/new.py": newer, "lib/old.py": PY_BAD})
    result = run("apply", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "note:" in result.stderr and "newer than the Python" in result.stderr
    assert (tmp_path / "lib/new.py").read_text() == newer, "not checked, so not touched"
    assert (tmp_path / "lib/old.py").read_text() == PY_GOOD


def test_a_manifest_its_own_tool_would_reject_is_skipped_with_a_note(tmp_path):
    broken = '// package.json\n{"dependencies": {"cdktf": "^0.19.0"}}\n'
    write_tree(tmp_path, {"package.json": broken, "cdktf.json": '{"language": "typescript"'})
    result = run("apply", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("note:") == 2 and "not a valid package.json" in result.stderr
    assert (tmp_path / "package.json").read_text() == broken
