"""Copy folding for the batch job: MinHash LSH banding as a join, then ingest's check on each candidate pair.

Every article becomes one row per LSH band, (band, key, position, seen_until);
the rows are joined with themselves on (band, key), which gives every pair of
articles the copy index would offer as candidates, and the pairs are checked
with the index's rule on the two shingle sketches. A later article's original
is the best earlier match by ingest's order of preference: highest Jaccard,
then highest containment, then the earliest.

"Earlier" means what the copy index held when ingest reached the later article:
ingest forgets articles more than COPY_WINDOW_DAYS older than the newest date
it has seen, and all but the last COPY_WINDOW_UNDATED undated ones.
`copy_window_ends` replays that forgetting on the driver from the articles'
dates alone (a few numbers an article), and the join keeps a pair only when the
earlier article was still held.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsweave import dedupe
from newsweave.config import Settings
from newsweave.pipeline.ingest import COPY_WINDOW_DAYS, COPY_WINDOW_UNDATED

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

NEVER_FORGOTTEN = 2**62  # `seen_until` of an article the copy index holds to the end


@dataclass(frozen=True, eq=False)
class CopyCandidate:
    """What copy finding needs of one article: its place in ingest order, its band keys and its sketch."""

    position: int
    bands: tuple[int, ...]
    sketch: dedupe.ShingleSketch


@dataclass(frozen=True)
class CopyFound:
    """A later article that copies an earlier one, with the evidence the copy index would give."""

    later: int  # positions in ingest order
    earlier: int
    jaccard: float
    containment: float

    def preference(self) -> tuple[float, float, int]:
        """Smaller is better: the order in which ingest ranks an article's matches."""
        return (-self.jaccard, -self.containment, self.earlier)


def copy_window_ends(dates: Iterable[tuple[int, dt.date | None]]) -> dict[int, int]:
    """For each article the copy index forgets, the last position whose look-up still finds it.

    `dates` are (position, publication date) of the stored articles in ingest order. Mirrors
    `Ingestor._index_for_copies`: an article is looked up first, then added, then the oldest
    articles leave; so one that leaves while article k is added is still seen by k.
    """
    ends: dict[int, int] = {}
    window: deque[tuple[int, int]] = deque()  # (day, position), in arrival order
    undated: deque[int] = deque()
    newest = 0
    for position, published in dates:
        if published is None:
            undated.append(position)
            if len(undated) > COPY_WINDOW_UNDATED:
                ends[undated.popleft()] = position
            continue
        day = published.toordinal()
        newest = max(newest, day)
        window.append((day, position))
        while window and window[0][0] < newest - COPY_WINDOW_DAYS:
            ends[window.popleft()[1]] = position
    return ends


def find_copies(
    spark: SparkSession,
    candidates: RDD[CopyCandidate],
    window_ends: dict[int, int],
    settings: Settings,
    partitions: int,
) -> dict[int, CopyFound]:
    """Each copying article's best earlier match, by the later article's position."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import LongType, StructField, StructType

    ends = spark.sparkContext.broadcast(window_ends)
    schema = StructType([StructField(name, LongType(), False) for name in ("band", "key", "position", "seen_until")])
    rows = spark.createDataFrame(candidates.flatMap(lambda candidate: band_rows(candidate, ends.value)), schema)
    earlier, later = rows.alias("earlier"), rows.alias("later")
    pairs = (
        earlier.join(
            later,
            (F.col("earlier.band") == F.col("later.band"))
            & (F.col("earlier.key") == F.col("later.key"))
            & (F.col("earlier.position") < F.col("later.position"))
            & (F.col("earlier.seen_until") >= F.col("later.position")),
        )
        .select(F.col("earlier.position").alias("earlier"), F.col("later.position").alias("later"))
        .distinct()
    )
    sketches = candidates.map(lambda candidate: (candidate.position, candidate.sketch))
    by_earlier = pairs.rdd.map(lambda row: (int(row["earlier"]), int(row["later"]))).join(sketches, partitions)
    by_later = by_earlier.map(lambda item: (item[1][0], (item[0], item[1][1]))).join(sketches, partitions)
    found = by_later.flatMap(lambda item: checked_pair(item[0], item[1][0][0], item[1][1], item[1][0][1], settings))
    best = found.keyBy(lambda copy: copy.later).reduceByKey(better_copy).values()
    result = {copy.later: copy for copy in best.collect()}
    ends.unpersist()
    return result


def band_rows(candidate: CopyCandidate, window_ends: dict[int, int]) -> Iterator[tuple[int, int, int, int]]:
    """The article's (band, key, position, seen_until) rows: one per LSH band."""
    seen_until = window_ends.get(candidate.position, NEVER_FORGOTTEN)
    for band, key in enumerate(candidate.bands):
        yield band, key, candidate.position, seen_until


def checked_pair(
    later: int, earlier: int, later_sketch: dedupe.ShingleSketch, earlier_sketch: dedupe.ShingleSketch, settings: Settings
) -> Sequence[CopyFound]:
    """The pair as a copy when it passes the copy index's rule; nothing otherwise."""
    overlap = dedupe.copy_overlap(later_sketch, earlier_sketch, settings)
    return [] if overlap is None else [CopyFound(later, earlier, overlap.jaccard, overlap.containment)]


def better_copy(first: CopyFound, second: CopyFound) -> CopyFound:
    return first if first.preference() <= second.preference() else second
