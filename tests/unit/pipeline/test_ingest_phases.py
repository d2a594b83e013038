"""Ingest in two phases: preparation reads only; the write phase checks again what others stored meanwhile."""

from __future__ import annotations

import sqlite3

from newsweave.config import DEFAULT_SETTINGS
from newsweave.pipeline import IngestTally, Ingestor, prepare_batch
from newsweave.store import open_store

from .synthetic import corpus_documents, generate


def test_preparing_a_batch_writes_nothing_and_holds_no_transaction(tmp_path):
    db = tmp_path / "corpus.db"
    documents = corpus_documents(generate(40, seed=3))
    with open_store(db) as store:
        prepared = prepare_batch(documents, store, DEFAULT_SETTINGS)
        assert prepared.seen == 40 and len(prepared.articles) + prepared.duplicates + len(prepared.failed) == 40
        assert all(item.signature.article_id == item.article.id for item in prepared.articles)
        assert store.count() == 0
        # Another connection can take the write lock at once: preparation left none behind.
        with sqlite3.connect(db, timeout=0) as other:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")


def test_an_article_stored_by_another_writer_after_preparation_counts_as_already_stored(tmp_path):
    db = tmp_path / "corpus.db"
    documents = corpus_documents(generate(30, seed=4))
    with open_store(db) as store, open_store(db) as other_store:
        ingestor = Ingestor(store)
        prepared = prepare_batch(documents, store, DEFAULT_SETTINGS)
        Ingestor(other_store).ingest(documents[:10])  # another writer, between the two phases
        tally = IngestTally()
        ingestor.write(prepared, tally)
        stored = {article.id for article in store.iter_articles()}
        assert tally.duplicates == prepared.duplicates + 10
        assert tally.added == len(prepared.articles) - 10 and store.count() == len(prepared.articles)
        assert stored == {item.article.id for item in prepared.articles}  # no "-<hash>" second copy of any id
        assert all(article.story_id for article in store.iter_articles())


def _stored(db) -> list[tuple[str, str | None, str | None]]:
    with open_store(db) as store:
        return sorted((a.id, a.story_id, a.copy_of) for a in store.iter_articles())


def test_two_writers_taking_turns_store_what_one_writer_would(tmp_path):
    documents = corpus_documents(generate(320, seed=6))
    batches = [documents[start : start + 64] for start in range(0, len(documents), 64)]
    alone = tmp_path / "alone.db"
    with open_store(alone) as store:
        Ingestor(store).ingest(documents)
    shared = tmp_path / "shared.db"
    with open_store(shared) as first_store, open_store(shared) as second_store:
        writers = [Ingestor(first_store), Ingestor(second_store)]  # both made before either wrote
        for number, batch in enumerate(batches):
            writer = writers[number % 2]
            writer.write(prepare_batch(batch, writer.store, DEFAULT_SETTINGS), IngestTally())
    # Without catching up, the second writer opened story ids the first had used, and failed.
    assert _stored(shared) == _stored(alone)
