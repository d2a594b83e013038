"""What the summary weighs in a candidate sentence: a few named features and one weight each.

A candidate's score is the weighted sum of its features; the weights live in
`Settings.summary_feature_weights` (fitted on the Multi-News development
clusters by benchmarks/fit_summary_weights.py, cross-validated; see
docs/quality.md). Every feature is on a scale of about 0 to 1, except
`origins`, which grows slowly with the number of independent sources.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import astuple, dataclass, fields

from newsweave.model import Sentence

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
FIGURE = re.compile(r"\d")
SHORT_WORDS = 9
WEIGHT_SCALE = 10
LENGTH_SCALE = 50  # words at which `length` reaches 1: longer sentences carry more, up to a point


@dataclass(frozen=True)
class SentenceFeatures:
    origins: float  # log2(1 + independent origins that back the claim)
    centrality: float  # cosine with the story's mean sentence vector
    lead: float  # 1 at an article's first body sentence, falling to 0 at its ninth
    echo: float  # how closely the other articles' openings tell it (summarize/lede.py)
    quoted: float  # 1 when it opens on a quotation (attributed: unattributed speech never gets this far)
    length: float  # its words over LENGTH_SCALE, at most 1
    short: float  # 1 under SHORT_WORDS words: a short sentence rarely tells a whole fact
    figures: float  # 1 when it gives a figure
    names: float  # the story's recurring names it mentions, a third each, at most 1
    coverage: float  # the mean share of the story's articles that use each of its content words
    weight: float  # the sum of those shares over WEIGHT_SCALE, at most 1: how much common ground it covers

    def score(self, weights: Mapping[str, float]) -> float:
        return sum(weights.get(name, 0.0) * value for name, value in zip(FEATURE_NAMES, astuple(self), strict=True))


FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in fields(SentenceFeatures))


@dataclass(frozen=True)
class CandidateFeatures:
    """A candidate summary sentence, as it would read, with its features (to fit the weights)."""

    text: str
    features: SentenceFeatures


def lead_weight(position: int) -> float:
    return max(0.0, 1.0 - position / 8)


def recurring_names(sentences: Collection[Sentence]) -> frozenset[str]:
    """Names (people, places, organisations...) that at least two articles of the story mention."""
    articles_of: dict[str, set[str]] = {}
    for sentence in sentences:
        for entity in sentence.entities:
            if entity.label in NAME_LABELS:
                articles_of.setdefault(entity.text.lower(), set()).add(sentence.source)
    return frozenset(name for name, sources in articles_of.items() if len(sources) >= 2)


def word_shares(words_by_article: Mapping[str, Collection[str]]) -> dict[str, float]:
    """For each content word, the share of the story's articles that use it."""
    counts: dict[str, int] = {}
    for words in words_by_article.values():
        for word in set(words):
            counts[word] = counts.get(word, 0) + 1
    total = max(1, len(words_by_article))
    return {word: count / total for word, count in counts.items()}


def sentence_features(
    sentence: Sentence,
    text: str,
    *,
    origins: int,
    centrality: float,
    position: int,
    echo: float,
    quoted: bool,
    story_names: Collection[str],
    words: Collection[str],
    word_shares: Mapping[str, float],
) -> SentenceFeatures:
    names = {e.text.lower() for e in sentence.entities if e.label in NAME_LABELS} & set(story_names)
    return SentenceFeatures(
        origins=math.log2(1 + origins),
        centrality=centrality,
        lead=lead_weight(position),
        echo=echo,
        quoted=1.0 if quoted else 0.0,
        length=min(1.0, len(text.split()) / LENGTH_SCALE),
        short=1.0 if len(text.split()) < SHORT_WORDS else 0.0,
        figures=1.0 if FIGURE.search(text) else 0.0,
        names=min(1.0, len(names) / 3),
        coverage=sum(word_shares.get(word, 0.0) for word in words) / len(words) if words else 0.0,
        weight=min(1.0, sum(word_shares.get(word, 0.0) for word in words) / WEIGHT_SCALE),
    )
