"""StoryClusterer on hand-made signatures: vectors in chosen directions, entity sets, dates."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from newsweave.errors import UsageError
from newsweave.model import ArticleSignature
from newsweave.stories import StoryClusterer, normalise_entity

DIM = 32
DAY0 = dt.date(2020, 3, 1)
# Explicit parameters, so that retuning the module constants does not change what these tests mean.
# Body words are off here (the signatures carry none); tests/unit/stories/test_terms.py covers them,
# and splitting is off (test_splitting.py).
PARAMS = {
    "threshold": 0.55, "entity_weight": 0.1, "term_weight": 0.0, "date_weight": 0.2, "date_scale_days": 7.0,
    "idle_articles": 50, "split_threshold": 0.0,
}  # fmt: skip


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
    assert c.last_compared == 1  # compared, and kept apart by the date gap alone


def test_a_date_gap_weighs_in_softly():
    # Cosine 0.75 with no entities: 0.9 x 0.75 = 0.675 inside the story's dates.
    near = tilted(0, 1, 0.75)
    c = clusterer()
    c.add(sig("a", unit(0), day=0))
    c.add(sig("b", unit(0), day=2))
    inside = c.add(sig("inside", near, day=1))
    assert not inside.opened and inside.score == pytest.approx(0.675, abs=1e-3)
    c = clusterer()
    c.add(sig("a", unit(0), day=0))
    two_days = c.add(sig("two days on", near, day=2))  # 2/7 of the weekly 0.2 taken off: still joins
    assert not two_days.opened and two_days.score == pytest.approx(0.675 - 0.2 * 2 / 7, abs=1e-3)
    c = clusterer()
    c.add(sig("a", unit(0), day=0))
    assert c.add(sig("a week on", near, day=7)).opened  # 0.475: the same words a week later are another event
    c = clusterer()
    c.add(sig("a", unit(0), day=0))
    assert not c.add(sig("same words a week on", unit(0), day=7)).opened  # 0.7: near-identical still joins


def test_a_missing_date_is_no_penalty():
    c = clusterer()
    c.add(sig("dated", unit(0), {"rnc"}, day=0))
    undated = c.add(sig("undated", unit(0), {"rnc"}, day=None))
    assert not undated.opened and undated.score == pytest.approx(1.0, abs=1e-6)
    # And an undated story takes a dated article.
    c.add(sig("undated-2", unit(1), day=None))
    assert c.add(sig("dated-2", unit(1), day=2)).story_id == "st-000002"


def test_an_undated_article_arriving_after_months_of_news_still_finds_its_story():
    c = clusterer()
    c.add(sig("event", unit(0), day=0))
    for n in range(20):  # other news, weeks later
        c.add(sig(f"later-{n}", unit(1 + n % 5), day=30 + n))
    late = c.add(sig("undated report of the event", unit(0), day=None))
    assert not late.opened and late.story_id == "st-000001"


def test_a_story_none_of_the_last_idle_articles_joined_closes():
    c = StoryClusterer(**{**PARAMS, "idle_articles": 3})
    c.add(sig("a", unit(0), day=None))
    c.add(sig("b", unit(1), day=None))
    c.add(sig("c", unit(2), day=None))  # a's story was the last to take one of these three
    assert c.take_closed() == () and c.open_count == 3
    c.add(sig("d", unit(3), day=None))  # now three articles have passed story 1 by
    assert c.take_closed() == ("st-000001",)
    assert c.take_closed() == ()
    c.add(sig("e", unit(1), day=None))  # joining keeps story 2 open
    c.add(sig("f", unit(5), day=None))
    assert c.take_closed() == ("st-000003",)
    assert [s.open for s in c.export_state()] == [False, True, False, True, True]
    # An article about story 1 cannot join it any more.
    assert c.add(sig("g", unit(0), day=None)).opened


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


def test_exported_state_describes_the_story():
    c = clusterer()
    c.add(sig("a", unit(0), {"rnc", "michael steele"}, day=2))
    c.add(sig("b", tilted(0, 1, 0.96), {"rnc"}, day=0))
    state = c.state_of("st-000001")
    assert state.size == 2 and state.open
    assert state.entity_counts == (("michael steele", 1), ("rnc", 2))
    assert (state.first_published, state.last_published) == (DAY0, DAY0 + dt.timedelta(days=2))
    assert state.last_joined == 2  # the second article the clusterer saw
    expected = (unit(0) + tilted(0, 1, 0.96)) / 2
    assert state.centroid is not None and state.centroid.dtype == np.float32
    np.testing.assert_allclose(state.centroid, expected, atol=1e-6)


def test_resumed_ids_continue_after_the_highest_number():
    head = clusterer()
    for n in range(3):
        head.add(sig(f"a{n}", unit(n), day=1))
    resumed = clusterer()
    resumed.resume(head.snapshot(), {f"a{n}": sig(f"a{n}", unit(n), day=1) for n in range(3)})
    assert resumed.add(sig("new", unit(5), day=1)).story_id == "st-000004"
    assert resumed.add(sig("same", unit(1), day=1)).story_id == "st-000002"


def test_vectors_of_another_dimension_are_refused():
    c = clusterer()
    c.add(sig("a", unit(0)))
    with pytest.raises(UsageError, match="64-dimensional"):
        c.add(sig("b", unit(0, dim=64)))
    with pytest.raises(UsageError, match="empty vector"):
        c.add(ArticleSignature("c", np.zeros(0, np.float32)))


# --------------------------------------------------------------------------- cost


def test_many_stories_keep_the_comparisons_bounded_by_the_idle_window():
    # 5,000 unrelated articles, dated and undated: each opens its own story.
    rng = np.random.default_rng(5)
    dim = 128
    c = StoryClusterer(**PARAMS)
    compared = []
    for i in range(5000):
        vector = rng.normal(size=dim)
        day = None if i % 3 == 0 else i // 2
        c.add(sig(f"a{i}", (vector / np.linalg.norm(vector)).astype(np.float32), day=day))
        compared.append(c.last_compared)
    assert len(c.export_state()) > 4900
    window = PARAMS["idle_articles"]  # stories that can still be open: those of the last articles
    assert max(compared) <= window
    assert c.open_count <= window
