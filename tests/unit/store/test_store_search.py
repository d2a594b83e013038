"""Full-text search: relevant articles first, the match shown in a snippet, no query can break it.

Every test here runs on both backends: what a query finds is pinned alike on SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest

from newsweave.errors import UsageError
from newsweave.store import StoreError
from newsweave.store.base import MATCH_CLOSE, MATCH_OPEN
from newsweave.store.search_terms import MAX_QUERY_WORDS, STOP_WORDS, match_expression, query_words

from .conftest import make_article

FILLER = "Officials met for several hours and released a statement afterwards. " * 6


@pytest.fixture
def news(store):
    store.add_article(make_article("passing", title="Markets today", text=f"{FILLER} A ceasefire was mentioned once."))
    store.add_article(
        make_article("focused", title="Ceasefire agreed", text="The ceasefire begins at noon. The ceasefire holds.")
    )
    store.add_article(make_article("unrelated", title="Football results", text="The home side won 3-1 on Sunday."))
    store.add_article(make_article("accents", title="Café owners protest", text="Protesters gathered in Zürich."))
    return store


def test_the_most_relevant_article_ranks_first(news):
    hits = news.search("ceasefire")
    assert [hit.article_id for hit in hits] == ["focused", "passing"]
    assert [hit.rank for hit in hits] == [1, 2]
    assert hits[0].score > hits[1].score
    assert hits[0].title == "Ceasefire agreed" and hits[0].outlet == "Example Outlet"


def test_the_snippet_shows_the_matched_word(news):
    [hit] = news.search("noon")
    assert hit.article_id == "focused"
    assert f"{MATCH_OPEN}noon{MATCH_CLOSE}" in hit.snippet
    assert "ceasefire begins at" in hit.snippet


def test_every_word_must_be_present(news):
    assert news.search("ceasefire football") == []
    assert [hit.article_id for hit in news.search("football SUNDAY")] == ["unrelated"]
    assert [hit.article_id for hit in news.search("ceasefire noon")] == ["focused"]  # one in the title is enough
    assert [hit.article_id for hit in news.search("agreed holds")] == ["focused"]  # title and body together


def test_words_match_their_other_forms(store):
    store.add_article(make_article("strikes", title="Dock workers walk out", text="The strikes spread to three ports."))
    store.add_article(make_article("striking", title=None, text="Nurses were striking for a second day."))
    store.add_article(make_article("other", title=None, text="A stroke of luck for the harbour."))
    assert sorted(hit.article_id for hit in store.search("strike")) == ["strikes", "striking"]
    assert [hit.article_id for hit in store.search("STRIKES ports")] == ["strikes"]
    [hit] = store.search("strike port")
    assert f"{MATCH_OPEN}strikes{MATCH_CLOSE}" in hit.snippet


def test_stop_words_alone_find_nothing_and_are_ignored_beside_other_words(news):
    assert news.search("the") == []
    assert news.search("The AND or, not: of!") == []
    assert [hit.article_id for hit in news.search("the ceasefire")] == [hit.article_id for hit in news.search("ceasefire")]


def test_words_split_at_punctuation_find_the_same_articles(store):
    store.add_article(make_article("covid", title="Covid-19 rules eased", text="Mask rules end on 4.5.2024 at noon."))
    for query in ("covid 19", "Covid-19", "covid-19 rules", "4 5 2024", "4.5.2024"):
        assert [hit.article_id for hit in store.search(query)] == ["covid"], query


def test_accents_and_case_do_not_matter(news):
    assert [hit.article_id for hit in news.search("cafe zurich")] == ["accents"]


def test_the_limit_caps_the_hits(news):
    assert [hit.article_id for hit in news.search("ceasefire", limit=1)] == ["focused"]
    with pytest.raises(UsageError, match="limit"):
        news.search("ceasefire", limit=0)


def test_search_sees_articles_added_in_the_same_transaction_and_forgets_rolled_back_ones(store):
    class Abort(Exception):
        pass

    with pytest.raises(Abort):
        with store.transaction():
            store.add_article(make_article("gone", text="A volcano erupted."))
            assert [hit.article_id for hit in store.search("volcano")] == ["gone"]
            raise Abort
    assert store.search("volcano") == []


HOSTILE_QUERIES = [
    '"unbalanced',
    "-",
    "OR",
    "ceasefire OR",
    "NEAR(",
    "NEAR(ceasefire noon",
    "title:ceasefire",
    "*",
    "ceasefire*",
    "AND NOT",
    "(((",
    "''",
    "🕊️🔥",
    "\x00",
    "\ud800 lone surrogate",
    "",
    "   ",
    "ceasefire " * 2000,  # 20 KB
    "x" * 10_000,
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_fail(news, query):
    hits = news.search(query)
    assert all(hit.article_id in {"focused", "passing", "unrelated", "accents"} for hit in hits)


def test_operators_are_searched_as_plain_words(store):
    store.add_article(make_article("a", title=None, text="Either this or that happened near the border."))
    assert store.search("OR") == []  # a stop word, not an operator
    assert [hit.article_id for hit in store.search("NEAR")] == ["a"]
    assert [hit.article_id for hit in store.search('NEAR("border')] == ["a"]
    assert [hit.article_id for hit in store.search("-border")] == ["a"]
    assert [hit.article_id for hit in store.search("border & !near | <->")] == ["a"]  # PostgreSQL's operators


def test_a_query_that_is_not_text_is_a_usage_error(news):
    with pytest.raises(UsageError, match="must be text"):
        news.search(None)  # type: ignore[arg-type]


def test_a_closed_store_says_so(database):
    store = database.open()
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.search("anything")


def test_the_match_expression_quotes_each_word_once_and_caps_their_number():
    assert match_expression('Ceasefire "OR ceasefire NEAR(') == '"ceasefire" "near"'
    assert match_expression("-- !! 🕊️") is None
    assert match_expression("the of AND") is None
    many = " ".join(f"word{number}" for number in range(100))
    assert match_expression(many).count('"') == 2 * MAX_QUERY_WORDS
    assert query_words("the " * 100 + "harbour") == ["harbour"]  # stop words do not use up the cap


def test_the_stop_words_are_postgresqls_english_list():
    assert len(STOP_WORDS) == 127 and {"the", "or", "and", "not", "near"} & STOP_WORDS == {"the", "or", "and", "not"}
