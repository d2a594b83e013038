"""A restart resumes from the saved clustering checkpoint: same stories as one run, without replaying the corpus."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

from newsweave.config import DEFAULT_SETTINGS
from newsweave.pipeline import Ingestor
from newsweave.pipeline.ingest import BATCH_SIZE, STORY_CHECKPOINT
from newsweave.store import SQLiteStore, StoredCheckpoint
from newsweave.stories import decode_snapshot, encode_snapshot

from .synthetic import corpus_documents

REPO_ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from generate_corpus import generate  # noqa: E402  (the benchmark's own generator: invented text)

SETTINGS = dataclasses.replace(DEFAULT_SETTINGS, story_checkpoint_articles=40)


class CountingStore(SQLiteStore):
    """Counts the signatures a restart reads back."""

    replayed = 0

    def load_signatures(self, since=None, after_article=None):
        for signature in super().load_signatures(since, after_article):
            self.replayed += 1
            yield signature


@pytest.fixture(scope="module")
def documents():
    return corpus_documents(generate(260, seed=23))


@pytest.fixture(scope="module")
def one_run(documents, tmp_path_factory):
    with SQLiteStore(tmp_path_factory.mktemp("one") / "one.db") as store:
        Ingestor(store, SETTINGS).ingest(documents)
        return {a.id: a.story_id for a in store.iter_articles()}


def _in_three_runs(documents, path, between=None):
    for end in (90, 180, len(documents)):
        with CountingStore(path) as store:
            ingestor = Ingestor(store, SETTINGS)
            replayed = store.replayed
            if between is not None:
                between(store)
            ingestor.ingest(documents[:end])
    with SQLiteStore(path) as store:
        return {a.id: a.story_id for a in store.iter_articles()}, replayed


def test_a_restart_resumes_from_the_checkpoint_and_gives_the_same_stories(documents, one_run, tmp_path):
    stories, replayed = _in_three_runs(documents, tmp_path / "three.db")
    assert stories == one_run
    # The last restart read at most what was stored after the checkpoint, not the 180 articles before it.
    assert replayed < SETTINGS.story_checkpoint_articles + BATCH_SIZE < 180
    with SQLiteStore(tmp_path / "three.db") as store:
        assert store.get_checkpoint(STORY_CHECKPOINT) is not None


def test_a_damaged_checkpoint_costs_a_replay_not_the_stories(documents, one_run, tmp_path):
    path = tmp_path / "damaged.db"
    with SQLiteStore(path) as store:
        Ingestor(store, SETTINGS).ingest(documents[:120])
        kept = store.get_checkpoint(STORY_CHECKPOINT)
        store.save_checkpoint(dataclasses.replace(kept, data=b"garbage"))
        stored = sum(1 for _ in store.load_signatures())
    with CountingStore(path) as store:
        ingestor = Ingestor(store, SETTINGS)
        assert store.replayed == stored  # the shortcut is lost: every signature replayed
        ingestor.ingest(documents)
    with SQLiteStore(path) as store:
        assert {a.id: a.story_id for a in store.iter_articles()} == one_run


def test_a_checkpoint_made_with_other_settings_is_not_resumed(documents, tmp_path):
    path = tmp_path / "settings.db"
    with SQLiteStore(path) as store:
        Ingestor(store, SETTINGS).ingest(documents[:120])
        stored = sum(1 for _ in store.load_signatures())
    other = dataclasses.replace(SETTINGS, story_join_threshold=0.5)
    with CountingStore(path) as store:
        Ingestor(store, other)
        assert store.replayed == stored  # everything replayed with the new settings
        assert isinstance(store.get_checkpoint(STORY_CHECKPOINT), StoredCheckpoint)


def test_a_checkpoint_whose_vectors_do_not_fit_the_corpus_is_replayed_past(documents, one_run, tmp_path):
    path = tmp_path / "dimension.db"
    with SQLiteStore(path) as store:
        Ingestor(store, SETTINGS).ingest(documents[:120])
        kept = store.get_checkpoint(STORY_CHECKPOINT)
        snapshot = decode_snapshot(kept.data)
        shorter = [dataclasses.replace(story, vector_sum=story.vector_sum[:7]) for story in snapshot.stories]
        assert shorter  # the checkpoint holds open stories to damage
        damaged = encode_snapshot(dataclasses.replace(snapshot, stories=tuple(shorter)))
        store.save_checkpoint(dataclasses.replace(kept, data=damaged))
        stored = sum(1 for _ in store.load_signatures())
    with CountingStore(path) as store:
        ingestor = Ingestor(store, SETTINGS)
        assert store.replayed == stored + 1  # one signature read to check the length, then all replayed
        ingestor.ingest(documents)
    with SQLiteStore(path) as store:
        assert {a.id: a.story_id for a in store.iter_articles()} == one_run


def test_an_ingest_command_ends_with_a_checkpoint_so_the_next_run_replays_nothing(tmp_path):
    from newsweave.pipeline import ingest_sources

    corpus = tmp_path / "few.jsonl"
    records = generate(30, seed=29)  # fewer than a checkpoint interval
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with SQLiteStore(tmp_path / "few.db") as store:
        ingest_sources([str(corpus)], store, SETTINGS)
        assert store.get_checkpoint(STORY_CHECKPOINT) is not None
    with CountingStore(tmp_path / "few.db") as store:
        Ingestor(store, SETTINGS)
        assert store.replayed == 1  # the one signature read to check the vectors' length
