"""Articles in the store: every field survives, identities are stored once, ids never collide."""

from __future__ import annotations

import datetime as dt
import inspect
from dataclasses import replace
from itertools import islice

import numpy as np
import pytest

from newsweave.errors import InputError, UsageError
from newsweave.model import ArticleSignature
from newsweave.store import ArticleStore, SQLiteStore

from .conftest import FULL_ARTICLE, make_article, make_signature


def test_the_store_of_each_backend_satisfies_the_protocol(database):
    with database.open() as store:
        assert isinstance(store, ArticleStore)
        if database.backend == "sqlite":
            assert isinstance(store, SQLiteStore)
        else:
            from newsweave.store.postgres import PostgresStore

            assert isinstance(store, PostgresStore)


def test_every_article_field_survives_a_reopen(database):
    with database.open() as store:
        outcome = store.add_article(FULL_ARTICLE)
    assert outcome.added and outcome.article_id == FULL_ARTICLE.id
    with database.open() as reopened:
        assert reopened.get_article(FULL_ARTICLE.id) == FULL_ARTICLE


def test_missing_optional_fields_come_back_as_none(store):
    sparse = make_article("a1", url=None, outlet=None, title=None, published=None, removed=())
    store.add_article(sparse)
    assert store.get_article("a1") == replace(sparse, ingested_at=store.get_article("a1").ingested_at)


def test_an_empty_ingest_time_is_filled_with_utc_now(store):
    store.add_article(make_article("a1", ingested_at=""))
    stamped = dt.datetime.fromisoformat(store.get_article("a1").ingested_at)
    assert stamped.utcoffset() == dt.timedelta(0)


def test_signature_and_minhash_round_trip(store):
    signature = make_signature(FULL_ARTICLE.id, seed=3, dim=384)
    minhash = bytes(range(256)) * 4  # about the size of a 128-permutation MinHash
    store.add_article(FULL_ARTICLE, signature, minhash)
    [loaded] = store.load_signatures()
    assert loaded.article_id == FULL_ARTICLE.id
    assert loaded.vector.dtype == np.float32
    np.testing.assert_array_equal(loaded.vector, signature.vector)
    assert loaded.entities == signature.entities and loaded.published == signature.published
    assert loaded.terms == signature.terms and loaded.terms  # the body's words come back with their counts
    [stored_minhash] = store.load_minhashes()
    assert (stored_minhash.article_id, stored_minhash.minhash) == (FULL_ARTICLE.id, minhash)


def test_a_float64_vector_is_stored_as_float32(store):
    vector = np.array([0.1, 0.2, 0.3], dtype=np.float64)
    store.add_article(make_article("a1"), ArticleSignature("a1", vector))
    [loaded] = store.load_signatures()
    np.testing.assert_array_equal(loaded.vector, vector.astype(np.float32))


def test_signatures_can_be_limited_to_recent_dates(store):
    for day, article_id in ((1, "old"), (20, "new")):
        signature = replace(make_signature(article_id), published=dt.date(2024, 3, day))
        store.add_article(make_article(article_id), signature)
    assert [s.article_id for s in store.load_signatures(since=dt.date(2024, 3, 10))] == ["new"]


def test_the_same_identity_twice_is_stored_once(store):
    first = store.add_article(make_article("a1", identity="url:https://x.test/1"))
    again = store.add_article(make_article("other-id", identity="url:https://x.test/1", text="changed"))
    assert first.added and not again.added
    assert again.article_id == again.existing_id == "a1"
    assert store.count() == 1
    assert store.get_article("a1").text == "Body of article a1."
    assert store.get_article("other-id") is None
    assert store.article_id_for_identity("url:https://x.test/1") == "a1"
    assert store.article_id_for_identity("url:https://x.test/2") is None


def test_a_taken_id_gets_a_suffix_and_the_outcome_says_so(store):
    store.add_article(make_article("7", identity="text:aaa"))
    second = store.add_article(make_article("7", identity="text:bbb"), make_signature("7"), b"mh")
    third = store.add_article(make_article("7", identity="text:ccc"))
    assert (second.article_id, second.renamed_from, second.added) == ("7-2", "7", True)
    assert (third.article_id, third.renamed_from) == ("7-3", "7")
    assert store.get_article("7-2").identity == "text:bbb"
    assert store.get_article("7-2").id == "7-2"
    # The signature and MinHash follow the article to its new id.
    assert [s.article_id for s in store.load_signatures()] == ["7-2"]
    assert [m.article_id for m in store.load_minhashes()] == ["7-2"]


def test_a_signature_of_another_article_is_refused(store):
    with pytest.raises(UsageError, match="signature is of article b"):
        store.add_article(make_article("a"), make_signature("b"))
    assert store.count() == 0


def test_a_matrix_instead_of_a_vector_is_refused(store):
    with pytest.raises(UsageError, match="one-dimensional"):
        store.add_article(make_article("a"), ArticleSignature("a", np.ones((2, 3), np.float32)))


def test_an_article_without_identity_is_refused(store):
    with pytest.raises(UsageError, match="identity"):
        store.add_article(make_article("a", identity=""))


def test_a_date_given_as_text_is_refused_with_a_clear_message(store):
    with pytest.raises(UsageError, match="expected a date"):
        store.add_article(make_article("a", published="2024-03-01"))


def test_text_that_is_not_valid_unicode_is_an_input_error_naming_the_input(store):
    broken = make_article("a", text="half a pair: \ud83d", path="bad.jsonl:3")
    with pytest.raises(InputError, match="bad.jsonl:3"):
        store.add_article(broken)
    assert store.count() == 0


def test_an_article_naming_an_unknown_story_is_refused(store):
    with pytest.raises(UsageError, match="no story S9"):
        store.add_article(make_article("a", story_id="S9"))


def test_counts(store):
    store.add_article(make_article("a"))
    store.add_article(make_article("b", copy_of="a"))
    store.create_story("S1", None, None, None)
    store.create_story("S2", None, None, None)
    store.update_story("S2", status="closed")
    counts = store.counts()
    assert (counts.articles, counts.copies, counts.stories, counts.open_stories) == (2, 1, 2, 1)


def test_iterating_thousands_of_articles_streams_them_in_ingest_order(store):
    with store.transaction():
        for number in range(5000):
            store.add_article(make_article(f"n{number}", text=f"short text {number}"))
    articles = store.iter_articles(batch_size=700)
    assert inspect.isgenerator(articles)
    first_ten = [article.id for article in islice(articles, 10)]
    assert first_ten == [f"n{number}" for number in range(10)]
    # A list built up front could not contain an article added after iteration began.
    store.add_article(make_article("late"))
    rest = [article.id for article in articles]
    assert len(rest) == 4991
    assert rest[-2:] == ["n4999", "late"]


def test_iteration_can_start_from_a_date_and_skips_undated_articles(store):
    store.add_article(make_article("old", published=dt.date(2024, 1, 1)))
    store.add_article(make_article("undated", published=None))
    store.add_article(make_article("new", published=dt.date(2024, 2, 1)))
    store.add_article(make_article("same-day", published=dt.date(2024, 1, 15)))
    since = dt.date(2024, 1, 15)
    assert [article.id for article in store.iter_articles(since=since, batch_size=1)] == ["new", "same-day"]


@pytest.mark.parametrize("batch_size", [0, -5, 2.5, True])
def test_a_bad_batch_size_is_refused_at_the_call(store, batch_size):
    with pytest.raises(UsageError, match="batch_size"):
        store.iter_articles(batch_size=batch_size)


def test_an_unknown_article_is_none(store):
    assert store.get_article("nope") is None


def test_looking_up_an_id_that_is_not_valid_unicode_is_a_usage_error(store):
    with pytest.raises(UsageError, match="not valid Unicode"):
        store.get_article("\ud800")
