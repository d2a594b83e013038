"""Ambiguous slashed dates ("04/05/2023"): settled by the text, the story, then conventions."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.metadata import build_articles
from newsweave.metadata.date_order import choose_reading
from newsweave.metadata.dates import ambiguous_field_date, parse_date_field, parse_date_text
from newsweave.model import Article, CleanText, RawDocument

BODY = "The ferry operator added night sailings after the causeway closed, officials said."
BRITISH_BODY = "Mr Example said the crack, about 30 centimetres long, was found at 9.40pm near the harbour."
US_BODY = "Mr. Example said the crack, about 30 centimeters long, was found near the harbor."
DAY_FIRST = dt.date(2023, 5, 4)
MONTH_FIRST = dt.date(2023, 4, 5)


def document(text: str = BODY, published: str | None = None) -> RawDocument:
    return RawDocument(path="in/5d1e0c9ab27f4e31.txt", text=text, format="text", published=published)


def build(*documents: RawDocument) -> list[Article]:
    return build_articles(documents, [CleanText(document.text, ()) for document in documents])


def test_slashed_date_with_both_numbers_up_to_twelve_is_marked_ambiguous() -> None:
    parsed = parse_date_text("04/05/2023")
    assert parsed is not None and parsed.ambiguous
    assert (parsed.complete(), parsed.day_first().complete()) == (MONTH_FIRST, DAY_FIRST)


@pytest.mark.parametrize("value", ["03/28/2022", "28/03/2022", "05/05/2023"])
def test_slashed_date_that_reads_only_one_way_is_not_ambiguous(value: str) -> None:
    parsed = parse_date_text(value)
    assert parsed is not None and not parsed.ambiguous


def test_unambiguous_us_stamp_still_reads_month_first() -> None:
    (article,) = build(document(f"03/28/2022 13:56 (act 03/28/2022 13:56)\n{BODY}"))
    assert (article.published, article.date_evidence) == (dt.date(2022, 3, 28), "dateline")


def test_story_dates_choose_the_day_first_reading() -> None:
    articles = build(document(f"Published 04/05/2023 18:05\n\n{BODY}"), document(published="2023-05-04"), document(published="2023-05-05"))
    assert articles[0].published == DAY_FIRST
    assert articles[0].date_evidence == "dateline (day-first, chosen by story dates)"


def test_story_dates_choose_the_month_first_reading() -> None:
    articles = build(document(f"Published 04/05/2023 18:05\n\n{BRITISH_BODY}"), document(published="2023-04-06"))
    # Story dates outrank the British cues in the text: they say which day this story is about.
    assert articles[0].published == MONTH_FIRST
    assert articles[0].date_evidence == "dateline (month-first, chosen by story dates)"


def test_the_texts_own_unambiguous_slashed_date_fixes_the_order() -> None:
    text = f"Published 04/05/2023 09:00 | Updated 25/05/2023 10:00\n\n{US_BODY}"
    articles = build(document(text), document(published="2023-04-05"))
    # "25/05/2023" can only be day first, so the text writes dates day first.
    assert articles[0].published == DAY_FIRST
    assert articles[0].date_evidence == "dateline (day-first, chosen by the text's other slashed dates)"


def test_without_story_dates_british_conventions_mean_day_first() -> None:
    (article,) = build(document(f"Published 04/05/2023 18:05\n\n{BRITISH_BODY}"))
    assert article.published == DAY_FIRST
    assert article.date_evidence == "dateline (day-first, chosen by British/European conventions in the text)"


@pytest.mark.parametrize("body", [US_BODY, BODY])
def test_without_story_dates_or_british_conventions_month_first_is_the_default(body: str) -> None:
    (article,) = build(document(f"Published 04/05/2023 18:05\n\n{body}"))
    assert article.published == MONTH_FIRST
    assert article.date_evidence is not None and article.date_evidence.startswith("dateline (month-first, by default")


def test_ambiguous_date_field_is_settled_like_a_dateline() -> None:
    assert ambiguous_field_date("04/05/2023 18:05") is not None
    assert ambiguous_field_date("2023-04-05") is None and ambiguous_field_date("03/28/2022") is None
    articles = build(document(published="04/05/2023 18:05"), document(published="2023-05-03"))
    assert (articles[0].published, articles[0].date_evidence) == (DAY_FIRST, "field (day-first, chosen by story dates)")
    # The plain field parser keeps its documented month-first reading.
    assert parse_date_field("04/05/2023") == MONTH_FIRST


def test_an_undated_article_borrows_the_settled_date() -> None:
    articles = build(document(f"Published 04/05/2023 18:05\n\n{BRITISH_BODY}"), document())
    assert [article.published for article in articles] == [DAY_FIRST, DAY_FIRST]
    assert articles[1].date_evidence == "story"


def test_equal_distance_to_story_dates_falls_back_to_conventions() -> None:
    parsed = parse_date_text("04/05/2023")
    assert parsed is not None
    # 2023-04-20 lies 15 days from 5 April and 14 from 4 May; with 2023-04-19 the sums tie.
    choice = choose_reading(parsed, BRITISH_BODY, [dt.date(2023, 4, 20), dt.date(2023, 4, 19)])
    assert choice is not None
    assert (choice.date, choice.evidence) == (DAY_FIRST, "day-first, chosen by British/European conventions in the text")
