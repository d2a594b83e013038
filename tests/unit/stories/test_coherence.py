"""Coherence: articles about another event are flagged with how far apart they are."""

from __future__ import annotations

import numpy as np

from newsweave.model import AnalyzedArticle, Article, Sentence
from newsweave.stories import check_coherence


def _article(source: str, direction: np.ndarray, sentences: int = 3) -> AnalyzedArticle:
    rng = np.random.default_rng(abs(hash(source)) % 2**32)
    vectors = np.vstack([direction + rng.normal(0, 0.05, direction.shape) for _ in range(sentences)]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    article = Article(id=source, path=source, text="x", title=None, outlet=None, url=None, published=None)
    records = tuple(Sentence(source, i, "x", 0, 1) for i in range(sentences))
    return AnalyzedArticle(article=article, sentences=records, vectors=vectors)


def _unit(index: int, dim: int = 16) -> np.ndarray:
    vector = np.zeros(dim, np.float32)
    vector[index] = 1.0
    return vector


def test_an_article_about_something_else_is_flagged():
    story = _unit(0) + 0.3 * _unit(1)
    articles = [_article(s, story) for s in ("S1", "S2", "S3")] + [_article("S4", _unit(5))]
    coherence = check_coherence(articles)
    assert [item.source for item in coherence.off_topic] == ["S4"]
    item = coherence.off_topic[0]
    assert item.similarity < 0.25 < item.story_level
    [note] = coherence.notes()
    assert "S4" in note and f"{item.similarity:.2f}" in note


def test_one_story_has_no_notes():
    story = _unit(2)
    coherence = check_coherence([_article(s, story) for s in ("S1", "S2", "S3")])
    assert coherence.off_topic == () and coherence.mean_similarity > 0.9
    assert check_coherence([_article("S1", story)]).off_topic == ()
