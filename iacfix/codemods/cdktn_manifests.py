"""IAC602 cdktn-manifests."""
from __future__ import annotations

import json
import re

from iacfix.codemods import _cdktn
from iacfix.codemods.cdktn_s3_backend_lockfile import TARGETS, USES_LOCKFILE
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

_VERSION = re.compile(r"\d+(?:\.\d+)*")
# one requirement line: name, extras, the specifier up to a marker or comment
_REQ_LINE = re.compile(r"(?m)^[ \t]*([A-Za-z0-9][A-Za-z0-9._-]*)[ \t]*(\[[^\]\r\n]*\])?[ \t]*([<>=!~][^;#\r\n]*)?")
_SIMPLE_PIP = re.compile(r"^(===|==|>=|~=)\s*\d+(?:\.\d+)*\s*$")
_PIPFILE_LINE = re.compile(r'(?m)^[ \t]*("?)([A-Za-z0-9][A-Za-z0-9._-]*)\1[ \t]*=[ \t]*(.*)$')
_QUOTED = re.compile(r'(["\'])([^"\'\r\n]*)\1')
_SECTION = re.compile(r"(?m)^[ \t]*\[([^\]\r\n]+)\]")
_NPM_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
_JSON_PAIR = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*:\s*)"((?:[^"\\]|\\.)*)"')
_SIMPLE_NPM = re.compile(r"^(\^|~|>=|=)?v?\d+(?:\.\d+)*$")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pip_spec(spec: str, version: str) -> str:
    """The fork's version in the old specifier's style: `==`, `===`, `>=`, `~=` keep their operator;
    any other or compound specifier becomes `>=version` (its bounds were the old package's)."""
    spec = spec.strip()
    if not spec:
        return ""
    if _SIMPLE_PIP.match(spec):
        return _VERSION.sub(version, spec, count=1)
    return f">={version}"


def npm_spec(spec: str, version: str) -> str:
    """The same for an npm range: `^`, `~`, `>=`, `=` or an exact version keep their style; tags
    (`latest`), `*` and URLs stay; other ranges become `^version`."""
    if _SIMPLE_NPM.match(spec.strip()):
        return _VERSION.sub(version, spec, count=1)
    if not _VERSION.search(spec) or ":" in spec or "/" in spec:
        return spec
    return f"^{version}"


def _object_span(text: str, key: str) -> tuple[int, int] | None:
    """Character range of the body of `"key": { … }` (a flat object: dependencies, scripts)."""
    m = re.search(r'"%s"\s*:\s*\{' % re.escape(key), text)
    if m is None:
        return None
    end = text.find("}", m.end())
    return (m.end(), end) if end != -1 else None


class CdktnManifests(Rule):
    """Dependency manifests moved from CDKTF to CDK Terrain (`cdktn`), with IAC601 `cdktn-imports`
    for the code. Opt-in (select `IAC602` or `cdktn-manifests`), unsafe: it changes what is
    installed.

    * `requirements*.txt` and `Pipfile`: `cdktf` → `cdktn`, `cdktf-cdktf-provider-aws` →
      `cdktn-provider-aws`; a `==`, `===`, `>=` or `~=` version keeps its operator and takes the
      fork's PyPI version (`cdktf==0.21.0` → `cdktn==0.24.0`), other specifiers become `>=` it,
      an entry without a version stays without one.
    * `package.json`: `cdktf`, `cdktf-cli` and `@cdktf/provider-aws` in the dependency sections →
      `cdktn`, `cdktn-cli`, `@cdktn/provider-aws` with the fork's npm versions (`^`, `~`, `>=`,
      exact kept; `*` and tags kept); in `scripts`, the CLI command `cdktf …` → `cdktn …` (the
      fork's CLI binary is `cdktn`) and the package names in commands such as `npm i cdktf@latest`.
      `cdktf.out` and other `cdktf.`-prefixed words are not commands and stay.
    * `cdktf.json` keeps its name and keys: cdktn-cli 0.24.0 still reads `cdktf.json` (its bundle's
      config file name), with the same `language`, `app`, `terraformProviders`, `context` and
      output folder `cdktf.out` (its `cdktn init` templates write the same keys); nothing in it
      names the bindings. One addition: when the project's code sets the S3 backend's
      `use_lockfile` (the override, which IAC603 turns into the fork's native argument, or that
      argument itself) and cdktf.json declares
      no `targetVersions`, it gets `{"terraform": ">=1.10.0", "opentofu": ">=1.10.0"}` — what the
      override already requires, and what cdktn's synth-time check of `useLockfile` needs (with
      nothing declared it assumes Terraform `>=1.5.7` and fails).

    The versions come from data: the PyPI ones from the shipped cdktn indexes (core 0.24.0,
    `cdktn-provider-aws` 25.8.1), the npm ones from `knowledge/data/cdktn-npm.json`
    (`@cdktn/provider-aws` is 25.7.0 on npm). Not handled: `pyproject.toml` and `setup.py` (the
    manifest front end does not read them), table-form Pipfile entries with a version (the key is
    renamed, the version is kept), other `@cdktf/provider-*` packages (only the AWS provider's
    fork is indexed).
    """

    id = "IAC602"
    slug = "cdktn-manifests"
    summary = "CDKTF packages in requirements/Pipfile/package.json moved to CDK Terrain's"
    rationale = "issue 8: bulk migration from the archived CDKTF to its community fork CDK Terrain"
    languages = ("manifest",)
    applicability = Applicability.UNSAFE
    opt_in = True
    rule_set = "cdktn"
    examples = (
        Example("manifest", """\
cdktf==0.21.0  # core
cdktf-cdktf-provider-aws>=21.0.0
constructs>=10.4.2
""", """\
cdktn==0.24.0  # core
cdktn-provider-aws>=25.8.1
constructs>=10.4.2
""", path="requirements.txt"),
        Example("manifest", """\
{
  "scripts": {
    "synth": "cdktf synth",
    "upgrade": "npm i cdktf@latest cdktf-cli@latest"
  },
  "dependencies": {
    "@cdktf/provider-aws": "^21.22.1",
    "cdktf": "^0.21.0",
    "cdktf-cli": "0.21.0"
  }
}
""", """\
{
  "scripts": {
    "synth": "cdktn synth",
    "upgrade": "npm i cdktn@latest cdktn-cli@latest"
  },
  "dependencies": {
    "@cdktn/provider-aws": "^25.7.0",
    "cdktn": "^0.24.0",
    "cdktn-cli": "0.24.0"
  }
}
""", path="package.json"),
        # already on the fork
        Example("manifest", "cdktn==0.24.0\ncdktn-provider-aws==25.8.1\n", path="requirements.txt"),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return True  # the front end only accepts cdktf.json and manifests that name cdktf/cdktn

    def check_manifest(self, doc, ctx):
        if doc.kind == "cdktf.json":
            yield from self._cdktf_json(doc, ctx)
            return
        check = {"requirements": self._requirements, "pipfile": self._pipfile,
                 "package.json": self._package_json}.get(doc.kind)
        if check is None:
            return
        edits = list(check(doc))
        if edits:
            yield _cdktn.migration_finding(self, doc.source, edits, f"CDKTF packages moved to CDK Terrain's "
                                           f"({len(edits)} edit(s); unsafe: changes what is installed)")

    @staticmethod
    def _pypi_renames() -> dict[str, tuple[str, str]]:
        """canonical old distribution → (new distribution, its version)."""
        old, new = _cdktn.families()
        versions = _cdktn.pypi_versions()
        return {old.core_dist: (new.core_dist, versions[new.core_dist]),
                old.provider_dist: (new.provider_dist, versions[new.provider_dist])}

    def _requirements(self, doc):
        renames, source = self._pypi_renames(), doc.source
        for m in _REQ_LINE.finditer(doc.text):
            target = renames.get(canonical(m.group(1)))
            if target is None:
                continue
            yield source.edit(m.start(1), m.end(1), target[0])
            if m.group(3) and m.group(3).strip():
                spec = m.group(3).rstrip()
                yield source.edit(m.start(3), m.start(3) + len(spec), pip_spec(spec, target[1]))

    def _pipfile(self, doc):
        renames, source, text = self._pypi_renames(), doc.source, doc.text
        sections = [(s.start(), s.group(1).strip()) for s in _SECTION.finditer(text)]
        for m in _PIPFILE_LINE.finditer(text):
            section = next((name for at, name in reversed(sections) if at < m.start()), "")
            target = renames.get(canonical(m.group(2)))
            if target is None or section not in ("packages", "dev-packages"):
                continue
            yield source.edit(m.start(2), m.end(2), target[0])
            value = _QUOTED.match(m.group(3))
            if value is not None and _VERSION.search(value.group(2)):
                at = m.start(3) + value.start(2)
                yield source.edit(at, at + len(value.group(2)), pip_spec(value.group(2), target[1]))

    def _package_json(self, doc):
        old, new = _cdktn.families()
        versions = _cdktn.npm_versions()
        renames = {old.core: new.core, old.cli: new.cli, old.provider_npm: new.provider_npm}
        source, text = doc.source, doc.text
        for section in _NPM_SECTIONS:
            span = _object_span(text, section)
            if span is None:
                continue
            for m in _JSON_PAIR.finditer(text, *span):
                name = renames.get(m.group(1))
                if name is None:
                    continue
                yield source.edit(m.start(1), m.end(1), name)
                spec = npm_spec(m.group(3), versions[name])
                if spec != m.group(3):
                    yield source.edit(m.start(3), m.end(3), spec)
        span = _object_span(text, "scripts")
        if span is not None:
            # a package or command name as a word: not `cdktf.out`, `cdktf-foo`, `@cdktf/…`, `x/cdktf`
            # (`npx cdktf@0.21.0`: a version pinned in the command moves to the fork's too)
            words = re.compile(r"(?<![\w@/.-])(%s)(@\d[\w.]*)?(?![\w./-])" % "|".join(
                re.escape(k) for k in sorted(renames, key=len, reverse=True)))
            for m in _JSON_PAIR.finditer(text, *span):
                for w in words.finditer(m.group(3)):
                    name = renames[w.group(1)]
                    pinned = f"@{versions[name]}" if w.group(2) else ""
                    yield source.edit(m.start(3) + w.start(), m.start(3) + w.end(), name + pinned)

    def _cdktf_json(self, doc, ctx):
        """`targetVersions` declared for a project that sets `use_lockfile` (class docstring)."""
        if "targetVersions" in doc.data or ctx.project is None:
            return
        if not any(USES_LOCKFILE.search(text) for _, text in ctx.sources.files(".py", ".ts")):
            return
        text, nl = doc.text, doc.source.newline
        close = text.rstrip().rfind("}")
        last = len(text[:close].rstrip())
        indent = re.search(r'\n([ \t]+)"', text)
        one = indent.group(1) if indent else "  "
        body = f",{nl}".join(f"{one}{one}{json.dumps(k)}: {json.dumps(v)}" for k, v in TARGETS.items())
        comma = "" if text[last - 1] == "{" else ","
        edits = [doc.source.edit(last, last, f'{comma}{nl}{one}"targetVersions": {{{nl}{body}{nl}{one}}}')]
        if "\n" not in text[last:close]:
            edits.append(doc.source.edit(last, close, nl))
        yield doc.source.finding(self, last - 1, last, (
            "the project's code sets the S3 backend's `use_lockfile` (Terraform/OpenTofu 1.10+), which cdktn "
            "checks against `targetVersions`: declared here as what the override already requires"), edits)

