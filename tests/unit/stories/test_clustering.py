"""StoryClusterer on hand-made signatures: vectors in chosen directions, entity sets, dates."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from newsweave.errors import UsageError
from newsweave.model import ArticleSignature
from newsweave.stories import StoryClusterer, StoryState, normalise_entity

DIM = 32
DAY0 = dt.date(2020, 3, 1)
# Explicit parameters, so that retuning the module constants does not change what these tests mean.
PARAMS = {"threshold": 0.55, "entity_weight": 0.1, "quiet_days": 7}


def unit(index: int, dim: int = DIM) -> np.ndarray:
    vector = np.zeros(dim, np.float32)
    vector[index] = 1.0
    return vector


def tilted(toward: int, away: int, cosine: float) -> np.ndarray:
    """A unit vector whose cosine with unit(toward) is `cosine`, leaning toward unit(away) otherwise."""
    return (cosine * unit(toward) + math.sqrt(1.0 - cosine**2) * unit(away)).astype(np.float32)


def sig(article_id: str, vector: np.ndarray, entities: set[str] = frozenset(), day: int | None = 0) -> ArticleSignature:
    published = None if day is None else DAY0 + dt.timedelta(days=day)
    return ArticleSignature(article_id, vector, frozenset(entities), published)


def clusterer() -> StoryClusterer:
    return StoryClusterer(**PARAMS)


def random_stream(count: int, seed: int, topics: int = 12, days: int = 60) -> list[ArticleSignature]:
    """Articles about a few topics (noisy copies of a topic direction), spread over some days, a few undated."""
    rng = np.random.default_rng(seed)
    stream = []
    for i in range(count):
        topic = int(rng.integers(topics))
        vector = unit(topic) + rng.normal(0.0, 0.12, DIM)
        entities = {f"person {topic}", "united states"} if rng.random() < 0.8 else set()
        day = None if rng.random() < 0.05 else int(rng.integers(days))
        stream.append(sig(f"a{i:04d}", (vector / np.linalg.norm(vector)).astype(np.float32), entities, day))
    # Date order, ties by id, undated last: how an ingest batch should be fed.
    return sorted(stream, key=lambda s: (s.published is None, s.published or dt.date.min, s.article_id))


# --------------------------------------------------------------------------- joining and splitting


def test_articles_about_one_event_join_one_story():
    c = clusterer()
    first = c.add(sig("nyt", tilted(0, 1, 0.98), {"michael steele", "afghanistan"}, day=0))
    second = c.add(sig("fox", tilted(0, 2, 0.95), {"michael steele", "rnc"}, day=1))
    third = c.add(sig("huffpost", tilted(0, 3, 0.93), {"steele", "afghanistan"}, day=2))
    assert first.opened and first.story_id == "st-000001" and first.score == 1.0
    assert [a.story_id for a in (second, third)] == ["st-000001", "st-000001"]
    assert not second.opened and not third.opened
    assert second.score >= PARAMS["threshold"] and third.score >= PARAMS["threshold"]


def test_articles_about_different_events_on_the_same_day_split():
    c = clusterer()
    ids = [c.add(sig(f"a{i}", unit(i), {"united states"}, day=0)).story_id for i in range(4)]
    assert ids == ["st-000001", "st-000002", "st-000003", "st-000004"]


def test_an_article_joins_the_closest_of_several_open_stories():
    c = clusterer()
    c.add(sig("x", unit(0)))
    c.add(sig("y", unit(1)))
    assignment = c.add(sig("z", tilted(1, 0, 0.9)))
    assert assignment.story_id == "st-000002"
    assert c.last_compared == 2


def test_shared_entities_tip_a_borderline_article_into_the_story():
    # Cosine 0.58 alone scores 0.9 * 0.58 = 0.522, under the threshold; sharing the
    # story's entities adds up to 0.1.
    with_entities, without = clusterer(), clusterer()
    for c in (with_entities, without):
        c.add(sig("seed", unit(0), {"michael steele", "rnc"}))
    joined = with_entities.add(sig("b", tilted(0, 1, 0.58), {"michael steele", "rnc"}))
    opened = without.add(sig("b", tilted(0, 1, 0.58), {"sarah palin", "alaska"}))
    assert not joined.opened and joined.story_id == "st-000001"
    assert opened.opened


def build_with_background() -> StoryClusterer:
    """20 unrelated articles naming "united states", then a story naming it and "michael steele"."""
    c = clusterer()
    for i in range(20):
        c.add(sig(f"bg{i}", unit(10 + i % 20), {"united states"}))
    c.add(sig("story", unit(0), {"united states", "michael steele"}))
    return c


def test_a_rare_shared_entity_counts_more_than_a_common_one():
    # Same cosine (0.58) and one new entity each; only what is shared differs.
    common, rare = build_with_background(), build_with_background()
    via_common = common.add(sig("c", tilted(0, 1, 0.58), {"united states", "foo"}))
    via_rare = rare.add(sig("r", tilted(0, 1, 0.58), {"michael steele", "foo"}))
    assert via_common.opened
    assert not via_rare.opened and via_rare.story_id == "st-000021"


def test_entity_names_are_compared_in_normal_form():
    assert normalise_entity("The  Republican National Committee") == "republican national committee"
    assert normalise_entity("Michael Steele’s") == "michael steele"
    assert normalise_entity("“Obama”") == "obama"
    assert normalise_entity("the") == "the"


# --------------------------------------------------------------------------- dates


def test_an_article_years_later_opens_a_new_story():
    c = clusterer()
    c.add(sig("2020", unit(0), {"michael steele"}, day=0))
    later = c.add(sig("2023", unit(0), {"michael steele"}, day=3 * 365))
    assert later.opened and later.story_id == "st-000002"


def test_an_article_years_earlier_arriving_late_opens_a_new_story():
    c = clusterer()
    c.add(sig("2023", unit(0), {"michael steele"}, day=3 * 365))
    earlier = c.add(sig("2020", unit(0), {"michael steele"}, day=0))
    assert earlier.opened
    assert c.last_compared == 0  # the 2023 story is outside the 2020 article's date window


def test_a_story_quiet_for_more_than_quiet_days_closes():
    c = clusterer()
    c.add(sig("a", unit(0), day=0))
    c.add(sig("b", unit(1), day=7))  # exactly quiet_days later: story 1 stays open
    assert c.take_closed() == () and c.open_count == 2
    c.add(sig("c", unit(2), day=8))  # now story 1 has been quiet for 8 days
    assert c.take_closed() == ("st-000001",)
    assert c.take_closed() == ()
    assert [s.open for s in c.export_state()] == [False, True, True]
    # An undated article about story 1 cannot join it any more.
    assert c.add(sig("d", unit(0), day=None)).opened


def test_a_story_takes_an_article_dated_quiet_days_after_its_last():
    c = clusterer()
    c.add(sig("a", unit(0), day=0))
    assert not c.add(sig("b", unit(0), day=7)).opened


def test_a_missing_date_is_no_penalty():
    c = clusterer()
    c.add(sig("dated", unit(0), {"rnc"}, day=0))
    undated = c.add(sig("undated", unit(0), {"rnc"}, day=None))
    assert not undated.opened and undated.score == pytest.approx(1.0, abs=1e-6)
    # And an undated story takes a dated article.
    c.add(sig("undated-2", unit(1), day=None))
    assert c.add(sig("dated-2", unit(1), day=2)).story_id == "st-000002"


def test_undated_stories_count_as_active_from_the_first_date_seen():
    c = clusterer()
    c.add(sig("u", unit(0), day=None))
    c.add(sig("d", unit(1), day=0))
    c.add(sig("e", unit(2), day=7))
    assert c.take_closed() == ()
    c.add(sig("f", unit(3), day=8))
    # Closed with the story of day 0, as if it had been active then.
    assert c.take_closed() == ("st-000001", "st-000002")


# --------------------------------------------------------------------------- determinism and state


def test_the_same_stream_gives_the_same_stories():
    stream = random_stream(300, seed=1)
    one, two = clusterer(), clusterer()
    first = [one.add(s) for s in stream]
    second = [two.add(s) for s in stream]
    assert first == second
    opened = [a.story_id for a in first if a.opened]
    assert opened == [f"st-{n:06d}" for n in range(1, len(opened) + 1)]
    assert 12 <= len(opened) < 150  # topics recur across days: far fewer stories than articles


def test_restoring_the_exported_state_continues_identically():
    stream = random_stream(400, seed=2)
    whole = clusterer()
    expected = [whole.add(s) for s in stream]
    head = clusterer()
    for s in stream[:200]:
        head.add(s)
    # What a database keeps: float32 centroids, nothing for closed stories' centroids.
    saved = [
        StoryState(
            story_id=state.story_id,
            centroid=None if not state.open else np.asarray(state.centroid, np.float32).copy(),
            size=state.size,
            entity_counts=state.entity_counts,
            first_published=state.first_published,
            last_published=state.last_published,
            last_active=state.last_active,
            open=state.open,
        )
        for state in head.export_state()
    ]
    assert any(not state.open for state in saved) and any(state.open for state in saved)
    resumed = StoryClusterer.restore(reversed(saved), **PARAMS)  # order of the rows does not matter
    continued = [resumed.add(s) for s in stream[200:]]
    assert [(a.story_id, a.opened) for a in continued] == [(a.story_id, a.opened) for a in expected[200:]]
    assert any(a.opened for a in continued) and any(not a.opened for a in continued)
    assert [a.score for a in continued] == pytest.approx([a.score for a in expected[200:]], abs=1e-3)
    final = {s.story_id: (s.size, s.entity_counts, s.last_published, s.open) for s in whole.export_state()}
    assert {s.story_id: (s.size, s.entity_counts, s.last_published, s.open) for s in resumed.export_state()} == final


def test_exported_state_describes_the_story():
    c = clusterer()
    c.add(sig("a", unit(0), {"rnc", "michael steele"}, day=2))
    c.add(sig("b", tilted(0, 1, 0.96), {"rnc"}, day=0))
    state = c.state_of("st-000001")
    assert state.size == 2 and state.open
    assert state.entity_counts == (("michael steele", 1), ("rnc", 2))
    assert (state.first_published, state.last_published) == (DAY0, DAY0 + dt.timedelta(days=2))
    assert state.last_active == DAY0 + dt.timedelta(days=2)
    expected = (unit(0) + tilted(0, 1, 0.96)) / 2
    assert state.centroid is not None and state.centroid.dtype == np.float32
    np.testing.assert_allclose(state.centroid, expected, atol=1e-6)


def test_restored_ids_continue_after_the_highest_number():
    state = StoryState("st-000041", unit(0), 1, (), DAY0, DAY0, DAY0, True)
    c = StoryClusterer.restore([state], **PARAMS)
    assert c.add(sig("new", unit(5), day=1)).story_id == "st-000042"
    assert c.add(sig("same", unit(0), day=1)).story_id == "st-000041"


@pytest.mark.parametrize(
    "states, problem",
    [
        ([StoryState("story-1", unit(0), 1, (), None, None, None, True)], "not of the form"),
        ([StoryState("st-000001", unit(0), 1, (), None, None, None, True)] * 2, "given twice"),
        ([StoryState("st-000001", None, 1, (), None, None, None, True)], "no centroid"),
        ([StoryState("st-000001", unit(0), 0, (), None, None, None, True)], "at least one article"),
    ],
)
def test_bad_saved_state_is_refused(states, problem):
    with pytest.raises(UsageError, match=problem):
        StoryClusterer.restore(states)


def test_vectors_of_another_dimension_are_refused():
    c = clusterer()
    c.add(sig("a", unit(0)))
    with pytest.raises(UsageError, match="64-dimensional"):
        c.add(sig("b", unit(0, dim=64)))
    with pytest.raises(UsageError, match="empty vector"):
        c.add(ArticleSignature("c", np.zeros(0, np.float32)))


# --------------------------------------------------------------------------- cost


def test_many_stories_keep_the_comparisons_bounded_by_the_date_window():
    # 5,000 unrelated articles, two a day: each opens its own story.
    rng = np.random.default_rng(5)
    dim = 128
    c = StoryClusterer(**PARAMS)
    compared = []
    for i in range(5000):
        vector = rng.normal(size=dim)
        c.add(sig(f"a{i}", (vector / np.linalg.norm(vector)).astype(np.float32), day=i // 2))
        compared.append(c.last_compared)
    assert len(c.export_state()) > 4900
    per_window = 2 * (PARAMS["quiet_days"] + 1)  # stories that can still be open: the last 8 days' worth
    assert max(compared) <= per_window
    assert c.open_count <= per_window
    # A late article from the first week meets no open story; an undated one meets only the open ones.
    c.add(sig("late", unit(0, dim), day=3))
    assert c.last_compared == 0
    c.add(sig("undated", unit(1, dim), day=None))
    assert c.last_compared <= per_window + 1
