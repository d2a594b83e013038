"""Settling the order of an ambiguous slashed date ("11/06/2024": 11 June or November 6?).

A slashed date whose two numbers are both 12 or less can be read day first (British,
European) or month first (US). The rule, strongest evidence first:

1. The article's own unambiguous slashed dates: "25/06/2024" elsewhere in the text can
   only be day first, "06/25/2024" only month first, and a text keeps one convention.
2. The other articles of the story: the reading closer to their dates (smaller sum of
   distances in days) wins. Articles about one story appear within days of each other,
   while the two readings are usually weeks or months apart.
3. The text's writing conventions: day first when British or European cues (dates
   written "11 June 2024", "9.40pm", "Mr Smith" without a full stop, "-our"/"-tre"
   spellings, £ and €) outnumber US cues ("June 11, 2024", "Mr. Smith", "-or"/"-ter"
   spellings); otherwise month first, the reading dateutil and US sites use.

The evidence names the reading and what chose it, e.g. "day-first, chosen by story dates".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.lexicon import CONTRACTED_HONORIFICS, MONTH_ABBREVIATIONS
from newsweave.metadata.dates import PartialDate

DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"
BY_TEXT_DATES = "chosen by the text's other slashed dates"
BY_STORY_DATES = "chosen by story dates"
BY_BRITISH_CONVENTIONS = "chosen by British/European conventions in the text"
BY_DEFAULT = "by default: no story dates or British/European conventions"


@dataclass(frozen=True)
class OrderChoice:
    """The reading chosen for an ambiguous date and why ("day-first, chosen by story dates")."""

    date: dt.date
    evidence: str


_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/\d{4}(?![\d/])")
_MONTH = r"(?:" + "|".join(month.capitalize() for month in MONTH_ABBREVIATIONS) + r")[a-z]*\.?"
_DAY_BEFORE_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}\b")
_MONTH_BEFORE_DAY = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,\s+\d{{4}}\b")
_HONORIFIC = "(?:" + "|".join(title.capitalize() for title in CONTRACTED_HONORIFICS) + ")"  # Mr|Mrs|Ms|Dr
_BRITISH_CUES = re.compile(
    rf"""
    \b\d{{1,2}}\.\d{{2}}\s?(?:am|pm)\b                  # 9.40pm
    | \b{_HONORIFIC}\s+[A-Z]                          # Mr Smith
    | \b(?:(?:centi|milli|kilo)?metres?|centres?|theatres?|litres?|colours?|labour|neighbours?|favour
        |honour|harbours?|programmes?|lorry|lorries|tyres?|whilst|organisations?|defence|travelling|cancelled)\b
    | [£€]
    """,
    re.VERBOSE,
)
_US_CUES = re.compile(
    rf"""
    \b{_HONORIFIC}\.\s+[A-Z]                          # Mr. Smith
    | \b(?:(?:centi|milli|kilo)meters?|centers?|theaters?|liters?|colors?|labor|neighbors?|favor
        |honor|harbors?|organizations?|defense|traveling|canceled)\b
    """,
    re.VERBOSE,
)


def choose_reading(partial: PartialDate, text: str, story_dates: Sequence[dt.date]) -> OrderChoice | None:
    """Pick the month-first or day-first reading of an ambiguous date (see the module rule).

    `text` is the article's raw text, `story_dates` the dates of the other articles.
    Returns None when neither reading is a real calendar date.
    """
    month_first = partial.complete()
    day_first = partial.day_first().complete()
    if month_first is None or day_first is None:
        only = month_first or day_first
        order = MONTH_FIRST if month_first is not None else DAY_FIRST
        return OrderChoice(only, f"{order}, the only real date") if only else None
    readings = {MONTH_FIRST: month_first, DAY_FIRST: day_first}
    own_order = _order_of_unambiguous_slashed_dates(text)
    if own_order is not None:
        return OrderChoice(readings[own_order], f"{own_order}, {BY_TEXT_DATES}")
    if story_dates:
        distance = {order: sum(abs((date - other).days) for other in story_dates) for order, date in readings.items()}
        if distance[DAY_FIRST] != distance[MONTH_FIRST]:
            order = min(distance, key=lambda key: distance[key])
            return OrderChoice(readings[order], f"{order}, {BY_STORY_DATES}")
    if _uses_british_conventions(text):
        return OrderChoice(day_first, f"{DAY_FIRST}, {BY_BRITISH_CONVENTIONS}")
    return OrderChoice(month_first, f"{MONTH_FIRST}, {BY_DEFAULT}")


def _order_of_unambiguous_slashed_dates(text: str) -> str | None:
    day_first = month_first = 0
    for match in _SLASHED.finditer(text):
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            day_first += 1
        elif second > 12 >= first:
            month_first += 1
    if day_first == month_first:
        return None
    return DAY_FIRST if day_first > month_first else MONTH_FIRST


def _uses_british_conventions(text: str) -> bool:
    british = len(_BRITISH_CUES.findall(text)) + len(_DAY_BEFORE_MONTH.findall(text))
    us = len(_US_CUES.findall(text)) + len(_MONTH_BEFORE_DAY.findall(text))
    return british > us
