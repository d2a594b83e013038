"""Statuses that changed while the story was reported: "will take effect" in one report, "came into effect" in a later one.

Two sources telling the same fact, one as still to happen ("the stationmaster will
be charged", "the truce is expected to take effect at 4 a.m.") and one as done
("has been charged", "came into effect"), were most often written at different
moments. That is an update over time, not a dispute, and neither source may be
cited for the other's sentence. The event is the main verb; a light verb ("take",
"come", "go") is named by its object ("take effect", "come into effect": effect).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.analyze.clauses import FUTURE_GOVERNORS, clause_certainty, clause_tense, main_predicate
from newsweave.analyze.spans import children, quoted_token_mask, token_char_spans
from newsweave.analyze.topics import LOWERED_OPENERS
from newsweave.lexicon import THIRD_PERSON_SUBJECTS
from newsweave.model import AnalyzedArticle, Claim, Evidence, Gainsay, Sentence, Token, Update, UpdateValue

# Verbs that say little alone: their object names the event ("take effect", "come into force").
LIGHT_VERBS = frozenset({"take", "come", "go", "be", "have", "make", "get", "put", "enter"})
NOUN_POS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class _Status:
    key: str  # the event: "charge", "effect"
    subject: str | None  # the subject's head lemma, None for a pronoun or no subject
    done: bool  # told as done (past, confirmed) rather than as still to happen
    words: str  # as written: "will be charged", "came into effect"
    subject_words: str  # "the stationmaster", "" when unknown
    sentence: Sentence


@dataclass(frozen=True)
class StatusFindings:
    updates: tuple[Update, ...]
    gainsaid: tuple[Gainsay, ...]  # a planned sentence is not backed by a source telling it done, and back


def find_status_updates(claims: Sequence[Claim], articles: Sequence[AnalyzedArticle]) -> StatusFindings:
    """Events told as planned and as done: in sentences aligned as one fact, or anywhere in the story
    with the same named subject ("the stationmaster will be charged" / "the stationmaster has been
    charged"), or with a pronoun when the story names one subject for that event ("he will be charged")."""
    status_of = {
        (a.article.id, s.index): status
        for a in articles
        for s in a.sentences
        if s.kind == "body" and (status := _status(s)) is not None
    }
    date_of = {a.article.id: a.article.published for a in articles}
    named: dict[tuple[str, str | None], list[_Status]] = {}
    for status in status_of.values():
        if status.subject is not None:
            named.setdefault((status.key, status.subject), []).append(status)
    # "He will be charged" joins the one named subject the story gives that event, if there is one.
    subjects_of: dict[str, list[str | None]] = {}
    for event, subject in named:
        subjects_of.setdefault(event, []).append(subject)
    for status in status_of.values():
        if status.subject is None and len(subjects_of.get(status.key, [])) == 1:
            named[(status.key, subjects_of[status.key][0])].append(status)
    groups = [[status_of[key] for e in claim.evidence if (key := (e.source, e.index)) in status_of] for claim in claims]
    stages_of: dict[tuple[str, str | None], list[_Status]] = {}
    for statuses in [*groups, *named.values()]:
        for status in statuses:
            others = [s for s in statuses if s.key == status.key and _same_subject(s, status)]
            if any(s.done != status.done for s in others):
                # One home per event and named subject: a pronoun's status goes with the name beside it.
                subject = next((s.subject for s in others if s.subject is not None), None)
                group = stages_of.setdefault((status.key, subject), [])
                if status not in group:
                    group.append(status)
    updates: list[Update] = []
    gainsaid: list[Gainsay] = []
    for stages in stages_of.values():
        done = [s for s in stages if s.done]
        planned = [s for s in stages if not s.done]
        both = {s.sentence.source for s in done} & {s.sentence.source for s in planned}
        done = [s for s in done if s.sentence.source not in both]  # a source telling the change itself
        planned = [s for s in planned if s.sentence.source not in both]
        if not done or not planned or all(s.subject is None for s in done + planned):
            continue  # "died" / "would die" with no one named: too little to say it is one event
        updates.append(Update(topic=_topic(done[0]), values=(_stage(done, date_of), _stage(planned, date_of))))
        for mine, theirs in ((done, planned), (planned, done)):
            against = tuple(dict.fromkeys(s.sentence.source for s in theirs))
            gainsaid.extend(Gainsay(s.sentence.source, s.sentence.index, s.words, against) for s in mine)
    return StatusFindings(tuple(updates), tuple(gainsaid))


def _status(sentence: Sentence) -> _Status | None:
    tokens = sentence.tokens
    predicate = main_predicate(sentence) if tokens and not sentence.text.rstrip().endswith("?") else None
    if predicate is None or quoted_token_mask(tokens)[predicate] or tokens[predicate].pos not in {"VERB", "AUX"}:
        return None
    first = predicate
    # "is expected to take effect": the event is the infinitive, the plan is its governor's.
    for _ in range(2):
        infinitives = [c for c in children(tokens, predicate) if tokens[c].dep == "xcomp"]
        if tokens[predicate].lemma.lower() not in FUTURE_GOVERNORS or not infinitives:
            break
        predicate = infinitives[0]
    certainty = clause_certainty(sentence, predicate)
    if certainty == "expected":
        done = False
    elif certainty == "confirmed" and clause_tense(sentence, predicate) == "past":
        done = True
    else:
        return None
    key, last = _event(tokens, predicate)
    if key is None:
        return None
    auxiliaries = [c for c in children(tokens, first) if tokens[c].dep in {"aux", "auxpass"}]
    start = min([first, *auxiliaries])
    spans = token_char_spans(sentence)
    subject, subject_words = _subject(sentence, first, spans)
    return _Status(key, subject, done, sentence.text[spans[start][0] : spans[last][1]], subject_words, sentence)


def _event(tokens: tuple[Token, ...], predicate: int) -> tuple[str | None, int]:
    """The event's name and the last token of its words: the verb with its object ("begin layoff"), or
    a light verb's object alone ("take effect", "come into effect": effect)."""
    lemma = tokens[predicate].lemma.lower()
    kids = children(tokens, predicate)
    last = max([predicate, *(k for k in kids if tokens[k].dep == "prt")])
    if lemma not in LIGHT_VERBS:
        objects = [k for k in kids if tokens[k].dep == "dobj" and tokens[k].pos in NOUN_POS]
        if objects:
            return f"{lemma} {tokens[objects[0]].lemma.lower()}", max(last, objects[0])
        return lemma, last
    for kid in kids:
        if tokens[kid].dep == "dobj" and tokens[kid].pos in NOUN_POS:
            return tokens[kid].lemma.lower(), max(last, kid)
        if tokens[kid].dep == "prep":
            objects = [k for k in children(tokens, kid) if tokens[k].dep == "pobj" and tokens[k].pos in NOUN_POS]
            if objects:
                return tokens[objects[0]].lemma.lower(), max(last, objects[0])
    return None, last


def _subject(sentence: Sentence, verb: int, spans: list[tuple[int, int]]) -> tuple[str | None, str]:
    tokens = sentence.tokens
    for kid in children(tokens, verb):
        if tokens[kid].dep in {"nsubj", "nsubjpass"}:
            word = tokens[kid].lemma.lower()
            if word in THIRD_PERSON_SUBJECTS or tokens[kid].pos not in NOUN_POS:
                return None, ""
            parts = [kid, *(c for c in children(tokens, kid) if tokens[c].dep in {"det", "compound", "amod", "poss"})]
            return word, sentence.text[spans[min(parts)][0] : spans[kid][1]]
    return None, ""


def _same_subject(a: _Status, b: _Status) -> bool:
    return a.subject is None or b.subject is None or a.subject == b.subject


def _topic(done: _Status) -> str:
    words = done.subject_words.split(" ", 1)
    if words[0].lower() in LOWERED_OPENERS:  # "the ceasefire", inside a topic
        words[0] = words[0].lower()
    subject = " ".join(words)
    return f"whether {subject} {done.words}".replace("  ", " ") if subject else f"whether it {done.words}"


def _stage(statuses: list[_Status], date_of: dict[str, dt.date | None]) -> UpdateValue:
    dates = [day for s in statuses if (day := date_of.get(s.sentence.source)) is not None]
    return UpdateValue(
        value=" / ".join(dict.fromkeys(s.words for s in statuses)),
        normalized="done" if statuses[0].done else "still to happen",
        as_of=f"article dated {max(dates).isoformat()}" if dates else "undated article",
        sources=tuple(dict.fromkeys(s.sentence.source for s in statuses)),
        evidence=tuple(dict.fromkeys(Evidence(s.sentence.source, s.sentence.text, s.sentence.index) for s in statuses)),
    )
