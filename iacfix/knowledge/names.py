"""Did-you-mean for names the provider or cdktf does not declare, shared by every repair rule.

A wrong name is compared with the names that are valid *at that place* (the classes of one
module, the properties of one struct, the static methods of `Fn`), never with a global list, so
the candidate set stays small and the answer means something. The comparison, in order:

1. the same name up to case and separators (`jsonDecode` → `jsondecode`, `S3controlBucket` →
   `S3ControlBucket`, `subnet-ids` → `subnetIds`);
2. singular/plural (`securityGroupId` → `securityGroupIds`);
3. Damerau-Levenshtein distance on the normalised names, at most `max_distance(name)` — one edit
   for names of up to 8 characters, two above — and never for names shorter than 4 characters.

Each step runs only when the previous one found nothing, and a step that finds several names
returns them all (the caller makes the fix unsafe or only reports). Refused on purpose: a
distance-based match for a name of fewer than 4 characters (`id`/`ip`/`az` are all one edit apart),
and anything that needs more than two edits (the families' known renames are tables, not guesses).
"""
from __future__ import annotations

import re
from typing import Iterable

from rapidfuzz.distance import DamerauLevenshtein

MIN_FUZZY_LENGTH = 4


def normalise(name: str) -> str:
    """Lower case without `_`, `-` and spaces: the key for "same up to case and separators"."""
    return name.replace("_", "").replace("-", "").replace(" ", "").lower()


def max_distance(name: str) -> int:
    """Edits allowed for a name of this length (0: no distance-based match at all)."""
    n = len(normalise(name))
    if n < MIN_FUZZY_LENGTH:
        return 0
    return 1 if n <= 8 else 2


def suggestions(name: str, candidates: Iterable[str]) -> list[str]:
    """Valid names `name` was probably meant to be, best first; [] when none is credible.

    `name` itself is never returned (the caller checks validity first)."""
    pool = [c for c in dict.fromkeys(candidates) if c != name]
    key = normalise(name)
    same = [c for c in pool if normalise(c) == key]
    if same:
        return same
    number = [c for c in pool if normalise(c) in (key + "s", key + "es", key[:-1] if key.endswith("s") else None)]
    if number:
        return number
    limit = max_distance(name)
    if not limit:
        return []
    scored = []
    for c in pool:
        d = DamerauLevenshtein.distance(key, normalise(c), score_cutoff=limit)
        if d <= limit:
            scored.append((d, c))
    scored.sort()
    if not scored:
        return []
    best = scored[0][0]
    return [c for d, c in scored if d == best]


def unique_suggestion(name: str, candidates: Iterable[str]) -> str | None:
    """The single credible candidate, or None when there is none or several."""
    found = suggestions(name, candidates)
    return found[0] if len(found) == 1 else None


# ---- word level ------------------------------------------------------------------------------
#
# The steps above compare letters; generated code also slips whole words, which no small edit
# distance reaches: `HealthCheckInterval` for `HealthCheckIntervalSeconds`, `KeyRotationEnabled`
# for `EnableKeyRotation`, `IncludeGlobalResources` for `IncludeGlobalResourceTypes`. Names are
# split into camel-case words (runs of capitals are one word: `RoleARN` → role, arn) and compared
# with these words set aside:
#
# - a trailing unit (`Seconds`, `Minutes`, `Hours`, `Days`, `Milliseconds`, `Millis`, optionally
#   after `In`): added or dropped, never exchanged for another unit (`TimeoutInMinutes` is not
#   `TimeoutSeconds`);
# - the flag word `Enable`/`Enabled` at either end (so `KeyRotationEnabled` ≈ `EnableKeyRotation`);
# - a trailing `Types` after a word (`ResourceTypes` ≈ `Resources`);
# - `prefix` words at the start (a CloudFormation resource type's own name: `Tags` ≈
#   `HealthCheckTags` on `AWS::Route53::HealthCheck`);
# - every word singular (`Metrics` ≈ `Metric`).
#
# `loose=True` also sets aside a trailing `Status` (`KeyRotationStatus` ≈ `EnableKeyRotation`) and
# swaps `Source` ↔ `Destination` where the candidates name only the other direction (the
# properties of an egress rule say `Destination…`, never `Source…`): weaker evidence, meant for
# fixes that need the user's consent. A name left with no word of its own matches nothing.

UNITS = ("seconds", "minutes", "hours", "days", "milliseconds", "millis")
_SAME_UNIT = {"millis": "milliseconds"}
_FLAGS = ("enable", "enabled")
_DIRECTIONS = {"source": "destination", "destination": "source"}
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def words(name: str) -> list[str]:
    """The camel-case words of `name`, lower case (`_`, `-`, spaces separate words too)."""
    return [w.lower() for w in _WORD.findall(name)]


def unit(name: str) -> str | None:
    """The unit word `name` ends with (`MaximumEventAgeInSeconds` → "seconds"; `Millis` →
    "milliseconds", one unit under two spellings), or None."""
    found = words(name)
    return _SAME_UNIT.get(found[-1], found[-1]) if found and found[-1] in UNITS else None


def _word_key(found: list[str], prefix: list[str], loose: bool) -> tuple[str, str | None] | None:
    found = list(found)
    unit_word = found.pop() if found and found[-1] in UNITS else None
    unit_word = _SAME_UNIT.get(unit_word, unit_word)
    if unit_word and found and found[-1] == "in":
        found.pop()
    if len(found) > 1 and found[-1] == "types":
        found.pop()
    if found and found[0] in _FLAGS:
        found.pop(0)
    if found and found[-1] in _FLAGS:
        found.pop()
    if loose and found and found[-1] == "status":
        found.pop()
    if prefix and found[:len(prefix)] == prefix and len(found) > len(prefix):
        found = found[len(prefix):]
    if not found:
        return None
    return "".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in found), unit_word


def word_suggestions(name: str, candidates: Iterable[str], *, prefix: str = "", loose: bool = False) -> list[str]:
    """Candidates that name the same thing as `name` word for word, up to the words set aside
    above (see the comment before `UNITS`); [] when none. `name` itself is never returned."""
    pool = [c for c in dict.fromkeys(candidates) if c != name]
    head = words(prefix)
    variants = [words(name)]
    if loose:
        for i, w in enumerate(variants[0]):
            other = _DIRECTIONS.get(w)
            if other and not any(w in words(c) for c in pool) and any(other in words(c) for c in pool):
                variants.append(variants[0][:i] + [other] + variants[0][i + 1:])
    out = []
    for found in variants:
        key = _word_key(found, head, loose)
        if key is None:
            continue
        for c in pool:
            other = _word_key(words(c), head, loose)
            if other and other[0] == key[0] and (key[1] is None or other[1] is None or key[1] == other[1]):
                out.append(c)
    return list(dict.fromkeys(out))
