"""Hedged amounts: what "at least 100,000", "up to 9 million" and "about 350" allow, and when two agree.

A figure in the news is often a bound or an estimate. Two reports disagree only
when no reading of both can be true: "more than 1,000 houses" and "1,182
houses" agree; "about 350 passengers" and "342 passengers" agree (a round
estimate of the exact count), "about 346" and 342 do not (an estimate to the
unit is close to its figure); "up to 9 million" and "up to 9.8 million" do not
(two different ceilings for one figure), nor do "about 85" and "about 80".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from newsweave.config import DEFAULT_SETTINGS

Bound = Literal["exact", "at_least", "at_most", "about", "nearly", "several"]

# Words just before a figure and the bound they make, longest first so "well over" wins over "over".
_HEDGE_WORDS: tuple[tuple[str, Bound], ...] = tuple(
    sorted(
        (
            ("at least", "at_least"),
            ("more than", "at_least"),
            ("well over", "at_least"),
            ("over", "at_least"),
            ("upwards of", "at_least"),
            ("in excess of", "at_least"),
            ("no fewer than", "at_least"),
            ("no less than", "at_least"),
            ("up to", "at_most"),
            ("as many as", "at_most"),
            ("as much as", "at_most"),
            ("as far as", "at_most"),
            ("at most", "at_most"),
            ("fewer than", "at_most"),
            ("less than", "at_most"),
            ("under", "at_most"),
            ("no more than", "at_most"),
            ("about", "about"),
            ("around", "about"),
            ("some", "about"),
            ("roughly", "about"),
            ("approximately", "about"),
            ("an estimated", "about"),
            ("estimated", "about"),
            ("close to", "about"),
            ("nearly", "nearly"),
            ("almost", "nearly"),
            ("just under", "nearly"),
            ("several", "several"),
        ),
        key=lambda row: -len(row[0]),
    )
)
# "several hundred" is at least two and fewer than ten of the unit it multiplies (Settings.several_range).
SEVERAL_RANGE = DEFAULT_SETTINGS.several_range
_LOOKBACK_CHARS = 24
# One amount rounded in two units (1,600 feet and 488 metres) differs by up to this share.
SAME_AMOUNT_ACROSS_UNITS = 0.02
# An estimate written down to its units ("about 346") is close to that figure, not anywhere within a
# few percent of it: its slack is at most this many units of its last written digit. A round estimate
# ("about 350": units of ten) keeps the whole share of `Settings.estimate_tolerance`.
ESTIMATE_SLACK_IN_LAST_DIGITS = 2


@dataclass(frozen=True)
class HedgedAmount:
    amount: float
    bound: Bound
    # The place of the figure's last written digit, in the amount's units ("about 346": 1; "about 3.2
    # million": 100,000); None when it was written in words ("about two dozen"), which read as round.
    precision: float | None = None


def digit_precision(text: str, written: float, scale: float) -> float | None:
    """The place of the last digit of a figure written in digits (`text` as written, `written` its value
    in the unit as written, `scale` base units per that unit); None for a figure in words."""
    if not any(character.isdigit() for character in text):
        return None
    return written_precision(written) * scale


def bound_before(text: str, start: int) -> Bound:
    """The bound that the words just before `text[start:]` put on the figure there."""
    found = _hedge_before(text, start)
    return found[1] if found else "exact"


def hedge_word_count(text: str, start: int) -> int:
    """How many words just before `text[start:]` hedge the figure there ("as many as": 3)."""
    found = _hedge_before(text, start)
    return len(found[0].split()) if found else 0


def _hedge_before(text: str, start: int) -> tuple[str, Bound] | None:
    before = " " + " ".join(text[max(0, start - _LOOKBACK_CHARS) : start].lower().split())
    for words, bound in _HEDGE_WORDS:
        if before.endswith(" " + words):
            return words, bound
    return None


def _interval(value: HedgedAmount, estimate_tolerance: float, several: tuple[float, float]) -> tuple[float, float]:
    amount = value.amount
    if value.bound == "at_least":
        return amount, float("inf")
    if value.bound == "at_most":
        return 0.0, amount
    slack = abs(amount) * estimate_tolerance
    if value.precision is not None:
        slack = min(slack, ESTIMATE_SLACK_IN_LAST_DIGITS * value.precision)
    if value.bound == "about":
        return amount - slack, amount + slack
    if value.bound == "nearly":  # "almost 300" is a little short of 300, never more
        return amount - slack, amount
    if value.bound == "several":
        return vague_range(value, several)
    return amount, amount


def vague_range(value: HedgedAmount, several: tuple[float, float] = SEVERAL_RANGE) -> tuple[float, float]:
    """What a vague magnitude spans; the top is left out: "tens of thousands" stops short of 100,000."""
    if value.bound != "several":
        return value.amount, value.amount
    return value.amount * several[0], math.nextafter(value.amount * several[1], 0.0)


def written_precision(amount: float) -> float:
    """The place of a figure's last significant digit as written: 75 million -> 1 million, 74.6 million ->
    100,000, 0.25 -> 0.01."""
    if amount == 0 or not math.isfinite(amount):
        return 1.0
    place = 10.0 ** math.floor(math.log10(abs(amount)))
    for _ in range(_MOST_DECIMALS):
        if math.isclose(round(amount / place) * place, amount, rel_tol=1e-9):
            return place
        place /= 10
    return place


_MOST_DECIMALS = 12  # places looked at below a figure's first digit; beyond them it is read as precise


def one_figure_rounded(first: float, second: float, tolerance: float = SAME_AMOUNT_ACROSS_UNITS) -> bool:
    """Whether two figures written in one unit may be one figure, the finer rounded to the coarser's
    last digit: $74.6 million and $75 million may; $74 million and $75 million are two figures, and so
    are 300 and 350 km, however round 300 looks (the two must also lie within `tolerance`)."""
    largest = max(abs(first), abs(second))
    if largest == 0:
        return True
    difference = abs(first - second)
    coarser = max(written_precision(first), written_precision(second))
    return difference / largest <= tolerance and difference <= coarser / 2 * (1 + 1e-9)


def amounts_compatible(
    first: HedgedAmount,
    second: HedgedAmount,
    estimate_tolerance: float = 0.05,
    same_amount_tolerance: float = SAME_AMOUNT_ACROSS_UNITS,
    several: tuple[float, float] = SEVERAL_RANGE,
    *,
    written_in_one_unit: tuple[float, float] | None = None,
) -> bool:
    """Whether both figures can be true of one thing.

    The same amount always is, whatever the hedges. Otherwise the ranges the
    hedges allow must overlap ("more than 30 metres" and "as far as 40 metres";
    "several hundred thousand" and "an estimated 325,000"), except that two
    different figures hedged the same way are two answers to one question and
    disagree ("up to 9 million" and "up to 9.8 million", "about 85" and "about 80").
    Figures written in one unit (`written_in_one_unit`: both as written) are one figure only when
    one rounds to the other; `same_amount_tolerance` is for one amount converted between units.
    An estimate set against a vague magnitude is read at its figure: "some 100,000" is not "tens
    of thousands", though its few percent of slack would reach below 100,000.
    """
    for short, other in ((first, second), (second, first)):
        if short.bound == "nearly" and other.bound in ("exact", "at_least") and other.amount > short.amount:
            return False  # "almost 300" is never 304, however close
    largest = max(abs(first.amount), abs(second.amount))
    if written_in_one_unit is not None:
        if one_figure_rounded(*written_in_one_unit, tolerance=same_amount_tolerance):
            return True
    elif largest == 0 or abs(first.amount - second.amount) / largest <= same_amount_tolerance:
        return True
    if first.bound == "exact" and second.bound == "exact":
        return False
    if first.bound == second.bound:
        return False
    if "several" in (first.bound, second.bound) and "about" in (first.bound, second.bound):
        vague, estimate = (first, second) if first.bound == "several" else (second, first)
        low, high = vague_range(vague, several)
        return low <= estimate.amount <= high
    low_a, high_a = _interval(first, estimate_tolerance, several)
    low_b, high_b = _interval(second, estimate_tolerance, several)
    return low_a <= high_b and low_b <= high_a
