"""The database file: transactions, schema versions, refusing wrong files, readers beside a writer, export."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import threading

import pytest

from newsweave.errors import UsageError
from newsweave.model import RemovedLine, StoredArticle
from newsweave.store import SQLiteStore, StoreError, open_store
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


def test_a_transaction_commits_all_at_once(db_path):
    with SQLiteStore(db_path) as writer, SQLiteStore(db_path) as reader:
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


def test_a_second_store_reads_committed_data_while_the_first_is_writing(db_path):
    with SQLiteStore(db_path) as writer:
        writer.add_article(make_article("committed", text="harbour reopened"))
        with writer.transaction():
            writer.add_article(make_article("pending", text="harbour closed again"))
            # Opening and reading must neither wait for the writer nor see its uncommitted article.
            with SQLiteStore(db_path) as reader:
                assert reader.count() == 1
                assert reader.get_article("pending") is None
                assert [hit.article_id for hit in reader.search("harbour")] == ["committed"]
                assert [article.id for article in reader.iter_articles()] == ["committed"]
        with SQLiteStore(db_path) as reader:
            assert reader.count() == 2


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


def test_a_database_reopens_with_its_data_at_the_newest_version(db_path):
    with SQLiteStore(db_path) as store:
        store.add_article(FULL_ARTICLE)
    assert _recorded_version(db_path) == len(MIGRATIONS)
    with SQLiteStore(db_path) as reopened:
        assert reopened.get_article(FULL_ARTICLE.id) == FULL_ARTICLE
    assert _recorded_version(db_path) == len(MIGRATIONS)


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


def test_later_migrations_run_in_order_on_an_older_file(db_path):
    SQLiteStore(db_path).close()

    def add_notes_column(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE stories ADD COLUMN notes TEXT")

    raw = sqlite3.connect(db_path, isolation_level=None)
    try:
        assert migrate(raw, db_path, (*MIGRATIONS, add_notes_column)) == len(MIGRATIONS) + 1
        columns = {row[1] for row in raw.execute("PRAGMA table_info(stories)")}
    finally:
        raw.close()
    assert "notes" in columns and _recorded_version(db_path) == len(MIGRATIONS) + 1


def test_a_failing_migration_leaves_the_file_at_the_last_good_version(db_path):
    SQLiteStore(db_path).close()

    def half_done(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE half (x)")
        raise sqlite3.OperationalError("disk I/O error")

    raw = sqlite3.connect(db_path, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError):
            migrate(raw, db_path, (*MIGRATIONS, half_done))
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    finally:
        raw.close()
    assert "half" not in tables and _recorded_version(db_path) == len(MIGRATIONS)


def test_a_database_from_a_newer_newsweave_is_refused(db_path):
    SQLiteStore(db_path).close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE schema_version SET version = 999")
    with pytest.raises(StoreError) as caught:
        SQLiteStore(db_path)
    message = str(caught.value)
    assert str(db_path) in message and "999" in message and "upgrade newsweave" in message
    assert "\n" not in message


# ----------------------------------------------------------------------------- wrong files


def test_a_text_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "x.db"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError) as caught:
        open_store(path)
    message = str(caught.value)
    assert str(path) in message and "not a newsweave database" in message and "\n" not in message
    assert path.read_text() == "these are my notes, not a database\n"


def test_a_damaged_sqlite_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)
    with pytest.raises(StoreError, match="damaged.db"):
        SQLiteStore(path)


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(StoreError, match="another program"):
        SQLiteStore(path)


def test_a_folder_or_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        SQLiteStore(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        SQLiteStore(tmp_path / "missing" / "corpus.db")


def test_a_database_url_is_a_usage_error():
    with pytest.raises(UsageError, match="only SQLite"):
        open_store("postgresql://localhost/news")


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
