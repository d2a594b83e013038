"""A clusterer's snapshot: taken, encoded, decoded and resumed, it carries on exactly as the original."""

from __future__ import annotations

import dataclasses
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.errors import CheckpointError, UsageError
from newsweave.stories import StoryClusterer, decode_snapshot, encode_snapshot

from .test_clustering import random_stream

# Every signal on, a short idle window so that stories close inside the stream, and splits eager
# enough that some happen on both sides of the snapshot.
SETTINGS = {
    "threshold": 0.45, "entity_weight": 0.1, "term_weight": 0.3, "top_terms": 6, "idle_articles": 40,
    "split_threshold": 0.7,
}  # fmt: skip


def stream_with_words(count: int, seed: int):
    """The clustering tests' random stream, each article given a few words of its topic and some noise."""
    rng = np.random.default_rng(seed)
    signatures = []
    for signature in random_stream(count, seed=seed):
        topic = int(np.argmax(signature.vector))
        picked = {f"topic{topic}word{int(n)}" for n in rng.integers(0, 5, 3)} | {f"noise{int(rng.integers(200))}"}
        terms = tuple(sorted((word, int(rng.integers(1, 4))) for word in picked))
        signatures.append(dataclasses.replace(signature, terms=terms))
    return signatures


def test_a_resumed_clusterer_carries_on_exactly_like_the_original():
    stream = stream_with_words(400, seed=5)
    whole = StoryClusterer(**SETTINGS)
    expected = [whole.add(s) for s in stream[:230]]
    whole.take_closed()
    splits_before = whole.take_splits()
    expected += [whole.add(s) for s in stream[230:]]
    head = StoryClusterer(**SETTINGS)
    for s in stream[:230]:
        head.add(s)
    head.take_closed()
    assert splits_before and head.take_splits() == splits_before
    snapshot = decode_snapshot(encode_snapshot(head.snapshot()))
    assert snapshot.member_ids, "the small stories keep their members, to be split later"
    resumed = StoryClusterer(**SETTINGS)
    resumed.resume(snapshot, {s.article_id: s for s in stream[:230]})
    continued = [resumed.add(s) for s in stream[230:]]
    # Exactly: same stories, same scores to the last digit, stories closing at the same moment.
    assert continued == expected[230:]
    assert any(a.opened for a in continued) and any(not a.opened for a in continued)
    closed_after = whole.take_closed()
    assert closed_after and resumed.take_closed() == closed_after
    splits_after = whole.take_splits()
    assert splits_after and resumed.take_splits() == splits_after
    open_whole = {s.story_id: s for s in whole.export_state() if s.open}
    open_resumed = {s.story_id: s for s in resumed.export_state() if s.open}
    assert open_resumed.keys() == open_whole.keys()
    for story_id, state in open_whole.items():
        other = open_resumed[story_id]
        assert (other.size, other.entity_counts, other.terms) == (state.size, state.entity_counts, state.terms)
        np.testing.assert_array_equal(other.centroid, state.centroid)


def test_the_snapshot_holds_only_the_open_stories():
    stream = stream_with_words(300, seed=6)
    c = StoryClusterer(**SETTINGS)
    for s in stream:
        c.add(s)
    c.take_closed()
    snapshot = c.snapshot()
    assert len(snapshot.stories) == c.open_count < len(c.export_state())
    assert snapshot.articles_seen == len(stream)


def test_damaged_bytes_are_refused_with_a_checkpoint_error():
    good = encode_snapshot(StoryClusterer(**SETTINGS).snapshot())
    for damaged in (b"", good[:-5], b"not zlib at all", zlib.compress(b"[1, 2]"), zlib.compress(b'{"format": 99}')):
        with pytest.raises(CheckpointError):
            decode_snapshot(damaged)


def test_a_snapshot_without_its_members_signatures_is_refused():
    stream = stream_with_words(40, seed=9)
    c = StoryClusterer(**SETTINGS)
    for s in stream:
        c.add(s)
    snapshot = c.snapshot()
    assert snapshot.member_ids
    with pytest.raises(UsageError, match="signature is not given"):
        StoryClusterer(**SETTINGS).resume(snapshot)


def test_only_a_new_clusterer_resumes():
    stream = stream_with_words(20, seed=7)
    used = StoryClusterer(**SETTINGS)
    used.add(stream[0])
    with pytest.raises(UsageError, match="seen no article"):
        used.resume(used.snapshot())


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
def test_any_bytes_decode_or_raise_a_checkpoint_error(data):
    try:
        snapshot = decode_snapshot(data)
    except CheckpointError:
        return
    StoryClusterer(**SETTINGS).resume(snapshot)  # what decodes is usable


@settings(max_examples=100, deadline=None)
@given(cut=st.integers(0, 10_000), flip=st.integers(0, 255))
def test_a_damaged_real_checkpoint_is_refused_or_still_usable(cut, flip):
    """Damage a real checkpoint's JSON (one byte changed) and compress it again: no other error escapes."""
    stream = stream_with_words(60, seed=8)
    c = StoryClusterer(**SETTINGS)
    for s in stream:
        c.add(s)
    document = bytearray(zlib.decompress(encode_snapshot(c.snapshot())))
    document[cut % len(document)] = flip
    try:
        snapshot = decode_snapshot(zlib.compress(bytes(document)))
    except CheckpointError:
        return
    resumed = StoryClusterer(**SETTINGS)
    try:
        resumed.resume(snapshot)
    except UsageError:  # a snapshot that decodes but does not fit together: the ingest replays instead
        return
