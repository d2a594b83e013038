"""Repetition inside one article and across the articles of a story; odd input."""

from __future__ import annotations

from newsweave.clean import clean_article, clean_story

WIRE_SENTENCE = "The two delegations will meet in the old palace on Tuesday morning, officials said."
SHARED_LABEL = "Live coverage from our newsroom"


def article(headline: str, *paragraphs: str) -> str:
    return "\n\n".join((headline, *paragraphs))


def reasons_of(result, text: str) -> list[str]:
    return [removed.reason for removed in result.removed if removed.text == text]


def test_line_repeated_in_one_article_keeps_its_first_occurrence() -> None:
    text = article(
        "Talks to resume in the capital on Tuesday",
        "Negotiators arrived on Monday evening.",
        "Follow the negotiations with us",
        "The first session starts at ten.",
        "Follow the negotiations with us",
    )
    result = clean_article(text)
    assert result.text.split("\n\n").count("Follow the negotiations with us") == 1
    assert reasons_of(result, "Follow the negotiations with us") == ["repeated line"]


def test_repeat_with_only_a_full_stop_added_is_a_repeat() -> None:
    standfirst = "Officials say the first session could start on Tuesday in the capital"
    result = clean_article(article("Talks to resume on Tuesday", standfirst, standfirst + ".", "More talks follow."))
    assert result.text.split("\n\n") == ["Talks to resume on Tuesday", standfirst, "More talks follow."]
    assert reasons_of(result, standfirst + ".") == ["repeated line"]


def test_short_line_shared_by_two_articles_is_removed_from_both() -> None:
    first = article("Talks to resume on Tuesday", "Negotiators arrived on Monday.", SHARED_LABEL, "More follows.")
    second = article("Delegations meet in the capital", SHARED_LABEL, "The meeting starts at ten.")
    third = article("A third report on the talks", "Nothing shared here at all.")
    results = clean_story([first, second, third])
    for result in results[:2]:
        assert SHARED_LABEL not in result.text
        assert reasons_of(result, SHARED_LABEL) == ["repeated across sources"]
    assert results[2].removed == ()


def test_single_article_cleaning_has_no_cross_story_rule() -> None:
    text = article("Talks to resume on Tuesday", "Negotiators arrived on Monday.", SHARED_LABEL)
    assert SHARED_LABEL in clean_article(text).text.split("\n\n")


def test_short_line_in_only_one_article_is_kept() -> None:
    first = article("Talks to resume on Tuesday", SHARED_LABEL, "Negotiators arrived on Monday.")
    second = article("Delegations meet in the capital", "The meeting starts at ten.")
    assert SHARED_LABEL in clean_story([first, second])[0].text.split("\n\n")


def test_wire_copy_prose_shared_by_articles_is_kept_in_all() -> None:
    short_sentence = "Peskov declined to comment further."
    texts = [
        article("Talks to resume on Tuesday", WIRE_SENTENCE, short_sentence),
        article("Delegations meet in the capital", WIRE_SENTENCE, short_sentence, "Another detail."),
    ]
    for result in clean_story(texts):
        paragraphs = result.text.split("\n\n")
        assert WIRE_SENTENCE in paragraphs
        assert short_sentence in paragraphs
        assert result.removed == ()


def test_shared_headline_of_wire_copies_is_kept() -> None:
    headline = "Kremlin says talks could start on Tuesday"
    texts = [article(headline, WIRE_SENTENCE), article(headline, WIRE_SENTENCE, "A local detail.")]
    for result in clean_story(texts):
        assert result.text.split("\n\n")[0] == headline


def test_results_come_back_one_per_input_in_order() -> None:
    texts = [article(f"Headline number {word} about the talks", f"Body {word}.") for word in ("one", "two", "three")]
    results = clean_story(texts)
    assert [result.text.split("\n\n")[1] for result in results] == ["Body one.", "Body two.", "Body three."]


def test_hard_wrapped_paragraph_is_rejoined_into_one_paragraph() -> None:
    text = (
        "Talks to resume on Tuesday\n\n"
        "The delegations arrived in the city late on Monday and said that\n"
        "the first session would start in the morning.\n\n"
        "Another paragraph."
    )
    paragraphs = clean_article(text).text.split("\n\n")
    assert paragraphs[1] == (
        "The delegations arrived in the city late on Monday and said that the first session would start in the morning."
    )


def test_lines_are_kept_verbatim_and_joined_by_blank_lines() -> None:
    text = "  First line of the report, with spacing.  \r\nSecond line “quoted” here.\n\n\n\nThird line."
    assert clean_article(text).text == "First line of the report, with spacing.\n\nSecond line “quoted” here.\n\nThird line."


def test_odd_input_does_not_crash() -> None:
    results = clean_story([None, b"Bytes headline for the story\n\nA body line.", 42, "", "\n \t\n"])  # type: ignore[list-item]
    assert len(results) == 5
    assert results[1].text == "Bytes headline for the story\n\nA body line."
    assert results[0].text == results[3].text == results[4].text == ""
    assert clean_story([]) == []
