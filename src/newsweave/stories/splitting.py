"""When one story holds two events: find the articles of the second, so that they can leave.

A story grows one article at a time, each joining the centroid of those before
it. Two events of one kind (two shootings, two fights over one law years apart)
can meet in one story when an early article sits between them, and from then on
the centroid draws in both. Nothing in a single join can see this; the members
together can. So, each time a story has grown by a quarter, its members are cut
in two the way a centroid clusterer would have cut them had the two groups come
first: start from the member least like the story, let every member go to the
nearer of the two centroids, and repeat until nothing moves. When the two parts,
each of at least `min_part` members, score under the threshold against each
other (the same mix of signals as a join), they are two events, and the smaller
part leaves.

The member vectors are given, not kept here: the caller weighs the body words
with the corpus's word frequencies as they are now. The members become three
small matrices (lead vectors, word weights, entities), so that a round of the
cut is a few matrix products: a story of 64 members is tried in milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

TermVector = Mapping[str, float]
_ROUNDS = 8  # the cut settles in two or three rounds; the cap keeps a rare oscillation finite


@dataclass(frozen=True)
class SplitMember:
    """What the cut needs of one member: unit lead vector, unit word vector, entities, day (NaN if undated)."""

    vector: np.ndarray
    terms: TermVector
    entities: frozenset[str]
    day: float


@dataclass(frozen=True)
class ScoreMix:
    """The shares of a join's score (see StoryClusterer.add), reused to compare the two parts."""

    entity_weight: float
    term_weight: float
    date_weight: float
    date_scale_days: float

    @property
    def cosine_weight(self) -> float:
        return 1.0 - self.entity_weight - self.term_weight


@dataclass(frozen=True)
class _Members:
    """The members as matrices: unit lead vectors, unit word vectors, entity weights, days."""

    vectors: np.ndarray  # members x dimensions
    words: np.ndarray  # members x distinct words
    entities: np.ndarray  # members x distinct entities, each entity's rarity weight where the member names it
    days: np.ndarray  # NaN when undated
    named: np.ndarray  # members x entities: True where the member names the entity
    entity_totals: np.ndarray  # each member's summed entity weight

    @classmethod
    def of(cls, members: Sequence[SplitMember], entity_weights: Mapping[str, float]) -> _Members:
        vocabulary = {word: n for n, word in enumerate(sorted({w for m in members for w in m.terms}))}
        names = {name: n for n, name in enumerate(sorted({e for m in members for e in m.entities}))}
        words = np.zeros((len(members), len(vocabulary)))
        entities = np.zeros((len(members), len(names)))
        for row, member in enumerate(members):
            for word, weight in member.terms.items():
                words[row, vocabulary[word]] = weight
            for name in member.entities:
                entities[row, names[name]] = entity_weights.get(name, 1.0)
        vectors = np.vstack([np.asarray(m.vector, np.float64) for m in members])
        days = np.array([m.day for m in members], np.float64)
        return cls(vectors, words, entities, days, entities > 0, entities.sum(axis=1))

    def scores(self, part: np.ndarray, mix: ScoreMix) -> np.ndarray:
        """Every member's join score against the centroid of the members where `part` is True."""
        size = int(part.sum())
        counts = self.named[part].sum(axis=0)  # members of the part naming each entity
        totals = self.entity_totals
        shared = self.entities @ counts
        entity_share = np.divide(shared, totals * size, out=np.zeros_like(shared), where=totals > 0)
        return (
            mix.cosine_weight * _cosines(self.vectors, self.vectors[part].sum(axis=0))
            + mix.term_weight * _cosines(self.words, self.words[part].sum(axis=0))
            + mix.entity_weight * entity_share
            - mix.date_weight * _gaps(self.days, self.days, self.days[part]) / mix.date_scale_days
        )

    def between(self, part: np.ndarray, mix: ScoreMix) -> float:
        """The score of one part's centroid against the other's: entities as a weighted overlap of the two."""
        inside, outside = self.entities[part].max(axis=0), self.entities[~part].max(axis=0)
        union = np.maximum(inside, outside).sum()
        overlap = np.minimum(inside, outside).sum()
        days = self.days[part]
        first, last = (np.nanmin(days), np.nanmax(days)) if not np.isnan(days).all() else (math.nan, math.nan)
        gap = _gaps(np.array([first]), np.array([last]), self.days[~part])[0]
        return float(
            mix.cosine_weight * _cosine(self.vectors[part].sum(axis=0), self.vectors[~part].sum(axis=0))
            + mix.term_weight * _cosine(self.words[part].sum(axis=0), self.words[~part].sum(axis=0))
            + mix.entity_weight * (overlap / union if union > 0 else 0.0)
            - mix.date_weight * gap / mix.date_scale_days
        )


def separable_part(
    members: Sequence[SplitMember],
    mix: ScoreMix,
    entity_weights: Mapping[str, float],
    *,
    threshold: float,
    min_part: int,
) -> tuple[int, ...]:
    """Indices (in order) of the members that form a second event, or () when the story holds together.

    `entity_weights` gives each entity's rarity weight (1 for any entity not in it).
    """
    count = len(members)
    if count < 2 * min_part:
        return ()
    matrices = _Members.of(members, entity_weights)
    fit = matrices.scores(np.ones(count, bool), mix)
    # The two seeds: the member most like the whole story (the earliest on a tie) and the one least
    # like it (the latest on a tie); each member first goes to the seed it is nearer, then to the
    # nearer centroid, round after round.
    central = max(range(count), key=lambda index: (fit[index], -index))
    odd = min(range(count), key=lambda index: (fit[index], -index))
    if central == odd:
        return ()
    second = _nearer_second(matrices, np.arange(count) == central, np.arange(count) == odd, mix)
    for _ in range(_ROUNDS):
        if not second.any() or second.all():
            return ()
        moved = _nearer_second(matrices, ~second, second, mix)
        if np.array_equal(moved, second) or not moved.any() or moved.all():
            break
        second = moved
    sizes = (count - int(second.sum()), int(second.sum()))
    if min(sizes) < min_part or matrices.between(second, mix) >= threshold:
        return ()
    leaving = sizes[1] <= sizes[0]  # the smaller part leaves; on a tie the part of the odd seed does
    return tuple(int(index) for index in np.flatnonzero(second == leaving))


def _nearer_second(matrices: _Members, first: np.ndarray, second: np.ndarray, mix: ScoreMix) -> np.ndarray:
    """True for each member that scores higher against the second part than against the first."""
    return np.asarray(matrices.scores(second, mix) > matrices.scores(first, mix))


def _cosines(rows: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Cosine of each (unit or zero) row with a vector."""
    norm = float(np.linalg.norm(vector))
    return rows @ vector / norm if norm > 0 else np.zeros(len(rows))


def _cosine(left: np.ndarray, right: np.ndarray) -> float:
    norm = float(np.linalg.norm(left) * np.linalg.norm(right))
    return float(left @ right) / norm if norm > 0 else 0.0


def _gaps(first: np.ndarray, last: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Days between each span (first, last) and the span of `days`; 0 when they overlap or either is undated."""
    dated = days[~np.isnan(days)]
    if not dated.size:
        return np.zeros(len(first))
    gap = np.maximum(np.maximum(dated.min() - last, first - dated.max()), 0.0)
    return np.nan_to_num(gap, nan=0.0)
