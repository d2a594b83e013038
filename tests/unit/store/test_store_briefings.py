"""Kept briefings, story revisions, and the story-list filters the web reader uses."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.errors import UsageError
from newsweave.store import StoredBriefing

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
    first = StoredBriefing("T1", "rev-1", 2, '{"schema": "x"}', "2024-03-02T10:00:00+00:00")
    store.save_briefing(first)
    assert store.get_briefing("T1") == first
    second = StoredBriefing("T1", "rev-2", 0, "{}", "2024-03-03T10:00:00+00:00")
    store.save_briefing(second)
    assert store.get_briefing("T1") == second
    assert store.get_briefing("unknown") is None


def test_a_briefing_for_an_unknown_story_is_refused(store):
    with pytest.raises(UsageError, match="no story 'nowhere'"):
        store.save_briefing(StoredBriefing("nowhere", "r", 0, "{}"))


def test_stamps_name_only_the_stories_with_a_kept_briefing(store):
    _story_with(store, "T1", [("a", None, _day(2))])
    _story_with(store, "T2", [("b", None, _day(3))])
    store.save_briefing(StoredBriefing("T2", "rev", 3, "{}"))
    stamps = store.briefing_stamps(["T1", "T2", "T3"])
    assert set(stamps) == {"T2"}
    assert (stamps["T2"].revision, stamps["T2"].conflicts) == ("rev", 3)
    assert store.briefing_stamps([]) == {}


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

