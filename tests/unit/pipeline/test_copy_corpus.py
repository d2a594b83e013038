"""Moving a corpus between stores: everything an ingest left arrives, and ingest carries on alike.

The middle store of the round trip is an SQLite file and a PostgreSQL schema in turn (the
PostgreSQL case skips without a test server, unless NEWSWEAVE_REQUIRE_POSTGRES=1).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from newsweave.errors import UsageError
from newsweave.pipeline import Ingestor
from newsweave.pipeline.copy_corpus import copy_corpus
from newsweave.pipeline.ingest import STORY_CHECKPOINT
from newsweave.store import ArticleStore, StoredBriefing, open_store

from .synthetic import corpus_documents, generate

from ...postgres_server import PostgresServer, postgres_server  # noqa: F401  (a fixture)


@pytest.fixture(scope="module")
def corpus():
    return generate(160, seed=5)


@pytest.fixture(params=["sqlite", "postgres"])
def middle(request, tmp_path) -> Iterator[str]:
    """Where the corpus travels to: a second SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "middle.db")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.fresh_schema() as url:
        yield url


def _state(store: ArticleStore) -> dict[str, object]:
    """Everything a corpus holds, in comparable form."""
    stories = store.list_stories()
    checkpoint = store.get_checkpoint(STORY_CHECKPOINT)
    return {
        "articles": list(store.export_rows()),
        "stories": [(s.id, s.headline, s.first_published, s.last_published, s.status, s.article_ids) for s in stories],
        "open": [
            (s.story_id, s.entities, s.first_published, s.last_published, s.size, None if s.centroid is None else s.centroid.tobytes())
            for s in store.open_story_signatures()
        ],
        "signatures": [(s.article_id, s.vector.tobytes(), s.entities, s.published, s.terms) for s in store.load_signatures()],
        "minhashes": [(m.article_id, bytes(m.minhash)) for m in store.load_minhashes()],
        "briefings": [store.get_briefing(s.id) for s in stories],
        "checkpoint": None if checkpoint is None else (checkpoint.fingerprint, checkpoint.through_article, checkpoint.data),
        "counts": store.counts(),
    }


def test_a_corpus_goes_there_and_back_without_loss_and_ingest_carries_on_alike(tmp_path, corpus, middle):
    first, rest = corpus_documents(corpus[:120]), corpus_documents(corpus[120:])
    with open_store(str(tmp_path / "origin.db")) as origin:
        Ingestor(origin).ingest(first)
        origin_ingestor = Ingestor(origin)
        origin_ingestor.save_checkpoint()
        some_story = origin.list_stories()[0]
        origin.save_briefing(StoredBriefing(some_story.id, some_story.revision, 2, 1, '{"schema": "newsweave.briefing/1"}'))
        before = _state(origin)
        assert before["checkpoint"] is not None and before["counts"].copies > 0  # the corpus has copies to carry

        with open_store(middle) as there, open_store(str(tmp_path / "back.db")) as back:
            report = copy_corpus(origin, there)
            assert (report.articles, report.briefings, report.checkpoint) == (120, 1, True)
            assert report.copies == before["counts"].copies and report.stories == before["counts"].stories
            assert _state(there) == before
            copy_corpus(there, back)
            assert _state(back) == before

            # The copy resumes from the same checkpoint and places new articles as the original does.
            Ingestor(origin).ingest(rest)
            Ingestor(back).ingest(rest)
            assert _state(back)["stories"] == _state(origin)["stories"]


def test_a_copy_goes_only_into_an_empty_corpus(tmp_path, corpus):
    with open_store(str(tmp_path / "a.db")) as source, open_store(str(tmp_path / "b.db")) as target:
        Ingestor(source).ingest(corpus_documents(corpus[:10]))
        Ingestor(target).ingest(corpus_documents(corpus[10:12]))
        with pytest.raises(UsageError, match="not empty"):
            copy_corpus(source, target)
        assert target.count() == 2  # nothing written


def test_signature_vectors_survive_the_trip_bit_for_bit(tmp_path, corpus):
    with open_store(str(tmp_path / "a.db")) as source, open_store(str(tmp_path / "b.db")) as target:
        Ingestor(source).ingest(corpus_documents(corpus[:20]))
        copy_corpus(source, target)
        for mine, theirs in zip(source.load_signatures(), target.load_signatures(), strict=True):
            assert mine.vector.dtype == theirs.vector.dtype and np.array_equal(mine.vector, theirs.vector)
