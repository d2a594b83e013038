"""Metadata on the five real seed reports: outlets from self-identification only, dates, titles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsweave.clean import clean_story
from newsweave.metadata import build_articles
from newsweave.model import Article, RawDocument

SEEDS = Path(__file__).resolve().parents[3] / ".." / "shared" / "seeds"
STORY_DATE = dt.date(2022, 3, 28)


def load_seed(path: Path) -> RawDocument:
    return RawDocument(str(path), path.read_text(encoding="utf-8"), "text")


@pytest.fixture(scope="module")
def documents() -> list[RawDocument]:
    return [load_seed(path) for path in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def articles(documents: list[RawDocument]) -> dict[str, Article]:
    built = build_articles(documents, clean_story([document.text for document in documents]))
    return {Path(article.path).name.split("_", 1)[0]: article for article in built}


def first_line(document: RawDocument) -> str:
    return next(line.strip() for line in document.text.splitlines() if line.strip())


def test_ids_follow_input_order(documents: list[RawDocument], articles: dict[str, Article]) -> None:
    assert [article.id for article in articles.values()] == ["S1", "S2", "S3", "S4", "S5"]
    assert [article.path for article in articles.values()] == [document.path for document in documents]


def test_wire_report_is_reuters_from_its_dateline(articles: dict[str, Article]) -> None:
    article = articles["000"]
    assert article.outlet == "Reuters"
    assert article.outlet_evidence is not None and "(Reuters)" in article.outlet_evidence


def test_press_tv_report_is_press_tv_not_the_agency_it_cites(articles: dict[str, Article]) -> None:
    article = articles["004"]
    assert article.outlet == "Press TV"
    assert article.outlet_evidence is not None and article.outlet_evidence.startswith("text:")


@pytest.mark.parametrize("prefix", ["001", "002", "003"])
def test_reports_without_self_identification_get_no_outlet(articles: dict[str, Article], prefix: str) -> None:
    # 002 credits a Reuters photo and cites Interfax; neither makes it that outlet, and the
    # hash-like file names are not names.
    assert articles[prefix].outlet is None
    assert articles[prefix].outlet_evidence is None


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_seeds_with_a_dateline_resolve_to_the_story_day(articles: dict[str, Article], prefix: str) -> None:
    assert articles[prefix].published == STORY_DATE
    assert articles[prefix].date_evidence == "dateline"


@pytest.mark.parametrize("prefix", ["001", "004"])
def test_seeds_without_a_dateline_borrow_the_story_date(articles: dict[str, Article], prefix: str) -> None:
    # 004's caption mentions "February 28, 2022": a date inside prose is not a dateline.
    assert articles[prefix].published == STORY_DATE
    assert articles[prefix].date_evidence == "story"


def test_wire_report_title_is_its_first_line_and_leaves_the_body(
    documents: list[RawDocument], articles: dict[str, Article]
) -> None:
    article = articles["000"]
    assert article.title == first_line(documents[0])
    assert article.title not in article.text.split("\n\n")
    assert article.text.startswith("March 28 (Reuters) -")


def test_press_tv_title_is_its_first_line_under_the_section_label(articles: dict[str, Article]) -> None:
    article = articles["004"]
    removed_texts = {removed.text for removed in article.removed}
    document = load_seed(Path(article.path))
    first_content_line = next(
        line.strip() for line in document.text.splitlines() if line.strip() and line.strip() not in removed_texts
    )
    assert article.title == first_content_line
    assert article.title not in article.text


def test_repeated_headline_is_gone_from_the_body(articles: dict[str, Article]) -> None:
    article = articles["001"]
    assert article.title is not None
    assert article.title not in article.text


def test_report_without_a_headline_line_gets_no_title(articles: dict[str, Article]) -> None:
    assert articles["002"].title is None


def test_cleaner_output_is_carried_over(articles: dict[str, Article]) -> None:
    reasons = {removed.reason for removed in articles["004"].removed}
    assert {"share widget", "site promo", "bare link"} <= reasons
