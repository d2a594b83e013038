"""Running tallies: counts of dead, injured, missing or arrested that grow while a story is reported.

Outlets writing hours apart give different tolls because the toll changed, not
because they disagree. Such a slot is shown as an update over time, each stage
with the sources that gave it and what its time rests on (the article's own
date where it has one; many pages have none, and then the stage says so).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from collections.abc import Callable

from newsweave.analyze.slots import SlotValue
from newsweave.model import Evidence, Update, UpdateValue

# Lemmas of the words that make a count a running tally: people or things counted as harmed,
# lost, found or detained as an event unfolds. A general list; it names no event.
TALLY_WORDS = frozenset(
    {
        "dead", "death", "die", "kill", "body", "casualty", "victim", "toll", "fatality", "life",
        "injure", "injury", "wound", "hurt", "hospital", "hospitalize", "missing", "bury",
        "arrest", "detain", "rescue", "evacuate", "survivor", "destroy", "damage",
    }
)  # fmt: skip


# Slot keys (see slot_keys) of figures that grow as an event unfolds.
TALLY_KEYS = frozenset({"dead", "injured", "in hospital", "missing", "detained", "evacuated or displaced"})


def is_running_tally(values: Sequence[SlotValue]) -> bool:
    """Whether a slot counts something that grows as a story unfolds (a toll, the injured, arrests)."""
    if not values or not values[0].dimension.startswith("count:"):
        return False
    keys = {value.key for value in values if value.key is not None}
    if keys and not keys & TALLY_KEYS:
        return False  # what the figure measures is known and does not grow ("342 passengers on board")
    counted = values[0].dimension.split(":", 1)[1]
    words = set().union(*(value.context_words for value in values)) | {counted}
    return bool(words & TALLY_WORDS) or bool(keys & TALLY_KEYS)


def one_source_gives_two_stages(positions: Sequence[Sequence[SlotValue]]) -> bool:
    """A source that states two of the counts: one article is not two stages of a toll but two counts
    ("15 people" killed months ago, "three people" hurt today), so the slot is neither update nor dispute."""
    seen: set[str] = set()
    for group in positions:
        sources = {value.source for value in group}
        if sources & seen:
            return True
        seen |= sources
    return False


def build_update(topic: str, positions: Sequence[Sequence[SlotValue]], evidence_of: Callable[[SlotValue], Evidence]) -> Update:
    """The stages of a tally, latest first: dated stages by date, then undated ones from the highest count."""

    def latest(group: Sequence[SlotValue]) -> dt.date | None:
        dates = [value.as_of for value in group if value.as_of is not None]
        return max(dates) if dates else None

    def order(group: Sequence[SlotValue]) -> tuple[int, float, float]:
        day = latest(group)
        return (0 if day is not None else 1, -(day.toordinal() if day else 0), -group[0].amount)

    stages = []
    for group in sorted(positions, key=order):
        day = latest(group)
        stages.append(
            UpdateValue(
                value=" / ".join(dict.fromkeys(value.display for value in group)),
                normalized=group[0].normalized,
                as_of=f"article dated {day.isoformat()}" if day else "undated article",
                sources=tuple(dict.fromkeys(value.source for value in group)),
                evidence=tuple(dict.fromkeys(evidence_of(value) for value in group)),
            )
        )
    return Update(topic=topic, values=tuple(stages))
