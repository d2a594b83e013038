"""The open stories of a StoryClusterer, kept as parallel numpy arrays.

One row per open story: the sum of its members' vectors, that sum's norm, its
first and last dates as day ordinals (NaN when unknown), and when it last took
an article, as the number of articles the clusterer had seen by then. A
new article is compared with every row at once through one matrix product, so
the cost of `add` follows the number of open stories, not the corpus size:
closed stories leave the arrays. Rows stay in the order the stories were
opened, which makes "first best row" mean "oldest story" on ties.
"""

from __future__ import annotations

import numpy as np

_INITIAL_CAPACITY = 64


class OpenStories:
    """Centroid sums, norms, date spans and last activity of the open stories, one row each."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.count = 0
        self.numbers: list[int] = []  # story number of each row, increasing
        self._sums = np.zeros((_INITIAL_CAPACITY, dim), np.float64)
        self._norms = np.zeros(_INITIAL_CAPACITY, np.float64)
        self._first = np.full(_INITIAL_CAPACITY, np.nan)
        self._last = np.full(_INITIAL_CAPACITY, np.nan)
        self._active = np.full(_INITIAL_CAPACITY, np.nan)

    # ----------------------------------------------------------------- rows

    def append(self, number: int, vector_sum: np.ndarray, first: float, last: float, active: float) -> int:
        """Add an open story at the end (its number must exceed every other row's); return its row."""
        if self.numbers and number <= self.numbers[-1]:
            raise ValueError(f"story number {number} is not after {self.numbers[-1]}")
        if self.count == len(self._norms):
            self._grow()
        row = self.count
        self._sums[row] = vector_sum
        self._norms[row] = float(np.linalg.norm(vector_sum))
        self._first[row], self._last[row], self._active[row] = first, last, active
        self.numbers.append(number)
        self.count += 1
        return row

    def join(self, row: int, vector: np.ndarray, published: float, active: float) -> None:
        """Fold one article into a row: its vector into the sum, its date into the span."""
        self._sums[row] += vector
        self._norms[row] = float(np.linalg.norm(self._sums[row]))
        if not np.isnan(published):
            # fmin/fmax ignore NaN, so an undated story takes the first date it is given.
            self._first[row] = np.fmin(self._first[row], published)
            self._last[row] = np.fmax(self._last[row], published)
        if not np.isnan(active):
            self._active[row] = np.fmax(self._active[row], active)

    def reset(self, row: int, vector_sum: np.ndarray, first: float, last: float) -> None:
        """Give a row a new sum and date span (a story that lost members to a split)."""
        self._sums[row] = vector_sum
        self._norms[row] = float(np.linalg.norm(vector_sum))
        self._first[row], self._last[row] = first, last

    def vector_sum(self, row: int) -> np.ndarray:
        return self._sums[row].copy()

    def active(self, row: int) -> float:
        return float(self._active[row])

    def row_of(self, number: int) -> int:
        """The row of an open story, found by bisection since numbers increase."""
        low, high = 0, self.count
        while low < high:
            middle = (low + high) // 2
            if self.numbers[middle] < number:
                low = middle + 1
            else:
                high = middle
        if low == self.count or self.numbers[low] != number:
            raise KeyError(number)
        return low

    # ----------------------------------------------------------------- queries

    def date_gaps(self, published: float) -> np.ndarray:
        """Days between `published` and each row's date span (0 inside it, or when either is undated).

        The distance is to the nearest end of the story's span, so a long story
        is close to every article dated inside it. A missing date is not
        evidence of distance, so it gives no gap.
        """
        count = self.count
        if np.isnan(published):
            return np.zeros(count)
        first, last = self._first[:count], self._last[:count]
        gap = np.maximum(np.maximum(first - published, published - last), 0.0)
        return np.nan_to_num(gap, nan=0.0)

    def cosines(self, vector: np.ndarray) -> np.ndarray:
        """Cosine similarity between a unit vector and every row's centroid."""
        count = self.count
        return (self._sums[:count] @ vector) / np.maximum(self._norms[:count], 1e-12)

    # ----------------------------------------------------------------- closing

    def close_before(self, cutoff: float) -> list[tuple[int, np.ndarray]]:
        """Remove rows last active before `cutoff`; return (story number, vector sum) of each."""
        count = self.count
        quiet = self._active[:count] < cutoff
        if not quiet.any():
            return []
        closed = [(self.numbers[row], self._sums[row].copy()) for row in np.flatnonzero(quiet)]
        keep = np.flatnonzero(~quiet)
        kept = len(keep)
        # Compacting with an index array keeps the remaining rows in opening order.
        for array in (self._sums, self._norms, self._first, self._last, self._active):
            array[:kept] = array[keep]
        self._first[kept:count] = self._last[kept:count] = self._active[kept:count] = np.nan
        self.numbers = [self.numbers[row] for row in keep]
        self.count = kept
        return closed

    def _grow(self) -> None:
        capacity = 2 * len(self._norms)
        sums = np.zeros((capacity, self.dim), np.float64)
        sums[: self.count] = self._sums[: self.count]
        self._sums = sums
        self._norms = np.concatenate([self._norms, np.zeros(capacity - len(self._norms))])
        for name in ("_first", "_last", "_active"):
            old = getattr(self, name)
            setattr(self, name, np.concatenate([old, np.full(capacity - len(old), np.nan)]))
