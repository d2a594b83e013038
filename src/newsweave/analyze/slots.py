"""Values that fill a slot: a date or a quantity, with its clause, speaker and denial.

A `SlotValue` is one source saying "the talks start on <Tuesday>", "the offensive
began in <September>" or "the span is <480 metres>": the value, the clause it sits in (with the value blanked
out, so clauses can be compared regardless of the value), and who said it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from newsweave.analyze.attribution import find_attribution
from newsweave.analyze.clauses import (
    Clause,
    Tense,
    clause_certainty,
    clause_of,
    clause_tense,
    is_background,
    is_denied,
    reporting_speaker,
)
from newsweave.analyze.clock_times import ClockTime, find_clock_times
from newsweave.analyze.dates import find_date_mentions, find_month_mentions, is_machine_date
from newsweave.analyze.hedges import Bound, hedge_word_count
from newsweave.analyze.quantities import find_quantities
from newsweave.analyze.slot_keys import STATE_PLACES, VERB_ONLY_SIGNALS, distance_key, nearest_key
from newsweave.analyze.spans import children, children_of, token_at_char, token_char_spans
from newsweave.lexicon import MONTH_NAMES, REPORTING_VERBS, WEEKDAY_NAMES
from newsweave.model import AnalyzedArticle, Attribution, Certainty, Sentence, Token

BLANK = "…"
# Matched after the blanks that follow a date; a leading \s* would make searching a blank run quadratic.
DATELINE_AFTER = re.compile(r"\([^()]{2,40}\)\s*[-–—]")
# How a date is written: with its own day, as a weekday, relative to the article ("tomorrow"); a month
# with its year ("month": amount counts months from year 0), or a month whose year no one gives
# ("month_of_year": amount is the month, 0 to 11).
DateForm = Literal["absolute", "weekday", "relative", "month", "month_of_year"]
ValueKind = Literal["date", "month", "time", "number"]


@dataclass(frozen=True)
class SlotValue:
    kind: ValueKind
    source: str
    sentence: Sentence
    display: str  # as written: "Tuesday", "1,600 feet"
    normalized: str  # "2022-03-29 (Tuesday)", "487.7 m"
    dimension: str  # "date", "length", "count:worker", ...
    amount: float  # ordinal day for dates, month count for months (see DateForm), base-unit value for quantities
    context: str  # the clause with the value blanked out
    speaker: str | None
    via: tuple[str, ...]
    denied: bool
    context_words: frozenset[str]  # content lemmas of the clause, for a cheap overlap check
    date_form: DateForm | None = None  # for dates: written with its own day, as a weekday, or relative
    bound: Bound = "exact"  # for numbers: "at least", "up to", "about" ... written before the figure
    as_of: dt.date | None = None  # the date of the article that states it, when it has one
    clock: ClockTime | None = None  # for times of day: the time as read, with its zone and hedge
    restated: ClockTime | None = None  # the same moment in another zone, written after it in parentheses
    key: str | None = None  # what the figure measures, from the signal word nearest to it ("dead", "injured")
    tense: Tense | None = None  # whether its clause tells what happened or what is to happen; None: a
    # present-tense clause dating a noun's event ("closed after the collapse on Monday") does not say
    certainty: Certainty = "confirmed"  # how firmly its clause states it ("could", "will", "not")
    history_year: int | None = None  # for a figure of a past event ("304 died in 2014"): that year
    person: str | None = None  # for an age or a share: the last word of the nearest name, lower case
    unit_scale: float = 1.0  # base units per unit as written (1,609 for miles): figures in one unit round alike
    # The clause's words that tell what was done: its nouns, verbs and adjectives, without names, reporting
    # verbs, verbs of being and having, and words of time ("day", "night"). Two days of one act share one.
    act_words: frozenset[str] = frozenset()
    doer_words: frozenset[str] = frozenset()  # the clause's active subjects: who acted, not what was done


_BASE_UNIT_NAMES = {"length": "m", "mass": "kg", "speed": "km/h", "area": "m²", "volume": "l", "duration": "min", "percent": "%"}


def extract_slot_values(articles: Sequence[AnalyzedArticle]) -> list[SlotValue]:
    """Every dated or measured value in the story's body sentences."""
    values: list[SlotValue | None] = []  # None: a value _make_value rejected
    for analyzed in articles:
        reference = analyzed.article.published
        for sentence in analyzed.sentences:
            if sentence.kind == "heading" or not sentence.tokens:
                continue
            first_of_sentence = len(values)
            attribution = find_attribution(sentence)
            spans = token_char_spans(sentence)
            mentions = find_date_mentions(sentence, reference)
            for mention in mentions:
                if is_machine_date(mention.text):
                    continue  # "date 2025-03-16": the page's stamp of when it was published, not a claim
                values.append(
                    _make_value(
                        "date",
                        sentence,
                        spans,
                        attribution,
                        mention.start_char,
                        mention.end_char,
                        display=mention.text,
                        normalized=f"{mention.date.isoformat()} ({WEEKDAY_NAMES[mention.date.weekday()].capitalize()})",
                        dimension="date",
                        amount=float(mention.date.toordinal()),
                        date_form=mention.form,
                        as_of=reference,
                    )
                )
            days = [(m.start_char, m.end_char) for m in mentions]
            months = [m for m in find_month_mentions(sentence, reference) if not _overlaps_any(m.start_char, m.end_char, days)]
            for month in months:
                values.append(
                    _make_value(
                        "month",
                        sentence,
                        spans,
                        attribution,
                        month.start_char,
                        month.end_char,
                        display=month.text,
                        normalized=_month_normalized(month.month, month.year),
                        dimension="month",
                        amount=float(month.month - 1 if month.year is None else month.year * 12 + month.month - 1),
                        date_form="month_of_year" if month.year is None else "month",
                        as_of=reference,
                    )
                )
            clocks = find_clock_times(sentence.text)
            for number, clock in enumerate(clocks):
                if clock.restates:
                    continue  # "(0200 GMT)" after "4 a.m. local time": the same moment, kept as its other reading
                following = clocks[number + 1] if number + 1 < len(clocks) else None
                zone = f" {clock.zone}" if clock.zone else ""
                values.append(
                    _make_value(
                        "time",
                        sentence,
                        spans,
                        attribution,
                        clock.start_char,
                        clock.end_char,
                        display=clock.text,
                        normalized=f"{clock.minutes // 60:02d}:{clock.minutes % 60:02d}{zone}",
                        dimension="time",
                        amount=float(clock.minutes),
                        clock=clock,
                        restated=following if following is not None and following.restates else None,
                    )
                )
            taken = days + [(m.start_char, m.end_char) for m in months] + [(c.start_char, c.end_char) for c in clocks]
            for quantity in find_quantities(sentence):
                if _overlaps_any(quantity.start_char, quantity.end_char, taken):
                    continue  # "30" of "2022-10-30", "1700 hours" of a time: parts of a date or time are not amounts
                measure, per, rate = quantity.dimension.partition("/")  # "length/gallon": a rate ("miles per gallon")
                unit = _BASE_UNIT_NAMES.get(measure, measure.split(":")[-1]) + per + rate
                values.append(
                    _make_value(
                        "number",
                        sentence,
                        spans,
                        attribution,
                        quantity.start_char,
                        quantity.end_char,
                        display=quantity.text,
                        normalized=f"{_round(quantity.base_value)} {unit}",
                        dimension=quantity.dimension,
                        amount=quantity.base_value,
                        as_of=reference,
                        bound=quantity.bound,
                        unit_scale=quantity.base_value / quantity.value if quantity.value else 1.0,
                    )
                )
            if sentence.kind == "cut":
                values[first_of_sentence:] = [v for v in values[first_of_sentence:] if v and _told_before_the_cut(v)]
    return [v for v in values if v is not None]


# A sentence broken off by a truncated page ("… after the government lifted the outdo") still states
# the figures that whole words follow; one at the very end may itself be cut ("rose to 3" of "30").
_WORDS_AFTER_A_FIGURE_BEFORE_A_CUT = 3


def _told_before_the_cut(value: SlotValue) -> bool:
    text = value.sentence.text
    end = text.find(value.display)
    return end >= 0 and len(text[end + len(value.display) :].split()) >= _WORDS_AFTER_A_FIGURE_BEFORE_A_CUT


def _overlaps_any(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(span_start < end and start < span_end for span_start, span_end in spans)


def _month_normalized(month: int, year: int | None) -> str:
    """ "2024-09 (September 2024)", or "September (no year given)"."""
    name = MONTH_NAMES[month - 1].capitalize()
    return f"{name} (no year given)" if year is None else f"{year:04d}-{month:02d} ({name} {year})"


def _round(value: float) -> str:
    if value >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _make_value(
    kind: ValueKind,
    sentence: Sentence,
    spans: list[tuple[int, int]],
    attribution: Attribution | None,
    start: int,
    end: int,
    *,
    display: str,
    normalized: str,
    dimension: str,
    amount: float,
    date_form: DateForm | None = None,
    as_of: dt.date | None = None,
    bound: Bound = "exact",
    clock: ClockTime | None = None,
    restated: ClockTime | None = None,
    unit_scale: float = 1.0,
) -> SlotValue | None:
    index = token_at_char(spans, start)
    after = sentence.text[end:]
    if index is None or DATELINE_AFTER.match(after, len(after) - len(after.lstrip())):
        return None  # "June 11 (Harbourline Wire) -": the date of the report, not of an event
    clause = clause_of(sentence, index)
    if is_background(sentence, clause.verb):
        return None
    # "the ferry sinking in 2014, which took 304 lives": history, not this story's figure; it is compared
    # only with figures of the same past year.
    history_year = _past_year_told(sentence, clause, index, as_of) if kind == "number" else None
    value_tokens = {i for i, (s, e) in enumerate(spans) if s < end and e > start}
    # The hedge is part of the value ("as many as 3,700"), not of what the figure measures: blanked
    # with it, so that "as many as … could be cut" and "expected to cut around …" read alike.
    hedged = set(range(min(value_tokens) - hedge_word_count(sentence.text, start), min(value_tokens))) if value_tokens else set()
    words: list[str] = []
    for i in clause.tokens:
        if i in value_tokens or i in hedged:
            if not words or words[-1] != BLANK:
                words.append(BLANK)
        else:
            words.append(sentence.text[spans[i][0] : spans[i][1]])
    context = _join(words)
    clause_speaker = reporting_speaker(sentence, clause.verb)
    speaker = clause_speaker.text if clause_speaker else (attribution.speaker if attribution else None)
    clause_words = [
        (sentence.tokens[i].lemma.lower(), sentence.tokens[i].pos)
        for i in clause.tokens
        if i not in value_tokens and sentence.tokens[i].pos in {"NOUN", "PROPN", "VERB"} and len(sentence.tokens[i].text) > 2
    ]
    content = frozenset(lemma for lemma, _ in clause_words)
    # What was done: the clause's verbs, nouns and adjectives ("a silent tribute"), not its names.
    acts = frozenset(
        sentence.tokens[i].lemma.lower()
        for i in clause.tokens
        if i not in value_tokens
        and sentence.tokens[i].pos in _ACT_POS
        and not sentence.tokens[i].ent_type  # "Serbian", "Greek": a name's adjective is no act
        and len(sentence.tokens[i].text) > 2
    ) - _NOT_AN_ACT
    doers = frozenset(sentence.tokens[i].lemma.lower() for i in clause.tokens if sentence.tokens[i].dep == "nsubj")
    return SlotValue(
        kind=kind,
        source=sentence.source,
        sentence=sentence,
        display=display,
        normalized=normalized,
        dimension=dimension,
        amount=amount,
        context=context,
        speaker=speaker,
        via=attribution.via if attribution else (),
        denied=is_denied(sentence, clause.verb),
        context_words=content,
        key=(distance_key(after) if dimension == "length" else None) or _slot_key(sentence, value_tokens, dimension)
        if kind == "number"
        else None,
        date_form=date_form,
        bound=bound,
        as_of=as_of,
        clock=clock,
        restated=restated,
        tense=_tense_of_the_dated(sentence, value_tokens, index, clause.verb),
        certainty=clause_certainty(sentence, clause.verb),
        history_year=history_year,
        person=_nearest_person(sentence, index) if dimension in _FIGURES_OF_A_PERSON else None,
        unit_scale=unit_scale,
        act_words=acts,
        doer_words=doers,
    )


_ACT_POS = frozenset({"NOUN", "VERB", "ADJ"})
# Words of a clause that do not tell which act it dates: anyone may say, be or have something on any
# day, and "night" or "week" only repeat the date.
_NOT_AN_ACT = REPORTING_VERBS | frozenset(
    {
        "be", "have", "do", "get", "make", "day", "week", "month", "year", "morning", "afternoon",
        "evening", "night", "today", "tonight", "time", "hour", "minute", "weekend",
    }
)  # fmt: skip


# Figures that belong to the person named beside them: an age ("Ilse Varga, 43"), a share ("Romney
# leads with 21 percent", "Huckabee (14 percent)"). Two people's figures are never one slot.
_FIGURES_OF_A_PERSON = frozenset({"age", "percent"})
_AGE_NAME_REACH = 6  # tokens: in "the 76 - year - old Varga" the name is five tokens after the figure
_OWNER_REACH = 4  # head links climbed from a figure to the name or the verb it hangs on
_BRACKET_REACH = 4  # tokens back from a figure to the bracket it opens with ("(at 12 percent)")


def _nearest_person(sentence: Sentence, index: int) -> str | None:
    """The person a figure belongs to: the name it hangs on ("Huckabee (14 percent)", "Ilse Varga,
    43"), or the named subject of its verb ("Romney leads with 21 percent"); failing both, the name
    nearest to it in the sentence ("the 76-year-old Varga"), by tokens; None when it names no one."""
    owner = _name_before_the_bracket(sentence, index) or _owner_by_attachment(sentence, index)
    if owner is not None:
        return owner
    people = [entity for entity in sentence.entities if entity.label == "PERSON" and entity.end > entity.start]
    if not people:
        # The small tagger misses many names: a proper noun right beside the age ("the 76-year-old Varga").
        near = [i for i in range(max(0, index - _AGE_NAME_REACH), min(len(sentence.tokens), index + _AGE_NAME_REACH + 1))
                if sentence.tokens[i].pos == "PROPN"]
        return sentence.tokens[min(near, key=lambda i: abs(i - index))].text.lower() if near else None
    nearest = min(people, key=lambda e: min(abs(e.start - index), abs(e.end - 1 - index)))
    return sentence.tokens[nearest.end - 1].text.lower() if nearest.end - 1 < len(sentence.tokens) else None


def _name_before_the_bracket(sentence: Sentence, index: int) -> str | None:
    """ "followed by Romney (17 percent), Huckabee (14 percent), Palin (12 percent)": a figure in brackets
    right after a name is that name's (a person's, a party's or a place's: the tagger often takes a
    surname for a place), whatever the parser made of the list."""
    tokens = sentence.tokens
    for i in range(index - 1, max(-1, index - _BRACKET_REACH), -1):
        if tokens[i].text in {")", "("} or tokens[i].pos == "VERB":
            opened = tokens[i].text == "(" and i > 0
            return _last_word_of_name(sentence, i - 1) if opened and tokens[i - 1].pos == "PROPN" else None
    return None


def _owner_by_attachment(sentence: Sentence, index: int) -> str | None:
    """The name a figure hangs on, or the named subject of the verb it hangs on; None otherwise."""
    tokens = sentence.tokens
    current = index
    for _ in range(_OWNER_REACH):
        head = tokens[current].head
        if not 0 <= head < len(tokens) or head == current:
            return None
        current = head
        if _may_name_a_person(tokens[current]):
            return _last_word_of_name(sentence, current)
        if tokens[current].pos in ("VERB", "AUX"):
            subjects = [c for c in children(tokens, current) if tokens[c].dep in ("nsubj", "nsubjpass")]
            return _last_word_of_name(sentence, subjects[0]) if subjects and _may_name_a_person(tokens[subjects[0]]) else None
    return None


def _may_name_a_person(token: Token) -> bool:
    """A proper noun tagged as a person, or left untagged (the small tagger misses many names);
    not a group, place or body ("Latinos", "Colorado"), whose figure is no one person's."""
    return token.pos == "PROPN" and token.ent_type in ("", "PERSON")


def _last_word_of_name(sentence: Sentence, index: int) -> str:
    """"Romney" for a token of "Mitt Romney": the name's last word, lower case."""
    for entity in sentence.entities:
        if entity.start <= index < entity.end <= len(sentence.tokens):
            return sentence.tokens[entity.end - 1].text.lower()
    return sentence.tokens[index].text.lower()


def _tense_of_the_dated(sentence: Sentence, value_tokens: set[int], index: int, verb: int) -> Tense | None:
    """The tense of what a value dates: its clause's, except that a present-tense clause ("is closed
    after the collapse on Monday") does not tell when a noun's event happened (None)."""
    if sentence.tokens[verb].pos not in ("VERB", "AUX"):
        return "present"  # a clause with no verb at all: a caption or a headline's present
    tense = clause_tense(sentence, verb)
    return None if tense == "present" and _dated_through_a_noun(sentence.tokens, value_tokens, index, verb) else tense


def _dated_through_a_noun(tokens: tuple[Token, ...], value_tokens: set[int], index: int, verb: int) -> bool:
    """Whether the value hangs from a noun on its way up to the clause's verb: "after the collapse on
    Monday" dates the collapse, not the verb's own act."""
    current = index
    for _ in range(len(tokens)):
        head = tokens[current].head
        if not 0 <= head < len(tokens) or head == current or head == verb:
            return False
        current = head
        if current not in value_tokens and tokens[current].pos == "NOUN":
            return True
    return False


_YEAR = re.compile(r"(?:19|20)\d\d")
_PAST_TAGS = frozenset({"VBD", "VBN"})


def _told_in_the_past(tokens: tuple[Token, ...], index: int) -> bool:
    """Whether the nearest verb above the token is in the past tense."""
    current = index
    for _ in range(_HEAD_STEPS + 2):
        head = tokens[current].head
        if not 0 <= head < len(tokens) or head == current:
            return False
        current = head
        if tokens[current].pos in ("VERB", "AUX"):
            return tokens[current].tag in _PAST_TAGS
    return False


def _past_year_told(sentence: Sentence, clause: Clause, index: int, as_of: dt.date | None) -> int | None:
    """The past year of a figure told in the past tense in a clause naming only years before the
    article's own, or in a relative clause on something that does ("the sinking in 2014, which took 304
    lives"): the latest year named. None for a figure of the story's own time: "The bridge opened in
    1987 and has a 500-metre span" tells the span now."""
    if as_of is None or not _told_in_the_past(sentence.tokens, index):
        return None
    tokens = sentence.tokens
    around = set(clause.tokens)
    verb_index = clause.verb
    if tokens[verb_index].dep == "conj" and 0 <= tokens[verb_index].head < len(tokens):
        verb_index = tokens[verb_index].head  # "when the ferry sank … and killed 304": the first verb's clause
    verb = tokens[verb_index]
    if verb.dep in ("relcl", "acl", "advcl") and 0 <= verb.head < len(tokens):
        # The thing the clause describes, and the noun it belongs to: "the 2014 sinking of the ferry, which
        # left …" describes the ferry, and the year is the sinking's.
        described = {verb.head}
        head = tokens[verb.head]
        if head.dep == "pobj" and 0 <= head.head < len(tokens) and 0 <= tokens[head.head].head < len(tokens):
            described.add(tokens[head.head].head)
        around |= described
        around |= {i for i in children_of(tokens, described) if tokens[i].dep in ("prep", "nummod", "compound", "amod")}
        around |= {i for i in children_of(tokens, around - set(clause.tokens)) if tokens[i].dep == "pobj"}
    years = {int(tokens[i].text) for i in around if _YEAR.fullmatch(tokens[i].text)}
    return max(years) if years and max(years) < as_of.year else None  # "a contract to 2025" is this story's


def _slot_key(sentence: Sentence, value_tokens: set[int], dimension: str) -> str | None:
    """The measured attribute, read from the words the figure is tied to in the parse.

    The counted noun itself ("85 injured"), the words that qualify the figure
    ("15 people killed in ..."), and the chain of heads above it with their
    subjects ("hundreds of thousands of people gathered", "a crowd estimated to
    be in the tens of thousands"); the nearer a signal word, the more it counts.
    A word elsewhere in the clause ("hit three people at a protest") is not read.
    """
    tokens = sentence.tokens
    if not value_tokens:
        return None
    candidates = [(0, dimension.split(":", 1)[1])] if dimension.startswith("count:") else []
    candidates += [(0, _signal(tokens[i])) for i in value_tokens]
    candidates += [(1, _signal(tokens[i])) for i in children_of(tokens, value_tokens) if tokens[i].dep in _QUALIFIERS]
    roots = [i for i in value_tokens if not 0 <= tokens[i].head < len(tokens) or tokens[i].head not in value_tokens]
    current = roots[0] if roots else min(value_tokens)
    for step in range(1, _HEAD_STEPS + 1):
        head = tokens[current].head
        if not 0 <= head < len(tokens) or head == current:
            break
        candidates.append((step, _signal(tokens[head])))
        linked = {i for i in children_of(tokens, {head}) if tokens[i].dep in _SUBJECTS | _COMPLEMENTS}
        candidates += [(step + 1, _signal(tokens[i])) for i in linked]
        # Where the head puts its subject: "72 people were still in hospital", "had to be taken to hospital".
        # Only places that are a state ("in custody"): "found with fatal wounds" does not count the wounded.
        for depth, owners in ((step + 2, {head}), (step + 3, linked)):
            preps = {i for i in children_of(tokens, owners) if tokens[i].dep == "prep"}
            candidates += [
                (depth, tokens[i].lemma)
                for i in children_of(tokens, preps)
                if tokens[i].dep == "pobj" and tokens[i].lemma.lower() in STATE_PLACES
            ]
        current = head
    return nearest_key(candidates)


def _signal(token: Token) -> str:
    """The lemma a token offers as a signal word; "" for a noun whose lemma signals only as a verb."""
    return "" if token.lemma.lower() in VERB_ONLY_SIGNALS and token.pos != "VERB" else token.lemma


_HEAD_STEPS = 3
_QUALIFIERS = frozenset({"acl", "relcl", "amod", "advcl", "prep"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_COMPLEMENTS = frozenset({"xcomp", "acomp", "oprd"})  # "are believed buried", "were left dead"


def _join(words: list[str]) -> str:
    return re.sub(r"\s+([,.;:!?)])", r"\1", " ".join(words)).strip()


def date_of(value: SlotValue) -> dt.date:
    """The calendar date of a date value."""
    return dt.date.fromordinal(int(value.amount))
