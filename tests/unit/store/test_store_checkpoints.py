"""What a restart reads: the saved clustering checkpoint, the signatures after it, the copy window."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.errors import UsageError
from newsweave.store import StoredCheckpoint

from .conftest import make_article, make_signature


def test_a_checkpoint_is_kept_replaced_and_survives_a_reopen(database):
    with database.open() as store:
        assert store.get_checkpoint("stories") is None
        for name in ("a", "b"):
            store.add_article(make_article(name))
        store.save_checkpoint(StoredCheckpoint("stories", "settings 1", "a", b"\x00state one"))
        store.save_checkpoint(StoredCheckpoint("stories", "settings 2", "b", b"\x00state two"))
    with database.open() as store:
        kept = store.get_checkpoint("stories")
        assert (kept.fingerprint, kept.through_article, kept.data) == ("settings 2", "b", b"\x00state two")


def test_a_checkpoint_must_run_through_a_stored_article(store):
    with pytest.raises(UsageError, match="no article 'ghost'"):
        store.save_checkpoint(StoredCheckpoint("stories", "x", "ghost", b""))


def test_signatures_can_start_after_an_article(store):
    for number, name in enumerate(["a", "b", "copy", "c"]):
        signature = None if name == "copy" else make_signature(name, seed=number)
        store.add_article(make_article(name), signature)
    assert [s.article_id for s in store.load_signatures(after_article="a")] == ["b", "c"]
    assert [s.article_id for s in store.load_signatures(after_article="copy")] == ["c"]
    assert list(store.load_signatures(after_article="c")) == []
    with pytest.raises(UsageError, match="no article 'ghost'"):
        list(store.load_signatures(after_article="ghost"))


def test_recent_articles_are_the_last_days_and_the_last_undated_ones(store):
    day = dt.date(2024, 3, 20)
    plan = [("old", day - dt.timedelta(days=30)), ("u1", None), ("edge", day - dt.timedelta(days=14)),
            ("u2", None), ("new", day), ("u3", None), ("before-edge", day - dt.timedelta(days=15))]  # fmt: skip
    for name, published in plan:
        store.add_article(make_article(name, published=published))
    # In ingest order, whatever the dates.
    assert [a.id for a in store.recent_articles(14, 2)] == ["edge", "u2", "new", "u3"]
    assert [a.id for a in store.recent_articles(0, 0)] == ["new"]
    assert [a.id for a in store.recent_articles(14, 10)] == ["u1", "edge", "u2", "new", "u3"]


def test_an_empty_store_has_no_recent_articles(store):
    assert list(store.recent_articles(14, 100)) == []
