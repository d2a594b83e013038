"""Direct quotations with their speakers, merged across sources."""

from __future__ import annotations

from newsweave.analyze.quotes import MIN_QUOTE_WORDS, extract_quotes

from .conftest import make_article


def quotes_of(analyze_texts, *texts: str):
    articles = [make_article(f"S{number}", text) for number, text in enumerate(texts, 1)]
    return extract_quotes(analyze_texts(articles))


def test_the_same_quotation_in_two_sources_is_one_quote_under_the_full_name(analyze_texts):
    quotes = quotes_of(
        analyze_texts,
        "“We cannot and will not talk about progress yet,” Kremlin spokesman Dmitry Peskov told reporters.",
        "\"We cannot and will not talk about progress yet,\" Peskov said on Monday.",
    )
    assert len(quotes) == 1
    assert quotes[0].speaker == "Dmitry Peskov"
    assert quotes[0].sources == ("S1", "S2")
    assert quotes[0].text.startswith("We cannot and will not talk about progress yet")


def test_different_quotations_of_one_speaker_stay_separate(analyze_texts):
    quotes = quotes_of(
        analyze_texts,
        "“The face-to-face format allows for more substantive negotiations,” Peskov said.",
        "“Unfortunately we cannot see any substantial breakthroughs so far,” Peskov said.",
    )
    assert [quote.sources for quote in quotes] == [("S1",), ("S2",)]
    assert {quote.speaker for quote in quotes} == {"Peskov"}


def test_a_quotation_split_by_its_attribution_is_put_back_together(analyze_texts):
    quotes = quotes_of(
        analyze_texts,
        "In a speech late on Sunday, Volodymyr Zelensky said he wanted peace as soon as possible.\n\n"
        "“Our goal is obvious,” he added, “peace and the restoration of normal life as soon as possible.”",
    )
    assert len(quotes) == 1
    assert quotes[0].speaker == "Volodymyr Zelensky"
    assert "Our goal is obvious" in quotes[0].text
    assert "restoration of normal life" in quotes[0].text
    assert "he added" not in quotes[0].text


def test_a_quotation_over_several_sentences_with_a_pronoun_speaker(analyze_texts):
    quotes = quotes_of(
        analyze_texts,
        "Peskov said the format of the talks was important.\n\n"
        '"We cannot talk about progress yet. We believe that this can only harm the negotiation process," he said.',
    )
    assert len(quotes) == 1
    assert quotes[0].speaker == "Peskov"
    assert quotes[0].text == (
        "We cannot talk about progress yet. We believe that this can only harm the negotiation process"
    )


def test_the_speaker_may_come_from_the_next_sentence_of_the_paragraph(analyze_texts):
    quotes = quotes_of(
        analyze_texts,
        "“Hopefully this can theoretically happen tomorrow at the earliest.” "
        "That is what Kremlin spokesman Dmitry Peskov told Interfax.",
    )
    assert [(quote.speaker, quote.sources) for quote in quotes] == [("Dmitry Peskov", ("S1",))]


def test_scare_quotes_are_not_quotations(analyze_texts):
    quotes = quotes_of(
        analyze_texts,
        'Lavrov said direct talks would be "counterproductive" now.\n\n'
        "Moscow says the “special military operation” aims to “demilitarize” the country.",
    )
    assert quotes == []


def test_a_quotation_nobody_is_named_for_is_left_out(analyze_texts):
    quotes = quotes_of(analyze_texts, "The banner read “peace and the restoration of normal life as soon as possible”.")
    assert quotes == []


def test_seed_quotes(seed_analyzed):
    quotes = extract_quotes(seed_analyzed)
    speakers = {quote.speaker for quote in quotes}
    for person in ("Dmitry Peskov", "Sergei Lavrov", "Volodymyr Zelensky", "Ihor Zhovkva", "Hanna Malyar", "Vadym Denysenko"):
        assert person in speakers, f"no quote for {person}"
    assert "Peskov" not in speakers  # surname-only mentions are grouped under the full name
    peskov_sources = {source for quote in quotes if quote.speaker == "Dmitry Peskov" for source in quote.sources}
    assert {"S1", "S2", "S3"} <= peskov_sources
    assert all(len(quote.text.split()) >= MIN_QUOTE_WORDS for quote in quotes)
    assert not any(quote.text.strip('"“” ').lower() == "counterproductive" for quote in quotes)
    malyar = [quote for quote in quotes if quote.speaker == "Hanna Malyar"]
    assert malyar[0].text.startswith("As of today, the enemy is regrouping its forces")
    # quotes of one speaker are listed together, the most quoted speaker first
    order = [quote.speaker for quote in quotes]
    assert order[0] == "Dmitry Peskov"
    for name in speakers:
        positions = [index for index, speaker in enumerate(order) if speaker == name]
        assert positions == list(range(positions[0], positions[-1] + 1)), f"{name}'s quotes are not together"
