"""What a figure measures, read from the words around it: the key that lets paraphrases meet.

"Tens of thousands of protesters gathered" and "a crowd estimated in the
hundreds of thousands" word the same slot (how many took part) so differently
that their clauses do not read alike; "36 killed" and "85 injured" read alike
but measure two things. Each row below names one measured attribute and the
lemmas that signal it. Two figures whose nearest signal words share a key are
one slot; figures with different keys never are. The table is general news
vocabulary and names no event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_KEYS: dict[str, tuple[str, ...]] = {
    "people taking part": (
        "gather", "rally", "march", "protest", "demonstrate", "converge", "attend", "crowd", "cheer",
        "chant", "throng", "turnout", "participate", "flock", "descend", "demonstration", "visit", "visitor",
    ),
    "dead": ("dead", "death", "die", "kill", "fatality", "toll", "body", "life", "bury"),
    "injured": ("injure", "injury", "wound", "hurt"),
    # Those treated in hospital are a part of the injured, and their count moves both ways: its own slot.
    "in hospital": ("hospital", "hospitalize", "hospitalise", "hospitalization", "hospitalisation"),
    "missing": ("missing",),
    "detained": ("arrest", "detain", "custody", "jail", "prison"),
    "evacuated or displaced": ("evacuate", "displace", "flee", "homeless"),
    "affected": ("affect", "expose", "access", "compromise", "leak", "steal", "breach"),
    "dismissed": ("lay", "layoff", "fire", "cut", "dismiss", "redundancy"),
    "paid": ("earn", "pay", "salary", "wage", "worth", "fee", "sign"),
    "on board": ("aboard", "board", "onboard", "carry"),  # not "passenger": that is what is counted, on board or not
    "in serious condition": ("condition", "critical", "critically", "seriously"),
}  # fmt: skip
# Places that are a state people are in, so a count put there is keyed by the place: "72 people were
# still in hospital", "two men remain in custody". Other places ("found with wounds") say nothing.
STATE_PLACES = frozenset({"hospital", "custody", "jail", "prison"})
KEY_OF_LEMMA: dict[str, str] = {lemma: key for key, lemmas in _KEYS.items() for lemma in lemmas}
# Signal words that signal only as verbs: "fired 50 staff" counts the dismissed, "caught fire" does not.
VERB_ONLY_SIGNALS = frozenset({"fire"})


def nearest_key(lemmas_by_distance: Iterable[tuple[int, str]]) -> str | None:
    """The key of the signal word nearest to the figure, given (distance in tokens, lemma) pairs."""
    best: tuple[int, str] | None = None
    for distance, lemma in lemmas_by_distance:
        key = KEY_OF_LEMMA.get(lemma.lower())
        if key is not None and (best is None or distance < best[0]):
            best = (distance, key)
    return best[1] if best else None


# (The look-behind starts a match only where a run of blanks starts: searching a long blank run stays linear.)
# "380 kilometers north of Athens", "about eight miles from Lewiston": a distance is measured from a
# named place, and the place with the relation is the slot ("distance north of athens").
_COMPASS = r"(?:north|south|east|west)(?:-?(?:east|west))?"
_DISTANCE_ANCHOR = re.compile(
    r"(?<![ \t])[ \t]*(?:\([^()]{0,30}\)[ \t]*)?(?P<relation>" + _COMPASS + r"[ \t]+of|from|away[ \t]+from|outside|off)"
    r"[ \t]+(?:the[ \t]+)?(?P<place>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})"
)


def distance_key(text_after: str) -> str | None:
    """The reference place of a distance written just after it, with the relation ("north of athens")."""
    match = _DISTANCE_ANCHOR.match(text_after)
    if match is None:
        return None
    relation = " ".join(match.group("relation").lower().split())
    return f"distance {relation} {match.group('place').lower()}"
