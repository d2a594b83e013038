"""Values that fill a slot: a date or a quantity, with its clause, speaker and denial.

A `SlotValue` is one source saying "the talks start on <Tuesday>" or "the span
is <480 metres>": the value, the clause it sits in (with the value blanked
out, so clauses can be compared regardless of the value), and who said it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from newsweave.analyze.attribution import find_attribution
from newsweave.analyze.clauses import clause_of, is_background, is_denied, reporting_speaker
from newsweave.analyze.dates import find_date_mentions, is_machine_date
from newsweave.analyze.hedges import Bound, bound_before
from newsweave.analyze.quantities import find_quantities
from newsweave.analyze.spans import token_at_char, token_char_spans
from newsweave.model import AnalyzedArticle, Attribution, Sentence

BLANK = "…"
# Matched after the blanks that follow a date; a leading \s* would make searching a blank run quadratic.
DATELINE_AFTER = re.compile(r"\([^()]{2,40}\)\s*[-–—]")
DateForm = Literal["absolute", "weekday", "relative"]
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class SlotValue:
    kind: Literal["date", "number"]
    source: str
    sentence: Sentence
    display: str  # as written: "Tuesday", "1,600 feet"
    normalized: str  # "2022-03-29 (Tuesday)", "487.7 m"
    dimension: str  # "date", "length", "count:worker", ...
    amount: float  # ordinal day for dates, base-unit value for quantities
    context: str  # the clause with the value blanked out
    speaker: str | None
    via: tuple[str, ...]
    denied: bool
    context_words: frozenset[str]  # content lemmas of the clause, for a cheap overlap check
    date_form: DateForm | None = None  # for dates: written with its own day, as a weekday, or relative
    bound: Bound = "exact"  # for numbers: "at least", "up to", "about" ... written before the figure
    as_of: dt.date | None = None  # the date of the article that states it, when it has one


_BASE_UNIT_NAMES = {"length": "m", "mass": "kg", "speed": "km/h", "area": "m²", "volume": "l", "duration": "min", "percent": "%"}


def extract_slot_values(articles: Sequence[AnalyzedArticle]) -> list[SlotValue]:
    """Every dated or measured value in the story's body sentences."""
    values: list[SlotValue | None] = []  # None: a value _make_value rejected
    for analyzed in articles:
        reference = analyzed.article.published
        for sentence in analyzed.sentences:
            if sentence.kind == "heading" or not sentence.tokens:
                continue
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
                        normalized=f"{mention.date.isoformat()} ({WEEKDAY_NAMES[mention.date.weekday()]})",
                        dimension="date",
                        amount=float(mention.date.toordinal()),
                        date_form=mention.form,
                    )
                )
            for quantity in find_quantities(sentence):
                if any(m.start_char < quantity.end_char and quantity.start_char < m.end_char for m in mentions):
                    continue  # "30" of "2022-10-30": a part of a date is not an amount
                unit = _BASE_UNIT_NAMES.get(quantity.dimension, quantity.dimension.split(":")[-1])
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
                    )
                )
    return [v for v in values if v is not None]


def _round(value: float) -> str:
    if value >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _make_value(
    kind: Literal["date", "number"],
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
) -> SlotValue | None:
    index = token_at_char(spans, start)
    after = sentence.text[end:]
    if index is None or DATELINE_AFTER.match(after, len(after) - len(after.lstrip())):
        return None  # "June 11 (Harbourline Wire) -": the date of the report, not of an event
    clause = clause_of(sentence, index)
    if is_background(sentence, clause.verb):
        return None
    value_tokens = {i for i, (s, e) in enumerate(spans) if s < end and e > start}
    words: list[str] = []
    for i in clause.tokens:
        if i in value_tokens:
            if not words or words[-1] != BLANK:
                words.append(BLANK)
        else:
            words.append(sentence.text[spans[i][0] : spans[i][1]])
    context = _join(words)
    clause_speaker = reporting_speaker(sentence, clause.verb)
    speaker = clause_speaker.text if clause_speaker else (attribution.speaker if attribution else None)
    content = frozenset(
        sentence.tokens[i].lemma.lower()
        for i in clause.tokens
        if i not in value_tokens and sentence.tokens[i].pos in {"NOUN", "PROPN", "VERB"} and len(sentence.tokens[i].text) > 2
    )
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
        date_form=date_form,
        bound=bound_before(sentence.text, start) if kind == "number" else "exact",
        as_of=as_of,
    )


def _join(words: list[str]) -> str:
    return re.sub(r"\s+([,.;:!?)])", r"\1", " ".join(words)).strip()


def date_of(value: SlotValue) -> dt.date:
    """The calendar date of a date value."""
    return dt.date.fromordinal(int(value.amount))
