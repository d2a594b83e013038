"""Metadata on the project's fictional sample story, checked against its answer key."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from newsweave.clean import clean_story
from newsweave.config import DEFAULT_SETTINGS
from newsweave.metadata import build_articles
from newsweave.model import Article
from newsweave.sources import load_inputs

REPO = Path(__file__).resolve().parents[3]
STORY = REPO / "examples" / "sample-story"
ANSWER_KEY = json.loads((REPO / "tests" / "golden" / "answer_key.json").read_text(encoding="utf-8"))


def file_name(article: Article) -> str:
    # "aurvik-post.jsonl:1" names a line of a JSONL file.
    return Path(re.sub(r":\d+$", "", article.path)).name


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    loaded = load_inputs([str(STORY)], DEFAULT_SETTINGS)
    assert loaded.problems == ()
    built = build_articles(loaded.documents, clean_story([document.text for document in loaded.documents]))
    return {file_name(article): article for article in built}


def test_every_sample_file_is_an_article(articles: dict[str, Article]) -> None:
    assert set(articles) == set(ANSWER_KEY["sources"])


@pytest.mark.parametrize("name", sorted(ANSWER_KEY["sources"]))
def test_outlet_matches_the_answer_key(articles: dict[str, Article], name: str) -> None:
    assert articles[name].outlet == ANSWER_KEY["sources"][name]["outlet"]
    assert articles[name].outlet_evidence


@pytest.mark.parametrize("name", sorted(ANSWER_KEY["sources"]))
def test_date_matches_the_answer_key(articles: dict[str, Article], name: str) -> None:
    expected = ANSWER_KEY["sources"][name]["published"]
    if expected is None:
        # The Klaxon gives no date of its own and borrows the story's.
        assert articles[name].date_evidence == "story"
    else:
        assert articles[name].published == dt.date.fromisoformat(expected)


def test_courier_day_first_date_is_chosen_by_the_story(articles: dict[str, Article]) -> None:
    courier = articles["kestrelmouth-courier.txt"]
    assert courier.published == dt.date(2024, 6, 11)
    assert courier.date_evidence == "dateline (day-first, chosen by story dates)"


def test_courier_outlet_takes_the_article_its_own_text_uses(articles: dict[str, Article]) -> None:
    evidence = articles["kestrelmouth-courier.txt"].outlet_evidence
    assert evidence is not None and "All rights reserved" in evidence and "'The Courier'" in evidence


def test_story_runs_over_the_answer_keys_dates(articles: dict[str, Article]) -> None:
    dates = [article.published for article in articles.values() if article.published is not None]
    story = ANSWER_KEY["story"]
    assert (min(dates), max(dates)) == (
        dt.date.fromisoformat(story["first_published"]),
        dt.date.fromisoformat(story["last_published"]),
    )


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        ("harbourline-wire.txt", "Kestrelmouth's Merrow Sound Bridge shut"),
        ("kestrelmouth-courier.txt", "'The whole road just dropped'"),
        ("the-klaxon.txt", "BRIDGE OF TERROR"),
        ("national-ledger.html", "Merrow Sound Bridge failure puts"),
        ("npb-news.json", "Merrow Sound Bridge to reopen to buses tomorrow"),
        ("aurvik-post.jsonl", "Bridge accident in Kestrelmouth"),
    ],
)
def test_title_is_the_headline_and_not_repeated_in_the_body(articles: dict[str, Article], name: str, opening: str) -> None:
    article = articles[name]
    assert article.title is not None and article.title.startswith(opening)
    assert article.title not in article.text.split("\n\n")
    # No masthead or site label is left at the top of the body.
    assert article.text.split("\n\n")[0].endswith((".", '"', "”"))
