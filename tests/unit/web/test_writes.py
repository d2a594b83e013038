"""POST /api/articles: the slow part of an ingest holds no lock other writers need; a full disk answers 507."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import newsweave.clean as clean_stage
from newsweave.store import open_store

from ..store.disk_limit import DiskLimit, full_disk  # noqa: F401  (a fixture)
from .test_api import TOKEN, _article, _assert_error

GUARD_SECONDS = 120.0  # only a hang reaches it: the models may load within it on a cold start
SLOW_WORD = "Lanternkeeper"  # the article whose preparation the test holds up


def test_a_small_post_is_stored_while_a_slow_article_is_still_being_prepared(client, corpus_db, monkeypatch):
    preparing, finish = threading.Event(), threading.Event()
    clean_article = clean_stage.clean_article

    def held_up(text: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if SLOW_WORD in text:
            preparing.set()
            finish.wait(GUARD_SECONDS)
        return clean_article(text, *args, **kwargs)

    monkeypatch.setattr(clean_stage, "clean_article", held_up)
    answers: dict[str, int] = {}

    def post(name: str, article: dict[str, object]) -> None:
        answers[name] = client.post("/api/articles", json=article, headers=TOKEN).status_code

    slow_article = _article(1, text=f"{SLOW_WORD} report. " + str(_article(1)["text"]))
    slow = threading.Thread(target=post, args=("slow", slow_article))
    quick = threading.Thread(target=post, args=("quick", _article(2)))
    try:
        slow.start()
        assert preparing.wait(GUARD_SECONDS), "the slow article never reached its preparation"
        quick.start()
        quick.join(GUARD_SECONDS)
        # Before the split, the slow request held the writer's lock from parsing to commit:
        # the quick one waited for it, and this join timed out.
        assert not quick.is_alive() and answers["quick"] == 200
        with open_store(corpus_db) as other:  # another process's write goes through as well
            other.create_story("other-writer", "Written meanwhile", None, None)
        assert slow.is_alive()
    finally:
        finish.set()
        slow.join(GUARD_SECONDS)
        quick.join(GUARD_SECONDS)
    assert answers == {"quick": 200, "slow": 200}
    assert client.get("/api/articles/ferry-1").status_code == 200 and client.get("/api/articles/ferry-2").status_code == 200


def test_a_post_on_a_full_disk_answers_507_keeps_the_database_and_works_once_space_is_freed(
    make_client, corpus_db: Path, full_disk: DiskLimit
):
    with open_store(corpus_db) as store:
        before = list(store.export_rows())
    full_disk.fill()
    client = make_client(token="test-token")
    big = _article(3, text=str(_article(3)["text"]) + " The quay was busy all week." * 3000)
    message = _assert_error(client.post("/api/articles", json=big, headers=TOKEN), 507, "insufficient_storage")
    assert "disk is full" in message and str(corpus_db) in message and "\n" not in message
    with open_store(corpus_db) as store:
        assert list(store.export_rows()) == before
    with sqlite3.connect(corpus_db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    full_disk.free()
    again = client.post("/api/articles", json=big, headers=TOKEN)
    assert again.status_code == 200 and again.json()["added_ids"] == ["ferry-3"], again.text
    [story] = [s for s in client.get("/api/stories").json()["stories"] if s["headline"] == "Ferry timetable 3 published"]
    assert story["articles"] == 1
