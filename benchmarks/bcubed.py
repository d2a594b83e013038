"""B-cubed scoring of a clustering against gold labels, and picking the best value of a parameter grid.

Pure Python and cheap to import, like bench_common; the clustering benchmark
(quality_clustering.py) scores every system with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    """B-cubed precision, recall and F1 of one clustering, and how many clusters it made."""

    precision: float
    recall: float
    f1: float
    clusters: int


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> BCubed:
    """B-cubed precision and recall (mean over items) and their harmonic mean.

    An item's precision is the share of its predicted cluster that shares its
    gold event; its recall the share of its gold event found in its cluster.
    """
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} gold labels")
    if not gold:
        return BCubed(0.0, 0.0, 0.0, 0)
    cluster_size, event_size = Counter(predicted), Counter(gold)
    overlap = Counter(zip(predicted, gold))
    precision = sum(overlap[pair] / cluster_size[pair[0]] for pair in zip(predicted, gold)) / len(gold)
    recall = sum(overlap[pair] / event_size[pair[1]] for pair in zip(predicted, gold)) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1, len(cluster_size))


def best_of_grid(
    grid: Sequence[float], run: Callable[[float], list[str]], gold: Sequence[str]
) -> tuple[float, BCubed, dict[float, BCubed]]:
    """The grid value with the best F1 (the smaller one on a tie), its scores, and every value's scores."""
    scores = {value: bcubed(run(value), gold) for value in grid}
    best = max(grid, key=lambda value: (scores[value].f1, -value))
    return best, scores[best], scores
