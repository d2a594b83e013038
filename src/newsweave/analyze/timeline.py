"""A dated list of the events the sources mention, one entry per event, merged across sources.

Every date expression of every sentence is resolved against its article's publication
date (see `dates.find_date_mentions`). The event is the clause the date belongs to,
cut down to subject, verb and objects, at most `MAX_EVENT_WORDS` words: "Russia sent
tens of thousands of troops into Ukraine". Appositions, relative clauses, asides and
"according to ..." are left out; a relative clause's event takes its noun as subject
("the cable that failed on Monday" -> "the hanger cable failed").

Left out: dates that only say when something was said ("Peskov said on Monday"), dates
inside quotations (the speaker's "tonight" is not the article's), headings, and dates
set off by a comma after a name (datelines and photo captions: "Kestrelmouth, June 11").

Events of one date whose descriptions share enough content words, weighted by how rare
each word is among all the events, are one event with all their sources; it is told in
the words most central to the group. An event still to come when the article was
written is a claim, so its description names who said it when the sources agree on it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.analyze.attribution import resolve_pronoun_speakers
from newsweave.analyze.dates import find_date_mentions
from newsweave.analyze.entities import merge_entities
from newsweave.analyze.quotes import canonical_speaker
from newsweave.analyze.spans import (
    children,
    first_conjunct,
    governing_verb,
    is_inner_hyphen,
    is_nominal_gerund,
    phrase_text,
    quoted_token_mask,
    subtree,
    token_at_char,
    token_char_spans,
)
from newsweave.lexicon import (
    FIRST_SECOND_PERSON_OBJECTS,
    FIRST_SECOND_PERSON_SUBJECTS,
    REPORTING_VERBS,
    THIRD_PERSON_SUBJECTS,
)
from newsweave.model import (
    AnalyzedArticle,
    Attribution,
    DateMention,
    EntityGroup,
    Evidence,
    Sentence,
    TimelineEvent,
    Token,
)

MAX_EVENT_WORDS = 16
SAME_EVENT_OVERLAP = 0.2  # weighted Dice overlap of content words for two descriptions to tell one event
MIN_EVENT_WORDS = 3  # shorter descriptions are fragments ("snapped late")
# Parts of a clause that make an event description longer without saying what happened.
_DROPPED_DEPENDENTS = frozenset(
    {"advcl", "relcl", "punct", "cc", "conj", "mark", "parataxis", "intj", "dep", "meta", "appos", "acl"}
)
_DANGLING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PUNCT", "PART", "AUX"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_LIGHT_LEMMAS = frozenset({"be", "have", "do", "say", "get", "make", "take", "place", "also", "so", "far"})
_OPTIONAL_PHRASES = frozenset({"prep", "npadvmod", "advmod", "agent"})  # dropped first when too long
_TIME_ADVERBS = frozenset({"late", "early", "earlier", "later", "shortly", "just", "overnight"})
_FIRST_PERSON = FIRST_SECOND_PERSON_SUBJECTS | FIRST_SECOND_PERSON_OBJECTS  # "I", "us": the speaker's own voice
# Reporting verbs whose date is an event of its own: making a decision public.
_ANNOUNCING = frozenset({"announce", "declare", "unveil"})


@dataclass(frozen=True)
class _Dated:
    date: dt.date
    description: str
    content: frozenset[str]
    source: str
    order: int
    speaker: str | None = None  # who the sentence attributes a still-to-come event to
    sentence: Sentence | None = None  # the sentence that tells it


def build_timeline(
    articles: Sequence[AnalyzedArticle], entities: Sequence[EntityGroup] | None = None
) -> list[TimelineEvent]:
    """Dated events of all articles, similar events of one date merged, sorted by date.

    Within a date, events told by more sources come first. `entities` are the story's
    merged entities when the caller has them already (they are costly).
    """
    groups = list(entities) if entities is not None else merge_entities(articles)
    dated: list[_Dated] = []
    for analyzed in articles:
        published = analyzed.article.published
        attributions = resolve_pronoun_speakers(analyzed.sentences)
        for sentence, attribution in zip(analyzed.sentences, attributions, strict=True):
            for date, description, content in _sentence_events(sentence, published):
                speaker = _claimant(attribution, groups) if published and date > published else None
                dated.append(_Dated(date, description, content, sentence.source, len(dated), speaker, sentence))

    weights = _rarity_weights(dated)
    events: list[list[_Dated]] = []
    for item in dated:
        best, best_overlap = None, 0.0
        for event in events:
            if event[0].date != item.date:
                continue
            overlap = max(_overlap(item.content, member.content, weights) for member in event)
            if overlap > best_overlap:
                best, best_overlap = event, overlap
        if best is not None and best_overlap >= SAME_EVENT_OVERLAP:
            best.append(item)
        else:
            events.append([item])

    records = [
        (
            TimelineEvent(
                date=event[0].date,
                event=_told(event, weights),
                sources=_sources(event),
                evidence=_evidence(event),
            ),
            event[0].order,
        )
        for event in events
    ]
    records.sort(key=lambda pair: (pair[0].date, -len(pair[0].sources), pair[1]))
    return [record for record, _ in records]


def _sentence_events(sentence: Sentence, reference: dt.date | None) -> list[tuple[dt.date, str, frozenset[str]]]:
    if sentence.kind != "body" or not sentence.tokens:
        return []
    mentions = find_date_mentions(sentence, reference)
    if not mentions:
        return []
    tokens = sentence.tokens
    spans = token_char_spans(sentence)
    quoted = quoted_token_mask(tokens)
    located: list[tuple[DateMention, int, int, set[int]]] = []  # mention, date token, verb, date phrase
    for mention in mentions:
        date_token = token_at_char(spans, mention.start_char)
        if date_token is None or quoted[date_token] or _set_off_by_comma(tokens, date_token):
            continue
        verb = _event_verb(tokens, date_token)
        if verb is None or tokens[verb].lemma.lower() in REPORTING_VERBS - _ANNOUNCING:
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
        content = _content(tokens, kept)
        words = description.split()
        if len(words) >= MIN_EVENT_WORDS and content and words[0].lower() not in _FIRST_PERSON:
            found.append((mention.date, description, content))
    return found


def _content(tokens: tuple[Token, ...], kept: set[int]) -> frozenset[str]:
    """Content lemmas of the kept tokens; a name counts once, by its last word ("Merrow Sound
    Bridge" -> "bridge"), so that a long name does not outweigh what happened to it."""
    words = set()
    for index in kept:
        token = tokens[index]
        if token.pos not in _CONTENT_POS or token.lemma.lower() in _LIGHT_LEMMAS:
            continue
        if token.pos == "PROPN" and token.dep == "compound" and tokens[token.head].pos == "PROPN":
            continue
        # Lemmas join "queued"/"queues"; a noun mistagged as an adjective ("hanger") keeps its spelling.
        words.add(token.lemma.lower() if token.pos in {"NOUN", "VERB", "PROPN"} else token.text.lower())
    return frozenset(words)


def _set_off_by_comma(tokens: tuple[Token, ...], index: int) -> bool:
    """ "Kestrelmouth, June 11" in a dateline or a photo caption: a date hung on a name, no event."""
    head = tokens[index].head
    if index == 0 or tokens[index - 1].text != "," or not 0 <= head < len(tokens) or head == index:
        return False
    return tokens[head].pos in {"PROPN", "NOUN", "ADV"} and tokens[head].ent_type not in {"DATE", "TIME"}


def _event_verb(tokens: tuple[Token, ...], date_token: int) -> int | None:
    """The verb of the event a date belongs to, past "what it called" asides."""
    verb = governing_verb(tokens, date_token)
    for _ in range(3):
        # "heard creaking and groaning on Sunday": a gerund used as a noun is no clause of its own.
        if verb is None or not (_is_wh_aside(tokens, verb) or is_nominal_gerund(tokens, verb)):
            break
        verb = governing_verb(tokens, verb)
    return verb


def _is_wh_aside(tokens: tuple[Token, ...], verb: int) -> bool:
    return tokens[verb].dep in {"pcomp", "relcl"} and any(tokens[kid].tag == "WP" for kid in children(tokens, verb))


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
    first = min(phrase)
    if first > 0 and tokens[first - 1].lemma.lower() in _TIME_ADVERBS:
        phrase.add(first - 1)  # "late on Monday": "late" hangs on the verb but times the date
    return phrase


def _clause_core(tokens: tuple[Token, ...], verb: int, date_phrase: set[int]) -> set[int]:
    """Token indices of the clause headed by `verb`, without asides and without the date."""
    kept = {verb}
    for kid in children(tokens, verb):
        token = tokens[kid]
        if kid in date_phrase or token.dep in _DROPPED_DEPENDENTS or token.tag == "WRB":
            continue
        if token.dep == "prep" and (_is_wh_clause(tokens, kid) or token.text.lower() == "according"):
            continue  # "in what it called ...", "according to ...": commentary, not the event
        long_clause = len(subtree(tokens, kid)) > (MAX_EVENT_WORDS if tokens[verb].lemma in _ANNOUNCING else 12)
        if token.dep in {"ccomp", "xcomp"} and kid > verb and long_clause:
            continue
        if token.dep in {"advmod", "npadvmod", "prep"} and kid < verb and len(subtree(tokens, kid)) > 4:
            continue  # "Shortly after the start of the war, ...": the setting, not the event
        if token.dep in {"nsubj", "nsubjpass"} and token.tag in {"WDT", "WP"} and tokens[verb].dep == "relcl":
            kept.update(_noun_core(tokens, tokens[verb].head))  # "the cable that failed": the cable failed
            continue
        reporter = _reporter(tokens, verb) if token.dep == "nsubj" and token.pos == "PRON" else None
        kept.update(_noun_core(tokens, reporter if reporter is not None else kid))
    if not any(tokens[kid].dep.startswith("nsubj") for kid in children(tokens, verb)):
        kept.update(_borrowed_subject(tokens, verb))
    return _shortened(tokens, verb, {index for index in kept if index not in date_phrase})


def _reporter(tokens: tuple[Token, ...], verb: int) -> int | None:
    """ "Residents told The Klaxon they heard creaking": "they" are the residents."""
    head = tokens[verb].head
    if tokens[verb].dep != "ccomp" or head == verb or tokens[head].lemma.lower() not in REPORTING_VERBS:
        return None
    subjects = [kid for kid in children(tokens, head) if tokens[kid].dep == "nsubj" and tokens[kid].pos != "PRON"]
    return subjects[0] if subjects else None


def _shortened(tokens: tuple[Token, ...], verb: int, kept: set[int]) -> set[int]:
    """Drop whole phrases until the description fits MAX_EVENT_WORDS words.

    Phrases qualifying the subject go first ("The bridge in the harbour city"), then
    phrases from the end: a description keeps what happened and to what.
    """
    kept = set(kept)
    while sum(1 for index in kept if tokens[index].pos != "PUNCT") > MAX_EVENT_WORDS:
        removable = [
            index
            for index in kept
            if index != verb and tokens[index].head in kept and tokens[index].dep in _OPTIONAL_PHRASES
        ]
        if not removable:
            break
        kept -= set(subtree(tokens, max(removable, key=lambda index: (index < verb, index))))
    return kept


def _noun_core(tokens: tuple[Token, ...], index: int) -> set[int]:
    """`tokens[index]` with what it governs, minus appositions, relative clauses and asides."""
    kept = {index}
    kids = children(tokens, index)
    for kid in kids:
        dep = tokens[kid].dep
        if dep == "appos" and tokens[min(subtree(tokens, kid)) - 1].pos != "PUNCT":
            pass  # "a single steel hanger" misread as "steel" + apposition "hanger"
        elif dep in {"appos", "relcl", "acl", "advcl", "parataxis"} and kid > index:
            continue
        elif dep == "punct" and not is_inner_hyphen(tokens, kid):
            if not (tokens[kid].text == "," and any(tokens[k].dep == "conj" for k in kids if k > kid)):
                continue  # commas stay only between listed items: "commuters, school kids and pensioners"
        kept.update(_noun_core(tokens, kid))
    return kept


def _borrowed_subject(tokens: tuple[Token, ...], verb: int) -> set[int]:
    """A subject for a verb without one.

    "talks are set to resume": the governing words and their subject; "after a steel
    cable snapped", which a parse may read as "after [a steel cable]" + "snapped": the
    noun phrase right before the verb.
    """
    borrowed: set[int] = set()
    current = verb
    for _ in range(3):
        if any(tokens[kid].dep.startswith("nsubj") for kid in children(tokens, current)):
            break
        if tokens[current].dep == "conj" and tokens[current].head != current:
            # "talks are unlikely to start on Monday but could happen on Tuesday": the same talks
            head = tokens[current].head
            subjects = [kid for kid in children(tokens, head) if tokens[kid].dep.startswith("nsubj")]
            return set(_noun_core(tokens, subjects[0])) if subjects else borrowed
        if tokens[current].dep not in {"xcomp", "acomp"} or tokens[current].head == current:
            break
        current = tokens[current].head
        borrowed.add(current)
        for kid in children(tokens, current):
            if tokens[kid].dep.startswith("nsubj") or tokens[kid].dep in {"aux", "auxpass", "neg"}:
                borrowed.update(subtree(tokens, kid))
    if borrowed or verb == 0:
        return borrowed
    before = verb - 1
    if tokens[before].pos in {"NOUN", "PROPN"} and tokens[before].dep == "pobj" and tokens[verb].dep == "advcl":
        return {index for index in subtree(tokens, before)}
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
    while chosen and tokens[chosen[0]].pos in {"PUNCT", "CCONJ", "ADP", "SCONJ"}:
        chosen.pop(0)
    runs: list[list[int]] = []
    for index in chosen:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    text = " ".join(phrase_text(sentence, spans, run[0], run[-1]) for run in runs).strip(" ,;:-–—")
    text = text.replace(" ,", ",").replace(" 's", "'s")
    return text[:1].upper() + text[1:]


def _claimant(attribution: Attribution | None, groups: Sequence[EntityGroup]) -> str | None:
    if attribution is None or attribution.speaker.lower() in THIRD_PERSON_SUBJECTS:
        return None
    return canonical_speaker(attribution.speaker, groups)


def _rarity_weights(dated: list[_Dated]) -> dict[str, float]:
    """log(1 + N/df) of each content word over all events: "bridge" in every event weighs little."""
    frequency = Counter(word for item in dated for word in item.content)
    return {word: math.log(1 + len(dated) / count) for word, count in frequency.items()}


def _overlap(first: frozenset[str], second: frozenset[str], weights: dict[str, float]) -> float:
    """Weighted Dice overlap of two content-word sets."""
    total = sum(weights.get(word, 1.0) for word in first) + sum(weights.get(word, 1.0) for word in second)
    if total == 0:
        return 0.0
    return 2 * sum(weights.get(word, 1.0) for word in first & second) / total


def _told(event: list[_Dated], weights: dict[str, float]) -> str:
    """The description closest to all others of the event (earliest on ties), with its claimant."""
    best = max(
        event,
        key=lambda item: (sum(_overlap(item.content, other.content, weights) for other in event), -item.order),
    )
    speakers = {item.speaker for item in event}
    if len(speakers) == 1 and best.speaker:
        return f"{best.description}, according to {best.speaker}"
    return best.description


def _sources(event: list[_Dated]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item.source for item in event))


def _evidence(event: list[_Dated]) -> tuple[Evidence, ...]:
    """The first sentence of each source that tells the event."""
    first: dict[str, Evidence] = {}
    for item in event:
        if item.sentence is not None and item.source not in first:
            first[item.source] = Evidence(item.source, item.sentence.text, item.sentence.index)
    return tuple(first.values())
