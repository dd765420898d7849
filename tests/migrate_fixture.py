"""A fleet of small git repositories for testing `iacfix migrate` at scale.

    python tests/migrate_fixture.py OUT_DIR --count 50 [--seed 0]

builds OUT_DIR/repos/<name>/ (one git repository each, one commit on `main`), OUT_DIR/repos.txt
(a listing `iacfix migrate` accepts: absolute paths, with comments and blank lines) and
OUT_DIR/fixture.json (what each repository is and what migrate should do with it).

The repositories come from `examples/` and from golden cases (`golden/<rule>/<case>/`), varied so
that they are not copies: stack classes, construct ids and name prefixes renamed, a subset of the
example files, the project at the root or under `infra/`, a README of its own. For a golden case the
same variation is applied to `before/` (the repository) and to `after/` (what the fixed repository
must be), so a test can compare the committed tree with a hand-written expectation. The cases in
`GOLDEN_CASES` are ones whose `before/` becomes exactly `after/` under the default rules and whose
`after/` is left alone by them; a rule added later that also fires on one of them breaks that, and
the case should then be swapped for another.

With the special repositories (count >= 12): three with uncommitted changes (a modified file, an
untracked file, a staged file), one folder that is not a git repository, one with an unparsable
file next to fixable ones, and one whose `.iacfix.toml` ignores IAC102.

Deterministic for a seed: same trees, same commit ids (fixed author, committer and dates).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# before/ → after/ exactly under the default rules, and after/ unchanged by them (checked when chosen)
GOLDEN_CASES = [
    "asg-tag-propagation/ts-module-namespace-missing-flag",
    "ci-cdktf-commands/ts-github-workflow-block-scripts-crlf",
    "ci-cdktf-commands/ts-seed-002-lib-ci-cd",
    "cognito-mfa/py-struct-import-several",
    "cognito-mfa/ts-seed-002-optional",
    "construct-id/py-data-resource-duplicate",
    "elasticache-encryption/py-coerce-provider-types",
    "hardcoded-account-id/py-module-import-fstring-bare",
    "hardcoded-account-id/ts-seed-002-oidc-role",
    "lambda-asset-path/py-fn-call-layer",
    "lambda-asset-path/py-nested-stacks-hash-string",
    "lambda-asset-path/ts-root-main-namespace-fn",
    "lambda-asset-path/ts-seed-002-enrollment",
    "missing-import/ts-namespace-and-outputs",
    "nested-block-shape/py-dict-to-struct-cognito-provider",
    "nested-block-shape/py-multi-file-lib-and-tests",
    "nested-block-shape/py-root-package-import-adds-import",
    "nested-block-shape/py-seed-004-both-rules",
    "nested-block-shape/py-seed-004-lifecycle-expiration",
    "nested-block-shape/py-silent-dicts-in-lists",
    "nested-block-shape/py-single-struct-unwrap",
    "nested-block-shape/ts-seed-002-token-validity-units",
    "nested-stack-construct/py-import-forms-multi-file",
    "nested-stack-construct/ts-seed-002-education-stack",
    "nested-stack-construct/ts-subclass-chain-crlf",
    "provider-class-name/py-list-struct-suffix",
    "provider-class-name/py-multi-region-peering-and-replica",
    "provider-class-name/py-root-package-import",
    "provider-class-name/py-seed-004-sse-config",
    "rds-engine-version/py-aurora-import-forms",
    "rds-engine-version/py-seed-003-postgres-14-7",
    "rds-engine-version/ts-aurora-postgres-import-forms",
    "scalar-type/py-cache-tg-eip-import-forms",
    "scalar-type/ts-alb-alarm-cache-literals",
    "scalar-type/ts-provider-alias-and-eip",
    "sdk-v3-secret-stage/ts-aliased-import-still-used",
    "sdk-v3-secret-stage/ts-namespace-import-stage-move",
    "sdk-v3-secret-stage/ts-seed-000-rotation-handler",
    "struct-class-position/py-list-struct-import-renamed",
    "struct-class-position/py-module-import-form",
    "struct-class-position/py-waf-rule-visibility-config",
    "tags-type/ts-spread-in-literal-and-member-chain",
    "test-imports-missing-class/py-relative-and-alias",
    "test-imports-missing-class/py-seed-004-trading-platform",
    "token-list-index/py-eks-oidc-and-azs",
    "token-list-index/py-element-fstring",
    "token-list-index/ts-azs-names-get",
    "token-list-index/ts-eks-identity-namespace",
    "unknown-property/py-api-shaped-block",
    "unknown-property/ts-renames-case-and-imports",
    "unknown-provider-name/py-untyped-block-dicts",
    "unknown-provider-name/ts-root-namespaces-and-unused",
    # CloudFormation costs a cfn-lint run; one is enough
    "secret-resolve-by-name/yaml-long-form-opensearch-master-user",
]

# files an example repository always keeps (they hold its findings) and the ones it may drop
EXAMPLE_FILES = {
    "cdktf-python": (["cdktf.json", "requirements.txt", "lib/__init__.py", "lib/tap_stack.py"],
                     ["tap.py", "lib/data_stack.py"]),
    "cdktf-typescript": (["cdktf.json", "package.json", "lib/tap-stack.ts"],
                         ["bin/tap.ts", "lib/education-stack.ts"]),
    "cloudformation": (["template.yaml"], []),
}

STACK_NAMES = ["OrdersStack", "BillingStack", "LedgerStack", "CatalogStack", "MediaStack", "SearchStack",
               "PaymentsStack", "InventoryStack", "ReportsStack", "GatewayStack"]
PROJECTS = ["orders", "billing", "ledger", "catalog", "media", "search", "payments", "inventory",
            "reports", "gateway", "identity", "shipping"]
CONSTRUCT_IDS = {"data": ["store", "archive", "uploads"], "users": ["members", "accounts", "people"],
                 "web-tg": ["app-tg", "api-tg", "front-tg"]}

# a file a rule is interested in (it imports the provider) that no parser accepts
BROKEN_PY = (b"from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\n\n\n"
             b"def build_bucket(scope:\n    return S3Bucket(scope, 'b'\n")

EPOCH = "2024-01-02T03:04:05+00:00"
GIT_ENV = {"GIT_AUTHOR_DATE": EPOCH, "GIT_COMMITTER_DATE": EPOCH, "GIT_CONFIG_NOSYSTEM": "1"}


@dataclass
class FixtureRepo:
    """One generated repository and what `iacfix migrate` should make of it."""
    name: str
    path: Path
    kind: str  # fixable | clean | dirty | not-a-repo | unparsable | configured
    origin: str  # examples/<name> or golden/<rule>/<case>/{before,after}
    author: tuple[str, str] | None = None  # the repository's user.name / user.email
    head: str | None = None  # the commit the repository was created with
    expected: dict[str, bytes] | None = None  # the whole fixed tree, when known independently
    files: dict[str, bytes] = field(default_factory=dict)  # the committed tree

    @property
    def expected_changed_files(self) -> set[str] | None:
        if self.expected is None:
            return None
        return {rel for rel in self.expected if self.expected[rel] != self.files.get(rel)}

    def to_dict(self) -> dict:
        return {"name": self.name, "path": str(self.path), "kind": self.kind, "origin": self.origin,
                "author": list(self.author) if self.author else None, "head": self.head,
                "expected_changed_files": sorted(self.expected_changed_files or ()) or None}


@dataclass
class Fixture:
    root: Path
    listing: Path  # the file to hand to `iacfix migrate`
    repos: list[FixtureRepo]

    def by_kind(self, *kinds: str) -> list[FixtureRepo]:
        return [repo for repo in self.repos if repo.kind in kinds]


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def read_tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.relative_to(folder).parts}


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _rename(files: dict[str, bytes], renames: dict[str, str]) -> dict[str, bytes]:
    """Whole-word renames in every file, the same in all of them so cross-file references still hold."""
    out = {}
    for rel, data in files.items():
        text = data.decode()
        for old, new in renames.items():
            text = re.sub(rf"\b{re.escape(old)}\b", new, text)
        out[rel] = text.encode()
    return out


def _quoted_ids(files: dict[str, bytes], ids: dict[str, str]) -> dict[str, bytes]:
    out = {}
    for rel, data in files.items():
        text = data.decode()
        for old, new in ids.items():
            text = re.sub(rf"""(["']){re.escape(old)}\1""", rf"\g<1>{new}\g<1>", text)
        out[rel] = text.encode()
    return out


def _dress(files: dict[str, bytes], name: str, rng: random.Random) -> dict[str, bytes]:
    """Where the project sits and the files around it that no rule reads."""
    prefix = rng.choice(["", "", "infra/"])
    dressed = {prefix + rel: data for rel, data in files.items()}
    dressed["README.md"] = f"# {name}\n\nInfrastructure for {name}; owned by team {rng.randint(1, 9)}.\n".encode()
    if rng.random() < 0.5:
        dressed[".gitignore"] = b"cdktf.out/\nnode_modules/\n.terraform/\n"
    return dressed


def _example(kind: str, name: str, rng: random.Random) -> dict[str, bytes]:
    source = ROOT / "examples" / kind
    keep, optional = EXAMPLE_FILES[kind]
    chosen = keep + [rel for rel in optional if rng.random() < 0.6]
    files = {rel: (source / rel).read_bytes() for rel in chosen}
    project = rng.choice(PROJECTS)
    if kind == "cloudformation":
        return _rename(files, {"orders": project})
    files = _rename(files, {"TapStack": rng.choice(STACK_NAMES), "example": project})
    return _quoted_ids(files, {old: rng.choice(new) for old, new in CONSTRUCT_IDS.items()})


def _commit(repo: Path, files: dict[str, bytes], author: tuple[str, str]) -> str:
    repo.mkdir(parents=True)
    write_files(repo, files)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", author[0])
    git(repo, "config", "user.email", author[1])
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Initial infrastructure")
    return git(repo, "rev-parse", "HEAD")


SPECIALS = ["dirty-modified", "dirty-untracked", "dirty-staged", "not-a-repo", "unparsable", "configured"]


def build(out_dir: str | Path, count: int = 50, seed: int = 0, specials: bool | None = None) -> Fixture:
    """Generate `count` repositories under out_dir/repos (out_dir must not hold a previous build)."""
    out = Path(out_dir).resolve()
    repos_dir = out / "repos"
    repos_dir.mkdir(parents=True)
    rng = random.Random(seed)
    specials = count >= 12 if specials is None else specials
    slots = list(SPECIALS) if specials else []
    ordinary = count - len(slots)
    examples = max(1, ordinary // 8)  # a few whole examples; the rest golden cases, about a third clean
    clean = ordinary // 3
    slots += [f"example:{k}" for k in rng.choices(sorted(EXAMPLE_FILES), k=examples)]
    cases = rng.sample(GOLDEN_CASES, k=min(len(GOLDEN_CASES), ordinary - examples))
    cases += rng.choices(GOLDEN_CASES, k=ordinary - examples - len(cases))
    slots += [f"clean:{case}" for case in cases[:clean]] + [f"fixable:{case}" for case in cases[clean:]]
    rng.shuffle(slots)

    repos = []
    for index, slot in enumerate(slots, 1):
        kind, _, source = slot.partition(":")
        short = (source.rsplit("/", 1)[-1] if source else kind)[:32].strip("-")
        name = f"{index:02d}-{short}"
        path = repos_dir / name
        author = (f"Dev {index:02d}", f"dev{index:02d}@example.test")
        repo = FixtureRepo(name, path, kind, "", author)
        if kind in ("fixable", "clean"):
            case = ROOT / "golden" / source
            state = rng.getstate()
            before = _dress(read_tree(case / "before"), name, rng)
            rng.setstate(state)  # the same dressing for after/
            after = _dress(read_tree(case / "after"), name, rng)
            repo.origin = f"golden/{source}/{'before' if kind == 'fixable' else 'after'}"
            repo.files = before if kind == "fixable" else after
            repo.expected = after
        elif kind == "example":
            repo.kind = "fixable"
            repo.origin = f"examples/{source}"
            repo.files = _dress(_example(source, name, rng), name, rng)
        elif kind == "configured":
            repo.origin = "examples/cdktf-python"
            repo.files = _dress(_example("cdktf-python", name, rng), name, rng)
            repo.files[".iacfix.toml"] = b'ignore = ["IAC102"]  # this team fixes block shapes by hand\n'
        elif kind == "unparsable":
            repo.origin = "examples/cdktf-typescript + a broken Python file"
            repo.files = _dress(_example("cdktf-typescript", name, rng), name, rng)
            repo.files["scripts/broken_bucket.py"] = BROKEN_PY
        else:  # dirty-* and not-a-repo: a fixable project that migrate must leave alone
            repo.kind = "dirty" if kind.startswith("dirty") else kind
            repo.origin = "examples/cdktf-python"
            repo.files = _dress(_example("cdktf-python", name, rng), name, rng)
        if kind == "not-a-repo":
            repo.author = None
            path.mkdir()
            write_files(path, repo.files)
        else:
            repo.head = _commit(path, repo.files, author)
        if kind == "dirty-modified":
            stack = next(rel for rel in repo.files if rel.endswith("tap_stack.py"))
            with open(path / stack, "ab") as handle:
                handle.write(b"# work in progress\n")
        elif kind == "dirty-untracked":
            (path / "NOTES.txt").write_bytes(b"not committed yet\n")
        elif kind == "dirty-staged":
            (path / "CHANGELOG.md").write_bytes(b"- staged, not committed\n")
            git(path, "add", "CHANGELOG.md")
        repos.append(repo)

    listing = out / "repos.txt"
    lines = [f"# {len(repos)} repositories generated by tests/migrate_fixture.py (seed {seed})", ""]
    for repo in repos:
        if repo.kind == "dirty":
            lines.append("# uncommitted changes: must be skipped")
        lines.append(str(repo.path))
    listing.write_text("\n".join(lines) + "\n")
    fixture = Fixture(out, listing, repos)
    (out / "fixture.json").write_text(json.dumps({"seed": seed, "repos": [r.to_dict() for r in repos]}, indent=2) + "\n")
    return fixture


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--force", action="store_true", help="delete OUT_DIR first")
    args = parser.parse_args(argv)
    if args.force and Path(args.out_dir).exists():
        shutil.rmtree(args.out_dir)
    fixture = build(args.out_dir, args.count, args.seed)
    kinds: dict[str, int] = {}
    for repo in fixture.repos:
        kinds[repo.kind] = kinds.get(repo.kind, 0) + 1
    print(f"{len(fixture.repos)} repositories in {fixture.root / 'repos'} ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))});"
          f" listing: {fixture.listing}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
