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


def test_an_unresolved_possessive_speaker_is_left_out(analyze_texts):
    quotes = quotes_of(analyze_texts, '"We will study the report carefully and respond," his office said.')
    assert quotes == []


def test_a_descriptor_before_a_known_name_is_dropped(analyze_texts):
    quotes = quotes_of(
        analyze_texts,
        'Shona Pike, 34, lives on the island.\n\nMum-of-two Shona Pike said: "It was groaning like an old ship."',
    )
    assert [quote.speaker for quote in quotes] == ["Shona Pike"]


def _sample_quotes(sample_analyzed):
    return extract_quotes(sample_analyzed)


def test_sample_story_quotes_have_the_answer_key_speakers(sample_analyzed, answer_key, sample_id):
    quotes = _sample_quotes(sample_analyzed)
    by_speaker: dict[str, set[str]] = {}
    for quote in quotes:
        by_speaker.setdefault(quote.speaker, set()).update(quote.sources)
    key_names = {speaker["name"] for speaker in answer_key["speakers"]}
    for speaker in answer_key["speakers"]:
        expected = {sample_id(name) for name in speaker["quoted_in"]}
        assert by_speaker.get(speaker["name"]) == expected, speaker["name"]
    # Nobody else gets a quote under a person's name: no cut surnames ("Vane"), no
    # spelling variants, no generic or non-person subjects ("Some island residents").
    for name in set(by_speaker) - key_names:
        assert name in {"the authority", "One nurse"}, f"unexpected quote speaker {name!r}"


def test_sample_story_shared_quotes_are_merged_under_one_speaker(sample_analyzed, answer_key, sample_id):
    quotes = _sample_quotes(sample_analyzed)
    for speaker in answer_key["speakers"]:
        if "shared_quote" not in speaker:
            continue
        matches = [quote for quote in quotes if speaker["shared_quote"].lower() in quote.text.lower()]
        assert len(matches) == 1, speaker["shared_quote"]
        assert matches[0].speaker == speaker["name"]
        assert set(matches[0].sources) == {sample_id(name) for name in speaker["shared_quote_files"]}


def test_sample_story_she_said_after_a_plural_subject(sample_analyzed, sample_id):
    quotes = _sample_quotes(sample_analyzed)
    first_job = [quote for quote in quotes if quote.text.startswith("Our first job was")]
    assert [(quote.speaker, quote.sources) for quote in first_job] == [
        ("Ruth Ellery-Vane", (sample_id("kestrelmouth-courier.txt"),))
    ]
