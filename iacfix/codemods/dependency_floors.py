"""IAC405 dependency-floors."""
from __future__ import annotations

import re
from pathlib import Path

from iacfix.fixes import Applicability
from iacfix.languages import yaml
from iacfix.languages.cloudformation import CloudFormationDocument
from iacfix.rules import Example, Rule

# canonical package → the option holding its floor
_PY_PACKAGES = {"cdktf": "cdktf", "cdktf-cdktf-provider-aws": "provider_aws", "constructs": "constructs"}
_NPM_PACKAGES = {"cdktf": "cdktf", "cdktf-cli": "cdktf", "@cdktf/provider-aws": "provider_aws",
                 "constructs": "constructs"}
_NPM_SECTIONS = ("dependencies", "devDependencies", "peerDependencies")
_VERSION = re.compile(r"\d+(?:\.\d+)*")
# one requirement line: name, extras, specifier, the rest (markers, comment)
_REQ_LINE = re.compile(r"(?im)^[ \t]*([A-Za-z0-9][A-Za-z0-9._-]*)[ \t]*(\[[^\]\r\n]*\])?[ \t]*"
                       r"((?:[<>=!~]=?|===)[^;#\r\n]*)?")
_PIP_SPEC = re.compile(r"^\s*(>=|>|==|~=)\s*(\d+(?:\.\d+)*)\s*(?:,\s*<\s*(\d+(?:\.\d+)*)\s*)?$")
_NPM_SPEC = re.compile(r"^\s*(>=|\^|~|=)?\s*v?(\d+(?:\.\d+)*)\s*$")
_PIPFILE_LINE = re.compile(r'(?m)^[ \t]*"?([A-Za-z0-9][A-Za-z0-9._-]*)"?[ \t]*=[ \t]*(["\'])([^"\'\r\n]*)\2')
_SECTION = re.compile(r"(?m)^\s*\[([^\]]+)\]")
_LOGICAL_ID_CONTEXT = {"excludeStackIdFromLogicalIds": "true", "allowSepCharsInLogicalIds": "true"}


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("."))


def below(version: str, floor: str) -> bool:
    """`version` < `floor`, comparing release numbers padded with zeros."""
    a, b = version_tuple(version), version_tuple(floor)
    width = max(len(a), len(b))
    return a + (0,) * (width - len(a)) < b + (0,) * (width - len(b))


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def raise_pip_spec(spec: str, floor: str) -> tuple[str, bool] | None:
    """(new specifier, safe) for a pip specifier whose lower bound is under `floor`; None when it is
    fine or not a simple form. `>=`/`>` floors are raised safely (the newest allowed version does
    not change); `==`/`~=` pins move to the floor with the same operator, unsafe (what gets
    installed changes). A `<` upper bound at or under the floor cannot be fixed: None."""
    m = _PIP_SPEC.match(spec)
    if m is None:
        return None
    op, version, upper = m.groups()
    if not below(version, floor) or (upper and not below(floor, upper)):
        return None
    new_op = ">=" if op == ">" else op
    return spec[:m.start(1)] + new_op + spec[m.end(1):m.start(2)] + floor + spec[m.end(2):], op in (">=", ">")


def raise_npm_spec(spec: str, floor: str) -> tuple[str, bool] | None:
    """The same for an npm range: `>=` and a `^` within the floor's major (1 and up) are raised
    safely (the newest version allowed stays the same); other `^`, `~` and exact versions keep their
    operator and move to the floor, unsafe (`^0.15` → `^0.20` is a new release line: new APIs)."""
    m = _NPM_SPEC.match(spec)
    if m is None:
        return None
    op, version = m.groups()
    if not below(version, floor):
        return None
    major, floor_major = version_tuple(version)[0], version_tuple(floor)[0]
    same_line = op == "^" and major >= 1 and major == floor_major  # ^10.0.0 → ^10.3.0: same newest
    return spec[:m.start(2)] + floor + spec[m.end(2):], op == ">=" or same_line


class DependencyFloors(Rule):
    """CDKTF dependency floors older than the versions the code (and iacfix's fixes) target, and a
    `cdktf.json` that cannot start the app or misses the settings new projects get.

    Seed 003 #22: `cdktf>=0.15.0`, `cdktf-cdktf-provider-aws>=10.0.0` and no `constructs` →
    `cdktf>=0.20.0`, `cdktf-cdktf-provider-aws>=19.0.0`, `constructs>=10.3.0`. The code iacfix fixes
    is written against provider 19+ struct shapes and class names (IAC101/IAC102 follow the
    provider index of the target) and cdktf 0.20+; older floors let a fresh install resolve APIs
    the code does not match.

    Checked, in manifests that name cdktf: `requirements*.txt`, `Pipfile` (`[packages]`,
    `[dev-packages]`, `name = "spec"` entries), `package.json` (`dependencies`, `devDependencies`,
    `peerDependencies`; `cdktf-cli` follows the cdktf floor), for `cdktf`, the AWS provider
    (`cdktf-cdktf-provider-aws` / `@cdktf/provider-aws`) and `constructs`. Floors are options:
    `cdktf` (default `0.20.0`), `provider_aws` (`19.0.0`), `constructs` (`10.3.0`), the seed's IDEAL.

    Fixes: a `>=` / `>` lower bound under the floor is raised (safe: the newest version allowed
    stays the same, old ones are excluded; likewise npm `^10.0.0` → `^10.3.0`). A pin or a range
    capped under the floor (`==0.15.0`, `~=0.15`, npm `^0.15.0`, `^10.0.0` for provider 19,
    `~0.15.0`, `0.15.0`) moves to the floor with the same operator: unsafe, it changes what is
    installed. `constructs` missing next to cdktf is added with the
    floor (`constructs>=10.3.0`, npm `^10.3.0`; safe: cdktf already depends on it). Left alone:
    unbounded entries (`cdktf`, `"*"`), ranges with an upper bound at or under the floor, git/URL
    requirements, environment markers (kept as they are when the version is raised), table-form
    Pipfile entries.

    `cdktf.json` (seed 003 #21): an `app` run through `pipenv run` in a project that installs with
    pip (a `requirements*.txt` and no `Pipfile` in its folder or the three above, as far as pipenv
    looks) cannot start (safe fix: `pipenv run ` removed; without a requirements file the Pipfile
    may simply live elsewhere, so it is left alone); a missing `sendCrashReports` gets `"false"`
    (safe: telemetry only); a cdktf.json without any `context` gets the logical-id flags
    `cdktf init` writes, `excludeStackIdFromLogicalIds` and `allowSepCharsInLogicalIds` = `"true"` —
    unsafe, because they change the logical ids, so Terraform would replace resources already
    deployed. An explicit `context` (even `{}`) is a choice and is left alone.
    """

    id = "IAC405"
    slug = "dependency-floors"
    summary = "cdktf / provider / constructs floors under the targeted versions raised; cdktf.json completed"
    rationale = "seed 003 #21 (cdktf.json app and context), seed 003 #22 (cdktf>=0.15, provider>=10 → 0.20 / 19 / constructs 10.3)"
    seeds = ("003#21", "003#22")
    languages = ("manifest",)
    applicability = Applicability.SAFE
    options = {"cdktf": "0.20.0", "provider_aws": "19.0.0", "constructs": "10.3.0"}
    examples = (
        Example("manifest", """\
# MODEL_RESPONSE - Older versions
cdktf>=0.15.0
cdktf-cdktf-provider-aws>=10.0.0
""", """\
# MODEL_RESPONSE - Older versions
cdktf>=0.20.0
constructs>=10.3.0
cdktf-cdktf-provider-aws>=19.0.0
""", path="requirements.txt"),
        Example("manifest", """\
{
  "name": "tap",
  "dependencies": {
    "@cdktf/provider-aws": ">=12.0.0",
    "cdktf": "^0.21.0",
    "constructs": "^10.4.2"
  }
}
""", """\
{
  "name": "tap",
  "dependencies": {
    "@cdktf/provider-aws": ">=19.0.0",
    "cdktf": "^0.21.0",
    "constructs": "^10.4.2"
  }
}
""", path="package.json"),
        Example("manifest", """\
{
  "language": "python",
  "app": "python tap.py"
}
""", """\
{
  "language": "python",
  "app": "python tap.py",
  "context": {
    "excludeStackIdFromLogicalIds": "true",
    "allowSepCharsInLogicalIds": "true"
  },
  "sendCrashReports": "false"
}
""", path="cdktf.json"),
        # valid: floors already met, unbounded entries
        Example("manifest", """\
cdktf>=0.21.0
cdktf-cdktf-provider-aws
constructs>=10.4.2  # pinned by the platform team
""", path="requirements.txt"),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return True  # the front end only accepts manifests that name cdktf

    def _floor(self, ctx, option: str) -> str:
        return str(ctx.option(self, option))

    def check_manifest(self, doc, ctx):
        check = {"requirements": self._requirements, "pipfile": self._pipfile,
                 "package.json": self._package_json, "cdktf.json": self._cdktf_json}[doc.kind]
        yield from check(doc, ctx)

    def _version_finding(self, doc, start, end, package, old, new, safe, floor):
        how = "raised" if safe else "moved (unsafe: changes what is installed)"
        message = f"`{package}` floor `{old.strip()}` is under {floor}, the version the code targets; {how} to `{new.strip()}`"
        return doc.source.finding(self, start, end, message, [doc.source.edit(start, end, new)],
                                  Applicability.SAFE if safe else Applicability.UNSAFE)

    # -- requirements.txt --------------------------------------------------------------------
    def _requirements(self, doc, ctx):
        text, nl = doc.text, doc.source.newline
        seen, cdktf_line_end = set(), None
        for m in _REQ_LINE.finditer(text):
            package = canonical(m.group(1))
            option = _PY_PACKAGES.get(package)
            if option is None:
                continue
            seen.add(package)
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end == -1 else line_end + 1
            if package == "cdktf":
                cdktf_line_end = line_end
            spec = m.group(3)
            if not spec:
                continue
            floor = self._floor(ctx, option)
            raised = raise_pip_spec(spec.rstrip(), floor)
            if raised is None:
                continue
            start = m.start(3)
            yield self._version_finding(doc, start, start + len(spec.rstrip()), package, spec, raised[0],
                                        raised[1], floor)
        if "cdktf" in seen and "constructs" not in seen and cdktf_line_end is not None:
            floor = self._floor(ctx, "constructs")
            at = cdktf_line_end
            line = f"constructs>={floor}"
            edit_text = (nl + line) if at == len(text) and not text.endswith("\n") else line + nl
            line_no = text.count("\n", 0, max(at - 1, 0))
            start = doc.source.offset(line_no + 1, 0)
            yield doc.source.finding(self, start, at, f"`constructs` is missing next to cdktf; added with the floor {floor}",
                                     [doc.source.edit(at, at, edit_text)])

    # -- Pipfile -----------------------------------------------------------------------------
    def _pipfile(self, doc, ctx):
        text, nl = doc.text, doc.source.newline
        sections = [(m.start(), m.group(1).strip()) for m in _SECTION.finditer(text)]

        def section_at(offset: int) -> str | None:
            current = None
            for start, name in sections:
                if start <= offset:
                    current = name
            return current

        seen, cdktf_end = set(), None
        for m in _PIPFILE_LINE.finditer(text):
            if section_at(m.start()) not in ("packages", "dev-packages"):
                continue
            package = canonical(m.group(1))
            option = _PY_PACKAGES.get(package)
            if option is None:
                continue
            seen.add(package)
            if package == "cdktf":
                line_end = text.find("\n", m.end())
                cdktf_end = len(text) if line_end == -1 else line_end + 1
            floor = self._floor(ctx, option)
            raised = raise_pip_spec(m.group(3), floor)
            if raised is None:
                continue
            yield self._version_finding(doc, m.start(3), m.end(3), package, m.group(3), raised[0], raised[1], floor)
        if "cdktf" in seen and "constructs" not in seen and cdktf_end is not None:
            floor = self._floor(ctx, "constructs")
            line = f'constructs = ">={floor}"'
            at = cdktf_end
            edit_text = (nl + line) if at == len(text) and not text.endswith("\n") else line + nl
            yield doc.source.finding(self, at - 1 if at else 0, at, f"`constructs` is missing next to cdktf; added with the floor {floor}",
                                     [doc.source.edit(at, at, edit_text)])

    # -- package.json ------------------------------------------------------------------------
    def _json(self, doc) -> CloudFormationDocument:
        return CloudFormationDocument(doc.source, yaml.load(doc.text))

    def _package_json(self, doc, ctx):
        located = None
        has_cdktf = has_constructs = False
        for section in _NPM_SECTIONS:
            deps = doc.data.get(section)
            if not isinstance(deps, dict):
                continue
            has_cdktf |= "cdktf" in deps
            has_constructs |= "constructs" in deps
            for package, spec in deps.items():
                option = _NPM_PACKAGES.get(package)
                if option is None or not isinstance(spec, str):
                    continue
                floor = self._floor(ctx, option)
                raised = raise_npm_spec(spec, floor)
                if raised is None:
                    continue
                located = located or self._json(doc)
                span = located.span((section, package))
                if span is None:
                    continue
                start, end = span
                yield self._version_finding(doc, start + 1, end - 1, package, spec, raised[0], raised[1], floor)
        deps = doc.data.get("dependencies")
        if has_cdktf and not has_constructs and isinstance(deps, dict) and "cdktf" in deps:
            located = located or self._json(doc)
            floor = self._floor(ctx, "constructs")
            edit = located.insert_entry(("dependencies",), "constructs", f"^{floor}", after="cdktf")
            span = located.span(("dependencies", "cdktf"))
            if edit is not None and span is not None:
                yield doc.source.finding(self, span[0], span[1],
                                         f"`constructs` is missing next to cdktf; added with the floor ^{floor}", [edit])

    # -- cdktf.json --------------------------------------------------------------------------
    def _cdktf_json(self, doc, ctx):
        data = doc.data
        located = self._json(doc)
        app = data.get("app")
        if isinstance(app, str) and app.startswith("pipenv run ") and _pip_managed(Path(doc.source.path).parent):
            span = located.span(("app",))
            if span is not None and doc.text[span[0]:span[1]] == f'"{app}"':
                start, end = span
                yield doc.source.finding(
                    self, start, end, "`app` runs through `pipenv run` but the project has no Pipfile: "
                    "`cdktf synth` cannot start it; `pipenv run ` removed",
                    [doc.source.edit(start + 1, start + 1 + len("pipenv run "), "")])
        if "context" not in data:
            message = ("no `context`: the logical-id flags `cdktf init` writes (`excludeStackIdFromLogicalIds`, "
                       "`allowSepCharsInLogicalIds`) are missing; unsafe fix: added as \"true\" — logical ids "
                       "change, deployed resources would be replaced")
            edit = located.insert_entry((), "context", dict(_LOGICAL_ID_CONTEXT))
            if edit is not None:
                yield doc.source.finding(self, 0, 1, message, [edit], Applicability.UNSAFE)
        if "sendCrashReports" not in data:
            edit = located.insert_entry((), "sendCrashReports", "false")
            if edit is not None:
                yield doc.source.finding(self, 0, 1, "`sendCrashReports` is not set; set to \"false\" (telemetry only)", [edit])


def _pip_managed(folder: Path) -> bool:
    """The project installs with pip: a requirements file and no Pipfile in the folder or the three
    above it (pipenv looks that far up)."""
    if not any(folder.glob("requirements*.txt")):
        return False
    for parent in [folder, *list(folder.resolve().parents)[:3]]:
        if (parent / "Pipfile").exists():
            return False
    return True
