"""Is a handful of articles really one story? Say which ones stray, and how far.

An article is represented by the mean of its sentence embeddings. Its
similarity to the rest of the story is compared with the typical similarity
between the other articles: an article far below both an absolute floor and the
story's own level is reported as being about something else. The briefing is
still made: the reader decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.model import AnalyzedArticle


@dataclass(frozen=True)
class OffTopicArticle:
    source: str
    similarity: float  # mean cosine to the other articles
    story_level: float  # median pairwise cosine among the other articles


@dataclass(frozen=True)
class StoryCoherence:
    mean_similarity: float  # mean pairwise cosine between article vectors
    off_topic: tuple[OffTopicArticle, ...]

    def notes(self) -> tuple[str, ...]:
        """Plain-language remarks for the briefing."""
        return tuple(
            f"{item.source} seems to be about a different event: its similarity to the other articles "
            f"is {item.similarity:.2f}, while they reach {item.story_level:.2f} among themselves."
            for item in self.off_topic
        )


def article_vector(analyzed: AnalyzedArticle) -> np.ndarray:
    """Mean of the sentence vectors, L2-normalised (zeros for an article without sentences)."""
    if len(analyzed.vectors) == 0:
        return np.zeros(analyzed.vectors.shape[1] if analyzed.vectors.ndim == 2 else 384, np.float32)
    mean = analyzed.vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean


def check_coherence(articles: Sequence[AnalyzedArticle], settings: Settings = DEFAULT_SETTINGS) -> StoryCoherence:
    """Measure how closely the articles belong together and flag the ones that do not."""
    if len(articles) < 2:
        return StoryCoherence(mean_similarity=1.0, off_topic=())
    vectors = np.vstack([article_vector(a) for a in articles])
    similarity = vectors @ vectors.T
    count = len(articles)
    off_diagonal = similarity[~np.eye(count, dtype=bool)]
    mean_similarity = float(off_diagonal.mean())
    off_topic = []
    for i, analyzed in enumerate(articles):
        others = [j for j in range(count) if j != i]
        to_others = float(similarity[i, others].mean())
        if len(others) >= 2:
            block = similarity[np.ix_(others, others)]
            level = float(np.median(block[~np.eye(len(others), dtype=bool)]))
        else:
            level = 1.0
        # Two articles only: neither is "the story", so flag both when they are far apart.
        if to_others < settings.unrelated_similarity or (count > 2 and to_others < level - 0.35):
            off_topic.append(OffTopicArticle(analyzed.article.id, round(to_others, 3), round(level, 3)))
    return StoryCoherence(mean_similarity=round(mean_similarity, 3), off_topic=tuple(off_topic))
