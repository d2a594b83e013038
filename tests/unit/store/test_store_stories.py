"""Stories in the store: opened, filled, updated, listed newest first, closed when quiet."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from newsweave.errors import UsageError

from .conftest import make_article

MARCH = dt.date(2024, 3, 1)


def _day(number: int) -> dt.date:
    return dt.date(2024, 3, number)


def test_a_story_gathers_its_articles_oldest_first(store):
    store.add_article(make_article("late", outlet="BBC", published=_day(5)))
    store.add_article(make_article("undated", outlet="BBC", published=None))
    store.add_article(make_article("early", outlet="Reuters", published=_day(2)))
    store.add_article(make_article("elsewhere", published=_day(3)))
    store.create_story("S1", "Talks resume", None, None)
    for article_id in ("late", "undated", "early"):
        store.assign(article_id, "S1")
    story = store.get_story("S1")
    assert story.article_ids == ("early", "late", "undated")
    assert story.outlets == ("Reuters", "BBC")
    assert (story.headline, story.status) == ("Talks resume", "open")
    assert [a.id for a in store.story_articles("S1")] == ["early", "late", "undated"]
    assert all(a.story_id == "S1" for a in store.story_articles("S1"))
    assert store.get_article("elsewhere").story_id is None


def test_assigning_widens_the_story_dates(store):
    store.create_story("S1", None, _day(4), _day(4))
    for article_id, published in (("a", _day(6)), ("b", _day(2)), ("c", _day(5)), ("d", None)):
        store.add_article(make_article(article_id, published=published))
        store.assign(article_id, "S1")
    story = store.get_story("S1")
    assert (story.first_published, story.last_published) == (_day(2), _day(6))


def test_a_dateless_story_takes_its_first_article_dates(store):
    store.create_story("S1", None, None, None)
    store.add_article(make_article("a", published=_day(9)))
    store.assign("a", "S1")
    story = store.get_story("S1")
    assert (story.first_published, story.last_published) == (_day(9), _day(9))


def test_an_article_can_be_added_straight_into_a_story(store):
    store.create_story("S1", None, None, None)
    store.add_article(make_article("a", story_id="S1"))
    assert store.get_story("S1").article_ids == ("a",)


def test_update_changes_only_the_fields_given(store):
    store.create_story("S1", "Old headline", _day(1), _day(2))
    store.update_story("S1", headline="New headline")
    store.update_story("S1", last_published=_day(8), status="closed")
    story = store.get_story("S1")
    assert (story.headline, story.first_published, story.last_published, story.status) == (
        "New headline",
        _day(1),
        _day(8),
        "closed",
    )


def test_stories_are_listed_most_recently_active_first(store):
    store.create_story("quiet", None, _day(1), _day(2))
    store.create_story("undated", None, None, None)
    store.create_story("busy", None, _day(1), _day(9))
    store.create_story("middle", None, _day(3), _day(5))
    store.create_story("middle-later-created", None, _day(4), _day(5))
    assert [s.id for s in store.list_stories()] == ["busy", "middle-later-created", "middle", "quiet", "undated"]
    assert [s.id for s in store.list_stories(since=_day(5))] == ["busy", "middle-later-created", "middle"]
    assert [s.id for s in store.list_stories(limit=2, offset=1)] == ["middle-later-created", "middle"]
    assert store.list_stories(limit=0) == []


def test_listed_stories_carry_their_own_members_only(store):
    for number, story_id in ((1, "S1"), (2, "S2"), (3, "S1")):
        store.add_article(make_article(f"a{number}", outlet=f"Outlet {number}", published=_day(number)))
    store.create_story("S1", None, None, None)
    store.create_story("S2", None, None, None)
    store.assign("a1", "S1")
    store.assign("a2", "S2")
    store.assign("a3", "S1")
    by_id = {story.id: story for story in store.list_stories()}
    assert by_id["S1"].article_ids == ("a1", "a3") and by_id["S1"].outlets == ("Outlet 1", "Outlet 3")
    assert by_id["S2"].article_ids == ("a2",)
    assert [s.id for s in store.list_stories(limit=1)] == ["S1"]
    assert store.list_stories(limit=1)[0].article_ids == ("a1", "a3")


def test_quiet_stories_are_closed_and_leave_the_open_signatures(store):
    store.create_story("quiet", None, _day(1), _day(3))
    store.create_story("active", None, _day(1), _day(10))
    store.create_story("undated", None, None, None)
    assert store.close_stories(older_than=_day(7)) == 1
    assert store.get_story("quiet").status == "closed"
    assert [s.story_id for s in store.open_story_signatures()] == ["active", "undated"]
    assert store.close_stories(older_than=_day(7)) == 0


def test_open_story_signatures_resume_clustering_state(database):
    centroid = np.linspace(-1, 1, 384, dtype=np.float32)
    with database.open() as store:
        store.create_story("S1", "h", _day(1), _day(1), centroid=centroid, entities=frozenset({"Ankara"}))
        store.create_story("S2", "h", None, None)
        for article_id in ("a", "b"):
            store.add_article(make_article(article_id, published=_day(4)))
            store.assign(article_id, "S1")
        store.update_story("S1", centroid=centroid * 2, entities=frozenset({"Ankara", "Kremlin"}))
    with database.open() as reopened:
        first, second = reopened.open_story_signatures()
    assert first.story_id == "S1" and first.size == 2
    np.testing.assert_array_equal(first.centroid, centroid * 2)
    assert first.entities == frozenset({"Ankara", "Kremlin"})
    assert (first.first_published, first.last_published) == (_day(1), _day(4))
    assert (second.story_id, second.centroid, second.entities, second.size) == ("S2", None, frozenset(), 0)


def test_unknown_stories_and_articles(store):
    assert store.get_story("nope") is None
    assert store.story_articles("nope") == []
    store.add_article(make_article("a"))
    with pytest.raises(UsageError, match="no story S1"):
        store.assign("a", "S1")
    store.create_story("S1", None, None, None)
    with pytest.raises(UsageError, match="no article zz"):
        store.assign("zz", "S1")
    with pytest.raises(UsageError, match="no story S2"):
        store.update_story("S2", headline="x")


def test_story_ids_and_values_are_checked(store):
    store.create_story("S1", None, None, None)
    with pytest.raises(UsageError, match="exists already"):
        store.create_story("S1", None, None, None)
    with pytest.raises(UsageError, match="'open' or 'closed'"):
        store.update_story("S1", status="archived")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="expected a date"):
        store.close_stories(older_than="2024-03-01")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="limit"):
        store.list_stories(limit=-1)
    assert store.get_story("S1").status == "open"


def test_a_headline_that_is_not_valid_unicode_is_a_usage_error(store):
    with pytest.raises(UsageError, match="not valid Unicode"):
        store.create_story("S1", "broken \udc80 headline", None, None)
    assert store.get_story("S1") is None
