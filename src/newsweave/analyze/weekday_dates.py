"""One weekday, two calendar dates: "Wednesday, October 26" in one source, "Wednesday, Oct. 25" in another.

A weekday written next to its date pins the date twice. Two sources that put the
same weekday on dates one to six days apart cannot both be right, in any year:
one of them has the date (or the day) wrong, and a reader should be told which
sources say what. Dates a whole number of weeks apart are two different
Wednesdays and are left alone, as are dates whose written years differ (another
year's Wednesday). The check needs no article date, so it also works on pages
that carry none. A source that gives one weekday two such dates contradicts
itself and is left out of the comparison.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsweave.analyze.positions import build_position
from newsweave.lexicon import MONTH_ABBREVIATIONS, MONTH_NUMBERS, WEEKDAY_ABBREVIATIONS, WEEKDAY_NUMBERS
from newsweave.model import AnalyzedArticle, Conflict, Sentence

_WEEKDAY = r"(?P<weekday>(?:" + "|".join(w.capitalize() for w in WEEKDAY_ABBREVIATIONS) + r")[a-z]*\.?)"
_MONTH = r"(?P<month>(?:" + "|".join(m.capitalize() for m in MONTH_ABBREVIATIONS) + r")[a-z]*\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?[ \t]{1,3}(?P<year>(?:19|20)\d\d))?"
_GAP = r",?[ \t]{1,3}"  # bounded: the pattern's cost stays linear on long runs of blanks
_WEEKDAY_THEN_DATE = re.compile(
    r"\b" + _WEEKDAY + _GAP + r"(?:" + _MONTH + r"[ \t]{1,3}" + _DAY + r"\b|" + _DAY.replace("day>", "day2>")
    + r"(?:[ \t]{1,3}of)?[ \t]{1,3}" + _MONTH.replace("month>", "month2>") + r"\b)" + _YEAR
)
_LEAP_YEAR = 2000  # a year with 29 February: places any written month and day on one calendar


@dataclass(frozen=True)
class _Pinned:
    weekday: int  # date.weekday() index
    day_of_year: int  # in a leap year, so that every written day exists
    year: int | None
    text: str  # as written: "Wednesday, Oct. 25, 2023"
    sentence: Sentence


def find_weekday_date_conflicts(articles: Sequence[AnalyzedArticle]) -> list[Conflict]:
    """Weekdays that sources pin to dates one to six days apart."""
    by_weekday: dict[int, list[_Pinned]] = {}
    for article in articles:
        for sentence in article.sentences:
            for pinned in _pinned_dates(sentence):
                by_weekday.setdefault(pinned.weekday, []).append(pinned)
    conflicts = []
    for mentions in by_weekday.values():
        mentions = [m for m in mentions if m.sentence.source not in _self_contradicting(mentions)]
        sides: dict[int, list[_Pinned]] = {}
        for mention in mentions:
            sides.setdefault(mention.day_of_year, []).append(mention)
        days = sorted(sides)
        for first, second in zip(days, days[1:]):
            a, b = sides[first], sides[second]
            if _cannot_both_hold(a[0], b[0]) and not {m.sentence.source for m in a} & {m.sentence.source for m in b}:
                weekday_name = a[0].text.split()[0].rstrip(",.")
                conflicts.append(
                    Conflict(
                        topic=f"date of {weekday_name}",
                        kind="date",
                        positions=tuple(
                            build_position((m.text for m in side), [m.sentence for m in side]) for side in (a, b)
                        ),
                    )
                )
    return conflicts


def _cannot_both_hold(a: _Pinned, b: _Pinned) -> bool:
    if a.year is not None and b.year is not None and a.year != b.year:
        return False  # another year's same weekday
    apart = abs(a.day_of_year - b.day_of_year)
    apart = min(apart, 366 - apart)  # late December against early January
    return 0 < apart < 7


def _self_contradicting(mentions: Sequence[_Pinned]) -> set[str]:
    days_by_source: dict[str, list[_Pinned]] = {}
    for mention in mentions:
        days_by_source.setdefault(mention.sentence.source, []).append(mention)
    return {
        source
        for source, own in days_by_source.items()
        if any(_cannot_both_hold(a, b) for a in own for b in own)
    }


def _pinned_dates(sentence: Sentence) -> Iterator[_Pinned]:
    for match in _WEEKDAY_THEN_DATE.finditer(sentence.text):
        weekday = WEEKDAY_NUMBERS.get(match.group("weekday").rstrip(".").lower())
        month_word = (match.group("month") or match.group("month2") or "").rstrip(".").lower()
        month = MONTH_NUMBERS.get(month_word)
        day = int(match.group("day") or match.group("day2"))
        if weekday is None or month is None:
            continue
        try:
            day_of_year = dt.date(_LEAP_YEAR, month, day).timetuple().tm_yday
        except ValueError:
            continue  # "February 31": not a date
        year = int(match.group("year")) if match.group("year") else None
        yield _Pinned(weekday, day_of_year, year, match.group(0), sentence)
