"""Counts whose thing is named earlier in the sentence, not after the figure.

News often names the counted thing once and leaves it out the second time:
"several carriages derailed and at least three caught fire" counts carriages,
not "caught"; "two soldiers were killed and a third wounded" tells of one more
soldier. Read naively, the first makes a count of "caught" and the second is
not read at all, so two outlets that disagree on how many carriages burned
never meet in one slot.

Both readings need the "and" that joins the two clauses and a plural noun a few
words before it: anything looser would hand a figure a thing it does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Plurals that do not end in "s".
IRREGULAR_PLURALS = frozenset({"people", "men", "women", "children", "police", "staff", "personnel", "crew", "troops"})
_IRREGULAR_ENDINGS = ("children", "men", "people")
_SINGULAR_IN_MEN = frozenset({"omen", "specimen", "abdomen", "regimen", "stamen", "acumen"})
# Words ending in "s" that are not plural nouns.
_NOT_PLURAL = frozenset(
    {"this", "his", "its", "was", "has", "does", "is", "as", "us", "thus", "always", "perhaps", "news", "series",
     "species", "plus", "unless", "whereas", "towards", "afterwards", "besides", "sometimes", "yes", "hers", "ours",
     "theirs", "yours", "less", "across", "various", "previous", "serious", "famous", "numerous", "dangerous"}
)  # fmt: skip
_HEDGE = r"(?:(?:at[ \t]least|at[ \t]most|some|about|around|nearly|almost|over|more[ \t]than|up[ \t]to)[ \t]+)?"
# "<carriages> [up to three words] and [hedge]" just before the figure. The first plural among those
# words is the thing: what acted or was acted on comes before where ("wagons left the rails and four
# burned"). Matched on a short slice; the look-behind starts a try only at a word's first letter, so
# a long run of letters costs linear time.
_ANTECEDENT_BEFORE = re.compile(
    r"(?<![A-Za-z])(?P<words>(?:[a-z]{1,20}[ \t]+){1,4})and[ \t]+" + _HEDGE + r"$", re.IGNORECASE
)
_ANTECEDENT_WINDOW = 90
_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
# "and a third caught fire", "and a fourth was injured": the ordinal stands for one more of what was counted.
# The word after it must read as a verb (an auxiliary, a past form in -ed or one of the irregular past
# forms below), else "a third man" or "a third of".
_ONE_MORE = re.compile(
    r"(?<![A-Za-z])and[ \t]+(?P<article>a|another)[ \t]+(?P<ordinal>" + "|".join(_ORDINALS) + r")"
    r"[ \t]+(?P<verb>[a-z]{2,20})\b",
    re.IGNORECASE,
)
_VERB_FORMS = frozenset(
    {"was", "were", "is", "are", "has", "had", "have", "will", "would", "could", "may", "might", "remains",
     "remained", "caught", "burst", "fell", "took", "went", "got", "lay", "lies", "ran", "hit", "struck", "broke"}
)  # fmt: skip
_ONE_MORE_REACH = 120  # how far before the ordinal the counted figure may be


def is_plural(word: str) -> bool:
    """Whether a word reads as a plural noun: "carriages", "people"; not "caught", "this", "serious"."""
    lowered = word.lower()
    if lowered in IRREGULAR_PLURALS or (lowered.endswith(_IRREGULAR_ENDINGS) and lowered not in _SINGULAR_IN_MEN):
        return True  # "grandchildren", "firemen"
    if lowered in _NOT_PLURAL or len(lowered) <= 3 or not lowered.endswith("s"):
        return False
    return not lowered.endswith(("ss", "us", "is", "ous"))


def elided_thing(text: str, figure_start: int) -> str | None:
    """The plural noun a figure counts when the sentence named it before an "and" and left it out after."""
    found = _ANTECEDENT_BEFORE.search(text[max(0, figure_start - _ANTECEDENT_WINDOW) : figure_start])
    if found is None:
        return None
    return next((word for word in found.group("words").split() if is_plural(word)), None)


@dataclass(frozen=True)
class OneMore:
    """ "and a third caught fire": one more of the thing counted `ordinal - 1` just before."""

    start: int  # of "a third"
    end: int
    ordinal: int
    reach_start: int  # the counted figure must start at or after this offset


def ones_more(text: str) -> list[OneMore]:
    """Every "and a third <verb>" of a text; the caller finds the count it continues."""
    found = []
    for match in _ONE_MORE.finditer(text):
        verb = match.group("verb").lower()
        if verb not in _VERB_FORMS and not verb.endswith("ed"):
            continue
        ordinal = _ORDINALS[match.group("ordinal").lower()]
        reach = max(0, match.start() - _ONE_MORE_REACH)
        found.append(OneMore(match.start("article"), match.end("ordinal"), ordinal, reach))
    return found
