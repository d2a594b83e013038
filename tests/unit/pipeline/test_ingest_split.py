"""Splits reach the corpus: moved articles and their copies change story, both stories show what they hold,
nothing is lost, and a restart gives the same stories as one run."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from newsweave.config import DEFAULT_SETTINGS
from newsweave.pipeline import Ingestor
from newsweave.store import SQLiteStore

from .synthetic import corpus_documents
from .test_ingest_restart import CountingStore, generate

# Splits far more eager than shipped, so that the invented corpus has several to check.
SPLITTING = dataclasses.replace(DEFAULT_SETTINGS, story_split_threshold=0.8, story_checkpoint_articles=40)


@pytest.fixture(scope="module")
def documents():
    records = generate(200, seed=31)
    # A few texts again under another outlet and id: copies, which must follow their origin when it moves.
    copies = [dict(r, id=f"{r['id']}-again", outlet="Another Wire", url=f"{r['url']}?again") for r in records[::9]]
    return corpus_documents(records + copies)


@pytest.fixture(scope="module")
def one_run(documents, tmp_path_factory):
    path = tmp_path_factory.mktemp("split") / "one.db"
    with SQLiteStore(path) as store:
        report = Ingestor(store, SPLITTING).ingest(documents)
        articles = list(store.iter_articles())
        stories = {story.id: story for story in store.list_stories()}
        story_articles = {story_id: store.story_articles(story_id) for story_id in stories}
    return report, articles, stories, story_articles


def test_splits_happen_and_are_counted(one_run):
    report, _, stories, _ = one_run
    assert report.stories_split > 0
    assert "split" in report.summary()
    assert len(stories) == report.stories_opened + report.stories_split


def test_every_article_is_in_exactly_one_story_and_copies_follow_their_origin(one_run, documents):
    _, articles, stories, story_articles = one_run
    assert len(articles) == len(documents)
    assert all(article.story_id in stories for article in articles)
    listed = Counter(article.id for members in story_articles.values() for article in members)
    assert set(listed) == {article.id for article in articles} and set(listed.values()) == {1}
    story_of = {article.id: article.story_id for article in articles}
    copies = [article for article in articles if article.copy_of]
    assert copies
    assert all(story_of[copy.id] == story_of[copy.copy_of] for copy in copies)


def test_each_story_shows_the_dates_and_headline_of_what_it_holds(one_run):
    _, _, stories, story_articles = one_run
    for story_id, members in story_articles.items():
        assert members, story_id
        dates = [article.published for article in members if article.published is not None]
        story = stories[story_id]
        assert (story.first_published, story.last_published) == (min(dates), max(dates)), story_id
        assert story.headline in {article.title for article in members}, story_id


def test_a_restart_gives_the_same_stories_as_one_run(documents, one_run, tmp_path):
    _, articles, _, _ = one_run
    path = tmp_path / "three.db"
    for end in (70, 150, len(documents)):
        with CountingStore(path) as store:
            Ingestor(store, SPLITTING).ingest(documents[:end])
    with SQLiteStore(path) as store:
        assert {a.id: a.story_id for a in store.iter_articles()} == {a.id: a.story_id for a in articles}
