"""Publication dates: from the loader's field, or from a dateline in the raw text.

Only dateline positions count (a line that opens with the date, a date stamp line,
"Published: ..."), never a date inside a sentence or caption: "talks in Belarus on
February 28, 2022" says when something happened, not when the article appeared.
A dateline without a year ("March 28 (Reuters)") is kept as a partial date; the
caller completes it from other dates in the text or the story. A slashed date that reads
both ways ("11/06/2024") is marked ambiguous; `date_order` settles which way it reads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dateutil import parser as date_parser

from newsweave.lexicon import MONTH_NUMBERS, WEEKDAY_ABBREVIATIONS

_EARLIEST_YEAR = 1900
_LATEST_YEAR = 2100


@dataclass(frozen=True)
class PartialDate:
    """A month and day read from a dateline, with the year when the dateline gave one.

    `ambiguous` marks a slashed date such as "11/06/2024" whose two numbers could each be
    the month: `month`/`day` then hold the month-first reading and `day_first()` the other.
    """

    month: int
    day: int
    year: int | None = None
    ambiguous: bool = False

    def complete(self) -> dt.date | None:
        """The calendar date, when the year is known and the day exists."""
        return _safe_date(self.year, self.month, self.day) if self.year is not None else None

    def day_first(self) -> PartialDate:
        """The other reading of an ambiguous slashed date (day and month swapped)."""
        return PartialDate(month=self.day, day=self.month, year=self.year)


# Any spelling of a month, longest first ("September|Sept|Sep|..."); capitalised, as the
# agency-dateline pattern reads it case-sensitively.
_MONTH = r"(?:" + "|".join(word.capitalize() for word in sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:" + "|".join(day.capitalize() for day in WEEKDAY_ABBREVIATIONS) + r")[a-z]*\.?,?\s+)"

# Each form of a date, with its own groups; tried in this order.
_MONTH_DAY_YEAR = re.compile(
    rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}){_ORDINAL}(?:,?\s+(?P<year>\d{{4}}))?(?!\d)", re.IGNORECASE
)
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month>{_MONTH}),?(?:\s+(?P<year>\d{{4}}))?(?!\d)", re.IGNORECASE
)
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})(?!\d)")
_SLASHED = re.compile(r"(?<!\d)(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})(?!\d)")
# A field value that opens with a slashed date, optionally followed by a time or zone.
_SLASHED_FIELD = re.compile(r"^\s*(\d{1,2}/\d{1,2}/\d{4})(?![\d/])(?:[\sT,|].*)?$", re.DOTALL)
_DOTTED = re.compile(r"(?<!\d)(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)")

_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}{_ORDINAL}(?:,?\s+\d{{4}})?(?!\d)"
    rf"|\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?{_MONTH},?(?:\s+\d{{4}})?(?!\d)"
    r"|\d{4}[-/]\d{1,2}[-/]\d{1,2}(?!\d)|\d{1,2}/\d{1,2}/\d{4}(?!\d)|\d{1,2}\.\d{1,2}\.\d{4}(?!\d))"
)
# "MOSCOW, March 28 (Reuters) -": place, date, agency tag.
_AGENCY_DATELINE = re.compile(rf"^(?:[A-Z][A-Za-z .'’-]{{0,40}},?\s+)?(?P<date>{_DATE})\s*\([^()]{{1,40}}\)\s*[-–—]")
# "Published: Monday, March 28, 2022", "date 2022-03-28", "Updated 28 March 2022 13:56".
# Blanks, then a colon and blanks: `\s*:?\s*` split a long run of blanks in quadratically many ways.
_LABELLED = re.compile(
    rf"^(?:date|dated|published|updated|posted|first\s+published|last\s+updated|last\s+modified"
    rf"|publication\s+date)(?:\s+(?:on|at))?\s*(?::\s*)?{_WEEKDAY}?(?P<date>{_DATE})",
    re.IGNORECASE,
)
# "03/28/2022 13:56 (act ...)", "Monday, 28 March 2022 | 10:15", "Mar 28, 2022 - ...": a line opening with a stamp.
_STAMP = re.compile(
    rf"^{_WEEKDAY}?(?P<date>{_DATE})"
    # (?:,\s*)? rather than ,?\s* after \s*: two adjacent runs of blanks made this quadratic.
    r"(?=\s*(?:$|\||\(|[-–—]\s|(?:,\s*)?(?:at\s+)?\d{1,2}[:.]\d{2}|(?:,\s*)?(?:at\s+)?\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)))",
    re.IGNORECASE,
)


def parse_date_text(text: str) -> PartialDate | None:
    """Read one date written in a common form ("Mar 28, 2022", "28 March", "2022-03-28", "03/28/2022")."""
    text = text.strip()
    for pattern in (_ISO, _DOTTED):
        match = pattern.fullmatch(text)
        if match:
            return _checked(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    match = _SLASHED.fullmatch(text)
    if match:
        first, second = int(match.group("first")), int(match.group("second"))
        # Month first, as in US stamps, unless the first number cannot be a month. When both
        # can be, the date is marked ambiguous and the caller settles the order (date_order).
        month, day = (second, first) if first > 12 else (first, second)
        checked = _checked(int(match.group("year")), month, day)
        if checked is not None and first <= 12 and second <= 12 and first != second:
            return PartialDate(month=month, day=day, year=checked.year, ambiguous=True)
        return checked
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        match = pattern.fullmatch(text)
        if match:
            month = MONTH_NUMBERS[match.group("month")[:3].casefold()]
            year = int(match.group("year")) if match.group("year") else None
            return _checked(year, month, int(match.group("day")))
    return None


def find_dateline(text: str) -> PartialDate | None:
    """Return the date of the first dateline in a raw text, preferring one that carries its year."""
    partial: PartialDate | None = None
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for pattern in (_AGENCY_DATELINE, _LABELLED, _STAMP):
            match = pattern.match(line)
            found = parse_date_text(match.group("date")) if match else None
            if found is None:
                continue
            if found.year is not None:
                return found
            partial = partial or found
    return partial


def full_dates_in(text: str) -> list[dt.date]:
    """Every date with a year written anywhere in the text (prose included), in order of appearance."""
    found: list[tuple[int, dt.date]] = []
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _ISO, _DOTTED, _SLASHED):
        for match in pattern.finditer(text):
            parsed = parse_date_text(match.group(0))
            complete = parsed.complete() if parsed else None
            if complete is not None:
                found.append((match.start(), complete))
    return [date for _, date in sorted(found, key=lambda item: item[0])]


def complete_year(partial: PartialDate, references: Iterable[dt.date]) -> dt.date | None:
    """Give a year-less date the year that puts it nearest to the reference dates (most votes wins)."""
    votes: Counter[dt.date] = Counter()
    for reference in references:
        candidates = [
            date
            for year in (reference.year - 1, reference.year, reference.year + 1)
            if (date := _safe_date(year, partial.month, partial.day)) is not None
        ]
        if candidates:
            votes[min(candidates, key=lambda date: abs((date - reference).days))] += 1
    if not votes:
        return None
    # Counter keeps first-seen order among ties, so the first reference in the text decides a tie.
    return votes.most_common(1)[0][0]


def ambiguous_field_date(value: object) -> PartialDate | None:
    """The date of a field that opens with an ambiguous slashed date ("11/06/2024 18:05"), else None.

    dateutil would silently read such a field month first; the caller settles it instead.
    """
    if not isinstance(value, str):
        return None
    match = _SLASHED_FIELD.match(value)
    parsed = parse_date_text(match.group(1)) if match else None
    return parsed if parsed is not None and parsed.ambiguous else None


def parse_date_field(value: object) -> dt.date | None:
    """Parse a loader's date field (ISO 8601, RFC 2822, "28 March 2022", epoch seconds ...).

    A value missing its day, month or year gives None rather than a guessed date.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if re.fullmatch(r"\d{9,10}(?:\.\d+)?|\d{12,13}", value):
        return _from_epoch(value)
    try:
        # Two different defaults: any part the value lacks shows up as a difference.
        first = date_parser.parse(value, default=dt.datetime(1904, 1, 1))
        second = date_parser.parse(value, default=dt.datetime(1908, 12, 28))
    except (ValueError, OverflowError, TypeError):
        partial = parse_date_text(value) or find_dateline(value)
        return partial.complete() if partial else None
    if first.date() != second.date() or not _EARLIEST_YEAR <= first.year <= _LATEST_YEAR:
        return None
    return first.date()


def most_common_date(dates: Sequence[dt.date]) -> dt.date | None:
    """The date most articles carry; the earliest one among equally common dates."""
    if not dates:
        return None
    counts = Counter(dates)
    best = max(counts.values())
    return min(date for date, count in counts.items() if count == best)


def _from_epoch(value: str) -> dt.date | None:
    seconds = float(value) / (1000 if len(value) >= 12 and "." not in value else 1)
    try:
        date = dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None
    return date if _EARLIEST_YEAR <= date.year <= _LATEST_YEAR else None


def _checked(year: int | None, month: int, day: int) -> PartialDate | None:
    if year is not None and not _EARLIEST_YEAR <= year <= _LATEST_YEAR:
        return None
    if _safe_date(year if year is not None else 2000, month, day) is None:  # 2000 is a leap year
        return None
    return PartialDate(month=month, day=day, year=year)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
