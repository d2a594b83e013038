"""Publication dates: field formats, datelines, year completion and borrowing from the story."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.metadata import build_articles
from newsweave.metadata.dates import parse_date_field
from newsweave.model import Article, CleanText, RawDocument

DAY = dt.date(2022, 3, 28)
BODY = "Negotiators met in the capital to discuss a ceasefire, officials said."


def build(*documents: RawDocument) -> list[Article]:
    return build_articles(documents, [CleanText(document.text, ()) for document in documents])


def document(text: str = BODY, published: str | None = None) -> RawDocument:
    return RawDocument(path="in/9c1e77a0b3d2f4e5.txt", text=text, format="text", published=published)


@pytest.mark.parametrize(
    "value",
    [
        "2022-03-28",
        "2022-03-28T23:30:00-05:00",
        "Mon, 28 Mar 2022 13:56:00 +0300",
        "28 March 2022",
        "March 28, 2022 5:28 PM",
        "03/28/2022",
        "1648465200",
    ],
)
def test_date_field_formats(value: str) -> None:
    assert parse_date_field(value) == DAY


@pytest.mark.parametrize("value", ["", "   ", "soon", "March 2022", "2022", "March 28", "31/02/2022", "99999999999999"])
def test_incomplete_or_unreadable_field_gives_no_date(value: str) -> None:
    assert parse_date_field(value) is None


def test_field_wins_over_dateline() -> None:
    (article,) = build(document(f"MOSCOW, March 28 (Reuters) - {BODY}", published="2022-04-01"))
    assert (article.published, article.date_evidence) == (dt.date(2022, 4, 1), "field")


def test_unreadable_field_falls_back_to_dateline() -> None:
    (article,) = build(document(f"03/28/2022 13:56\n{BODY}", published="not a date"))
    assert (article.published, article.date_evidence) == (DAY, "dateline")


@pytest.mark.parametrize(
    "text",
    [
        f"03/28/2022 13:56 (act 03/28/2022 13:56)\n{BODY}",
        f" date 2022-03-28 This site uses cookies to personalise content.\n{BODY}",
        f"28 March 2022\n\n{BODY}",
        f"Mar 28, 2022\n\n{BODY}",
        f"Published: Monday, March 28, 2022\n\n{BODY}",
        f"28.03.2022 10:15\n\n{BODY}",
        f"KYIV, March 28, 2022 (Reuters) - {BODY}",
        f"Headline about the talks\n\nMarch 28 (Reuters) - {BODY} Troops crossed the border on Feb. 24, 2022.",
    ],
)
def test_dateline_in_raw_text(text: str) -> None:
    (article,) = build(document(text))
    assert (article.published, article.date_evidence) == (DAY, "dateline")


def test_date_inside_prose_or_caption_is_not_a_dateline() -> None:
    text = f"Officials take part in talks in the border region on February 28, 2022. (Photo by Reuters)\n\n{BODY}"
    (article,) = build(document(text))
    assert (article.published, article.date_evidence) == (None, None)


def test_yearless_dateline_takes_the_year_of_a_nearby_full_date_in_its_text() -> None:
    text = f"January 2 (Reuters) - {BODY}\n\nThe previous round ended on December 30, 2021."
    (article,) = build(document(text))
    assert (article.published, article.date_evidence) == (dt.date(2022, 1, 2), "dateline")


def test_yearless_dateline_takes_the_year_from_the_story() -> None:
    articles = build(document(f"March 28 (Reuters) - {BODY}"), document(published="2022-03-27"))
    assert (articles[0].published, articles[0].date_evidence) == (DAY, "dateline")


def test_yearless_dateline_with_no_year_anywhere_gives_no_date() -> None:
    (article,) = build(document(f"March 28 (Reuters) - {BODY}"))
    assert article.published is None


def test_article_without_a_date_borrows_the_most_common_story_date() -> None:
    other_day = dt.date(2022, 3, 27)
    articles = build(
        document(published="2022-03-28"),
        document(published="2022-03-27"),
        document(f"03/28/2022 13:56\n{BODY}"),
        document(),
    )
    assert [article.published for article in articles] == [DAY, other_day, DAY, DAY]
    assert [article.date_evidence for article in articles] == ["field", "field", "dateline", "story"]


def test_borrowing_between_equally_common_dates_takes_the_earliest() -> None:
    articles = build(document(published="2022-03-28"), document(published="2022-03-27"), document())
    assert articles[2].published == dt.date(2022, 3, 27)


def test_no_date_anywhere_is_never_invented() -> None:
    articles = build(document(), document("Another report without any date in it, officials said."))
    assert [(article.published, article.date_evidence) for article in articles] == [(None, None), (None, None)]
