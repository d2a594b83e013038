"""The features a candidate summary sentence is weighed by, and the weights' table."""

from __future__ import annotations

import dataclasses

import pytest

from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import Entity, Sentence
from newsweave.summarize.features import (
    FEATURE_NAMES,
    SentenceFeatures,
    lead_weight,
    recurring_names,
    sentence_features,
    word_shares,
)


def _sentence(source: str, text: str, *names: str) -> Sentence:
    return Sentence(source, 0, text, 0, len(text), entities=tuple(Entity(n, "GPE", 0, 1) for n in names))


def test_every_feature_has_a_weight_and_every_weight_a_feature() -> None:
    assert [name for name, _ in DEFAULT_SETTINGS.summary_feature_weights] == list(FEATURE_NAMES)


def test_the_score_is_the_weighted_sum() -> None:
    features = SentenceFeatures(*(float(i) for i in range(len(FEATURE_NAMES))))
    weights = {"origins": 2.0, "coverage": -1.0}
    assert features.score(weights) == pytest.approx(2.0 * features.origins - features.coverage)
    assert features.score({}) == 0.0


def test_names_recur_only_across_articles() -> None:
    sentences = [
        _sentence("A", "Dunmore mill burned.", "Dunmore"),
        _sentence("A", "Dunmore mourned.", "Dunmore", "Kilbeg"),
        _sentence("B", "In Dunmore a mill burned.", "Dunmore"),
    ]
    assert recurring_names(sentences) == frozenset({"dunmore"})  # Kilbeg is in one article only


def test_word_shares_count_articles_not_mentions() -> None:
    shares = word_shares({"A": ["mill", "fire", "fire"], "B": ["mill"], "C": ["quay"]})
    assert shares == {"mill": pytest.approx(2 / 3), "fire": pytest.approx(1 / 3), "quay": pytest.approx(1 / 3)}


def test_features_of_a_sentence() -> None:
    sentence = _sentence("A", "A fire destroyed the old grain mill in Dunmore on Sunday, 4 March.", "Dunmore", "Kilbeg")
    features = sentence_features(
        sentence, sentence.text, origins=3, centrality=0.5, position=0, echo=0.4, quoted=False,
        story_names={"dunmore"}, words=["fire", "mill", "quay"], word_shares={"fire": 1.0, "mill": 0.5},
    )  # fmt: skip
    assert features.origins == pytest.approx(2.0)  # log2(1 + 3)
    assert features.lead == 1.0 and lead_weight(4) == 0.5 and lead_weight(20) == 0.0
    assert features.figures == 1.0 and features.quoted == 0.0 and features.short == 0.0
    assert features.names == pytest.approx(1 / 3)
    assert features.coverage == pytest.approx(0.5)  # (1.0 + 0.5 + 0) / 3
    assert dataclasses.astuple(features)[FEATURE_NAMES.index("echo")] == 0.4
