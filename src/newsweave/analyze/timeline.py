"""A dated list of the events the sources mention, merged across sources.

Every date expression of every sentence is resolved against its article's publication
date (see `dates.find_date_mentions`). The event is the clause the date belongs to,
cut down to its core (subject, verb, objects, short phrases) and to at most
`MAX_EVENT_WORDS` words: "Russia sent tens of thousands of troops into Ukraine".

Left out: dates that only say when something was said ("Peskov said on Monday"),
and dates outside any clause (datelines, captions' time stamps). Events of one date
whose descriptions share enough content words are one event with all their sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.analyze.attribution import REPORTING_VERBS
from newsweave.analyze.dates import find_date_mentions
from newsweave.analyze.spans import (
    children,
    first_conjunct,
    governing_verb,
    phrase_text,
    subtree,
    token_at_char,
    token_char_spans,
)
from newsweave.model import AnalyzedArticle, DateMention, Sentence, TimelineEvent, Token

MAX_EVENT_WORDS = 20
SAME_EVENT_OVERLAP = 0.3  # Dice overlap of content words for two descriptions to tell one event
# Parts of a clause that make an event description longer without saying what happened.
_DROPPED_DEPENDENTS = frozenset({"advcl", "relcl", "punct", "cc", "conj", "mark", "parataxis", "intj", "dep", "meta"})
_DANGLING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PUNCT", "PART", "AUX"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_LIGHT_LEMMAS = frozenset({"be", "have", "do", "say", "get", "make", "take", "place", "also", "so", "far"})


@dataclass(frozen=True)
class _Dated:
    date: dt.date
    description: str
    content: frozenset[str]
    source: str
    order: int


def build_timeline(articles: Sequence[AnalyzedArticle]) -> list[TimelineEvent]:
    """Dated events of all articles, similar events of one date merged, sorted by date.

    Within a date, events told by more sources come first.
    """
    dated: list[_Dated] = []
    for analyzed in articles:
        for sentence in analyzed.sentences:
            for date, description, content in _sentence_events(sentence, analyzed.article.published):
                dated.append(_Dated(date, description, content, sentence.source, len(dated)))

    events: list[list[_Dated]] = []
    for item in dated:
        best, best_overlap = None, 0.0
        for event in events:
            if event[0].date != item.date:
                continue
            overlap = max(_dice(item.content, member.content) for member in event)
            if overlap > best_overlap:
                best, best_overlap = event, overlap
        if best is not None and best_overlap >= SAME_EVENT_OVERLAP:
            best.append(item)
        else:
            events.append([item])

    records = [
        (TimelineEvent(date=event[0].date, event=_representative(event), sources=_sources(event)), event[0].order)
        for event in events
    ]
    records.sort(key=lambda pair: (pair[0].date, -len(pair[0].sources), pair[1]))
    return [record for record, _ in records]


def _sentence_events(sentence: Sentence, reference: dt.date | None) -> list[tuple[dt.date, str, frozenset[str]]]:
    mentions = find_date_mentions(sentence, reference)
    if not mentions or not sentence.tokens:
        return []
    tokens = sentence.tokens
    spans = token_char_spans(sentence)
    located: list[tuple[DateMention, int, int, set[int]]] = []  # mention, date token, verb, date phrase
    for mention in mentions:
        date_token = token_at_char(spans, mention.start_char)
        if date_token is None:
            continue
        verb = _event_verb(tokens, date_token)
        if verb is None or tokens[verb].lemma.lower() in REPORTING_VERBS:
            continue  # a dateline, or when a statement was made rather than what happened
        date_tokens = {
            index for index, (start, end) in enumerate(spans) if start < mention.end_char and end > mention.start_char
        }
        located.append((mention, date_token, verb, _date_phrase(tokens, date_tokens)))
    all_date_phrases = set().union(*(phrase for *_, phrase in located)) if located else set()

    found: list[tuple[dt.date, str, frozenset[str]]] = []
    for mention, date_token, verb, _ in located:
        if not _owns_verb(tokens, date_token, verb, mention, located):
            continue
        kept = _clause_core(tokens, verb, all_date_phrases)
        description = _describe(sentence, spans, kept)
        content = frozenset(
            token.lemma.lower()
            for index, token in enumerate(tokens)
            if index in kept and token.pos in _CONTENT_POS and token.lemma.lower() not in _LIGHT_LEMMAS
        )
        if description and content:
            found.append((mention.date, description, content))
    return found


def _event_verb(tokens: tuple[Token, ...], date_token: int) -> int | None:
    """The verb of the event a date belongs to, past "what it called" asides."""
    verb = governing_verb(tokens, date_token)
    for _ in range(3):
        if verb is None or not _is_wh_aside(tokens, verb):
            break
        verb = governing_verb(tokens, verb)
    return verb


def _is_wh_aside(tokens: tuple[Token, ...], verb: int) -> bool:
    return tokens[verb].dep in {"pcomp", "relcl"} and any(
        tokens[kid].tag in {"WP", "WDT"} for kid in children(tokens, verb)
    )


def _owns_verb(
    tokens: tuple[Token, ...],
    date_token: int,
    verb: int,
    mention: DateMention,
    located: list[tuple[DateMention, int, int, set[int]]],
) -> bool:
    """Whether this date, of all dates hanging on the same verb, is the one the clause is about.

    A parse may hang two different dates on one verb ("On March 10, X hosted ... since the
    war began, on Feb. 24"); the one nearest the verb keeps it. Dates joined by "and"/"or"
    ("for Tuesday and Wednesday") all keep it.
    """
    rivals = [
        other_token
        for other, other_token, other_verb, _ in located
        if other_verb == verb and other.date != mention.date and not _conjoined(tokens, date_token, other_token)
    ]
    distance = abs(date_token - verb)
    return all((distance, date_token) < (abs(rival - verb), rival) for rival in rivals)


def _conjoined(tokens: tuple[Token, ...], first: int, second: int) -> bool:
    return (tokens[first].dep == "conj" and tokens[first].head == second) or (
        tokens[second].dep == "conj" and tokens[second].head == first
    )


def _date_phrase(tokens: tuple[Token, ...], date_tokens: set[int]) -> set[int]:
    """The date and the words that only serve it: "on", "late on", "as early as"."""
    phrase = set(date_tokens)
    for index in sorted(date_tokens):
        current = first_conjunct(tokens, index)  # "for Tuesday and Wednesday": climb to the first date
        for _ in range(3):  # climb through "on", "late", "as early as"
            head = tokens[current].head
            if head == current or not 0 <= head < len(tokens):
                break
            if tokens[head].pos not in {"ADP", "ADV", "ADJ"} or tokens[head].dep == "ROOT":
                break
            phrase.add(head)
            current = head
        phrase.update(subtree(tokens, current))
    return phrase


def _clause_core(tokens: tuple[Token, ...], verb: int, date_phrase: set[int]) -> set[int]:
    """Token indices of the clause headed by `verb`, without asides and without the date."""
    kept = {verb}
    for kid in children(tokens, verb):
        token = tokens[kid]
        if kid in date_phrase or token.dep in _DROPPED_DEPENDENTS:
            continue
        if token.dep == "prep" and _is_wh_clause(tokens, kid):
            continue  # "in what it called a special operation": commentary, not the event
        if token.dep in {"ccomp", "xcomp"} and kid > verb and len(subtree(tokens, kid)) > 12:
            continue
        if token.dep in {"advmod", "npadvmod", "prep"} and kid < verb and len(subtree(tokens, kid)) > 4:
            continue  # "Shortly after the start of the war, ...": the setting, not the event
        kept.update(index for index in subtree(tokens, kid) if index not in date_phrase)
    kept.update(_borrowed_subject(tokens, verb))
    return {index for index in kept if index not in date_phrase}


def _borrowed_subject(tokens: tuple[Token, ...], verb: int) -> set[int]:
    """For "talks are set to resume" / "talks is unlikely to start": the governing words and subject."""
    borrowed: set[int] = set()
    current = verb
    for _ in range(3):
        if any(tokens[kid].dep.startswith("nsubj") for kid in children(tokens, current)):
            break
        if tokens[current].dep not in {"xcomp", "acomp"} or tokens[current].head == current:
            break
        current = tokens[current].head
        borrowed.add(current)
        for kid in children(tokens, current):
            if tokens[kid].dep.startswith("nsubj") or tokens[kid].dep in {"aux", "auxpass", "neg"}:
                borrowed.update(subtree(tokens, kid))
    return borrowed


def _is_wh_clause(tokens: tuple[Token, ...], preposition: int) -> bool:
    return any(tokens[index].tag in {"WP", "WDT", "WRB"} for index in subtree(tokens, preposition))


def _describe(sentence: Sentence, spans: list[tuple[int, int]], kept: set[int]) -> str:
    """The kept tokens as text, contiguous runs joined by spaces, at most MAX_EVENT_WORDS words."""
    tokens = sentence.tokens
    ordered = [index for index in sorted(kept) if tokens[index].text not in {'"', "“", "”", "(", ")"}]
    words = 0
    chosen: list[int] = []
    for index in ordered:
        words += len(tokens[index].text.split()) if tokens[index].pos != "PUNCT" else 0
        if words > MAX_EVENT_WORDS:
            break
        chosen.append(index)
    while chosen and tokens[chosen[-1]].pos in _DANGLING_POS:
        chosen.pop()  # a cut description should not end on "in", "the", "and" or a comma
    while chosen and tokens[chosen[0]].pos in {"PUNCT", "CCONJ"}:
        chosen.pop(0)
    runs: list[list[int]] = []
    for index in chosen:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return " ".join(phrase_text(sentence, spans, run[0], run[-1]) for run in runs).strip(" ,;:-–—")


def _dice(first: frozenset[str], second: frozenset[str]) -> float:
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))


def _representative(event: list[_Dated]) -> str:
    """The description closest to all others of the event (earliest on ties)."""
    if len(event) == 1:
        return event[0].description
    best = max(event, key=lambda item: (sum(_dice(item.content, other.content) for other in event), -item.order))
    return best.description


def _sources(event: list[_Dated]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item.source for item in event))
