"""What the batch job runs on Spark's Python workers: reading rows, cleaning, identities, signing.

Plain functions over plain records, with no Spark in them: the job (`batch.py`)
hands them to `map`, `mapPartitions` and `groupByKey`, and tests call them
directly. The language models load once per worker process (`_MODELS`), on the
first partition that worker signs: Spark reuses its Python workers from task to
task, so a worker pays for them once per job, not once per row or partition.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsweave import dedupe, nlp, sources
from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.model import ArticleSignature, InputProblem, RawDocument, StoredArticle
from newsweave.pipeline.ingest import BATCH_SIZE, arrival_key
from newsweave.pipeline.prepare import clean_document, own_identity

# (undated, ISO date) as ingest sorts by, then (input file, row): the input order that breaks ties.
OrderKey = tuple[tuple[bool, str], tuple[int, int]]


@dataclass(frozen=True)
class ReadRow:
    """One row of an input as read: the document it holds, or why it holds none."""

    file_number: int  # the input's place among the inputs, as `newsweave ingest` would read them
    row_number: int  # the row's place in its file, from 0
    outcome: RawDocument | InputProblem


@dataclass(frozen=True)
class CleanedRow:
    """A document at its place in ingest order, cleaned into the article the store would keep, or its problem."""

    position: int
    outcome: StoredArticle | InputProblem


@dataclass(frozen=True, eq=False)
class SignedRow:
    """An article kept for the corpus, with what story grouping and copy finding need of it."""

    position: int  # place of its document in ingest order: what "earlier" means for copies and stories
    article: StoredArticle
    signature: ArticleSignature
    sketch: dedupe.ShingleSketch  # the shingle sketch copies are checked on
    bands: tuple[int, ...]  # one key per LSH band: texts sharing a key are copy candidates


@dataclass(frozen=True)
class PositionRanges:
    """Spark partitioner: contiguous runs of ingest positions, cut only between ingest's batches.

    Signing a partition batch by batch then embeds exactly the texts `newsweave ingest` embeds
    together (the embedder pads a batch to its longest text, which can move the last digits of
    a vector), so both commands give the same signatures.
    """

    partitions: int
    documents: int

    def __call__(self, position: int) -> int:
        start = (position // BATCH_SIZE) * BATCH_SIZE
        return min(self.partitions - 1, start * self.partitions // max(1, self.documents))


# ----------------------------------------------------------------- reading


def jsonl_rows(file_number: int, path: str, row_number: int, line: bytes, settings: Settings) -> list[ReadRow]:
    """The document (or problem) of one JSONL line, read as `newsweave ingest` reads it and named "path:LINE";
    none for a blank line."""
    outcome = sources.document_from_line(f"{path}:{row_number + 1}", line, settings.max_input_bytes)
    return [] if outcome is None else [ReadRow(file_number, row_number, outcome)]


def parquet_row(file_number: int, path: str, row_number: int, fields: dict[str, Any]) -> ReadRow:
    """One Parquet row, whose columns carry the article fields of a JSONL line (named "path:ROW", from 1)."""
    name = f"{path}:{row_number + 1}"
    # A date or timestamp column is as good as the ISO text a JSONL line would carry.
    value = {key: item.isoformat() if isinstance(item, dt.date) else item for key, item in fields.items()}
    try:
        return ReadRow(file_number, row_number, sources.article_from_object(name, value, "jsonl"))
    except InputError as error:
        return ReadRow(file_number, row_number, InputProblem(error.input_name, error.problem))


def order_key(row: ReadRow) -> OrderKey:
    """Where a document goes in ingest order: by publication date, undated last, then as read."""
    assert isinstance(row.outcome, RawDocument)
    return arrival_key(row.outcome), (row.file_number, row.row_number)


# ----------------------------------------------------------------- cleaning and identities


def clean_rows(rows: Iterable[tuple[tuple[OrderKey, ReadRow], int]], settings: Settings) -> Iterator[CleanedRow]:
    """Clean each (sorted, numbered) document; a document that breaks the cleaner is a problem, not a failed job."""
    for (_, row), position in rows:
        document = row.outcome
        assert isinstance(document, RawDocument)
        try:
            outcome = clean_document(document, settings)
        except Exception as error:  # noqa: BLE001 - one odd row must not fail hours of work on the others
            outcome = InputProblem(document.path, f"cannot be cleaned ({type(error).__name__}: {error})")
        yield CleanedRow(position, outcome)


def keep_first_identities(rows: Iterable[CleanedRow]) -> Iterator[CleanedRow]:
    """The articles of one identity (its rows in any order) that ingest would store, in ingest order.

    The first keeps the identity; a later one is a repeat, or, for a text identity given under
    another id or outlet, kept under its own identity (`own_identity`, as ingest decides it).
    """
    ordered = sorted(rows, key=lambda row: row.position)
    holder: tuple[str, str | None] | None = None
    held: set[str] = set()
    for row in ordered:
        article = row.outcome
        assert isinstance(article, StoredArticle)
        kept = own_identity(article, holder, held.__contains__)
        if kept is None:
            continue
        if holder is None:
            holder = (article.id, article.outlet)
        held.add(kept.identity)
        yield CleanedRow(row.position, kept)


# ----------------------------------------------------------------- signing

# Per worker process: loaded once, kept for every task. Keyed by settings and threads.
_MODELS: dict[tuple[Settings, int], tuple[Any, nlp.SentenceEmbedder]] = {}


def _models(settings: Settings, threads: int) -> tuple[Any, nlp.SentenceEmbedder]:
    models = _MODELS.get((settings, threads))
    if models is None:
        models = (nlp.load_language_model(settings), nlp.get_embedder(settings, threads))
        _MODELS[(settings, threads)] = models
    return models


def sign_rows(rows: Iterable[tuple[int, CleanedRow]], settings: Settings, threads: int) -> Iterator[SignedRow]:
    """Sign one partition's articles (sorted by position) batch by batch, as ingest batches them.

    The embedder runs on `threads` threads, the cores Spark gives a task: a worker that took every
    core would compete with the other tasks running beside it.
    """
    language_model, embedder = _models(settings, threads)
    for _, batch in itertools.groupby(rows, key=lambda item: item[0] // BATCH_SIZE):
        cleaned = [row for _, row in batch]
        articles = [row.outcome for row in cleaned if isinstance(row.outcome, StoredArticle)]
        signatures = nlp.article_signatures(articles, settings, language_model=language_model, embedder=embedder)
        for row, article, signature in zip(cleaned, articles, signatures):
            hashes = dedupe.shingle_hashes(article.text)
            yield SignedRow(row.position, article, signature, dedupe.make_sketch(hashes), dedupe.band_keys(hashes, settings))
