"""`newsweave batch`: corpus mode for corpora that outgrow one machine, as one Spark job.

The result is the corpus `newsweave ingest` would build from the same inputs;
what differs is where the work runs.

In parallel, on Spark's workers:
- reading: each JSONL line or Parquet row becomes a document or a problem
  (`batch_read`, `batch_worker`);
- preparation: documents are sorted into ingest order (publication date,
  undated last, then input order) and cleaned; repeats of an identity are
  dropped by grouping on it (the first in ingest order stays); each kept
  article is signed (lead embedding, names, body words) in the same batches of
  64 ingest signs, with the language models loaded once per Python worker;
  its shingle sketch and MinHash band keys are made alongside;
- copies: the band keys are joined with themselves on (band, key), and each
  candidate pair is checked with the copy index's rule (`batch_copies`). Which
  articles the copy index would still hold (ingest forgets those more than two
  weeks older than the newest) is replayed on the driver from the dates alone.

On the driver, in ingest order:
- story grouping and writing: the articles stream to the driver partition by
  partition and go through ingest's own writer (`Ingestor.write`, a few hundred
  per transaction) with the copy decisions handed in. Story grouping is
  sequential by nature: each article is compared with the stories the
  articles before it formed, and a story's centroid, its word weights and its
  splits depend on that order. Feeding the same StoryClusterer the same
  signatures in the same order gives the same stories as ingest; its cost per
  article is bounded (stories idle for `story_idle_articles` articles close),
  so the driver does a small, steady share of the work: the embedding, the
  expensive part, was done in parallel. (Measured: 1,000 synthetic articles
  grouped and written into SQLite in about a second on one core; that pace,
  not the workers', bounds a job on a large cluster.)

The output is a store (`open_store`: an SQLite file or a PostgreSQL URL) that
must be empty, or Parquet files (`batch_write`), which `load_parquet` writes
into a store later.
"""

from __future__ import annotations

import functools
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.errors import NewsweaveError, UsageError
from newsweave.model import InputProblem, RawDocument, StoredArticle
from newsweave.pipeline.batch_copies import CopyCandidate, CopyFound, copy_window_ends, find_copies
from newsweave.pipeline.batch_read import InputFile, list_inputs, read_inputs
from newsweave.pipeline.batch_spark import check_master, require_spark, spark_failure, spark_session
from newsweave.pipeline.batch_worker import (
    CleanedRow,
    PositionRanges,
    ReadRow,
    SignedRow,
    clean_rows,
    keep_first_identities,
    order_key,
    sign_rows,
)
from newsweave.pipeline.batch_write import (
    LoadOutcome,
    WriteOutcome,
    export_parquet,
    import_parquet,
    refuse_existing_output,
    require_parquet_output,
    require_empty,
    write_articles,
)
from newsweave.store import ArticleStore, display_name, open_store

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"
# At most this many documents in one partition by default. A partition is the unit Spark holds in
# memory at once (sorting, grouping, and the driver's pull of the signed articles, one partition at a
# time), so partitions cut by cores alone grow with the input: 25,000 articles each at 50,000 on one
# core, where such a run failed (docs/benchmarks.md, "Batch (Spark) at scale"). Smaller runs more tasks;
# each costs little, since a worker keeps its models from task to task.
MAX_DOCUMENTS_PER_PARTITION = 5_000
T = TypeVar("T")


@dataclass(frozen=True)
class BatchOptions:
    """One batch job: its inputs, its output (a store or a Parquet folder) and where Spark runs."""

    sources: tuple[str, ...]
    db: str | None = None
    parquet: str | None = None
    master: str = DEFAULT_MASTER
    partitions: int | None = None  # None: twice the cores Spark has, more for a large input (`partition_count`)
    settings: Settings = DEFAULT_SETTINGS


@dataclass(frozen=True)
class BatchReport:
    """What one batch job did, for the summary line and the exit status."""

    documents: int  # articles read from the inputs
    stored: int
    duplicates: int  # documents repeating an identity read before them
    copies: int
    stories: int
    failed: tuple[InputProblem, ...]
    seconds: float

    def summary(self) -> str:
        """One line a user reads at the end of a batch."""
        rate = self.documents / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.stored} added, {self.duplicates} duplicates, {self.copies} copies folded, "
            f"{len(self.failed)} failed; {self.stories} stories; "
            f"{self.documents} articles in {self.seconds:.1f} s ({rate:.1f}/s)"
        )


@dataclass(frozen=True)
class _Prepared:
    documents: int
    duplicates: int
    problems: tuple[InputProblem, ...]
    signed: RDD[SignedRow] | None  # None when no input held a document
    partitions: int  # how many the job cut the documents into


def run_batch(options: BatchOptions) -> BatchReport:
    """Run the job; input problems are reported, never raised."""
    if (options.db is None) == (options.parquet is None):
        raise UsageError("give the output: --db TARGET or --parquet DIR (one of the two)")
    check_master(options.master)  # before anything is opened or created
    require_spark()
    started = time.perf_counter()
    listing = list_inputs(options.sources)
    if options.parquet is not None:
        directory = Path(options.parquet)
        refuse_existing_output(directory)
        with tempfile.TemporaryDirectory(prefix="newsweave-batch-") as scratch:
            # Story grouping writes through a store; a scratch SQLite file beside the driver holds it.
            with open_store(Path(scratch) / "batch.db") as store, spark_session(options.master) as spark:
                prepared, written = _run(spark, listing.files, store, options)
                _spark_step(lambda: export_parquet(spark, store, directory))
    else:
        assert options.db is not None
        with open_store(options.db) as store:
            require_empty(store, display_name(options.db))
            with spark_session(options.master) as spark:
                prepared, written = _run(spark, listing.files, store, options)
    return BatchReport(
        documents=prepared.documents,
        stored=written.stored,
        duplicates=prepared.duplicates,
        copies=written.copies,
        stories=written.stories,
        failed=listing.problems + prepared.problems,
        seconds=time.perf_counter() - started,
    )


def load_parquet(directory: str, target: str, master: str = DEFAULT_MASTER) -> LoadOutcome:
    """Write the Parquet output of `newsweave batch --parquet DIR` into an empty store."""
    check_master(master)
    require_spark()
    require_parquet_output(Path(directory))  # before the database is opened, which would create it
    with open_store(target) as store:
        require_empty(store, display_name(target))
        with spark_session(master) as spark:
            return _spark_step(lambda: import_parquet(spark, Path(directory), store))


def _run(
    spark: SparkSession, files: Sequence[InputFile], store: ArticleStore, options: BatchOptions
) -> tuple[_Prepared, WriteOutcome]:
    cores = spark.sparkContext.defaultParallelism
    prepared = _spark_step(lambda: _prepare(spark, files, options.settings, options.partitions, cores))
    signed = prepared.signed
    if signed is None:
        return prepared, WriteOutcome(stored=0, copies=0, stories=0)
    partitions = prepared.partitions
    spark.conf.set("spark.sql.shuffle.partitions", str(partitions))  # the copy join's; Spark's default is 200
    dates = signed.map(lambda row: (row.position, row.article.published))
    ends = copy_window_ends(_spark_step(dates.collect))
    candidates = signed.map(lambda row: CopyCandidate(row.position, row.bands, row.sketch))
    copies: dict[int, CopyFound] = _spark_step(lambda: find_copies(spark, candidates, ends, options.settings, partitions))
    written = _spark_step(lambda: write_articles(store, signed.toLocalIterator(), copies, options.settings))
    return prepared, written


def partition_count(requested: int | None, cores: int, documents: int) -> int:
    """The partitions given, or twice the cores, and enough that none holds too many documents."""
    if requested:
        return requested
    return max(2, 2 * cores, -(-documents // MAX_DOCUMENTS_PER_PARTITION))


def _prepare(
    spark: SparkSession, files: Sequence[InputFile], settings: Settings, requested: int | None, cores: int
) -> _Prepared:
    """Read, order, clean, drop repeated identities and sign: everything before copies and stories."""
    from pyspark import StorageLevel

    rows = read_inputs(spark, files, settings).persist(StorageLevel.MEMORY_AND_DISK)
    read_problems = sorted(rows.flatMap(_read_problem).collect())
    documents = rows.filter(_holds_document).keyBy(order_key)
    count = documents.count()
    if not count:
        return _Prepared(0, 0, tuple(problem for _, problem in read_problems), None, 0)
    partitions = partition_count(requested, cores, count)
    # Keys are tuples and ints, which pyspark's type stubs do not count as orderable (hence the casts).
    ordered: RDD[tuple[tuple[Any, ReadRow], int]]
    ordered = cast("RDD[tuple[Any, ReadRow]]", documents).sortByKey(numPartitions=partitions).zipWithIndex()
    cleaned = ordered.mapPartitions(functools.partial(clean_rows, settings=settings)).persist(StorageLevel.MEMORY_AND_DISK)
    clean_problems = sorted(cleaned.flatMap(_clean_problem).collect())
    kept = (
        cleaned.filter(_holds_article)
        .keyBy(_identity)
        .groupByKey(partitions)
        .flatMap(lambda group: keep_first_identities(group[1]))
        .keyBy(lambda row: row.position)
    )
    by_position = cast("RDD[tuple[Any, CleanedRow]]", kept)
    threads = int(spark.conf.get("spark.task.cpus", "1") or 1)
    signed = by_position.repartitionAndSortWithinPartitions(partitions, PositionRanges(partitions, count)).mapPartitions(
        functools.partial(sign_rows, settings=settings, threads=threads)
    )
    signed.persist(StorageLevel.MEMORY_AND_DISK)
    stored = signed.count()
    rows.unpersist()
    cleaned.unpersist()
    problems = tuple(problem for _, problem in read_problems) + tuple(problem for _, problem in clean_problems)
    return _Prepared(count, count - len(clean_problems) - stored, problems, signed, partitions)


def _read_problem(row: ReadRow) -> Iterable[tuple[tuple[int, int], InputProblem]]:
    return [((row.file_number, row.row_number), row.outcome)] if isinstance(row.outcome, InputProblem) else []


def _holds_document(row: ReadRow) -> bool:
    return isinstance(row.outcome, RawDocument)


def _clean_problem(row: CleanedRow) -> Iterable[tuple[int, InputProblem]]:
    return [(row.position, row.outcome)] if isinstance(row.outcome, InputProblem) else []


def _holds_article(row: CleanedRow) -> bool:
    return isinstance(row.outcome, StoredArticle)


def _identity(row: CleanedRow) -> str:
    assert isinstance(row.outcome, StoredArticle)
    return row.outcome.identity


def _spark_step(step: Callable[[], T]) -> T:
    """Run a step of the job; a failure inside Spark (on a worker or in the JVM) becomes one line."""
    try:
        return step()
    except NewsweaveError:
        raise
    except Exception as error:
        if type(error).__module__.split(".")[0] not in ("py4j", "pyspark"):
            raise
        raise NewsweaveError(f"the Spark job failed: {spark_failure(error)}") from None
