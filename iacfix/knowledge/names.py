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
