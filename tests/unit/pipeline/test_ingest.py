"""Ingest into the corpus database: idempotent, copies folded, stories grown, resumable."""

from __future__ import annotations

import json

import pytest

from newsweave.model import RawDocument
from newsweave.pipeline import Ingestor, brief_story
from newsweave.sources import load_inputs
from newsweave.store import open_store

from .synthetic import REPO_ROOT, corpus_documents, generate


@pytest.fixture(scope="module")
def corpus():
    return generate(300, seed=11)


def test_everything_is_stored_once_and_reingesting_adds_nothing(tmp_path, corpus):
    documents = corpus_documents(corpus)
    with open_store(str(tmp_path / "c.db")) as store:
        first = Ingestor(store).ingest(documents)
        assert first.added == len(corpus) and first.failed == ()
        again = Ingestor(store).ingest(documents)
        assert again.added == 0 and again.duplicates == len(corpus)
        assert store.count() == len(corpus)


def test_copies_are_folded_into_their_origin_story(tmp_path, corpus):
    with open_store(str(tmp_path / "c.db")) as store:
        report = Ingestor(store).ingest(corpus_documents(corpus))
        gold_copies = {r["id"]: r["copy_of"] for r in corpus if r["copy_of"]}
        found = {a.id: a.copy_of for a in store.iter_articles() if a.copy_of}
        # Every planted wire copy is found; a copy's story is its origin's story.
        assert set(gold_copies) <= set(found)
        assert report.copies == len(found)
        for copy_id, origin_id in found.items():
            assert store.get_article(copy_id).story_id == store.get_article(origin_id).story_id


def test_stories_follow_the_planted_events(tmp_path, corpus):
    with open_store(str(tmp_path / "c.db")) as store:
        Ingestor(store).ingest(corpus_documents(corpus))
        gold = {r["id"]: r["event"] for r in corpus}
        stories = store.list_stories()
        # Purity: most stories hold one planted event.
        pure = sum(1 for s in stories if len({gold[a] for a in s.article_ids}) == 1)
        assert pure / len(stories) >= 0.9
        assert abs(len(stories) - len(set(gold.values()))) <= len(set(gold.values())) * 0.3


def test_resuming_gives_the_same_stories_as_one_run(tmp_path, corpus):
    documents = corpus_documents(corpus)
    with open_store(str(tmp_path / "one.db")) as store:
        Ingestor(store).ingest(documents)
        one_run = {a.id: a.story_id for a in store.iter_articles()}
    with open_store(str(tmp_path / "two.db")) as store:
        Ingestor(store).ingest(documents[:130])
    with open_store(str(tmp_path / "two.db")) as store:  # a new process would rebuild its state the same way
        Ingestor(store).ingest(documents)
        resumed = {a.id: a.story_id for a in store.iter_articles()}
    assert resumed == one_run


def test_bad_documents_are_reported_and_the_rest_stored(tmp_path, corpus):
    documents = corpus_documents(corpus[:20]) + [RawDocument(path="tiny.txt", text="Share this article", format="text")]
    with open_store(str(tmp_path / "c.db")) as store:
        report = Ingestor(store).ingest(documents)
    assert report.added == 20
    assert [p.input for p in report.failed] == ["tiny.txt"] and "not an article" in report.failed[0].problem


BRIEF = "Police arrested two men after a robbery at a jewellery shop in Kestrelmouth on Tuesday, officers said."


def _brief(path: str, outlet: str | None, article_id: str | None, text: str = BRIEF) -> RawDocument:
    return RawDocument(path=path, text=text, format="text", outlet=outlet, external_id=article_id)


def test_no_article_is_left_out(tmp_path):
    documents = [
        _brief("brief.txt", "Harbour Wire", "b1"),  # a news brief of 17 words: short, and news
        _brief("other-outlet.txt", "Valley Post", "b2"),  # the same text from another outlet
        _brief("again.txt", "Harbour Wire", "b1"),  # the first one given again
        _brief("widget.txt", None, None, text="Share this article"),  # page debris, not an article
    ]
    with open_store(str(tmp_path / "c.db")) as store:
        report = Ingestor(store).ingest(documents)
        assert (report.added, report.copies, report.duplicates) == (2, 1, 1)
        assert [p.input for p in report.failed] == ["widget.txt"]
        stored = {a.id: a for a in store.iter_articles()}
        assert set(stored) == {"b1", "b2"}
        assert (stored["b2"].outlet, stored["b2"].copy_of) == ("Valley Post", "b1")
        [story] = store.list_stories()
        assert set(story.article_ids) == {"b1", "b2"}  # listed with its story, the copy too
        # Too short to brief: the briefing says why instead of leaving the story silently empty.
        run = brief_story(store, story.id)
        assert run.briefing is None and all("only 17 words" in p.problem for p in run.problems)
        again = Ingestor(store).ingest(documents[1:2])  # the copy given again is a repeat too
        assert (again.added, again.duplicates) == (0, 1)


def test_a_stored_story_is_briefed(tmp_path):
    sample = load_inputs([str(REPO_ROOT / "examples" / "sample-story")]).documents
    with open_store(str(tmp_path / "c.db")) as store:
        Ingestor(store).ingest(sample)
        biggest = max(store.list_stories(), key=lambda s: len(s.article_ids))
        run = brief_story(store, biggest.id)
    assert run.briefing is not None and len(run.briefing.sources) == len(biggest.article_ids)
    assert run.briefing.summary


def test_export_is_lossless(tmp_path, corpus):
    with open_store(str(tmp_path / "c.db")) as store:
        Ingestor(store).ingest(corpus_documents(corpus[:30]))
        rows = list(store.export_rows())
    by_id = {r["id"]: r for r in corpus[:30]}
    assert len(rows) == 30
    for row in rows:
        json.dumps(row)
        assert row["raw_text"] == by_id[row["id"]]["text"]
        assert row["url"] == by_id[row["id"]]["url"]
