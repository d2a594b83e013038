"""An article that states one measured thing two ways that cannot both be true.

Such an article is not one side of a dispute between outlets (the slot grouping
already leaves a value only its own source contradicts out of the sides); the
reader is told in the briefing's notes instead. Only what is surely one thing
counts: a figure whose key or unit says what it measures, both told as fact by the
same speaker in different sentences, and not the stages of a running tally or two
days (an article gives many days of many events).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.analyze.compatibility import values_compatible
from newsweave.analyze.slots import SlotValue
from newsweave.config import Settings
from newsweave.model import Evidence, SelfContradiction


def self_contradictions(values: Sequence[SlotValue], topic: str, tally: bool, settings: Settings) -> list[SelfContradiction]:
    """For each source of one slot, the values it states that cannot both be true, if any."""
    if tally or not values or values[0].kind != "number":
        return []
    if values[0].key is None and values[0].dimension.startswith("count:"):
        return []  # "three people", "15 people": nothing says they count the same people
    by_source: dict[str, list[SlotValue]] = {}
    for value in values:
        if value.certainty == "confirmed":
            by_source.setdefault(value.source, []).append(value)
    found = []
    for source, own in by_source.items():
        clashing = [
            (a, b)
            for number, a in enumerate(own)
            for b in own[number + 1 :]
            if a.sentence.index != b.sentence.index and a.speaker == b.speaker and not values_compatible(a, b, settings)
        ]
        if clashing:
            first, second = clashing[0]
            found.append(
                SelfContradiction(
                    source=source,
                    topic=topic,
                    values=(first.display, second.display),
                    evidence=tuple(
                        Evidence(v.source, v.sentence.text, v.sentence.index) for v in (first, second)
                    ),
                )
            )
    return found
