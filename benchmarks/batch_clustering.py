"""Batch clustering baselines for the clustering benchmark: scikit-learn on all the articles at once.

Average-linkage agglomerative clustering (under a distance threshold, or with a
fixed number of clusters), HDBSCAN, TF-IDF features, and cosine distances with
a date gate. scikit-learn is imported only when a baseline runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

# Far beyond any threshold, so that one gated pair keeps two groups apart even under average linkage.
GATED_DISTANCE = 1000.0


def agglomerative(
    features: np.ndarray, *, threshold: float | None = None, clusters: int | None = None, precomputed: bool = False
) -> list[str]:
    """Average-linkage clusters under a distance threshold, or a fixed number of them."""
    from sklearn.cluster import AgglomerativeClustering

    metric = "precomputed" if precomputed else "cosine"
    model = AgglomerativeClustering(n_clusters=clusters, distance_threshold=threshold, metric=metric, linkage="average")
    return [str(label) for label in model.fit_predict(features)]


def hdbscan(vectors: np.ndarray) -> tuple[list[str], int]:
    """HDBSCAN labels with each noise point its own cluster, and the number of noise points."""
    from sklearn.cluster import HDBSCAN

    # The smallest story in the data has two articles; min_samples=1 lets pairs form.
    labels = HDBSCAN(min_cluster_size=2, min_samples=1, metric="cosine", copy=True).fit_predict(vectors)
    noise = int((labels < 0).sum())
    return [f"noise-{i}" if label < 0 else str(label) for i, label in enumerate(labels)], noise


def tfidf_features(texts: Sequence[str]) -> np.ndarray:
    """Sublinear TF-IDF vectors of `texts`, English stop words removed, as a dense array."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()


def date_gated_distances(vectors: np.ndarray, dates: Sequence[dt.date | None], window_days: int) -> np.ndarray:
    """Cosine distances, with pairs dated more than `window_days` apart set to GATED_DISTANCE."""
    distances = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0)
    days = np.array([d.toordinal() if d else np.nan for d in dates], dtype=float)
    gap = np.abs(days[:, None] - days[None, :])  # NaN for undated pairs: never gated
    distances[gap > window_days] = GATED_DISTANCE
    np.fill_diagonal(distances, 0.0)
    return distances
