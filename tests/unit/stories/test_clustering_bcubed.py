"""The clustering benchmark's scoring and arrival order (benchmarks/quality_clustering.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS_DIR = Path(__file__).resolve().parents[3] / "benchmarks"
if str(BENCHMARKS_DIR) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS_DIR))

from quality_clustering import arrival_order, bcubed, lead_text, rule_pick  # noqa: E402


def test_perfect_clustering_scores_one():
    scores = bcubed(["x", "x", "y"], ["a", "a", "b"])
    assert (scores.precision, scores.recall, scores.f1, scores.clusters) == (1.0, 1.0, 1.0, 2)


def test_one_big_cluster_has_full_recall_and_low_precision():
    scores = bcubed(["x"] * 4, ["a", "a", "b", "b"])
    assert scores.recall == 1.0 and scores.precision == pytest.approx(0.5)


def test_singletons_have_full_precision_and_low_recall():
    scores = bcubed(["1", "2", "3", "4"], ["a", "a", "a", "b"])
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx((1 / 3 * 3 + 1) / 4)


def test_a_hand_computed_case():
    # Cluster x = {a, a, b}, cluster y = {b}.
    # Precision: a items 2/3 each, b in x 1/3, b in y 1 -> (2/3 + 2/3 + 1/3 + 1) / 4 = 2/3.
    # Recall: a items 1 each, each b 1/2 -> (1 + 1 + 1/2 + 1/2) / 4 = 3/4.
    scores = bcubed(["x", "x", "x", "y"], ["a", "a", "b", "b"])
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(3 / 4)
    assert scores.f1 == pytest.approx(2 * (2 / 3) * (3 / 4) / (2 / 3 + 3 / 4))


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError):
        bcubed(["x"], ["a", "b"])


def test_articles_arrive_in_date_order_ties_by_id_undated_last():
    rows = [
        {"id": "c", "date": ""},
        {"id": "b", "date": "2015-03-02"},
        {"id": "a", "date": "2015-03-02T10:00:00"},
        {"id": "d", "date": "2011-01-01"},
        {"id": "0", "date": None},
    ]
    assert [rows[i]["id"] for i in arrival_order(rows)] == ["d", "a", "b", "0", "c"]


def test_the_lead_is_the_title_and_first_three_sentences():
    row = {"title": "Steele Criticized", "text": "One is here. Two is here. Three is here. Four is not."}
    assert lead_text(row) == "Steele Criticized\nOne is here. Two is here. Three is here."


def test_the_choice_rule_prefers_the_setting_that_copes_without_dates():
    dated = {(0.0, 0.5): 0.96, (0.1, 0.55): 0.95, (0.2, 0.6): 0.90}
    undated = {(0.0, 0.5): 0.70, (0.1, 0.55): 0.85, (0.2, 0.6): 0.95}
    assert rule_pick(dated, undated) == (0.1, 0.55)
