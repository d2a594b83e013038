"""Fit the summary's sentence weights on the Multi-News dev clusters, and summarise out of fold.

The summary scores each candidate sentence by a weighted sum of named
features (src/newsweave/summarize/features.py). This module fits those
weights: for every candidate sentence of every cluster, the target is how much
of it an editor kept (ROUGE-1 precision plus ROUGE-2 precision against the
cluster's reference summary), and a ridge regression over the features,
centred within each cluster (only the order inside a cluster matters), gives
one weight per feature.

Cross-validation is by cluster: the clusters are dealt into FOLDS folds (a
fixed shuffle), and each cluster is summarised with weights fitted on the
other folds. `benchmarks/quality_rouge.py` scores those out-of-fold summaries;
the weights shipped in `Settings.summary_feature_weights` are the fit on all
clusters, printed by running this file:

    .venv/bin/python benchmarks/summary_fit.py     # fits, cross-validates, prints the weights

The pipeline runs once per cluster; the stages before the summary do not
depend on the weights, so their output is kept and the summary is remade for
each fold.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bench_common import DEFAULT_SHARED, Cluster, load_multinews

FOLDS = 5
FOLD_SEED = 7
RIDGE = 10.0  # ridge penalty on the centred features; 0.1 to 10 gave the same out-of-fold ROUGE within 0.1


@dataclass(frozen=True, eq=False)
class SummaryInputs:
    """What the summary stage of one cluster's briefing received (None when no briefing was made)."""

    cluster: Cluster
    articles: Sequence[Any] = field(default=())
    claims: Sequence[Any] = field(default=())
    analysis: Any = None
    failure: str | None = None


def capture_inputs(cluster: Cluster, settings: Any) -> SummaryInputs:
    """Brief one cluster and keep the summary stage's inputs.

    The pipeline calls `newsweave.summarize.summarize` through its module; the call is
    wrapped for the length of one briefing so its arguments can be kept.
    """
    import newsweave.summarize as summarize_stage
    from newsweave.model import RawDocument
    from newsweave.pipeline import brief_documents

    kept: dict[str, tuple[Any, Any, Any]] = {}
    real = summarize_stage.summarize

    def keeping(articles: Any, claims: Any, analysis: Any, run_settings: Any) -> Any:
        kept["inputs"] = (articles, claims, analysis)
        return real(articles, claims, analysis, run_settings)

    documents = [
        RawDocument(path=f"multinews:{cluster.id}:{i}", text=text, format="json")
        for i, text in enumerate(cluster.documents)
    ]
    summarize_stage.summarize = keeping  # type: ignore[assignment]
    try:
        run = brief_documents(documents, settings)
    except Exception as error:  # a crash is a failure of this cluster, not of the benchmark
        return SummaryInputs(cluster, failure=f"{type(error).__name__}: {error}")
    finally:
        summarize_stage.summarize = real  # type: ignore[assignment]
    if run.briefing is None or "inputs" not in kept:
        return SummaryInputs(cluster, failure="; ".join(str(p) for p in run.problems) or "no briefing")
    articles, claims, analysis = kept["inputs"]
    return SummaryInputs(cluster, articles, claims, analysis)


def summary_with(inputs: SummaryInputs, settings: Any, weights: dict[str, float]) -> list[str]:
    """The summary sentences of one cluster under the given feature weights."""
    from newsweave.summarize import summarize

    if inputs.failure is not None:
        return []
    fitted = dataclasses.replace(settings, summary_feature_weights=tuple(weights.items()))
    return [sentence.text for sentence in summarize(inputs.articles, inputs.claims, inputs.analysis, fitted)]


@dataclass(frozen=True)
class SentenceRows:
    """One cluster's candidate sentences: their features (rows) and how much of each the editor kept."""

    features: np.ndarray  # (candidates, features)
    kept: np.ndarray  # (candidates,)


def sentence_rows(inputs: SummaryInputs, settings: Any, scorer: Any) -> SentenceRows:
    from newsweave.summarize.extractive import candidate_features

    if inputs.failure is not None:
        return SentenceRows(np.zeros((0, 0)), np.zeros(0))
    candidates = candidate_features(inputs.articles, inputs.claims, inputs.analysis, settings)
    kept = []
    for candidate in candidates:
        scores = scorer.score(inputs.cluster.summary, candidate.text)
        kept.append(scores["rouge1"].precision + scores["rouge2"].precision)
    features = np.array([astuple(c.features) for c in candidates], dtype=float) if candidates else np.zeros((0, 0))
    return SentenceRows(features, np.array(kept, dtype=float))


def fit_weights(rows: Sequence[SentenceRows], ridge: float = RIDGE) -> dict[str, float]:
    """Ridge regression of the kept share on the features, centred within each cluster."""
    from newsweave.summarize.features import FEATURE_NAMES

    used = [r for r in rows if len(r.kept) > 1]
    x = np.vstack([r.features - r.features.mean(axis=0) for r in used])
    y = np.concatenate([r.kept - r.kept.mean() for r in used])
    solved = np.linalg.solve(x.T @ x + ridge * np.eye(x.shape[1]), x.T @ y)
    return {name: round(float(value), 4) for name, value in zip(FEATURE_NAMES, solved, strict=True)}


def folds(count: int, k: int = FOLDS, seed: int = FOLD_SEED) -> list[list[int]]:
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


@dataclass
class OutOfFold:
    """Each cluster's summary made with weights fitted without it, and the weights of each fold."""

    summaries: list[list[str]]
    fold_weights: list[dict[str, float]]
    all_weights: dict[str, float]


def out_of_fold(
    inputs: Sequence[SummaryInputs], settings: Any, progress: Callable[[str], None] | None = None
) -> OutOfFold:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    rows = [sentence_rows(item, settings, scorer) for item in inputs]
    summaries: list[list[str]] = [[] for _ in inputs]
    fold_weights = []
    for number, held_out in enumerate(folds(len(inputs)), 1):
        held = set(held_out)
        weights = fit_weights([r for i, r in enumerate(rows) if i not in held])
        fold_weights.append(weights)
        for i in held_out:
            summaries[i] = summary_with(inputs[i], settings, weights)
        if progress:
            progress(f"fold {number}/{FOLDS} summarised")
    return OutOfFold(summaries, fold_weights, fit_weights(rows))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared data folder (default: <repo>/../shared)")
    parser.add_argument("--words", type=int, default=250, help="summary word budget (default 250)")
    args = parser.parse_args(argv)
    from newsweave.config import DEFAULT_SETTINGS

    settings = dataclasses.replace(DEFAULT_SETTINGS, summary_words=args.words)
    clusters = load_multinews(args.shared / "data" / "multinews_dev.jsonl")
    inputs = [capture_inputs(cluster, settings) for cluster in clusters]
    result = out_of_fold(inputs, settings, progress=lambda line: print(line, file=sys.stderr))
    for number, weights in enumerate(result.fold_weights, 1):
        print(f"fold {number}: {weights}")
    print("fitted on all clusters (paste into Settings.summary_feature_weights):")
    print(tuple(result.all_weights.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
