"""The batch job's driver side: articles into a store through ingest's own writer; Parquet out and back in.

The articles reach the driver in ingest order and go to `Ingestor.write`, a
few hundred per transaction, with one difference from ingest: which earlier
article each one copies was decided by the job's join (`PrecomputedCopies`).
Ids, story grouping (the same StoryClusterer, fed the same signatures in the
same order), splits, headlines, closing and the clusterer's checkpoint are
ingest's own code, so a store written by a batch is what `newsweave ingest`
would have written, and `newsweave ingest` can carry on from it.

A Parquet output is that store written out: articles.parquet (every stored
field, the story, the copy's original, the clustering signature of an
original, and `position`, the ingest order), stories.parquet and
checkpoint.parquet (the clusterer's saved state). `load-parquet` writes them
into a store in that order, so that the store is the one the batch made.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from newsweave import dedupe
from newsweave.config import Settings
from newsweave.errors import UsageError
from newsweave.model import ArticleSignature, RemovedLine, StoredArticle
from newsweave.pipeline.batch_copies import CopyFound
from newsweave.pipeline.batch_worker import SignedRow
from newsweave.pipeline.ingest import STORY_CHECKPOINT, Ingestor, IngestTally
from newsweave.pipeline.prepare import PreparedArticle, PreparedBatch
from newsweave.store import ArticleStore, StoredCheckpoint

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

WRITE_CHUNK = 500  # articles per transaction: a crash loses little, and the store's per-commit cost is spread
EXPORT_CHUNK = 5000  # articles per Parquet file written from the driver: bounds the driver's memory
ARTICLES_FILE = "articles.parquet"
STORIES_FILE = "stories.parquet"
CHECKPOINT_FILE = "checkpoint.parquet"
T = TypeVar("T")


@dataclass(frozen=True)
class WriteOutcome:
    """What writing the articles did, for the job's summary line."""

    stored: int
    copies: int
    stories: int


@dataclass(frozen=True)
class LoadOutcome:
    """What `load-parquet` wrote into the store."""

    articles: int
    copies: int
    stories: int


class PrecomputedCopies(Ingestor):
    """Ingest's writer, with each article's original (if it copies one) decided beforehand.

    `expect` announces each article, with its position, before the batch holding it is written;
    the copy decision is then looked up instead of asked of a copy index.
    """

    def __init__(self, store: ArticleStore, settings: Settings, copies: dict[int, CopyFound]) -> None:
        self._found = copies
        self._originals = {copy.earlier for copy in copies.values()}
        self._position_of: dict[str, int] = {}  # identity -> position, for articles announced and not yet written
        self._id_at: dict[int, str] = {}  # position -> stored id, for the articles some later one copies
        super().__init__(store, settings)

    def expect(self, row: SignedRow) -> None:
        self._position_of[row.article.identity] = row.position

    def _index_for_copies(self, article: StoredArticle) -> dedupe.CopyMatch | None:
        position = self._position_of.pop(article.identity, None)
        if position is None:  # an article read back from the store on a rebuild: decided already
            return None
        if position in self._originals:
            self._id_at[position] = article.id
        found = self._found.get(position)
        original = None if found is None else self._id_at.get(found.earlier)
        if found is None or original is None:  # (an original the store turned away stands for none)
            return None
        return dedupe.CopyMatch(original, found.jaccard, found.containment)


def require_empty(store: ArticleStore, shown: str) -> None:
    """Refuse a store that holds articles: a batch builds a corpus, ingest adds to one."""
    count = store.count()
    if count:
        raise UsageError(
            f"{shown} already holds {count} articles; newsweave batch builds a new corpus: give an empty "
            f"database, or add to this one with  newsweave ingest"
        )


def write_articles(
    store: ArticleStore, rows: Iterable[SignedRow], copies: dict[int, CopyFound], settings: Settings
) -> WriteOutcome:
    """Write the articles (in ingest order) with ingest's writer, WRITE_CHUNK per transaction."""
    writer = PrecomputedCopies(store, settings, copies)
    tally = IngestTally()
    for chunk in _chunks(rows, WRITE_CHUNK):
        for row in chunk:
            writer.expect(row)
        articles = tuple(PreparedArticle(row.article, row.signature) for row in chunk)
        writer.write(PreparedBatch(seen=len(chunk), articles=articles, failed=(), duplicates=0), tally)
    writer.save_checkpoint()  # as `newsweave ingest` does when it ends: a later ingest resumes from here
    return WriteOutcome(stored=tally.added, copies=tally.copies, stories=store.counts().stories)


def _chunks(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# ----------------------------------------------------------------- Parquet

_ARTICLE_SCHEMA = """
    position LONG, id STRING, identity STRING, path STRING, url STRING, outlet STRING, title STRING,
    published DATE, text STRING, raw_text STRING, removed ARRAY<STRUCT<text: STRING, reason: STRING>>,
    copy_of STRING, story_id STRING, ingested_at STRING, vector ARRAY<FLOAT>, entities ARRAY<STRING>,
    terms ARRAY<STRUCT<word: STRING, count: INT>>
"""
_STORY_SCHEMA = "id STRING, headline STRING, first_published DATE, last_published DATE, status STRING"
_CHECKPOINT_SCHEMA = "name STRING, fingerprint STRING, through_article STRING, data BINARY"


def refuse_existing_output(directory: Path) -> None:
    """Refuse to write over an earlier output."""
    taken = [name for name in (ARTICLES_FILE, STORIES_FILE, CHECKPOINT_FILE) if (directory / name).exists()]
    if taken:
        raise UsageError(f"{directory} holds {', '.join(taken)} already; remove it or give another folder")


def export_parquet(spark: SparkSession, store: ArticleStore, directory: Path) -> None:
    """Write the store's articles, stories and checkpoint as Parquet files in `directory`."""
    signatures = iter(store.load_signatures())
    pending = next(signatures, None)
    rows: list[tuple[Any, ...]] = []
    for position, article in enumerate(store.iter_articles()):
        signature = None
        if pending is not None and pending.article_id == article.id:  # both come in ingest order
            signature, pending = pending, next(signatures, None)
        rows.append(_article_row(position, article, signature))
        if len(rows) >= EXPORT_CHUNK:
            _append(spark, rows, _ARTICLE_SCHEMA, directory / ARTICLES_FILE)
            rows = []
    if rows or not (directory / ARTICLES_FILE).exists():
        _append(spark, rows, _ARTICLE_SCHEMA, directory / ARTICLES_FILE)
    stories = [
        (story.id, story.headline, story.first_published, story.last_published, story.status)
        for story in store.list_stories()
    ]
    _append(spark, stories, _STORY_SCHEMA, directory / STORIES_FILE)
    checkpoint = store.get_checkpoint(STORY_CHECKPOINT)
    saved = [] if checkpoint is None else [
        (checkpoint.name, checkpoint.fingerprint, checkpoint.through_article, checkpoint.data)
    ]
    _append(spark, saved, _CHECKPOINT_SCHEMA, directory / CHECKPOINT_FILE)


def _append(spark: SparkSession, rows: Sequence[tuple[Any, ...]], schema: str, path: Path) -> None:
    spark.createDataFrame(list(rows), schema).coalesce(1).write.mode("append").parquet(path.resolve().as_uri())


def _article_row(position: int, article: StoredArticle, signature: ArticleSignature | None) -> tuple[Any, ...]:
    return (
        position, article.id, article.identity, article.path, article.url, article.outlet, article.title,
        article.published, article.text, article.raw_text, [(line.text, line.reason) for line in article.removed],
        article.copy_of, article.story_id, article.ingested_at,
        None if signature is None else [float(value) for value in signature.vector],
        None if signature is None else sorted(signature.entities),
        None if signature is None else [(word, count) for word, count in signature.terms],
    )  # fmt: skip


def require_parquet_output(directory: Path) -> None:
    """Refuse a folder that holds no batch output."""
    missing = [name for name in (ARTICLES_FILE, STORIES_FILE) if not (directory / name).exists()]
    if missing:
        raise UsageError(f"{directory} holds no {' or '.join(missing)}; give the folder `newsweave batch --parquet` wrote")


def import_parquet(spark: SparkSession, directory: Path, store: ArticleStore) -> LoadOutcome:
    """Write a batch's Parquet output into `store`: stories first, then the articles in ingest order."""
    require_parquet_output(directory)
    # Created in the order they were opened (their numbered ids keep it), as copy_corpus does, so that
    # ties in story lists come out as in the store the batch wrote.
    stories = sorted(spark.read.parquet((directory / STORIES_FILE).resolve().as_uri()).collect(),
                     key=lambda story: (len(story["id"]), story["id"]))  # fmt: skip
    with store.transaction():
        for story in stories:
            store.create_story(story["id"], story["headline"], story["first_published"], story["last_published"])
            if story["status"] == "closed":
                store.update_story(story["id"], status="closed")
    articles = spark.read.parquet((directory / ARTICLES_FILE).resolve().as_uri()).orderBy("position")
    count = copies = 0
    for chunk in _chunks(articles.toLocalIterator(), WRITE_CHUNK):
        with store.transaction():
            for row in chunk:
                article, signature = _article_from_row(row)
                outcome = store.add_article(article, signature)
                if not outcome.added or outcome.article_id != article.id:
                    raise UsageError(f"{directory}: article {article.id} is in {ARTICLES_FILE} twice")
                if row["story_id"]:
                    store.assign(article.id, row["story_id"])
                count += 1
                copies += article.copy_of is not None
    if (directory / CHECKPOINT_FILE).exists():
        for saved in spark.read.parquet((directory / CHECKPOINT_FILE).resolve().as_uri()).collect():
            checkpoint = StoredCheckpoint(saved["name"], saved["fingerprint"], saved["through_article"], bytes(saved["data"]))
            store.save_checkpoint(checkpoint)
    return LoadOutcome(articles=count, copies=copies, stories=len(stories))


def _article_from_row(row: Any) -> tuple[StoredArticle, ArticleSignature | None]:
    published: dt.date | None = row["published"]
    article = StoredArticle(
        id=row["id"], identity=row["identity"], path=row["path"], url=row["url"], outlet=row["outlet"],
        title=row["title"], published=published, text=row["text"], raw_text=row["raw_text"],
        removed=tuple(RemovedLine(line["text"], line["reason"]) for line in row["removed"] or ()),
        copy_of=row["copy_of"], ingested_at=row["ingested_at"] or "",
    )  # fmt: skip
    if row["vector"] is None:
        return article, None
    signature = ArticleSignature(
        article_id=article.id,
        vector=np.asarray(row["vector"], dtype=np.float32),
        entities=frozenset(row["entities"] or ()),
        published=published,
        terms=tuple((term["word"], int(term["count"])) for term in row["terms"] or ()),
    )
    return article, signature
