"""Topics a reader understands: "number of dead", "day the head of the station was arrested".

A disputed or changing value is found in a clause with the value blanked out
("The head of the station was arrested on …"). Shown as it is, that clause asks
the reader to guess what the gap stands for. A topic says what is measured or
dated, in words: a known measured attribute by name, a date as "day …", a time
as "time …", any other figure by the question it answers, followed by the clause
with the gap and the words that only led into it ("on", "at least") taken out.
"""

from __future__ import annotations

import re
from types import MappingProxyType

# What a slot key (analyze/slot_keys.py) measures, as a reader would name it.
KEY_TOPICS = MappingProxyType(
    {
        "people taking part": "number of people taking part",
        "dead": "number of dead",
        "injured": "number of injured",
        "in hospital": "number in hospital",
        "missing": "number of missing",
        "detained": "number of people detained",
        "evacuated or displaced": "number of people evacuated or displaced",
        "affected": "number of people affected",
        "dismissed": "number of people dismissed",
        "paid": "sum paid",
        "on board": "number on board",
        "in serious condition": "number in serious condition",
    }
)
MONEY_KEYS = frozenset({"paid"})
MONEY_DIMENSION = "money:"
PEOPLE_COUNT = "count:people"  # the quantities' dimension of a count of people, whatever they are called
# The question a figure of each dimension answers when no key says what it measures.
DIMENSION_QUESTIONS = MappingProxyType(
    {
        "duration": "how long",
        "length": "what length",
        "money": "what sum",
        "percent": "what share",
        "age": "what age",
        "mass": "what weight",
        "speed": "what speed",
        "area": "what area",
        "volume": "what volume",
    }
)
KIND_LEADS = MappingProxyType({"date": "day", "month": "month", "time": "time"})
GAP = "…"
# Words that only lead into the blanked value: "on …", "at least …", "an estimated …".
GAP_LEADERS = frozenset(
    {
        "on", "at", "by", "in", "for", "of", "from", "until", "to", "about", "around", "some", "nearly",
        "almost", "up", "than", "more", "least", "over", "under", "an", "estimated", "as", "many", "much",
        "roughly", "approximately", "just", "before", "after", "close", "fewer", "less", "well", "the",
        "following", "within", "past",
    }
)  # fmt: skip
# Words a topic never ends on: a cut clause must not stop mid-phrase.
DANGLING = frozenset(
    {"of", "the", "a", "an", "and", "&", "to", "in", "on", "at", "by", "for", "with", "that", "who", "which"}
)
LOWERED_OPENERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"})
MAX_TOPIC_WORDS = 14
_STAMP = re.compile(r"^(?:date|\d+)$", re.IGNORECASE)  # "date 2022 10 30": a page's own stamp, left at the start
_PUNCTUATION_EDGES = " ,;:-–—'\"“”‘’()"


def slot_topic(
    kind: str, dimension: str, key: str | None, context: str, sentence: str, common: frozenset[str] = frozenset()
) -> str:
    """The topic of a slot from its value's kind, dimension and key, its blanked clause and its sentence.

    `common` are the sentence's words that are neither names nor parts of one: a clause opening with
    one of them is lowered ("day police officers guard …"); any other opening keeps its capital.
    """
    counts_what_key_names = dimension.startswith(MONEY_DIMENSION) if key in MONEY_KEYS else dimension == PEOPLE_COUNT
    if key is not None and key in KEY_TOPICS and counts_what_key_names:
        # A key names a count of people (or a sum): a duration near "signed" is not "sum paid", and
        # "150 houses" buried by a landslide are not the "number of dead" that "buried" signals.
        return KEY_TOPICS[key]
    if key is not None and key.startswith("distance "):
        return _with_case_of(key, sentence)
    if dimension.startswith("count:"):
        context = _after_the_named_thing(context, dimension.removeprefix("count:"))
    clause = readable_clause(context, common)
    if kind in KIND_LEADS:
        return f"{KIND_LEADS[kind]} {clause}".strip()
    if dimension.startswith("count:"):
        lead = f"how many {_plural(dimension.removeprefix('count:'))}"
    else:
        lead = DIMENSION_QUESTIONS.get(dimension.split(":")[0].split("/")[0], "what figure")
    return f"{lead}: {clause}" if clause else lead


def _after_the_named_thing(context: str, thing: str) -> str:
    """ "Two carriages were crushed … caught fire" -> "… caught fire": a figure that leaves out the thing it
    counts (named earlier in the sentence) is the subject of what follows it, and that is what it counts."""
    before, gap, after = context.partition(GAP)
    if not gap or len(after.split()) < 2:
        return context
    named = any(word.lower().strip(_PUNCTUATION_EDGES).startswith(thing[:-1] or thing) for word in before.split())
    return gap + after if named else context


def readable_clause(context: str, common: frozenset[str] = frozenset()) -> str:
    """The clause without its gaps, the words leading into them, a page stamp or a cut phrase."""
    words = context.split()
    while words and _STAMP.match(words[0]):
        words.pop(0)
    kept: list[str] = []
    for word in words:
        if word == GAP:
            while kept and kept[-1].lower() in GAP_LEADERS:
                kept.pop()
            continue
        kept.append(word)
    kept = [word for word in kept if word.strip(_PUNCTUATION_EDGES)]  # a lone comma left by a gap
    if len(kept) > MAX_TOPIC_WORDS:
        kept = kept[:MAX_TOPIC_WORDS]
    while kept and (kept[-1].lower() in DANGLING or kept[-1].lower() in GAP_LEADERS):
        kept.pop()
    if kept and (kept[0].lower() in LOWERED_OPENERS or kept[0] in common):
        kept[0] = kept[0].lower()  # "Police officers guard …" inside a topic: "day police officers guard …"
    return " ".join(kept).strip(_PUNCTUATION_EDGES)


def _plural(noun: str) -> str:
    if noun in {"people", "others"} or noun.endswith("s"):
        return noun
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"


def _with_case_of(key: str, sentence: str) -> str:
    """ "distance north of athens" with the place as the sentence writes it ("Athens")."""
    words = key.split()
    for size in range(len(words) - 1, 0, -1):
        place = " ".join(words[-size:])
        match = re.search(r"(?<!\w)" + re.escape(place) + r"(?!\w)", sentence, re.IGNORECASE)
        if match:
            return " ".join(words[:-size] + [match.group(0)])
    return key
