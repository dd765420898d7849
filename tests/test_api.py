"""`api.check_source`: one buffer through the rules as `api.run` would treat the file."""
import subprocess

from conftest import ROOT
from iacfix import api


def test_the_buffer_is_checked_not_the_file_on_disk(tmp_path):
    before = (ROOT / "examples/cdktf-python/lib/tap_stack.py").read_bytes()
    path = tmp_path / "lib" / "tap_stack.py"
    path.parent.mkdir()
    path.write_text("x = 1\n")  # the disk says nothing iacfix cares about
    result = api.check_source(path, before)
    assert result.language == "python" and result.findings
    assert path.read_text() == "x = 1\n"


def test_the_project_is_searched_up_to_the_enclosing_repository(tmp_path):
    repo = tmp_path / "repo"
    (repo / "lib").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for name in ("cdktf.json", "package.json"):
        (repo / name).write_bytes((ROOT / "examples/cdktf-typescript" / name).read_bytes())
    context = api.context_for(repo / "lib" / "stack.ts", api.config_mod.Config())
    assert context.project == repo.resolve()
    assert context.target.provider == "21.22.1"  # read from the manifest one level up
    # without a repository the search stays in the file's folder
    alone = tmp_path / "elsewhere"
    alone.mkdir()
    assert api.context_for(alone / "stack.ts", api.config_mod.Config()).project == alone
