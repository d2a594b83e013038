"""The summary-weight fit: folds that partition the clusters, a regression that finds known weights."""

from __future__ import annotations

import numpy as np
import pytest

import summary_fit as fit
from newsweave.summarize.features import FEATURE_NAMES


def test_folds_partition_the_clusters_and_do_not_move_between_runs() -> None:
    folds = fit.folds(23)
    assert sorted(i for fold in folds for i in fold) == list(range(23))
    assert len(folds) == fit.FOLDS and max(map(len, folds)) - min(map(len, folds)) <= 1
    assert fit.folds(23) == folds


def test_the_fit_recovers_the_weights_that_made_the_targets() -> None:
    rng = np.random.default_rng(3)
    true = rng.normal(size=len(FEATURE_NAMES))
    rows = []
    for _ in range(40):
        features = rng.random((30, len(FEATURE_NAMES)))
        offset = rng.normal()  # each cluster on its own level: only the order within it counts
        rows.append(fit.SentenceRows(features, features @ true + offset))
    weights = fit.fit_weights(rows, ridge=1e-6)
    assert list(weights) == list(FEATURE_NAMES)
    assert [weights[n] for n in FEATURE_NAMES] == pytest.approx(list(true), abs=1e-3)


def test_clusters_with_fewer_than_two_candidates_teach_nothing() -> None:
    one = fit.SentenceRows(np.ones((1, len(FEATURE_NAMES))), np.array([5.0]))
    rng = np.random.default_rng(4)
    features = rng.random((20, len(FEATURE_NAMES)))
    many = fit.SentenceRows(features, features[:, 0])
    assert fit.fit_weights([one, many], ridge=1e-6) == fit.fit_weights([many], ridge=1e-6)
