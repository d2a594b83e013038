"""Pick sentences from the sources, never write new ones.

Each claim offers one candidate: the sentence among its evidence that reads
best on its own; a candidate that is no whole sentence or leans on its
neighbours (summarize/sentences.py) is left out. Candidates are scored by how
many independent origins back the claim, how central it is to the story and
how early it comes in its article (news puts the essentials first).

The summary opens on the lede (summarize/lede.py): the opening sentence the
other outlets' openings echo most, so the first thing a reader sees is what
happened. The rest is filled greedily under the word budget, skipping
anything close to a sentence already chosen (by embedding, or by sharing most
of its content words: one fact is told once), and is ordered developments
first, then reactions, then background. Every sentence cites the sources
whose aligned sentence carries the claim, and a sentence that is one side of
a reported dispute says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.model import Analysis, AnalyzedArticle, Claim, Evidence, Sentence, SummarySentence
from newsweave.summarize.features import CandidateFeatures, SentenceFeatures, recurring_names, sentence_features, word_shares
from newsweave.summarize.lede import Openings, anchors, tells_a_plan
from newsweave.summarize.sentences import (
    DATELINE,
    STANDS_ALONE_LIMIT,
    Role,
    content_words,
    context_penalty,
    is_whole,
    off_register,
    opens_on_a_quotation,
    quotes_without_a_speaker,
    role_of,
    word_overlap,
)


@dataclass(frozen=True, eq=False)  # compared by identity: one candidate per claim
class _Candidate:
    sentence: Sentence
    vector: np.ndarray
    citations: tuple[str, ...]
    evidence: tuple[Evidence, ...]  # one sentence per cited source, in citation order
    origins: int
    score: float
    text: str
    position: int  # among its article's body sentences
    role: Role
    words: frozenset[str]  # content words, to tell a fact told twice
    echo: float  # how closely the other articles' openings tell it
    features: SentenceFeatures
    claim: int  # which claim it words: the summary tells each claim once


def summarize(
    articles: Sequence[AnalyzedArticle],
    claims: Sequence[Claim],
    analysis: Analysis,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[SummarySentence]:
    """An extractive summary of at most `settings.summary_words` words, every sentence cited."""
    openings = Openings.of(articles, settings.lede_opening_sentences)
    words_of = _words_of(articles)
    candidates = _candidates(articles, claims, analysis, openings, words_of, dict(settings.summary_feature_weights))
    if not candidates:
        return []
    lede = _lede(candidates, settings)
    chosen = _select(candidates, lede, settings)
    if lede not in chosen:
        lede = None  # longer than the whole budget
    order = {a.article.id: i for i, a in enumerate(articles)}
    rest = sorted(
        (c for c in chosen if c is not lede),
        key=lambda c: (c.role, -min(c.origins, 3), order[c.sentence.source], c.sentence.index),
    )
    return _with_marks([lede, *rest] if lede is not None else rest, analysis, words_of, settings)


def candidate_features(
    articles: Sequence[AnalyzedArticle], claims: Sequence[Claim], analysis: Analysis, settings: Settings = DEFAULT_SETTINGS
) -> list[CandidateFeatures]:
    """Every sentence the summary could take, with its features: what benchmarks/summary_fit.py fits on."""
    openings = Openings.of(articles, settings.lede_opening_sentences)
    weights = dict(settings.summary_feature_weights)
    candidates = _candidates(articles, claims, analysis, openings, _words_of(articles), weights)
    return [CandidateFeatures(c.text, c.features) for c in candidates]


def _words_of(articles: Sequence[AnalyzedArticle]) -> dict[tuple[str, int], frozenset[str]]:
    """Each sentence's content words, by (article, sentence index): read once, used by scoring and marking."""
    return {(s.source, s.index): content_words(s) for a in articles for s in a.sentences}


def _candidates(
    articles: Sequence[AnalyzedArticle],
    claims: Sequence[Claim],
    analysis: Analysis,
    openings: Openings,
    words_of: Mapping[tuple[str, int], frozenset[str]],
    weights: Mapping[str, float],
) -> list[_Candidate]:
    sentence_of = {(a.article.id, s.index): (s, a.vectors[i]) for a in articles for i, s in enumerate(a.sentences)}
    position_of = {(a.article.id, s.index): rank for a in articles for rank, s in enumerate(b for b in a.sentences if b.kind == "body")}
    if not sentence_of:
        return []
    story_vector = _unit(np.vstack([v for _, v in sentence_of.values()]).mean(axis=0))
    story_years = {a.article.published.year for a in articles if a.article.published is not None}
    story_names = recurring_names([s for s, _ in sentence_of.values()])
    by_article: dict[str, set[str]] = {}
    for (source, _), words in words_of.items():
        by_article.setdefault(source, set()).update(words)
    shares = word_shares(by_article)
    support = {agreement.claim: agreement for agreement in analysis.agreements}
    # Sources that state a sentence's value otherwise (the analysis found them): never cited for it.
    gainsaid: dict[tuple[str, int], set[str]] = {}
    for gainsay in analysis.gainsaid:
        gainsaid.setdefault((gainsay.source, gainsay.index), set()).update(gainsay.sources)

    candidates = []
    for claim_number, claim in enumerate(claims):
        agreement = support.get(claim.text)
        evidence = agreement.evidence if agreement else claim.evidence[:1]
        origins = agreement.origins if agreement else 1
        # Each evidence sentence that stands alone is one wording of the claim; the selection takes the
        # best-scored wording that tells something new, and one wording per claim.
        for item in _standalone(evidence, sentence_of):
            sentence, vector = sentence_of[(item.source, item.index)]
            position = position_of.get((item.source, item.index), 99)
            echo = openings.echo(vector, item.source)
            text = DATELINE.sub("", sentence.text).strip()
            words = words_of[(item.source, item.index)]
            features = sentence_features(
                sentence, text, origins=origins, centrality=float(vector @ story_vector), position=position,
                echo=echo, quoted=opens_on_a_quotation(text), story_names=story_names, words=words, word_shares=shares,
            )  # fmt: skip
            cited: dict[str, Evidence] = {}
            otherwise = gainsaid.get((item.source, item.index), set())
            for other in [item, *evidence]:
                if other is item or other.source not in otherwise:
                    cited.setdefault(other.source, other)
            candidates.append(
                _Candidate(
                    sentence, vector, tuple(cited), tuple(cited.values()), origins, features.score(weights), text,
                    position, role_of(sentence, text, story_years), words, echo, features, claim_number,
                )
            )  # fmt: skip
    return candidates


def _lede(candidates: Sequence[_Candidate], settings: Settings) -> _Candidate | None:
    """The opening sentence that tells the event as the other outlets' openings do; None if no opening stands alone."""
    eligible = [
        c
        for c in candidates
        if c.position < settings.lede_opening_sentences
        and c.role is Role.DEVELOPMENT
        and context_penalty(c.text) == 0.0
    ]
    if not eligible:
        return None
    return max(
        eligible,
        key=lambda c: (
            c.echo
            + settings.lede_anchor_bonus * anchors(c.sentence)
            - settings.lede_position_step * c.position
            - settings.lede_plan_penalty * tells_a_plan(c.sentence),
            c.score,
        ),
    )


def _select(candidates: Sequence[_Candidate], lede: _Candidate | None, settings: Settings) -> list[_Candidate]:
    """The lede, then the best-scored candidates that fit the budget and tell something new: one wording
    of each claim, the best-scored of those that do not repeat what is already told."""
    chosen: list[_Candidate] = []
    told: set[int] = set()
    words = 0
    for candidate in ([lede] if lede is not None else []) + sorted(candidates, key=lambda c: -c.score):
        length = len(candidate.text.split())
        if candidate.claim in told or words + length > settings.summary_words or _repeats(candidate, chosen, settings):
            continue
        told.add(candidate.claim)
        chosen.append(candidate)
        words += length
    return chosen


def _repeats(candidate: _Candidate, chosen: Sequence[_Candidate], settings: Settings) -> bool:
    """Whether a chosen sentence already tells this one's fact: close in meaning, or in words."""
    return any(
        other is candidate
        or float(candidate.vector @ other.vector) >= settings.redundancy_similarity
        or word_overlap(candidate.words, other.words) > settings.repeat_word_overlap
        for other in chosen
    )


def _with_marks(
    chosen: Sequence[_Candidate],
    analysis: Analysis,
    words_of: Mapping[tuple[str, int], frozenset[str]],
    settings: Settings,
) -> list[SummarySentence]:
    """The summary's sentences, marked where they give a disputed value or an outdated figure.

    A sentence is one side of a conflict when any source it cites holds that side's sentence,
    or when it states the side's value as written while telling the same fact as the side's
    evidence (most of its content words): another outlet's wording of a disputed figure is as
    disputed as the original. It gives an outdated figure when its own sentence gives an earlier
    stage of an update (the same two ways) and not the latest one: the reader is then told
    where the figure stands now.
    """
    disputed: list[set[int]] = [set() for _ in chosen]
    for number, conflict in enumerate(analysis.conflicts, start=1):
        for position in conflict.positions:
            for candidate, mark in zip(chosen, disputed):
                if _gives(candidate, position.value, position.evidence, words_of, settings, cited=candidate.evidence):
                    mark.add(number)
    updated: list[set[int]] = [set() for _ in chosen]
    for number, update in enumerate(analysis.updates, start=1):
        if len(update.values) < 2:
            continue
        latest, earlier = update.values[0], update.values[1:]
        for candidate, mark in zip(chosen, updated):
            own = candidate.evidence[:1]
            if any(_gives(candidate, stage.value, stage.evidence, words_of, settings, cited=own) for stage in earlier) and not (
                _gives(candidate, latest.value, latest.evidence, words_of, settings, cited=own)
            ):
                mark.add(number)
    return [
        SummarySentence(
            text=c.text, citations=c.citations, evidence=c.evidence, disputed=tuple(sorted(d)), updated=tuple(sorted(u))
        )
        for c, d, u in zip(chosen, disputed, updated)
    ]


def _gives(
    candidate: _Candidate,
    value: str,
    evidence: Sequence[Evidence],
    words_of: Mapping[tuple[str, int], frozenset[str]],
    settings: Settings,
    *,
    cited: Sequence[Evidence],
) -> bool:
    """Whether a candidate gives a value: one of `cited` is the value's own sentence, or its text
    states the value as written about the same fact as one of those sentences."""
    holders = {(item.source, item.index) for item in evidence}
    if any((item.source, item.index) in holders for item in cited):
        return True
    spellings = [v.strip().lower() for v in value.split(" / ") if len(v.strip()) >= 3]
    return _states_any(candidate.text, spellings) and any(
        word_overlap(candidate.words, words_of[key]) >= settings.same_fact_word_overlap
        for key in holders
        if key in words_of
    )


def _states_any(text: str, spellings: Sequence[str]) -> bool:
    lowered = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", lowered) for spelling in spellings)


def _standalone(
    evidence: Sequence[Evidence], sentence_of: Mapping[tuple[str, int], tuple[Sentence, np.ndarray]]
) -> list[Evidence]:
    """The evidence sentences that make sense without their neighbours: whole body sentences of six
    words or more, with nothing pointing back, no speech without its speaker, nothing off register."""
    usable = []
    for item in evidence:
        found = sentence_of.get((item.source, item.index))
        if found is None or found[0].kind != "body":
            continue
        sentence = found[0]
        text = DATELINE.sub("", sentence.text).strip()
        if (
            len(text.split()) >= 6
            and context_penalty(text) < STANDS_ALONE_LIMIT
            and is_whole(sentence, text)
            and not quotes_without_a_speaker(sentence, text)
            and not off_register(sentence, text)
        ):
            usable.append(item)
    return usable


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
