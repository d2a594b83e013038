"""Kept briefings, story revisions, and the story-list filters the web reader uses."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from newsweave.errors import UsageError
from newsweave.store import SQLiteStore, StoredBriefing, briefing_revision, current_stamps
from newsweave.store.sqlite_schema import MIGRATIONS, migrate

from .conftest import make_article


def _day(number: int) -> dt.date:
    return dt.date(2024, 3, number)


def _story_with(store, story_id: str, members: list[tuple[str, str | None, dt.date | None]]) -> None:
    store.create_story(story_id, f"headline of {story_id}", None, None)
    for article_id, outlet, published in members:
        store.add_article(make_article(article_id, outlet=outlet, published=published))
        store.assign(article_id, story_id)


def test_a_kept_briefing_comes_back_and_a_new_one_replaces_it(store):
    _story_with(store, "T1", [("a", "BBC", _day(2))])
    first = StoredBriefing("T1", "rev-1", 2, 1, '{"schema": "x"}', "2024-03-02T10:00:00+00:00")
    store.save_briefing(first)
    assert store.get_briefing("T1") == first
    second = StoredBriefing("T1", "rev-2", 0, 3, "{}", "2024-03-03T10:00:00+00:00")
    store.save_briefing(second)
    assert store.get_briefing("T1") == second
    assert store.get_briefing("unknown") is None


def test_a_briefing_for_an_unknown_story_is_refused(store):
    with pytest.raises(UsageError, match="no story 'nowhere'"):
        store.save_briefing(StoredBriefing("nowhere", "r", 0, 0, "{}"))


def test_stamps_name_only_the_stories_with_a_kept_briefing(store):
    _story_with(store, "T1", [("a", None, _day(2))])
    _story_with(store, "T2", [("b", None, _day(3))])
    store.save_briefing(StoredBriefing("T2", "rev", 3, 2, "{}"))
    stamps = store.briefing_stamps(["T1", "T2", "T3"])
    assert set(stamps) == {"T2"}
    assert (stamps["T2"].revision, stamps["T2"].conflicts, stamps["T2"].updates) == ("rev", 3, 2)
    assert store.briefing_stamps([]) == {}


def test_updates_over_time_are_counted_apart_from_conflicts_and_an_unknown_count_stays_unknown(store):
    _story_with(store, "T1", [("a", None, _day(2))])
    _story_with(store, "T2", [("b", None, _day(3))])
    store.save_briefing(StoredBriefing("T1", "rev", 0, 4, "{}"))
    store.save_briefing(StoredBriefing("T2", "rev", 2, None, "{}"))
    assert (store.get_briefing("T1").conflicts, store.get_briefing("T1").updates) == (0, 4)
    assert store.get_briefing("T2").updates is None  # not turned into 0 on the way through the database
    stamps = store.briefing_stamps(["T1", "T2"])
    assert (stamps["T1"].conflicts, stamps["T1"].updates) == (0, 4)
    assert (stamps["T2"].conflicts, stamps["T2"].updates) == (2, None)


def test_only_briefings_of_the_current_story_revision_give_counts(store):
    _story_with(store, "T1", [("a", None, _day(2))])
    _story_with(store, "T2", [("b", None, _day(3))])
    _story_with(store, "T3", [("c", None, _day(4))])
    stories = [store.get_story(story_id) for story_id in ("T1", "T2", "T3")]
    store.save_briefing(StoredBriefing("T1", briefing_revision(stories[0]), 1, 2, "{}"))
    store.save_briefing(StoredBriefing("T2", "an-older-membership", 5, 5, "{}"))
    current = current_stamps(store, stories)
    assert set(current) == {"T1"}  # T2's counts describe another membership; T3 has no briefing
    assert (current["T1"].conflicts, current["T1"].updates) == (1, 2)


# Version 2 of the schema, written out as it was, so that the upgrade is tested on the real old shape.
_OLD_BRIEFINGS_TABLE = """CREATE TABLE briefings (
    story_id TEXT PRIMARY KEY REFERENCES stories (id),
    revision TEXT NOT NULL,
    conflicts INTEGER NOT NULL,
    document TEXT NOT NULL,
    created_at TEXT NOT NULL
)"""


# SQLite only: upgrades files written by older newsweave releases; PostgreSQL starts at today's shape.
def test_a_version_2_database_gains_update_counts_from_its_kept_documents(db_path):
    raw = sqlite3.connect(db_path, isolation_level=None)
    try:
        migrate(raw, db_path, MIGRATIONS[:1])
        raw.execute(_OLD_BRIEFINGS_TABLE)
        raw.execute("UPDATE schema_version SET version = 2")
        old_rows = {
            "listed": json.dumps({"schema": "newsweave.briefing/1", "conflicts": [{}], "updates": [{}, {}]}),
            "before-updates": json.dumps({"schema": "newsweave.briefing/1", "conflicts": [{}, {}]}),
            "damaged": '{"schema": "newsweave.briefing/1", "upd',
            "odd": json.dumps({"updates": "three"}),
        }
        for number, (story_id, document) in enumerate(old_rows.items()):
            raw.execute("INSERT INTO stories (id) VALUES (?)", (story_id,))
            raw.execute(
                "INSERT INTO briefings VALUES (?, 'rev', ?, ?, '2024-03-02T10:00:00+00:00')",
                (story_id, number, document),
            )
    finally:
        raw.close()

    with SQLiteStore(db_path) as store:
        assert store.get_briefing("listed").updates == 2
        assert store.get_briefing("listed").conflicts == 0
        for unknown in ("before-updates", "damaged", "odd"):  # no list of updates to count: unknown, not 0
            assert store.get_briefing(unknown).updates is None, unknown
        assert store.get_briefing("damaged").document.endswith('"upd')  # kept as it was
        stamps = store.briefing_stamps(list(old_rows))
        assert {story_id: stamp.updates for story_id, stamp in stamps.items()} == {
            "listed": 2, "before-updates": None, "damaged": None, "odd": None
        }
        store.save_briefing(StoredBriefing("before-updates", "rev-2", 1, 0, "{}"))  # a new briefing counts them
        assert store.get_briefing("before-updates").updates == 0
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT version FROM schema_version").fetchone()[0] == len(MIGRATIONS) >= 3


def test_a_story_revision_changes_when_an_article_joins(store):
    _story_with(store, "T1", [("a", None, _day(2)), ("b", None, _day(3))])
    before = store.get_story("T1").revision
    assert store.get_story("T1").revision == before  # stable while nothing changes
    store.add_article(make_article("c", published=_day(4)))
    store.assign("c", "T1")
    assert store.get_story("T1").revision != before


def test_stories_filter_by_outlet_by_date_bounds_and_by_ids(store):
    _story_with(store, "T1", [("a", "BBC", _day(2)), ("b", "Reuters", _day(3))])
    _story_with(store, "T2", [("c", "Reuters", _day(10))])
    _story_with(store, "T3", [("d", "AP", _day(20))])
    assert [s.id for s in store.list_stories()] == ["T3", "T2", "T1"]
    assert [s.id for s in store.list_stories(outlet="Reuters")] == ["T2", "T1"]
    assert [s.id for s in store.list_stories(outlet="Nobody")] == []
    assert [s.id for s in store.list_stories(since=_day(3), until=_day(10))] == ["T2", "T1"]
    assert [s.id for s in store.list_stories(until=_day(9))] == ["T1"]
    assert [s.id for s in store.list_stories(ids=["T1", "T3", "missing"])] == ["T3", "T1"]
    assert [s.id for s in store.list_stories(ids=[])] == []
    assert [s.id for s in store.list_stories(outlet="Reuters", limit=1, offset=1)] == ["T1"]


def test_outlets_are_listed_most_frequent_first(store):
    _story_with(store, "T1", [("a", "BBC", _day(2)), ("b", "Reuters", _day(3)), ("c", "Reuters", _day(4))])
    store.add_article(make_article("d", outlet=None))
    assert store.outlets() == ["Reuters", "BBC"]


def test_a_search_hit_names_the_story_of_its_article(store):
    store.create_story("T1", None, None, None)
    store.add_article(make_article("a", text="The harbour bridge reopened after repairs to the cables."))
    store.assign("a", "T1")
    store.add_article(make_article("b", text="A harbour festival drew crowds to the quay on Sunday."))
    hits = {hit.article_id: hit.story_id for hit in store.search("harbour")}
    assert hits == {"a": "T1", "b": None}


# SQLite only: upgrades files written by older newsweave releases; PostgreSQL starts at today's shape.
def test_a_version_3_database_gains_empty_body_words_for_its_signatures(db_path):
    import numpy as np

    raw = sqlite3.connect(db_path, isolation_level=None)
    try:
        migrate(raw, db_path, MIGRATIONS[:3])
        raw.execute("INSERT INTO articles (id, identity, path, text, raw_text, ingested_at) VALUES ('old', 'text:old', 'p', 't', 't', 'x')")
        vector = np.ones(4, np.float32).tobytes()
        raw.execute("INSERT INTO signatures (article_id, vector, entities, published) VALUES ('old', ?, '[]', NULL)", (vector,))
    finally:
        raw.close()
    with SQLiteStore(db_path) as store:
        [signature] = store.load_signatures()
        assert signature.article_id == "old" and signature.terms == ()  # clustered by lead and names, as before
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT version FROM schema_version").fetchone()[0] == len(MIGRATIONS) >= 4
