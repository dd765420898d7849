"""The rule base class and the registry.

A rule is one class in one module under `iacfix/codemods/` or `iacfix/cfn_transforms/`. Its
docstring is its documentation; `examples` are bad→good pairs that the test suite runs through the
real engine. A rule implements `check_<language>(doc, ctx)` for each language it supports and yields
`Finding`s made with `doc.source.finding(self, ...)`.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar, Iterable

from iacfix.fixes import Applicability, Finding


@dataclass(frozen=True)
class Example:
    """A bad→good pair. `after is None` means the input must come out unchanged: a valid case, or
    with `reported=True` a defect that is reported but has no automatic fix."""

    language: str
    before: str
    after: str | None = None
    path: str = ""  # file name used for detection; defaults by language
    # config overrides: {"target": {"provider": "19.51.0"}}, {"rules": {"slug": {"option": value}}}
    options: dict = field(default_factory=dict)
    reported: bool = False

    @property
    def filename(self) -> str:
        return self.path or {"python": "lib/stack.py", "typescript": "lib/stack.ts",
                             "cloudformation": "template.yaml", "workflow": ".github/workflows/ci.yml"}[self.language]


NAMES = 0  # Rule.phase of the name-repair rules


class Rule:
    id: ClassVar[str]
    slug: ClassVar[str]
    summary: ClassVar[str]
    rationale: ClassVar[str] = ""  # which seed correction(s) it generalises, in words
    seeds: ClassVar[tuple[str, ...]] = ()  # the seed corrections it covers, "003#8" (docs/seed-coverage.md)
    languages: ClassVar[tuple[str, ...]]
    applicability: ClassVar[Applicability] = Applicability.SAFE
    triggers: ClassVar[tuple[str, ...]] = ()  # a file containing none of these is never parsed
    examples: ClassVar[tuple[Example, ...]] = ()
    opt_in: ClassVar[bool] = False  # a project-hygiene check that runs only when selected by name or prefix
    rule_set: ClassVar[str | None] = None  # a named group selectable as one (`--select cdktn`)
    # runs a whole external linter on every text (seconds, not milliseconds): editors show the
    # other rules' findings first and this rule's when it is done
    slow: ClassVar[bool] = False
    options: ClassVar[dict] = {}  # option name → default; set in config under [rules.<slug>]
    option_choices: ClassVar[dict] = {}  # option name → allowed values, when closed
    # NAMES rules repair which names a file binds (imports, class names): while one of them still
    # has a fix, other rules' fixes wait, so they never act on, or add to, a name about to change
    phase: ClassVar[int] = 1

    def triggered(self, text: str, ctx, language: str) -> bool:
        """Cheap test on the raw text; override for something sharper than substrings."""
        return not self.triggers or any(t in text for t in self.triggers)

    def check(self, doc, ctx) -> Iterable[Finding]:
        method = getattr(self, f"check_{doc.language}", None)
        return method(doc, ctx) if method else ()

    @classmethod
    def fix_label(cls) -> str:
        """The fix applicability, or "none" for a diagnostic (a rule none of whose examples is fixed)."""
        return cls.applicability.value if cls.is_codemod() else "none"

    @classmethod
    def is_codemod(cls) -> bool:
        return any(ex.after is not None for ex in cls.examples)

    @classmethod
    def documentation(cls) -> str:
        return textwrap.dedent(inspect.getdoc(cls) or "").strip()


@lru_cache(maxsize=None)
def all_rules() -> tuple[Rule, ...]:
    """Every rule, instantiated once, in id order."""
    found: dict[str, Rule] = {}
    for package_name in ("iacfix.codemods", "iacfix.cfn_transforms"):
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package_name}.{info.name}")
            for obj in vars(module).values():
                if inspect.isclass(obj) and issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__:
                    if obj.id in found:
                        raise RuntimeError(f"duplicate rule id {obj.id}")
                    found[obj.id] = obj()
    return tuple(found[k] for k in sorted(found))


def lookup(key: str) -> Rule | None:
    """A rule by id (IAC101) or slug (provider-class-name), case-insensitive."""
    key = key.strip().lower()
    for rule in all_rules():
        if rule.id.lower() == key or rule.slug == key:
            return rule
    return None


def select(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """The rules chosen by --select / --ignore; ids, slugs, id prefixes (IAC1) and rule-set names
    (cdktn) are accepted.

    Opt-in rules run only when a selection names them (by id, slug, prefix or set), not by default
    and not with ALL."""

    def matches(rule: Rule, keys) -> bool:
        return any(rule.slug == k.lower() or rule.id.lower().startswith(k.lower()) or rule.rule_set == k.lower()
                   for k in keys)

    select, ignore = list(select), list(ignore)
    for key in select + ignore:
        if key.upper() != "ALL" and not any(matches(r, [key]) for r in all_rules()):
            raise KeyError(key)
    everything = "ALL" in (k.upper() for k in select)
    chosen = [r for r in all_rules() if (matches(r, select) if select and not everything else not r.opt_in)]
    return tuple(r for r in chosen if not matches(r, ignore))
