"""Clock times in a sentence ("10:40 p.m.", "1700 hours", "0200 GMT"), read as minutes after midnight.

Outlets often disagree about when something happened ("just before 10.20pm" against
"around 10:40 p.m.") or quote the same moment in two zones. `find_clock_times` turns the
times in a sentence's text into `ClockTime` records; `times_compatible` says whether two
of them can describe the same moment.

What counts as a time (case-insensitive unless noted):
  * 12-hour with a.m./p.m.: "10:40 p.m.", "10:40pm", "10.20pm", "4 a.m.", "4 AM", "4:00 am";
  * 24-hour with a colon: "17:00", "02:00 GMT", "16:30 local time", "17:00 hours";
  * four digits followed by "hours"/"hrs"/"h" or a zone: "1700 hours", "0200 GMT", "0200Z";
  * "noon" and "midnight" where used as a time: after "at", "by", "before", ... or before a zone.
A zone may follow: "local time", "GMT"/"UTC"/"Z" (one label, "UTC"), an upper-case
abbreviation ("ET", "IST", "CEST"), or "<Place> time" ("Pakistan time" -> "pakistan").

What is not a time: a bare number ("2022", "1,700"), a decimal without a.m./p.m. or a zone
("8.30", "17.5 million"), a score or range of bare numbers ("2-1"), a ratio ("3:1"), and a
bare "h:mm" on a 12-hour-looking hour unless a time word precedes it ("at 4:30") or a
zone follows, since verse numbers and race times share the shape. Such an "at 4:30" keeps
both readings (`ambiguous_half_day`): it may be morning or afternoon.

Every pattern here is anchored by a look-behind or bounded, so long odd runs stay linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from newsweave.lexicon import MONTH_NAMES, WEEKDAY_NAMES

Bound = Literal["exact", "about", "before", "after"]

MINUTES_PER_DAY = 1440
# How far a "before"/"after" time may lie from the moment it names. Such a bound only says
# "earlier"/"later"; six hours lets "before noon" match "at 9 a.m." (no false dispute) while
# "before 10 a.m." still cannot match "after 11 a.m." by wrapping round the clock.
BOUND_WINDOW_MINUTES = 360


@dataclass(frozen=True)
class ClockTime:
    """One time of day as written in a sentence, with its zone and hedge."""

    text: str  # as written, the time and its zone words: "4:00 am local time"
    start_char: int  # offsets into the text searched
    end_char: int
    minutes: int  # minutes after midnight, 0..1439 (for `ambiguous_half_day`, the reading as written)
    zone: str | None  # "local", "UTC", "ET", "pakistan", ... or None when no zone is written
    bound: Bound  # the hedge before it: "around 4pm" -> "about", "just before 4pm" -> "before"
    precision_minutes: int = 0  # written minutes and whole hours are both taken as exact
    restates: bool = False  # the parenthesised second writing of the time before it: "(0200 GMT)"
    ambiguous_half_day: bool = False  # "at 4:30" with no a.m./p.m.: may also be 12 hours later


# A run of digits and separators, started only where no number, word or decimal point precedes.
_NUMBER = re.compile(r"(?<![\w.,:/$£€¥])\d[\d:.,]*")
# The shapes a clock time's digits may take (applied with fullmatch to one number).
_SHAPE = re.compile(
    r"(?P<hour>\d{1,2})(?:(?P<sep>[:.])(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
    r"|(?P<chour>\d{2})(?P<cminute>\d{2})"
)
_MERIDIEM = re.compile(r"\s?(?:(?P<dotted>[ap])\.\s?m\.?|(?P<plain>[ap])m)(?![^\W_])", re.IGNORECASE)
_HOURS_WORD = re.compile(r"\s?(?:hours|hrs|hr|h)(?![^\W_])", re.IGNORECASE)
_ZULU = re.compile(r"Z(?![\w])")
# Zone abbreviations must be upper case: "et" and "ist" are ordinary words in lower case.
_ZONE = re.compile(
    r"""\s?(?:
        (?P<local>(?i:local)\s(?i:time))(?![^\W_])
      | \((?P<plocal>(?i:local)\s(?i:time))\)
      | (?P<utc>UTC|GMT)(?P<offset>[+\-\u2212]\d{1,2}(?::?\d{2})?)?(?![\w&])
      | (?P<abbr>[A-Z]{1,4}T|MSK|WIB|WITA)(?![\w&])
      | (?P<place>[A-Z][a-z]{1,20}(?:[\s-][A-Z][a-z]{1,20}){0,2})\s(?i:time)(?![^\W_])
    )""",
    re.VERBOSE,
)
_NOON_MIDNIGHT = re.compile(r"(?<!\w)(?:12\s?)?(?P<word>noon|midnight)(?!\w)", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s{1,3}(?P<word>[A-Za-z]{1,20})(?![^\W_])")

_NOT_ZONES = frozenset({"AT", "IT", "ST"})  # upper-case words that look like zones: "4pm IT staff"
# Long zone names (the words before "time") that have a usual abbreviation.
_NAMED_ZONES: dict[str, str] = {
    "greenwich mean": "UTC", "coordinated universal": "UTC", "universal": "UTC",
    "eastern": "ET", "eastern standard": "EST", "eastern daylight": "EDT",
    "central": "CT", "central standard": "CST", "central daylight": "CDT",
    "mountain": "MT", "mountain standard": "MST", "mountain daylight": "MDT",
    "pacific": "PT", "pacific standard": "PST", "pacific daylight": "PDT",
    "british summer": "BST", "central european": "CET", "central european summer": "CEST",
    "eastern european": "EET", "eastern european summer": "EEST",
    "indian standard": "IST", "japan standard": "JST", "korea standard": "KST",
}  # fmt: skip
_SEASON_WORDS = frozenset({"standard", "daylight", "summer", "mean"})
# Capitalised words that start a sentence or a phrase, or name a day or month, not a place: "at 4 p.m. The time ...".
_NOT_PLACES = frozenset(
    {
        "the", "this", "that", "these", "those", "a", "an", "each", "every", "some", "any", "no",
        "last", "next", "first", "same", "our", "their", "his", "her", "its", "my", "your", "what",
        "prime", "half", "full", "part", "extra", "injury", "stoppage", "summer", "winter", "local",
    }
).union(WEEKDAY_NAMES, MONTH_NAMES)  # fmt: skip

_ABOUT_WORDS = frozenset({"around", "about", "approximately", "roughly", "some", "circa", "approx"})
_BEFORE_WORDS = frozenset({"before", "by", "nearly", "almost"})  # "by noon": at noon or earlier
_AFTER_WORDS = frozenset({"after", "past"})
# Words after which a number is read as a time of day ("at 4:30", "until midnight").
_TIME_PREPOSITIONS = (
    frozenset({"at", "until", "till", "from", "to", "since", "than"})
    | _ABOUT_WORDS
    | _BEFORE_WORDS
    | _AFTER_WORDS
)
# "for 1700 hours", "1700 hours of footage": a duration, not the time 17:00.
_DURATION_BEFORE = frozenset({"for", "within", "over", "of"})
_DURATION_AFTER = frozenset({"of", "ago", "later", "earlier", "per", "each", "long", "straight", "total"})
_BLANKS = frozenset(" \t\u00a0\u202f")


@dataclass(frozen=True)
class _Zone:
    label: str
    end: int


def find_clock_times(text: str) -> list[ClockTime]:
    """Every clock time in `text`, in order of position; see the module docstring for the forms."""
    found: list[ClockTime] = []
    for match in _NUMBER.finditer(text):
        token = match.group().rstrip(".,:")
        clock = _number_time(text, match.start(), token)
        if clock is not None:
            found.append(clock)
    for match in _NOON_MIDNIGHT.finditer(text):
        clock = _word_time(text, match)
        if clock is not None:
            found.append(clock)
    found.sort(key=lambda clock: clock.start_char)
    return _mark_restatements(text, _drop_overlaps(found))


def times_compatible(a: ClockTime, b: ClockTime, tolerance_minutes: int) -> bool:
    """Whether `a` and `b` can name the same moment, allowing `tolerance_minutes` of slack.

    Zones: two different zones ("local" and "UTC", "UTC" and "ET") are compatible, because
    the offset between them is not known here and guessing it would invent disputes. A time
    with no zone is taken as local time, so it is compared with "local" and with another
    time that has no zone.

    Bounds: an exact or "about" time names that minute (the tolerance is the slack for
    rounding and hedges); "before" covers the `BOUND_WINDOW_MINUTES` up to the time and
    "after" those from it. Two times are compatible when these spans, each widened by the
    tolerance, overlap going round the clock: 23:50 and 00:05 are 15 minutes apart, and
    "just before 10:20" cannot be "10:25" within 2 minutes. A time with no a.m./p.m.
    (`ambiguous_half_day`) is compatible if either of its two readings is.
    """
    if tolerance_minutes < 0:
        raise ValueError(f"times_compatible: tolerance_minutes must be >= 0, got {tolerance_minutes}")
    if (a.zone or "local") != (b.zone or "local"):
        return True
    return any(
        _gap(first, a.bound, second, b.bound) <= tolerance_minutes
        for first in _readings(a)
        for second in _readings(b)
    )


# Zones differ from one another by whole half hours (a few by 45 minutes, left aside here).
ZONE_OFFSET_STEP_MINUTES = 30


def may_be_read_in_two_zones(a: ClockTime, b: ClockTime) -> bool:
    """Whether two times with no zone written may be one moment on two countries' clocks.

    "Local time" is the writer's: an outlet in one country and one in its neighbour tell one
    ceasefire as "5 pm" and "4:30 pm". Exact times a whole number of half hours apart may be
    that; 11:52 and 19:11, or 10:20 and 10:40, are not.
    """
    if a.zone is not None or b.zone is not None or a.bound != "exact" or b.bound != "exact":
        return False
    return any(
        (first - second) % ZONE_OFFSET_STEP_MINUTES == 0 and first != second
        for first in _readings(a)
        for second in _readings(b)
    )


# ----------------------------------------------------------------- comparing


def _readings(clock: ClockTime) -> tuple[int, ...]:
    if clock.ambiguous_half_day:
        return (clock.minutes, (clock.minutes + MINUTES_PER_DAY // 2) % MINUTES_PER_DAY)
    return (clock.minutes,)


def _span(bound: Bound) -> tuple[int, int]:
    """The minutes, relative to the written time, that a bound lets the moment lie in."""
    if bound == "before":
        return (-BOUND_WINDOW_MINUTES, 0)
    if bound == "after":
        return (0, BOUND_WINDOW_MINUTES)
    return (0, 0)


def _gap(first: int, first_bound: Bound, second: int, second_bound: Bound) -> int:
    """Minutes between the two spans, the shortest way round the clock (0 when they overlap)."""
    first_low, first_high = _span(first_bound)
    second_low, second_high = _span(second_bound)
    shift = (second - first) % MINUTES_PER_DAY
    gaps = []
    for turn in (shift - MINUTES_PER_DAY, shift, shift + MINUTES_PER_DAY):
        low, high = turn + second_low, turn + second_high
        gaps.append(max(0, low - first_high, first_low - high))
    return min(gaps)


# ----------------------------------------------------------------- reading numbers


def _number_time(text: str, start: int, token: str) -> ClockTime | None:
    shape = _SHAPE.fullmatch(token)
    if shape is None:
        return None
    end = start + len(token)
    zulu = _ZULU.match(text, end)
    meridiem = None if zulu else _MERIDIEM.match(text, end)
    position = meridiem.end() if meridiem else end
    hours_word = None if zulu or meridiem else _HOURS_WORD.match(text, position)
    position = hours_word.end() if hours_word else position
    zone: _Zone | None = _Zone("UTC", zulu.end()) if zulu else _read_zone(text, position)
    position = zone.end if zone else position
    before = _words_before(text, start, 2)

    if shape.group("chour") is not None:
        # Four digits: a 24-hour time only when "hours" or a zone says so, else a year or count.
        hour, minute = int(shape.group("chour")), int(shape.group("cminute"))
        if meridiem is not None:
            hour = _twelve_hour(hour, meridiem)
        elif hours_word is None and zone is None:
            return None
        ambiguous = False
    else:
        hour = int(shape.group("hour"))
        minute = int(shape.group("minute") or 0)
        separator = shape.group("sep")
        if meridiem is not None:
            hour = _twelve_hour(hour, meridiem)
            ambiguous = False
        elif separator is None:
            return None  # "4" alone, "4 GMT": too bare to be sure
        elif separator == "." and (zone is None or hours_word is not None):
            return None  # "8.30", "12.45 hours": decimals as often as times
        elif shape.group("second") is not None and zone is None and hours_word is None:
            return None  # "2:05:33": a race or video length as often as a time
        else:
            written_24 = hour == 0 or hour > 12 or shape.group("hour").startswith("0")
            ambiguous = not written_24 and hours_word is None
            if ambiguous and zone is None and (not before or before[0] not in _TIME_PREPOSITIONS):
                return None  # "John 3:16", "a 2:45 marathon"
    if hour < 0 or hour > 23 or minute > 59:
        return None
    if hours_word is not None and zone is None and _reads_as_duration(text, before, position):
        return None
    return ClockTime(
        text=text[start:position],
        start_char=start,
        end_char=position,
        minutes=hour * 60 + minute,
        zone=zone.label if zone else None,
        bound=_bound(before),
        ambiguous_half_day=ambiguous,
    )


def _twelve_hour(hour: int, meridiem: re.Match[str]) -> int:
    """The 24-hour hour for a 12-hour one, or -1 when the hour cannot take a.m./p.m."""
    if hour < 1 or hour > 12:
        return -1
    letter = (meridiem.group("dotted") or meridiem.group("plain")).lower()
    return hour % 12 + (12 if letter == "p" else 0)


def _reads_as_duration(text: str, before: list[str], position: int) -> bool:
    if before and before[0] in _DURATION_BEFORE:
        return True
    if before[:1] == ["than"] and before[1:2] not in (["later"], ["earlier"]):
        return True  # "more than 1700 hours", but not "no later than 1700 hours"
    following = _NEXT_WORD.match(text, position)
    return following is not None and following.group("word").lower() in _DURATION_AFTER


def _word_time(text: str, match: re.Match[str]) -> ClockTime | None:
    """ "noon"/"midnight" as a time: after a time word ("at noon") or before a zone."""
    zone = _read_zone(text, match.end())
    before = _words_before(text, match.start(), 2)
    if zone is None and (not before or before[0] not in _TIME_PREPOSITIONS):
        return None  # "the midnight deadline", "a noon briefing"
    end = zone.end if zone else match.end()
    return ClockTime(
        text=text[match.start() : end],
        start_char=match.start(),
        end_char=end,
        minutes=720 if match.group("word").lower() == "noon" else 0,
        zone=zone.label if zone else None,
        bound=_bound(before),
    )


# ----------------------------------------------------------------- zones, hedges, restatements


def _read_zone(text: str, position: int) -> _Zone | None:
    match = _ZONE.match(text, position)
    if match is None:
        return None
    if match.group("local") or match.group("plocal"):
        return _Zone("local", match.end())
    if match.group("utc"):
        return _Zone(_utc_label(match.group("offset")), match.end())
    abbreviation = match.group("abbr")
    if abbreviation:
        return None if abbreviation in _NOT_ZONES else _Zone(abbreviation, match.end())
    label = _place_label(match.group("place"))
    return _Zone(label, match.end()) if label else None


def _utc_label(offset: str | None) -> str:
    """ "UTC", or "UTC+3" / "UTC-5:30" for a written offset (zero offsets are plain "UTC")."""
    if not offset:
        return "UTC"
    sign = "-" if offset[0] in "-\u2212" else "+"
    digits = offset[1:].replace(":", "")
    hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
    if int(hours) == 0 and int(minutes) == 0:
        return "UTC"
    return f"UTC{sign}{int(hours)}" + (f":{minutes}" if minutes != "00" else "")


def _place_label(place: str) -> str | None:
    """ "Pakistan" -> "pakistan", "Eastern Standard" -> "EST"; None for "The", "Monday", ..."""
    words = place.replace("-", " ").lower().split()
    if words[0] in _NOT_PLACES:
        return None
    named = _NAMED_ZONES.get(" ".join(words))
    if named is not None:
        return named
    while words and words[-1] in _SEASON_WORDS:  # "Pakistan Standard time" is "Pakistan time"
        words.pop()
    return " ".join(words) or None


def _words_before(text: str, position: int, count: int) -> list[str]:
    """Up to `count` lower-cased words right before `position`, nearest first, blank-separated."""
    words: list[str] = []
    end = position
    while len(words) < count:
        blank = end
        while blank > 0 and text[blank - 1] in _BLANKS and end - blank < 3:
            blank -= 1
        if blank == end:
            break
        word_start = blank
        while word_start > 0 and text[word_start - 1].isalpha() and blank - word_start < 20:
            word_start -= 1
        if word_start == blank or (word_start > 0 and text[word_start - 1].isalnum()):
            break
        words.append(text[word_start:blank].lower())
        end = word_start
    return words


def _bound(before: list[str]) -> Bound:
    if not before:
        return "exact"
    nearest = before[0]
    if nearest in _ABOUT_WORDS:
        return "about"
    if nearest in _BEFORE_WORDS:
        return "before"
    if nearest in _AFTER_WORDS:
        return "after"
    if nearest == "than" and len(before) > 1:  # "no later than 4pm", "no earlier than 4pm"
        if before[1] == "later":
            return "before"
        if before[1] == "earlier":
            return "after"
    return "exact"


def _drop_overlaps(found: list[ClockTime]) -> list[ClockTime]:
    kept: list[ClockTime] = []
    for clock in found:
        if not kept or clock.start_char >= kept[-1].end_char:
            kept.append(clock)
    return kept


# The rest of a parenthesised restatement: ")" or " in Lisbon)".
_CLOSING_IN_PLACE = re.compile(r"(?<![ \t])(?:[ \t]+in[ \t]+(?P<place>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}))?[ \t]*\)")


def _mark_restatements(text: str, found: list[ClockTime]) -> list[ClockTime]:
    """Flag a time written in parentheses right after another: "4 a.m. local time (0200 GMT)"."""
    marked: list[ClockTime] = []
    for index, clock in enumerate(found):
        if index > 0:
            between = text[found[index - 1].end_char : clock.start_char]
            closing = _CLOSING_IN_PLACE.match(text, clock.end_char)
            if closing and between.strip(" \u00a0") == "(" and len(between) <= 3:
                # "(10 p.m. in Lisbon)": the place names the zone the restated time is in.
                place = closing.group("place")
                zone = clock.zone or (place.lower() if place else None)
                clock = replace(clock, restates=True, zone=zone)
        marked.append(clock)
    return marked
