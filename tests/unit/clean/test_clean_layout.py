"""Boilerplate told apart by its place: mastheads, section labels, boxes of related links."""

from __future__ import annotations

from newsweave.clean import clean_article

HEADLINE = "Ferry operator adds night sailings after the causeway closes"
PROSE = "The causeway was closed on Monday after engineers found a crack in one of its piers, officials said."
MORE_PROSE = "Night sailings will run until the causeway reopens, the operator said."


def lines(*parts: str) -> str:
    return "\n".join(parts)


def reason_of(text: str, line: str) -> list[str]:
    return [removed.reason for removed in clean_article(text).removed if removed.text == line]


def kept(text: str) -> list[str]:
    return clean_article(text).text.split("\n\n")


def test_capitals_masthead_naming_the_outlet_is_removed() -> None:
    text = lines("THE DAILY EXAMPLE - WEEKEND EDITION", HEADLINE, PROSE, "The operator told the Daily Example it had hired extra crews.")
    assert reason_of(text, "THE DAILY EXAMPLE - WEEKEND EDITION") == ["masthead"]
    assert kept(text)[0] == HEADLINE


def test_one_word_masthead_with_the_needs_the_name_in_the_text() -> None:
    # In the body, where no section label can stand, only the name elsewhere makes it a masthead.
    named = lines(HEADLINE, PROSE, "THE EXAMPLER", MORE_PROSE, "Residents told The Exampler the queues were long.")
    assert reason_of(named, "THE EXAMPLER") == ["masthead"]
    unnamed = lines(HEADLINE, PROSE, "THE EXAMPLER", MORE_PROSE)
    assert "THE EXAMPLER" in kept(unnamed)


def test_headline_in_capitals_is_not_a_masthead() -> None:
    shouted = "FERRY CHAOS AS CAUSEWAY SHUTS"
    text = lines(shouted, PROSE, "Ferry chaos as causeway shuts was the phrase on every radio bulletin.")
    assert kept(text)[0] == shouted


def test_short_section_label_between_headline_and_body_is_removed() -> None:
    text = lines(HEADLINE, "Transport", "By Jane Example", PROSE, MORE_PROSE)
    assert reason_of(text, "Transport") == ["site navigation"]
    assert kept(text) == [HEADLINE, PROSE, MORE_PROSE]


def test_short_subheading_inside_the_body_is_kept() -> None:
    text = lines(HEADLINE, PROSE, "Night sailings", MORE_PROSE)
    assert kept(text) == [HEADLINE, PROSE, "Night sailings", MORE_PROSE]


def test_short_first_line_is_left_for_metadata_to_judge() -> None:
    text = lines("Causeway shut", PROSE)
    assert kept(text) == ["Causeway shut", PROSE]


def test_links_under_a_read_next_heading_are_removed_up_to_the_next_prose() -> None:
    links = ["Harbour dredging to start next spring", "Council approves new bus lanes on the seafront"]
    text = lines(HEADLINE, PROSE, "Read next", *links, MORE_PROSE)
    result = clean_article(text)
    assert [(removed.text, removed.reason) for removed in result.removed] == [
        ("Read next", "site promo"),
        (links[0], "related links"),
        (links[1], "related links"),
    ]
    assert result.text.split("\n\n") == [HEADLINE, PROSE, MORE_PROSE]


def test_topics_box_and_most_read_box_are_removed() -> None:
    text = lines(
        HEADLINE,
        PROSE,
        "Related Topics",
        "Transport",
        "Examplefield",
        "Most read in Sport",
        "Striker, 19, signs first professional contract",
        "© 2024 Example Media Ltd. All rights reserved.",
    )
    assert kept(text) == [HEADLINE, PROSE]
    assert reason_of(text, "Examplefield") == ["related links"]
    assert reason_of(text, "Striker, 19, signs first professional contract") == ["related links"]


def test_subheadings_are_kept_when_no_link_heading_precedes_them() -> None:
    subhead = "Operator hires extra crews for the winter"
    text = lines(HEADLINE, PROSE, subhead, MORE_PROSE)
    assert subhead in kept(text)
