"""build_articles: ids, titles from the field or the text, carried-over fields, misuse."""

from __future__ import annotations

import pytest

from newsweave.errors import UsageError
from newsweave.metadata import build_articles
from newsweave.model import CleanText, RawDocument, RemovedLine

HEADLINE = "Kremlin says talks could start in Istanbul on Tuesday"
BODY = "The delegations arrived on Monday, officials said.\n\nThe first session starts at ten."


def raw(text: str, **fields: object) -> RawDocument:
    values: dict[str, object] = {"path": "in/1b2c3d4e5f6a7b8c.txt", "text": text, "format": "text", **fields}
    return RawDocument(**values)  # type: ignore[arg-type]


def build_one(cleaned_text: str, **fields: object):
    (article,) = build_articles([raw(cleaned_text, **fields)], [CleanText(cleaned_text, ())])
    return article


def test_title_from_first_headline_like_line_is_taken_out_of_the_body() -> None:
    article = build_one(f"{HEADLINE}\n\n{BODY}\n\n{HEADLINE}")
    assert article.title == HEADLINE
    assert article.text == BODY


def test_title_field_wins_and_its_repeat_leaves_the_body() -> None:
    article = build_one(f"{HEADLINE}\n\n{BODY}", title="  Talks   set for Istanbul ")
    assert article.title == "Talks set for Istanbul"
    assert article.text == f"{HEADLINE}\n\n{BODY}"
    repeated = build_one(f"Talks set for Istanbul\n\n{BODY}", title="Talks set for Istanbul")
    assert repeated.text == BODY


def test_a_text_that_is_only_its_headline_keeps_it_as_its_body() -> None:
    # A short post or a headline-only item: taking the line out as the title would leave no text.
    article = build_one(HEADLINE)
    assert (article.title, article.text) == (HEADLINE, HEADLINE)
    repeated = build_one(f"{HEADLINE}\n\n{HEADLINE}")
    assert repeated.title == HEADLINE and HEADLINE in repeated.text
    from_field = build_one(HEADLINE, title=HEADLINE)
    assert from_field.text == HEADLINE


def test_headline_may_follow_a_short_first_line() -> None:
    article = build_one(f"Istanbul talks\n\n{HEADLINE}\n\n{BODY}")
    assert article.title == HEADLINE
    assert article.text == f"Istanbul talks\n\n{BODY}"


@pytest.mark.parametrize(
    "text",
    [
        BODY,  # sentences with a final full stop are not headlines
        f"Talks resume soon\n\n{BODY}",  # three words: too short
        f"What the negotiators want from the talks:\n\n{BODY}",  # leads into more text
        f"{BODY}\n\nOne more sentence here.\n\n{HEADLINE}",  # beyond the first few lines
        "",
    ],
)
def test_no_headline_like_line_gives_no_title_and_an_untouched_body(text: str) -> None:
    article = build_one(text)
    assert article.title is None
    assert article.text == text


def test_ids_and_carried_fields() -> None:
    removed = (RemovedLine("SHARE THIS ARTICLE", "share widget"),)
    documents = [
        raw(BODY, url="https://example.org/a", external_id="ext-1", path="a.json", format="json"),
        raw(BODY, path="b.txt"),
    ]
    articles = build_articles(documents, [CleanText(BODY, removed), CleanText(BODY, ())])
    assert [article.id for article in articles] == ["S1", "S2"]
    assert (articles[0].path, articles[0].url, articles[0].external_id) == ("a.json", "https://example.org/a", "ext-1")
    assert articles[0].removed == removed
    assert articles[1].removed == ()


def test_text_comes_from_the_cleaned_version_not_the_raw_one() -> None:
    document = raw(f"SHARE THIS ARTICLE\n\n{BODY}")
    (article,) = build_articles([document], [CleanText(BODY, (RemovedLine("SHARE THIS ARTICLE", "share widget"),))])
    assert article.text == BODY


def test_outlet_clue_in_a_line_the_cleaner_removed_still_counts() -> None:
    raw_text = f"{BODY}\n\nRegister now for FREE unlimited access to Reuters.com"
    document = raw(raw_text)
    (article,) = build_articles([document], [CleanText(BODY, ())])
    assert article.outlet == "Reuters"


def test_mismatched_inputs_are_a_usage_error() -> None:
    with pytest.raises(UsageError, match="one CleanText per RawDocument"):
        build_articles([raw(BODY)], [])


def test_empty_story_gives_no_articles() -> None:
    assert build_articles([], []) == []
