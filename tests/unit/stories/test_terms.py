"""Body words as a content signal: the TF-IDF index of open stories, and the clusterer using it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from newsweave.errors import UsageError
from newsweave.model import ArticleSignature
from newsweave.stories import StoryClusterer
from newsweave.stories.terms import TermIndex

from .test_clustering import tilted, unit

WITH_WORDS = {"threshold": 0.35, "entity_weight": 0.0, "term_weight": 0.5, "top_terms": 20, "idle_articles": 50}


def words(*pairs: str) -> tuple[tuple[str, int], ...]:
    """("bridge:3", "cable") -> (("bridge", 3), ("cable", 1))."""
    counted = [pair.split(":") for pair in pairs]
    return tuple((part[0], int(part[1]) if len(part) > 1 else 1) for part in counted)


def test_a_rare_word_weighs_more_than_a_common_one_and_the_vector_has_unit_length():
    index = TermIndex(top_terms=10)
    for _ in range(9):
        index.count(["said", "police"])
    index.count(["kestrelmouth"])
    vector = index.vector(words("said", "kestrelmouth"))
    assert vector["kestrelmouth"] > vector["said"]
    assert math.isclose(math.sqrt(sum(w * w for w in vector.values())), 1.0)
    assert index.vector(()) == {}


def test_only_the_best_words_of_an_article_count():
    index = TermIndex(top_terms=2)
    vector = index.vector(words("bridge:5", "cable:3", "river:1", "mayor:1"))
    assert set(vector) == {"bridge", "cable"}


def test_stories_are_found_through_shared_words_and_forgotten_when_closed():
    index = TermIndex(top_terms=10)
    index.join(1, index.vector(words("bridge:2", "cable")))
    index.join(2, index.vector(words("pumpkin", "fair")))
    found = index.similarities(index.vector(words("bridge", "river")))
    assert set(found) == {1} and 0.0 < found[1] < 1.0
    assert index.similarities(index.vector(words("bridge:2", "cable")))[1] == pytest.approx(1.0)
    index.close(1)
    assert index.similarities(index.vector(words("bridge"))) == {}


def _sig(article_id: str, vector: np.ndarray, terms: tuple[tuple[str, int], ...]) -> ArticleSignature:
    return ArticleSignature(article_id, vector, frozenset(), None, terms)


def test_body_words_join_reports_whose_leads_differ_and_part_events_of_one_kind():
    # Two shootings: the leads read somewhat alike (cosine 0.5), the bodies name different towns and
    # people. The words every shooting report uses are common in the stream, so they weigh little.
    clusterer = StoryClusterer(**WITH_WORDS)
    for n in range(8):
        clusterer.add(_sig(f"background-{n}", unit(10 + n), words("gunman", "sheriff", "police", f"town{n}")))
    shooting = words("gunman:3", "bowling", "alley", "lewbury:4", "sheriff", "carden:2")
    other_shooting = words("gunman:3", "school", "marston:4", "sheriff", "pellow:2")
    first = clusterer.add(_sig("first", unit(0), shooting))
    other = clusterer.add(_sig("other", tilted(0, 1, 0.5), other_shooting))
    assert other.opened and other.story_id != first.story_id
    # A report of the first shooting whose lead is worded apart (cosine 0.5) joins it by its words.
    late = clusterer.add(_sig("late", tilted(0, 2, 0.5), words("lewbury:3", "carden", "bowling", "alley", "sheriff")))
    assert not late.opened and late.story_id == first.story_id


def test_an_article_without_body_words_joins_only_a_story_it_is_very_close_to():
    clusterer = StoryClusterer(**WITH_WORDS)
    clusterer.add(_sig("first", unit(0), words("bridge:2", "cable")))
    # Only the lead's half of the score is open to it: 0.5 x 0.6 = 0.3 stays under the threshold 0.35.
    assert clusterer.add(_sig("near", tilted(0, 1, 0.6), ())).opened
    assert not clusterer.add(_sig("copy", unit(0), ())).opened  # 0.5 x 1.0


def test_resuming_keeps_the_word_frequencies():
    rng = np.random.default_rng(3)
    vocabulary = [f"word{n}" for n in range(40)]
    stream = []
    for n in range(120):
        topic = int(rng.integers(6))
        vector = unit(topic) + rng.normal(0.0, 0.3, 32)
        picked = rng.choice(10, size=5, replace=False) + 5 * topic
        terms = tuple(sorted((vocabulary[i], int(rng.integers(1, 4))) for i in picked))
        stream.append(_sig(f"a{n}", (vector / np.linalg.norm(vector)).astype(np.float32), terms))
    whole = StoryClusterer(**WITH_WORDS)
    expected = [whole.add(s) for s in stream]
    head = StoryClusterer(**WITH_WORDS)
    for s in stream[:60]:
        head.add(s)
    resumed = StoryClusterer(**WITH_WORDS)
    resumed.resume(head.snapshot(), {s.article_id: s for s in stream[:60]})
    continued = [resumed.add(s) for s in stream[60:]]
    assert continued == expected[60:]  # the words' rarity goes on as it was, to the last digit


def test_weights_that_add_up_to_more_than_the_whole_score_are_refused():
    with pytest.raises(UsageError, match="add up to at most 1"):
        StoryClusterer(entity_weight=0.6, term_weight=0.5)
    with pytest.raises(UsageError, match="top_terms"):
        StoryClusterer(top_terms=0)
