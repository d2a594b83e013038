"""Whether two values of one slot can both be true, and whether they state the same value.

One home for the comparison rules the slot grouping, the disputes, the citations and
the self-contradiction notes all read: a weekday may have been placed in the wrong
week, times are compared only in a zone they share, an age may be a birthday apart,
counts are whole, and hedged figures are compared by the ranges their hedges allow.
"""

from __future__ import annotations

import datetime as dt
import math

from newsweave.analyze.clock_times import may_be_read_in_two_zones, times_compatible
from newsweave.analyze.hedges import (
    SAME_AMOUNT_ACROSS_UNITS,
    HedgedAmount,
    amounts_compatible,
    digit_precision,
    one_figure_rounded,
)
from newsweave.analyze.quantities import one_sum_in_two_currencies
from newsweave.analyze.slots import SlotValue
from newsweave.config import Settings


def values_compatible(a: SlotValue, b: SlotValue, settings: Settings) -> bool:
    """Whether two values of one slot can both be true (a weekday may have been placed in the wrong week)."""
    if a.kind == "date":
        return a.amount == b.amount or (
            "weekday" in (a.date_form, b.date_form)
            and dt.date.fromordinal(int(a.amount)).weekday() == dt.date.fromordinal(int(b.amount)).weekday()
        )
    if a.kind == "month":
        return a.amount == b.amount  # "in September" and "in October" cannot both be the month of one act
    if a.kind == "time":
        return _times_compatible(a, b, settings.clock_tolerance_minutes)
    if a.dimension == "age":
        return abs(a.amount - b.amount) <= 1  # a birthday may fall between two reports, or be about to
    if a.dimension != b.dimension:  # sums in two currencies, told apart only when no rough rate joins them
        return one_sum_in_two_currencies(a.dimension, a.amount, b.dimension, b.amount)
    # Counts are whole and never converted between units: 150 and 151 are two counts, not a rounding.
    rounding = 0.0 if a.dimension.startswith("count:") else SAME_AMOUNT_ACROSS_UNITS
    return amounts_compatible(
        HedgedAmount(a.amount, a.bound, _digit_precision(a)),
        HedgedAmount(b.amount, b.bound, _digit_precision(b)),
        settings.estimate_tolerance,
        rounding,
        settings.several_range,
        written_in_one_unit=_as_written_in_one_unit(a, b),
    )


def _digit_precision(value: SlotValue) -> float | None:
    return digit_precision(value.display, value.amount / value.unit_scale if value.unit_scale else value.amount, value.unit_scale)


def _as_written_in_one_unit(a: SlotValue, b: SlotValue) -> tuple[float, float] | None:
    """Both figures as written, when they were written in one unit (so that rounding reads digits)."""
    if not math.isclose(a.unit_scale, b.unit_scale, rel_tol=1e-9):
        return None
    return a.amount / a.unit_scale, b.amount / b.unit_scale


def _times_compatible(a: SlotValue, b: SlotValue, tolerance: int) -> bool:
    """Two times compared in a zone they share: "4 a.m. local time (0200 GMT)" against "4am GMT" is
    02:00 against 04:00 GMT; times with no zone in common cannot be compared and never disagree, nor
    can two with no zone written that may be one moment on two countries' clocks."""
    readings_a = [c for c in (a.clock, a.restated) if c is not None]
    readings_b = [c for c in (b.clock, b.restated) if c is not None]
    shared = [(x, y) for x in readings_a for y in readings_b if (x.zone or "local") == (y.zone or "local")]
    return all(times_compatible(x, y, tolerance) or may_be_read_in_two_zones(x, y) for x, y in shared)


def all_compatible(positions: list[list[SlotValue]], settings: Settings) -> bool:
    """Whether every figure of every position can be true with every other ("more than 1,000" and 1,182)."""
    if not positions or not positions[0]:
        return True  # nothing left to set against anything
    if positions[0][0].kind in ("date", "month"):
        return False  # positions are different days (or months) already
    return all(
        values_compatible(a, b, settings)
        for number, group in enumerate(positions)
        for other in positions[number + 1 :]
        for a in group
        for b in other
    )


def same_value(a: SlotValue, b: SlotValue) -> bool:
    if a.kind in ("date", "month"):
        return a.amount == b.amount
    if a.kind == "time":  # the same minute in the same zone (no zone written reads as local)
        return a.amount == b.amount and _zone(a) == _zone(b)
    if a.dimension != b.dimension:
        return False  # €200 million and $207 million may be one sum, but are not one value as written
    if (a.bound == "several") != (b.bound == "several"):
        return False  # "hundreds of people" is not the amount "100 people" states
    if a.dimension.startswith("count:"):
        return a.amount == b.amount  # counts are never converted between units: 150 and 153 are two counts
    written = _as_written_in_one_unit(a, b)
    if written is not None:
        return one_figure_rounded(*written)
    largest = max(abs(a.amount), abs(b.amount))
    return largest == 0 or abs(a.amount - b.amount) / largest <= SAME_AMOUNT_ACROSS_UNITS


def _zone(value: SlotValue) -> str:
    return (value.clock.zone if value.clock else None) or "local"
