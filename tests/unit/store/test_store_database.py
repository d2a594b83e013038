"""The database: transactions, schema versions, refusing wrong databases, readers beside a writer, export."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path

import pytest

from newsweave.errors import UsageError
from newsweave.model import RemovedLine, StoredArticle
from newsweave.store import SQLiteStore, StoreError, display_name, open_store
from newsweave.store.sqlite_schema import MIGRATIONS, migrate

from .conftest import FULL_ARTICLE, make_article, make_signature


class Abort(Exception):
    """Raised inside a transaction to make it fail."""


# ----------------------------------------------------------------------------- transactions


def test_a_failed_transaction_leaves_nothing_behind(store):
    store.add_article(make_article("kept"))
    with pytest.raises(Abort):
        with store.transaction():
            store.create_story("S1", "h", None, None)
            store.add_article(make_article("a", text="avalanche warning"), make_signature("a"), b"minhash")
            store.assign("a", "S1")
            store.assign("kept", "S1")
            raise Abort
    assert store.count() == 1
    assert store.get_story("S1") is None
    assert store.get_article("kept").story_id is None
    assert list(store.load_signatures()) == [] and list(store.load_minhashes()) == []
    assert store.search("avalanche") == []


def test_a_transaction_commits_all_at_once(database):
    with database.open() as writer, database.open() as reader:
        with writer.transaction():
            writer.add_article(make_article("a"))
            writer.add_article(make_article("b"))
            assert reader.count() == 0
        assert reader.count() == 2


def test_a_failed_inner_transaction_undoes_only_its_own_writes(store):
    with store.transaction():
        store.add_article(make_article("outer"))
        with pytest.raises(Abort):
            with store.transaction():
                store.add_article(make_article("inner"))
                raise Abort
        store.add_article(make_article("after"))
    assert [article.id for article in store.iter_articles()] == ["outer", "after"]


def test_the_store_can_be_shared_by_threads(store):
    def add_many(prefix: str) -> None:
        for number in range(40):
            store.add_article(make_article(f"{prefix}{number}"))

    threads = [threading.Thread(target=add_many, args=(prefix,)) for prefix in "abcd"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.count() == 160


# ----------------------------------------------------------------------------- readers beside a writer


def test_a_second_store_reads_committed_data_while_the_first_is_writing(database):
    with database.open() as writer:
        writer.add_article(make_article("committed", text="harbour reopened"))
        writer.create_story("S1", "Harbour", None, None)
        with writer.transaction():
            writer.add_article(make_article("pending", text="harbour closed again"))
            writer.assign("committed", "S1")
            # Opening and reading must neither wait for the writer nor see its uncommitted writes.
            with database.open() as reader:
                assert reader.count() == 1
                assert reader.get_article("pending") is None
                assert [hit.article_id for hit in reader.search("harbour")] == ["committed"]
                assert [article.id for article in reader.iter_articles()] == ["committed"]
                assert reader.get_story("S1").article_ids == ()
        with database.open() as reader:
            assert reader.count() == 2 and reader.get_story("S1").article_ids == ("committed",)


def test_a_second_writer_waits_for_the_first_and_then_goes_through(database):
    with database.open() as first, database.open() as second:
        started = threading.Event()

        def write_later() -> None:
            started.set()
            second.add_article(make_article("second"))  # waits for the first writer's transaction

        with first.transaction():
            first.add_article(make_article("first"))
            thread = threading.Thread(target=write_later)
            thread.start()
            started.wait()
            thread.join(timeout=0.5)
            assert thread.is_alive()  # still waiting: writers take turns, as SQLite's write lock makes them
        thread.join(timeout=30)
        assert [article.id for article in first.iter_articles()] == ["first", "second"]


def test_a_writer_that_waits_too_long_gives_up_saying_the_database_is_busy(database, monkeypatch):
    if database.backend == "sqlite":
        from newsweave.store import sqlite_connection as connection_module

        monkeypatch.setattr(connection_module, "BUSY_TIMEOUT_MS", 200)
    else:
        from newsweave.store import postgres_connection as connection_module

        monkeypatch.setattr(connection_module, "LOCK_TIMEOUT_MS", 200)
    with database.open() as first, database.open() as second:
        with first.transaction():
            first.add_article(make_article("first"))
            with pytest.raises(StoreError, match="is busy: another newsweave process is writing"):
                second.add_article(make_article("second"))
        assert second.add_article(make_article("second")).added  # free again once the first has committed


# SQLite only: the write-ahead log is how an SQLite file lets readers beside a writer.
def test_the_file_is_in_write_ahead_log_mode(db_path):
    SQLiteStore(db_path).close()
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# ----------------------------------------------------------------------------- schema versions


def _recorded_version(db_path) -> int:
    raw = sqlite3.connect(db_path)
    try:
        return raw.execute("SELECT version FROM schema_version").fetchone()[0]
    finally:
        raw.close()


def test_a_database_reopens_with_its_data_at_the_newest_version(database):
    with database.open() as store:
        store.add_article(FULL_ARTICLE)
    assert database.recorded_version() == len(database.migrations)
    with database.open() as reopened:
        assert reopened.get_article(FULL_ARTICLE.id) == FULL_ARTICLE
    assert database.recorded_version() == len(database.migrations)


# SQLite only: upgrades a file written by the first release; PostgreSQL starts at today's shape.
def test_a_version_1_file_is_upgraded_and_keeps_its_articles(db_path):
    raw = sqlite3.connect(db_path, isolation_level=None)
    try:
        assert migrate(raw, db_path, MIGRATIONS[:1]) == 1
    finally:
        raw.close()
    with SQLiteStore(db_path) as store:
        store.add_article(FULL_ARTICLE)
    assert _recorded_version(db_path) == len(MIGRATIONS) >= 2
    with sqlite3.connect(db_path) as raw:
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "briefings" in tables


def test_later_migrations_run_in_order_on_an_older_database(database):
    database.open().close()

    def add_notes_column(connection) -> None:
        connection.execute("ALTER TABLE stories ADD COLUMN notes TEXT")

    known = len(database.migrations)
    assert database.migrate((*database.migrations, add_notes_column)) == known + 1
    assert "notes" in database.columns("stories") and database.recorded_version() == known + 1


def test_a_failing_migration_leaves_the_database_at_the_last_good_version(database):
    database.open().close()

    def half_done(connection) -> None:
        connection.execute("CREATE TABLE half (x integer)")
        raise OSError("disk I/O error")

    with pytest.raises(OSError, match="disk I/O error"):
        database.migrate((*database.migrations, half_done))
    assert "half" not in database.tables() and database.recorded_version() == len(database.migrations)


def test_a_database_from_a_newer_newsweave_is_refused(database):
    database.open().close()
    database.execute("UPDATE schema_version SET version = 999")
    with pytest.raises(StoreError) as caught:
        database.open()
    message = str(caught.value)
    assert display_name(database.target) in message and "999" in message and "upgrade newsweave" in message
    assert "\n" not in message


# ----------------------------------------------------------------------------- wrong databases


# SQLite only: about files on disk that are not SQLite databases.
def test_a_text_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "x.db"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError) as caught:
        open_store(path)
    message = str(caught.value)
    assert str(path) in message and "not a newsweave database" in message and "\n" not in message
    assert path.read_text() == "these are my notes, not a database\n"


# SQLite only: about a damaged SQLite file.
def test_a_damaged_sqlite_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)
    with pytest.raises(StoreError, match="damaged.db"):
        SQLiteStore(path)


def test_another_programs_database_is_refused_and_left_alone(database):
    database.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(StoreError, match="another program"):
        database.open()
    assert database.tables() == {"contacts"}


# SQLite only: about file paths.
def test_a_folder_or_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        SQLiteStore(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        SQLiteStore(tmp_path / "missing" / "corpus.db")


def test_a_url_of_another_database_engine_is_a_usage_error():
    with pytest.raises(UsageError, match="postgresql://") as caught:
        open_store("mysql://reader:hunter2@localhost/news")
    assert "hunter2" not in str(caught.value)


def test_reading_commands_never_create_a_database(database):
    with pytest.raises(UsageError, match="ingest"):
        database.open(create=False)
    if database.backend == "sqlite":
        assert not Path(database.target).exists()
    else:
        assert database.tables() == set()
    database.open().close()
    database.open(create=False).close()  # once it exists, it opens


# SQLite only: ':memory:' is an SQLite database.
def test_an_in_memory_store_works():
    with open_store(":memory:") as store:
        store.add_article(make_article("a"))
        assert store.count() == 1


# ----------------------------------------------------------------------------- export


def test_export_rows_hold_every_field_losslessly(store):
    store.create_story("S1", None, None, None)
    originals = [
        FULL_ARTICLE,
        make_article(
            "sparse", url=None, outlet=None, title=None, published=None, ingested_at="2024-05-05T00:00:00+00:00"
        ),
        make_article("copy", copy_of=FULL_ARTICLE.id, story_id="S1", ingested_at="2024-05-06T00:00:00+00:00"),
    ]
    for article in originals:
        store.add_article(article)
    rows = list(store.export_rows())
    field_names = {field.name for field in dataclasses.fields(StoredArticle)}
    assert all(set(row) == field_names for row in rows)
    assert rows[0]["published"] == "2023-12-31" and rows[1]["published"] is None
    assert rows[0]["removed"] == [
        {"text": "Subscribe now!", "reason": "promotion"},
        {"text": "Share on X", "reason": "share buttons"},
    ]
    rebuilt = [_article_from_row(json.loads(json.dumps(row, ensure_ascii=False))) for row in rows]
    assert rebuilt == originals


def _article_from_row(row: dict) -> StoredArticle:
    return StoredArticle(
        **{
            **row,
            "published": dt.date.fromisoformat(row["published"]) if row["published"] else None,
            "removed": tuple(RemovedLine(**line) for line in row["removed"]),
        }
    )
