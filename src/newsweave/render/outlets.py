"""One outlet, one name: the spellings a corpus gives one outlet folded together for display.

Feeds and datasets name an outlet with a section or format after it ("New York Times (News)",
"CNN (Online News)"), with or without "The", in capitals or not. A reader counting the
outlets of a story should see "New York Times" once. Only those differences fold: a name with
other words ("New York Post", "New York Times Magazine") stays an outlet of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# A qualifier in brackets at the end: "(News)", "(Online News)", "(Opinion)". Bounded, so a
# long odd name costs one pass; (?<!\s): tried only where a run of blanks starts, not again
# inside it (a long run made the search quadratic).
_QUALIFIER = re.compile(r"(?<!\s)\s*[(\[][^()\[\]]{1,40}[)\]]\s*$")
# No outlet's name is this long; an odd longer one is shown as it is (and stripping bracket after
# bracket from it could cost a pass per bracket).
_MAX_FOLDED_CHARS = 200
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def display_name(name: str) -> str:
    """The name as shown: single spaces, without bracketed qualifiers at the end (unless that is all of it)."""
    flat = " ".join(name.split())
    if len(flat) > _MAX_FOLDED_CHARS:
        return flat
    while True:
        bare = _QUALIFIER.sub("", flat)
        if bare == flat or not bare:
            return flat
        flat = bare


def outlet_key(name: str) -> str:
    """What two spellings of one outlet share: the display name, lowercased, without a leading "The"."""
    return _LEADING_THE.sub("", display_name(name)).casefold()


def fold_outlets(names: Iterable[str]) -> tuple[str, ...]:
    """Each outlet once, in order of first appearance, under its most used display name
    (on a tie, the one seen first)."""
    spellings: dict[str, Counter[str]] = {}
    for name in names:
        if not name or not name.strip():
            continue
        spellings.setdefault(outlet_key(name), Counter())[display_name(name)] += 1
    return tuple(counts.most_common(1)[0][0] for counts in spellings.values())


def spellings_of(outlet: str, names: Iterable[str]) -> tuple[str, ...]:
    """Every name among `names` that folds to the same outlet as `outlet`, in their order."""
    key = outlet_key(outlet)
    return tuple(name for name in names if name and outlet_key(name) == key)
