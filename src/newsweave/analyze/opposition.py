"""Which sides of a slot stand against each other.

Two outlets disagree only when each says something the other does not: an outlet that
writes "passed a $3.5 trillion budget resolution and advanced a $1 trillion bill" does
not dispute another's "$3.5 trillion", though its "$1 trillion" landed in the slot. A
side is against another when one of its sources states its value in a sentence that
does not also state the other side's value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsweave.analyze.compatibility import same_value
from newsweave.analyze.hedges import written_precision
from newsweave.analyze.quantities import comparable_dimension
from newsweave.analyze.slots import SlotValue

SentenceKey = tuple[str, int]  # (source, sentence index)


def values_by_sentence(values: Sequence[SlotValue]) -> dict[SentenceKey, list[SlotValue]]:
    """Every value of the story under the sentence that states it."""
    found: dict[SentenceKey, list[SlotValue]] = {}
    for value in values:
        found.setdefault((value.source, value.sentence.index), []).append(value)
    return found


def opposed_sides(sides: list[list[SlotValue]], said_in: Mapping[SentenceKey, list[SlotValue]]) -> list[list[SlotValue]]:
    """The sides that stand against at least one other side, each against the other."""
    kept = [
        side
        for number, side in enumerate(sides)
        if any(_against(side, other, said_in) and _against(other, side, said_in) for j, other in enumerate(sides) if j != number)
    ]
    return kept if len(kept) >= 2 else []


def _against(side: list[SlotValue], other: list[SlotValue], said_in: Mapping[SentenceKey, list[SlotValue]]) -> bool:
    return any(not _said_beside(value, other[0], said_in) for value in side)


def _said_beside(value: SlotValue, other: SlotValue, said_in: Mapping[SentenceKey, list[SlotValue]]) -> bool:
    """Whether the sentence of `value` also states `other`'s value, of the same kind and dimension."""
    return any(
        beside is not value
        and beside.kind == other.kind
        and comparable_dimension(beside.dimension) == comparable_dimension(other.dimension)
        and _states(beside, other)
        for beside in said_in.get((value.source, value.sentence.index), ())
    )


def _states(beside: SlotValue, other: SlotValue) -> bool:
    """Whether `beside` states `other`'s value: the same day, time or count, or a measure at least as
    precise that rounds to it ("$13,625,777" states "$13.6 million"; "36 percent", Bush's own tax rate,
    does not state the Clintons' "35.7 percent", though it may be its rounding)."""
    if beside.kind != "number" or beside.dimension.startswith("count:") or beside.dimension != other.dimension:
        return same_value(beside, other)
    if beside.bound != other.bound:
        return False
    finer, coarser = (_precision(beside), _precision(other))
    return finer <= coarser and abs(beside.amount - other.amount) <= coarser / 2 * (1 + 1e-9)


def _precision(value: SlotValue) -> float:
    """The last written digit's place, in base units (0.1 for "35.7 percent", 100,000 for "$13.6 million")."""
    return written_precision(value.amount / value.unit_scale) * value.unit_scale if value.unit_scale else 1.0
