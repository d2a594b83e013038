"""Date expressions in a sentence, resolved to calendar dates against the article's date.

News copy dates events relative to the day it was written ("on Sunday", "tomorrow",
"March 10"). `find_date_mentions` turns those into `DateMention` records so that
reports written on different days, or telling the same date in different words,
can be compared.

What is resolved:
  * absolute day dates: "February 24, 2022", "24 February 2022", "Feb. 24", "March 10th",
    "the 24th of February", "2022-02-24"; without a year the year closest to the
    reference date is taken, and without a reference such a date is skipped;
  * relative days: "today", "tonight", "tomorrow", "yesterday", "last night";
  * weekdays: "on Tuesday", "Sunday night", "late on Sunday", "last Friday", "next Monday",
    resolved forward or backward from the reference by the clause they date: clear future
    markers look ahead, past tenses and earlier events ("after a collapse on Monday") back.

What is skipped on purpose: a bare year ("in 2019") or month ("in March"), and vague
spans ("last week", "earlier this month"). `DateMention` carries a single day and no
precision, and a day-level timeline would misplace such spans. A month the text dates an
act by ("launched in September") is read apart, by `find_month_mentions`, for the slots
that compare months with months.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal
from collections.abc import Iterator
from dataclasses import dataclass

from dateutil import parser as date_parser

from newsweave.analyze.spans import (
    first_conjunct,
    governing_verb,
    is_nominal_gerund,
    token_at_char,
    token_char_spans,
)
from newsweave.lexicon import MONTH_ABBREVIATIONS, MONTH_NUMBERS, WEEKDAY_NAMES, WEEKDAY_NUMBERS
from newsweave.model import DateMention, MonthMention, Sentence, Token

# Month names must be capitalised: "may" and "march" are also ordinary words. Every
# spelling starts with the three-letter abbreviation ("Sept", "September" after "Sep").
_MONTH_PREFIX = "|".join(month.capitalize() for month in MONTH_ABBREVIATIONS)
_MONTH = r"(?P<{name}>(?:" + _MONTH_PREFIX + r")[a-z]*\.?)"
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{name}>(?:19|20)\d\d)"

_MONTH_DAY = re.compile(
    r"\b" + _MONTH.format(name="month") + r"\s+" + _DAY.format(name="day") + r"\b"
    r"(?:,?\s+" + _YEAR.format(name="year") + r"\b)?"
)
_DAY_MONTH = re.compile(
    r"\b(?:the\s+)?" + _DAY.format(name="day") + r"(?:\s+of)?\s+" + _MONTH.format(name="month")
    + r"(?:,?\s+" + _YEAR.format(name="year") + r"\b)?"
)
_MONTH_NAME = re.compile(r"\b(?:" + _MONTH_PREFIX + r")[a-z]*\b")
_YEAR_ALONE = re.compile(r"\b(?:19|20)\d\d\b")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_SLASHED = re.compile(r"\b(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b")

# "in September", "in October of this year", "in March 2023": a month an act is dated by, with no day.
# "in early/late September" is left out: a part of a month is no answer to "which month".
_IN_MONTH = re.compile(
    r"\b[Ii]n\s+(?P<month>(?:" + _MONTH_PREFIX + r")[a-z]*\.?)(?![a-z])"
    r"(?:\s+of\s+(?P<relative>this|last|next)\s+year\b|,?\s+" + _YEAR.format(name="year") + r"\b)?"
)
_DAY_AFTER = re.compile(r"\s?[0-3]?\d(?:st|nd|rd|th)?\b")  # one blank at most: a run of blanks costs linear time
_RELATIVE_YEARS = {"this": 0, "last": -1, "next": 1}

_RELATIVE_DAY_OFFSETS: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "tomorrow": 1, "yesterday": -1, "last night": -1,
}  # fmt: skip
_RELATIVE = re.compile(
    r"\b(?P<word>today|tonight|tomorrow|yesterday|this (?:morning|afternoon|evening)|last night)\b",
    re.IGNORECASE,
)

_WEEKDAY = re.compile(
    r"\b(?P<modifier>(?:last|next|this|this past|this coming|coming|past)\s+)?"
    + r"(?P<day_name>(?:" + "|".join(day.capitalize() for day in WEEKDAY_NAMES) + r"))"
    + r"(?P<part>\s+(?:morning|afternoon|evening|night))?\b"
)
_PAST_MODIFIERS = {"last", "this past", "past"}
_FUTURE_MODIFIERS = {"next", "this coming", "coming"}

# A weekday after these prepositions names a planned day ("planned for Tuesday").
_FORWARD_PREPOSITIONS = {"for", "from", "until", "till", "by"}
_BACKWARD_PREPOSITIONS = {"since"}
# Auxiliaries that put a clause in the future or the hypothetical.
_MODALS = {"will", "would", "could", "may", "might", "shall", "should", "can", "must", "'ll", "wo", "ca"}
# Verbs whose infinitive names something still to come: "expected to reopen", "plans to publish".
_PROSPECTIVE_LEMMAS = {
    "expect", "set", "schedule", "plan", "intend", "aim", "hope", "go", "due", "likely", "poise", "prepare",
    "decide", "agree", "promise", "pledge", "vow", "want", "threaten", "propose", "seek", "ready", "about",
    "unlikely", "wish", "need", "order", "ask", "urge", "call",
}  # fmt: skip
# Words introducing an earlier event: "after a collapse on Monday", "following talks on Sunday".
_EARLIER_EVENT_WORDS = {"after", "since", "following", "follow"}
_PERFECT_AUXILIARIES = {"had", "has", "have", "'d", "'ve"}
_PAST_AUXILIARIES = {"was", "were", "did", "had"}


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    date: dt.date
    kind: Literal["absolute", "weekday", "relative"] = "absolute"


def is_machine_date(text: str) -> bool:
    """A date in the machine form YYYY-MM-DD: the page's own date stamp, which prose does not use."""
    return _ISO.fullmatch(text.strip()) is not None


def resolve_weekday(name: str, reference: dt.date, past: bool) -> dt.date:
    """The date of weekday `name` nearest `reference` in one direction.

    `past=False`: the first such day on or after the reference (0 to 6 days ahead);
    `past=True`: the last such day on or before it (0 to 6 days back). A weekday equal
    to the reference's own is the reference day in both directions. `name` may be a
    full name or an abbreviation, in any case ("Tuesday", "tue", "Tues.").
    """
    key = name.strip().rstrip(".").lower()
    if key not in WEEKDAY_NUMBERS:
        raise ValueError(f"not a weekday name: {name!r}")
    target = WEEKDAY_NUMBERS[key]
    if past:
        return reference - dt.timedelta(days=(reference.weekday() - target) % 7)
    return reference + dt.timedelta(days=(target - reference.weekday()) % 7)


def find_date_mentions(sentence: Sentence, reference: dt.date | None) -> list[DateMention]:
    """Date expressions of `sentence` resolved against `reference` (the article's date).

    Returns mentions in reading order, offsets relative to `sentence.text`. Without a
    reference only dates that carry their own year are returned.
    """
    text = sentence.text
    token_spans = token_char_spans(sentence)
    found: list[_Candidate] = []
    # spaCy's DATE entities that carry a day, a month name and a year are parsed whole
    # first: they catch orders the patterns do not read ("2019 Nov 9", "9-Nov-2019").
    for entity_start, entity_end, entity_text in _date_entity_spans(sentence, token_spans):
        resolved = _parse_entity_date(entity_text)
        if resolved is not None:
            found.append(_Candidate(entity_start, entity_end, resolved))
    for candidate in _pattern_candidates(sentence, token_spans, reference):
        if not any(_overlaps(candidate, kept) for kept in found):
            found.append(candidate)
    found.sort(key=lambda item: item.start)
    # "on Thursday, Feb. 24": the weekday only names the absolute date that follows it.
    found = [
        item
        for item in found
        if item.kind != "weekday"
        or not any(other.kind == "absolute" and 0 < other.start - item.end <= 3 for other in found)
    ]
    return [
        DateMention(text=text[c.start : c.end], date=c.date, start_char=c.start, end_char=c.end, form=c.kind)
        for c in found
    ]


def find_month_mentions(sentence: Sentence, reference: dt.date | None) -> list[MonthMention]:
    """Months named with no day ("in September"), with their year: as written, from "of this year"
    and the article's date, or the year that puts the month nearest to the article's date. Without
    a year and without an article date the year stays unknown (None), never guessed."""
    found: list[MonthMention] = []
    text = sentence.text
    for match in _IN_MONTH.finditer(text):
        month = MONTH_NUMBERS.get(match.group("month").rstrip(".").lower())
        if month is None:
            continue  # "in Marchetti's film": a word that only starts like a month
        if match.group("year") is None and _DAY_AFTER.match(text, match.end()):
            continue  # "in March 10": a day date, read by `find_date_mentions`
        end = match.end()
        if match.group("month").endswith(".") and end == match.end("month"):
            end -= 1  # "in May.": the sentence's full stop, not an abbreviation's
        found.append(
            MonthMention(
                text=text[match.start("month") : end],
                month=month,
                year=_month_year(month, match.group("year"), match.group("relative"), reference),
                start_char=match.start("month"),
                end_char=end,
            )
        )
    return found


def _month_year(month: int, year_word: str | None, relative: str | None, reference: dt.date | None) -> int | None:
    if year_word is not None:
        return int(year_word)
    if reference is None:
        return None
    if relative is not None:
        return reference.year + _RELATIVE_YEARS[relative]
    # The year that puts the month nearest the article: "in December" in a January report is last year's.
    return min(
        (reference.year - 1, reference.year, reference.year + 1),
        key=lambda year: abs((year - reference.year) * 12 + month - reference.month),
    )


# --------------------------------------------------------------------------- candidates


def _pattern_candidates(
    sentence: Sentence, token_spans: list[tuple[int, int]], reference: dt.date | None
) -> Iterator[_Candidate]:
    text = sentence.text
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for match in pattern.finditer(text):
            resolved = _month_day_date(match.group("month"), match.group("day"), match.group("year"), reference)
            if resolved is not None:
                yield _Candidate(match.start(), match.end(), resolved)
    for match in _ISO.finditer(text):
        resolved = _safe_date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
        if resolved is not None:
            yield _Candidate(match.start(), match.end(), resolved)
    for match in _SLASHED.finditer(text):
        resolved = _slashed_date(int(match.group("first")), int(match.group("second")), int(match.group("year")))
        if resolved is not None:
            yield _Candidate(match.start(), match.end(), resolved)
    if reference is None:
        return  # everything below is relative to the article's date
    for match in _RELATIVE.finditer(text):
        offset = _RELATIVE_DAY_OFFSETS[match.group("word").lower()]
        yield _Candidate(match.start(), match.end(), reference + dt.timedelta(days=offset), "relative")
    for match in _WEEKDAY.finditer(text):
        modifier = (match.group("modifier") or "").strip().lower()
        if modifier in _PAST_MODIFIERS:
            past = True
        elif modifier in _FUTURE_MODIFIERS:
            past = False
        else:
            token_index = token_at_char(token_spans, match.start("day_name"))
            past = _points_backward(sentence.tokens, token_index) if token_index is not None else False
        resolved = resolve_weekday(match.group("day_name"), reference, past)
        if modifier == "next" and resolved == reference:
            resolved += dt.timedelta(days=7)  # "next Monday" on a Monday is a week ahead
        if modifier == "last" and resolved == reference:
            resolved -= dt.timedelta(days=7)
        yield _Candidate(match.start(), match.end(), resolved, "weekday")


def _parse_entity_date(expression: str) -> dt.date | None:
    """A DATE entity with a day, a month name and a year, parsed by dateutil, or None.

    Other entities ("two weeks", "2019", "Monday", "March 10") are vague, relative or
    read by the patterns, which resolve a missing year against the article's date.
    """
    cleaned = re.sub(r"^(?:on|the)\s+", "", expression.strip())
    has_day = re.search(r"(?<![\d-])[0-3]?\d(?:st|nd|rd|th)?(?![\d-])", _YEAR_ALONE.sub("", cleaned))
    if not _MONTH_NAME.search(cleaned) or not _YEAR_ALONE.search(cleaned) or not has_day:
        return None
    try:
        return date_parser.parse(cleaned, default=dt.datetime(2000, 1, 1), fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def _month_day_date(month_word: str, day_word: str, year_word: str | None, reference: dt.date | None) -> dt.date | None:
    month = MONTH_NUMBERS.get(month_word.rstrip(".").lower())
    if month is None:
        return None
    day = int(day_word)
    if year_word is not None:
        return _safe_date(int(year_word), month, day)
    if reference is None:
        return None  # a month and day with no year and no article date cannot be placed
    # The year that puts the date closest to the article: "December 30" in a January report is last year's.
    options = [_safe_date(year, month, day) for year in (reference.year - 1, reference.year, reference.year + 1)]
    valid = [option for option in options if option is not None]
    if not valid:
        return None
    return min(valid, key=lambda option: abs((option - reference).days))


def _slashed_date(first: int, second: int, year: int) -> dt.date | None:
    # 03/04/2022 is March 4 in the US and 3 April elsewhere: only an impossible month decides.
    if first > 12 >= second:
        return _safe_date(year, second, first)
    if second > 12 >= first:
        return _safe_date(year, first, second)
    if first == second:
        return _safe_date(year, first, second)
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _overlaps(first: _Candidate, second: _Candidate) -> bool:
    return first.start < second.end and second.start < first.end


# --------------------------------------------------------------------------- tokens and tense


def _date_entity_spans(sentence: Sentence, token_spans: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    for entity in sentence.entities:
        if entity.label != "DATE" or not 0 <= entity.start < entity.end <= len(token_spans):
            continue
        start, end = token_spans[entity.start][0], token_spans[entity.end - 1][1]
        yield start, end, sentence.text[start:end]


def _points_backward(tokens: tuple[Token, ...], index: int) -> bool:
    """Whether the weekday at `tokens[index]` names a past day.

    In order: a preposition in front of the weekday ("planned for Tuesday" looks ahead,
    "since Monday" back); then the clause it belongs to. Only clear future markers look
    ahead: a modal ("will", "could"), "going/expected/set/scheduled/due to", "plans to".
    A past or perfect verb looks back, and so does a weekday naming when an earlier
    event happened ("closed after a collapse on Monday", "since the attack on Sunday").
    Other present-tense clauses ("talks resume on Tuesday") look ahead, as does a
    verbless fragment ("Talks on Tuesday").
    """
    # "for Tuesday and Wednesday": the second weekday shares the first one's preposition and verb.
    index = first_conjunct(tokens, index)
    head = tokens[index].head
    if 0 <= head < len(tokens) and tokens[head].pos == "ADP":
        preposition = tokens[head].text.lower()
        if preposition in _FORWARD_PREPOSITIONS:
            return False
        if preposition in _BACKWARD_PREPOSITIONS:
            return True
    verb = _finite_verb(tokens, governing_verb(tokens, index))
    if verb is None:
        return False  # a verbless fragment ("Talks on Tuesday") usually announces what is to come
    tense = _tense(tokens, verb)
    return tense == "past" or (tense == "present" and _after_earlier_event(tokens, index))


def _finite_verb(tokens: tuple[Token, ...], verb: int | None) -> int | None:
    """The verb whose tense the date takes: past participles and gerunds without
    auxiliaries of their own ("heard creaking on Sunday", "talks held on Monday") and
    verbs joined by "and" borrow it from the verb they hang on."""
    for _ in range(len(tokens)):
        if verb is None or _auxiliaries(tokens, verb) or tokens[verb].tag not in {"VBG", "VBN", "VB"}:
            return verb
        borrows = tokens[verb].dep in {"conj", "acl", "amod", "advcl", "pcomp", "xcomp"}
        if not borrows and not is_nominal_gerund(tokens, verb):
            return verb
        above = governing_verb(tokens, verb)
        if above is None or above == verb:
            return verb
        verb = above
    return verb


def _auxiliaries(tokens: tuple[Token, ...], verb: int) -> list[str]:
    """The verb's auxiliaries, with those a parse hangs on another auxiliary ("has" in "has stayed shut")."""
    found = [index for index, token in enumerate(tokens) if token.head == verb and token.dep in {"aux", "auxpass"}]
    for auxiliary in list(found):
        found += [index for index, token in enumerate(tokens) if token.head == auxiliary and token.dep == "aux"]
    return [tokens[index].text.lower() for index in found if index != verb]


def _tense(tokens: tuple[Token, ...], verb: int, depth: int = 0) -> str:
    """ "future", "past" or "present" of the clause headed by `verb`."""
    auxiliaries = _auxiliaries(tokens, verb)
    if any(word in _MODALS for word in auxiliaries):
        return "future"
    if "to" in auxiliaries:
        # An infinitive is ahead of a looking-forward verb ("expected to", "plans to",
        # "going to"), else as old as the verb it depends on ("was forced to flee").
        head = tokens[verb].head
        if tokens[verb].dep in {"xcomp", "ccomp", "advcl"} and 0 <= head < len(tokens) and head != verb and depth < 5:
            if tokens[head].lemma.lower() in _PROSPECTIVE_LEMMAS:
                return "future"
            return _tense(tokens, head, depth + 1)
        return "future"
    if any(word in _PERFECT_AUXILIARIES or word in _PAST_AUXILIARIES for word in auxiliaries):
        return "past"
    if auxiliaries:
        return "present"  # "are scheduled", "is arriving"
    if tokens[verb].tag in {"VBD", "VBN"}:
        return "past"
    return "present"


def _after_earlier_event(tokens: tuple[Token, ...], index: int) -> bool:
    """Whether the weekday dates a noun introduced by "after", "since" or "following"."""
    current = index
    for _ in range(6):  # weekday -> "evening" -> "on" -> noun -> "after"
        head = tokens[current].head
        if head == current or not 0 <= head < len(tokens):
            return False
        word = tokens[head].lemma.lower()
        if word in _EARLIER_EVENT_WORDS and current != index and tokens[current].pos in {"NOUN", "PROPN"}:
            return True
        if tokens[head].pos in {"VERB", "AUX"}:
            return False  # the clause's own verb decides
        current = head
    return False
