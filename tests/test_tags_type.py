"""IAC117 tags-type: what the in-file type resolution judges, strictness, refusals, idempotence."""
from iacfix import api
from iacfix.config import Config, Target
from iacfix.engine import Context, process
from iacfix.rules import lookup

RULE = lookup("IAC117")
HEAD = "import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\n\n"


def run(text, path="lib/stack.ts"):
    result = process(path, text.encode(), [RULE], Context(Target(), Config()), fix=True)
    assert result.error is None and result.internal_error is None
    return result


def fixed(text):
    out = (run(text).fixed or text.encode()).decode()
    assert not run(out).changed, "a second run must change nothing"
    return out


def messages(text):
    return [f.message for f in run(text).findings]


def test_interface_member_chain_and_optional_chaining():
    text = HEAD + """\
interface Tags { Team: string }
interface Props { tags: Tags; name?: string }

export function make(scope: Construct, props?: Props) {
  new S3Bucket(scope, 'b', { tags: props?.tags });
}
"""
    assert "tags: { ...props?.tags }" in fixed(text)


def test_interface_with_index_signature_or_alias_is_fine():
    text = HEAD + """\
interface Indexed { [key: string]: string; Team: string }
type Alias = { Team: string; Owner?: string };
type Rec = Record<string, string>;

export function make(scope: Construct, a: Indexed, b: Alias, c: Rec, d: Record<string, any>) {
  new S3Bucket(scope, 'a', { tags: a });
  new S3Bucket(scope, 'b', { tags: b });
  new S3Bucket(scope, 'c', { tags: c });
  new S3Bucket(scope, 'd', { tags: d });
}
"""
    assert not run(text).findings


def test_non_string_values_and_maps_are_reported_not_fixed():
    text = HEAD + """\
interface Meta { Name: string; Count: number }
type Flags = { [key: string]: boolean };

export function make(scope: Construct, meta: Meta, flags: Flags, m: Map<string, string>, r: Record<string, unknown>) {
  new S3Bucket(scope, 'a', { tags: meta });
  new S3Bucket(scope, 'b', { tags: flags });
  new S3Bucket(scope, 'c', { tags: m });
  new S3Bucket(scope, 'd', { tags: r });
  new S3Bucket(scope, 'e', { tags: { ...meta, Extra: 'x' } });
}
"""
    result = run(text)
    assert not result.changed
    found = [f.message for f in result.findings]
    assert len(found) == 5
    assert "`Count: number`" in found[0] and "String(v)" in found[0]
    assert "Object.fromEntries(m)" in found[2]


def test_types_the_rule_cannot_see_are_left_alone():
    text = HEAD + """\
import { CommonTags } from './tags';

interface Local { Team: string }

export function make(scope: Construct, imported: CommonTags, inferred = { Team: 'x' }) {
  const x: Local = { Team: 'a' };
  new S3Bucket(scope, 'a', { tags: imported });
  new S3Bucket(scope, 'b', { tags: inferred });
  new S3Bucket(scope, 'c', { tags: buildTags() });
  new S3Bucket(scope, 'd', { tags: x as any });
}

function other(x: string) {
  return x;
}
"""
    assert not run(text).findings


def test_a_name_declared_with_different_types_is_not_judged():
    text = HEAD + """\
interface A { Team: string }

function one(scope: Construct, tags: A) {
  new S3Bucket(scope, 'a', { tags: tags });
}

function two(scope: Construct, tags: { [key: string]: string }) {
  new S3Bucket(scope, 'b', { tags: tags });
}
"""
    assert not run(text).findings


def test_interface_whose_base_is_not_in_the_file_is_not_judged():
    text = HEAD + """\
import { BaseTags } from './base';

interface Tags extends BaseTags { Team: string }

export function make(scope: Construct, tags: Tags) {
  new S3Bucket(scope, 'a', { tags: tags });
}
"""
    assert not run(text).findings


STRICT_CASE = HEAD + """\
export function make(scope: Construct, extra: Record<string, string | undefined>, p: Partial<Record<string, string>>) {
  new S3Bucket(scope, 'a', { tags: extra });
  new S3Bucket(scope, 'b', { tags: p });
  new S3Bucket(scope, 'c', { tags: { ...extra, Name: 'c' } });
}
"""


def test_undefined_values_reported_only_under_strict(tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    (tmp_path / "package.json").write_text('{"name": "x"}')
    (lib / "stack.ts").write_text(STRICT_CASE)
    loose = api.run([tmp_path], Config(), fix=False, select=["IAC117"])
    assert not loose.findings
    (tmp_path / "tsconfig.json").write_text('{\n  // strict mode\n  "compilerOptions": { "strict": true }\n}\n')
    strict = api.run([tmp_path], Config(), fix=False, select=["IAC117"])
    found = strict.findings
    assert [f.line for f in found] == [4, 5]  # the spread on line 6 is accepted by tsc
    assert all(f.fix is None and "filter" in f.message for f in found)


def test_crlf_and_shorthand():
    text = (HEAD + "interface T { A: string }\n\nexport function make(scope: Construct, tags: T) {\n"
            "  new S3Bucket(scope, 'a', { tags });\n}\n").replace("\n", "\r\n")
    out = fixed(text)
    assert "{ tags: { ...tags } }" in out
    assert out.count("\r\n") == text.count("\r\n")


def test_a_name_also_bound_by_destructuring_or_a_loop_is_not_judged():
    for other in ("function b(scope: Construct, { tags }: Props) {\n  new S3Bucket(scope, 'b', { tags: tags });\n}\n",
                  "function b(scope: Construct, all: any[]) {\n  for (const tags of all) new S3Bucket(scope, 'b', { tags: tags });\n}\n"):
        text = HEAD + ("interface T { A: string }\n\nfunction a(scope: Construct) {\n  const tags: T = { A: 'x' };\n"
                       "  new S3Bucket(scope, 'a', { tags: tags });\n}\n\n") + other
        assert not run(text).findings
