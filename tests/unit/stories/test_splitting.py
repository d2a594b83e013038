"""A story that holds two events splits; one that holds one event, or one odd article, does not."""

from __future__ import annotations

import math

import numpy as np
import pytest

from newsweave.errors import UsageError
from newsweave.model import StorySplit
from newsweave.stories import StoryClusterer
from newsweave.stories.splitting import ScoreMix, SplitMember, separable_part

from .test_clustering import DIM, sig, tilted, unit

VECTORS_ONLY = ScoreMix(entity_weight=0.0, term_weight=0.0, date_weight=0.0, date_scale_days=7.0)
# Only the lead vectors count, joins are generous, and a story splits when its two parts' centroids
# score under 0.6 against each other.
PARAMS = {"threshold": 0.2, "entity_weight": 0.0, "term_weight": 0.0, "date_weight": 0.0, "split_threshold": 0.6}


def member(vector: np.ndarray, words: dict[str, float] | None = None, entities: frozenset[str] = frozenset()):
    return SplitMember(np.asarray(vector, np.float64), words or {}, entities, math.nan)


def noisy(direction: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vector = unit(direction) + rng.normal(0.0, 0.08, DIM)
    return (vector / np.linalg.norm(vector)).astype(np.float32)


# --------------------------------------------------------------------------- the cut


def test_two_groups_apart_give_the_smaller_one():
    members = [member(noisy(0, n)) for n in range(4)] + [member(noisy(1, 10 + n)) for n in range(3)]
    assert separable_part(members, VECTORS_ONLY, {}, threshold=0.5, min_part=2) == (4, 5, 6)


def test_one_event_does_not_split():
    members = [member(noisy(0, n)) for n in range(8)]
    assert separable_part(members, VECTORS_ONLY, {}, threshold=0.5, min_part=2) == ()


def test_one_odd_article_is_no_second_event():
    members = [member(noisy(0, n)) for n in range(6)] + [member(noisy(1, 99))]
    assert separable_part(members, VECTORS_ONLY, {}, threshold=0.5, min_part=2) == ()


def test_two_groups_close_enough_to_join_stay_together():
    """The parts score above the threshold against each other: a story with two sides, not two events."""
    members = [member(tilted(0, 1, 0.9)) for _ in range(3)] + [member(tilted(0, 2, 0.9)) for _ in range(3)]
    assert separable_part(members, VECTORS_ONLY, {}, threshold=0.5, min_part=2) == ()


def test_words_and_names_tell_apart_what_the_leads_do_not():
    """Two shootings with leads alike: the towns' words and names are what separate them."""
    mix = ScoreMix(entity_weight=0.2, term_weight=0.5, date_weight=0.0, date_scale_days=7.0)
    lead = unit(0)
    north = [member(lead, {"shooting": 0.5, "northtown": 0.86}, frozenset({"northtown"})) for _ in range(3)]
    south = [member(lead, {"shooting": 0.5, "southville": 0.86}, frozenset({"southville"})) for _ in range(3)]
    assert separable_part(north + south, mix, {}, threshold=0.7, min_part=2) == (3, 4, 5)  # a tie: the later go
    assert separable_part(north + south, VECTORS_ONLY, {}, threshold=0.7, min_part=2) == ()


def test_too_few_members_are_not_tried():
    members = [member(noisy(0, 1)), member(noisy(1, 2)), member(noisy(1, 3))]
    assert separable_part(members, VECTORS_ONLY, {}, threshold=0.9, min_part=2) == ()


# --------------------------------------------------------------------------- in the clusterer


def bridged_stream():
    """Event A, a report touching both A and B, event B, more of A, more of B: the bridge lets B into A's story."""
    stream = [sig(f"a{n}", noisy(0, n), day=n) for n in range(2)]
    stream.append(sig("bridge", tilted(0, 1, 0.6), day=2))
    stream += [sig(f"b{n}", noisy(1, 20 + n), day=3 + n) for n in range(3)]
    stream += [sig(f"a{n}", noisy(0, n), day=6 + n) for n in range(2, 4)]
    stream += [sig(f"b{n}", noisy(1, 20 + n), day=8 + n) for n in range(3, 5)]
    return stream


def test_a_story_holding_two_events_splits_and_the_larger_part_keeps_its_id():
    c = StoryClusterer(**PARAMS)
    assignments, splits = [], []
    for signature in bridged_stream():
        assignments.append(c.add(signature))
        splits += c.take_splits()
    assert [a.opened for a in assignments[:5]] == [True, False, False, False, False]  # b0, b1 joined A's story
    assert splits == [StorySplit("st-000001", "st-000002", ("a0", "a1"))]  # A had become the smaller part
    final = {a.article_id: a.story_id for a in assignments}
    final.update(dict.fromkeys(splits[0].moved, "st-000002"))
    assert {final[f"a{n}"] for n in range(4)} == {"st-000002"}  # later reports of A find A's own story
    assert {final[f"b{n}"] for n in range(5)} == {final["bridge"]} == {"st-000001"}
    assert {state.story_id: state.size for state in c.export_state()} == {"st-000001": 6, "st-000002": 4}


def test_the_article_that_completes_the_second_event_is_told_its_new_story():
    c = StoryClusterer(**PARAMS)
    for signature in bridged_stream():
        assignment = c.add(signature)
        for split in c.take_splits():
            if signature.article_id in split.moved:
                assert assignment.story_id == split.new and not assignment.opened


def test_splitting_is_deterministic_and_can_be_switched_off():
    def run(**params):
        c = StoryClusterer(**params)
        out = []
        for signature in bridged_stream():
            out.append(c.add(signature))
            out += c.take_splits()
        return out

    assert run(**PARAMS) == run(**PARAMS)
    never = run(**{**PARAMS, "split_threshold": 0.0})
    assert not any(isinstance(item, StorySplit) for item in never)
    assert len({item.story_id for item in never}) == 1  # without splitting, one story swallows both


def test_a_story_past_the_remembered_size_never_splits():
    c = StoryClusterer(**{**PARAMS, "split_max_members": 4})
    for signature in bridged_stream():
        c.add(signature)
        assert c.take_splits() == ()


def test_impossible_split_settings_are_refused():
    with pytest.raises(UsageError, match="split_min_part"):
        StoryClusterer(split_min_part=0)
    with pytest.raises(UsageError, match="split_max_members"):
        StoryClusterer(split_min_part=3, split_max_members=5)
