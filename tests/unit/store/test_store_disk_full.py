"""A full disk (SQLITE_FULL) gives one clear error, keeps the database as it was, and passes once space is back.

SQLite only: the full disk is simulated with SQLite's page limit; a PostgreSQL server's disk is not ours to fill.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsweave import cli
from newsweave.store import SQLiteStore, StoreFullError

from .conftest import make_article
from .disk_limit import DiskLimit

BIG_TEXT = "The harbour wall was rebuilt stone by stone over the winter. " * 800  # ~50 KB: needs new pages


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def _filled(path: Path) -> list[dict[str, object]]:
    with SQLiteStore(path) as store:
        store.add_article(make_article("kept-1"))
        store.add_article(make_article("kept-2"))
        return list(store.export_rows())


def test_a_write_on_a_full_disk_fails_in_one_line_and_changes_nothing(db_path, full_disk: DiskLimit):
    before = _filled(db_path)
    full_disk.fill()
    with SQLiteStore(db_path) as store:
        with pytest.raises(StoreFullError) as caught:
            store.add_article(make_article("big", text=BIG_TEXT))
        message = str(caught.value)
        assert str(db_path) in message and "disk is full" in message and "\n" not in message
        with pytest.raises(StoreFullError), store.transaction():  # a transaction of several writes: all undone
            store.create_story("S-full", "Harbour wall", None, None)
            store.add_article(make_article("big", text=BIG_TEXT, story_id="S-full"))
        assert list(store.export_rows()) == before and store.get_story("S-full") is None
        assert _integrity(db_path) == "ok"
        full_disk.free()
        assert store.add_article(make_article("big", text=BIG_TEXT)).added  # the same store works again
    with SQLiteStore(db_path) as store:
        assert store.count() == 3
    assert _integrity(db_path) == "ok"


def _article_file(path: Path, article_id: str, text: str) -> Path:
    record = {"id": article_id, "title": "Harbour wall rebuilt", "outlet": "Quay Post", "published": "2024-02-02",
              "text": text}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_ingest_on_a_full_disk_exits_1_with_one_line_and_works_once_space_is_freed(tmp_path, capsys, full_disk):
    db = tmp_path / "corpus.db"
    before = _filled(db)
    full_disk.fill()
    big = _article_file(tmp_path / "big.jsonl", "harbour-wall", BIG_TEXT)
    assert cli.main(["ingest", str(big), "--db", str(db), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "disk is full" in err and str(db) in err
    with SQLiteStore(db) as store:
        assert list(store.export_rows()) == before
    assert _integrity(db) == "ok"
    full_disk.free()
    assert cli.main(["ingest", str(big), "--db", str(db), "--quiet"]) == 0
    with SQLiteStore(db) as store:
        assert store.get_article("harbour-wall") is not None and store.count() == 3
