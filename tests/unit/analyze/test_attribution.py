"""Who a sentence attributes its content to, and through which outlets."""

from __future__ import annotations

import pytest

from newsweave.analyze.attribution import (
    find_attribution,
    is_news_outlet,
    is_pronoun_speaker,
    outlet_name,
    resolve_pronoun_speakers,
)


def test_cited_as_saying_names_the_speaker_and_the_outlet(parse_sentence):
    sentence = parse_sentence(
        "Russian and Ukrainian negotiators are set to resume negotiations in Istanbul on Monday, "
        "Reuters cited a senior Turkish official as saying, as the conflict rages on."
    )
    attribution = find_attribution(sentence)
    assert attribution is not None
    assert attribution.speaker == "a senior Turkish official"
    assert attribution.via == ("Reuters",)
    assert "cited" in attribution.cue


def test_according_to_a_news_agency_is_the_channel_not_the_speaker(parse_sentence):
    sentence = parse_sentence(
        "“Today they probably won’t stay there,” Kremlin spokesman Dmitry Peskov said on Monday, "
        "according to Interfax news agency."
    )
    attribution = find_attribution(sentence)
    assert attribution is not None
    assert attribution.speaker == "Kremlin spokesman Dmitry Peskov"
    assert attribution.via == ("Interfax",)


def test_according_to_a_source_that_is_no_outlet_is_the_speaker(parse_sentence):
    attribution = find_attribution(parse_sentence("According to the Kremlin, new talks could start in Istanbul on Tuesday."))
    assert attribution is not None
    assert attribution.speaker == "the Kremlin"
    assert attribution.cue == "according to"
    assert attribution.via == ()


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("Russian Foreign Minister Sergei Lavrov said a meeting would be counterproductive.",
         "Russian Foreign Minister Sergei Lavrov", "said"),
        ("“I don’t think there will be any progress,” said Interior Ministry adviser Vadym Denysenko.",
         "Interior Ministry adviser Vadym Denysenko", "said"),
        ("Zelensky's office said Turkey could become a guarantor of its security.", "Zelensky's office", "said"),
        ("Peskov told reporters the face-to-face format was important.", "Peskov", "told"),
        ("The Kremlin on Monday confirmed that the talks would take place in Turkey.", "The Kremlin", "confirmed"),
        ("Erdogan stressed the need for an immediate ceasefire.", "Erdogan", "stressed"),
        ("Ukraine's President Volodymyr Zelensky welcomed the move, saying they must bring peace.",
         "Ukraine's President Volodymyr Zelensky", "saying"),
        ("The head of the Russian delegation, Vladimir Medinsky, announced that a meeting was planned.",
         "Vladimir Medinsky", "announced"),
    ],
)  # fmt: skip
def test_subject_of_a_reporting_verb_with_its_title(parse_sentence, text, speaker, cue):
    attribution = find_attribution(parse_sentence(text))
    assert attribution is not None
    assert (attribution.speaker, attribution.cue) == (speaker, cue)


def test_speaking_to_an_outlet_makes_it_the_channel(parse_sentence):
    attribution = find_attribution(parse_sentence("Peskov told Interfax that the talks could start on Tuesday."))
    assert attribution is not None
    assert (attribution.speaker, attribution.via) == ("Peskov", ("Interfax",))


def test_pronoun_subject_comes_back_as_the_pronoun(parse_sentence):
    attribution = find_attribution(parse_sentence("He said the talks were important."))
    assert attribution is not None
    assert attribution.speaker == "He"
    assert is_pronoun_speaker(attribution)


def test_no_reporting_no_attribution(parse_sentence):
    assert find_attribution(parse_sentence("Ukraine dampened expectations of the new round of talks.")) is None


def test_reporting_verbs_inside_a_quotation_are_the_quoted_words(parse_sentence):
    sentence = parse_sentence("“So far, unfortunately, we cannot state any significant achievements or breakthroughs.”")
    assert find_attribution(sentence) is None


def test_pronouns_take_the_last_named_speaker(parse_text):
    sentences = parse_text(
        "Malyar said Russian forces were trying to reinforce their positions.\n\n"
        "“As of today, the enemy is regrouping its forces,” she told a media briefing."
    )
    resolved = resolve_pronoun_speakers(sentences)
    assert [item.speaker if item else None for item in resolved] == ["Malyar", "Malyar"]
    assert resolved[1].cue == "told"


def test_a_pronoun_with_nobody_before_it_stays_unattributed(parse_text):
    sentences = parse_text("He said the talks were important.")
    assert resolve_pronoun_speakers(sentences) == [None]


def test_a_pronoun_does_not_reach_across_the_article(parse_text):
    filler = "\n\n".join(f"The fighting went on in region number {n}." for n in range(1, 6))
    sentences = parse_text(f"Peskov said the talks were important.\n\n{filler}\n\nHe said nothing more.")
    assert resolve_pronoun_speakers(sentences)[-1] is None


def test_a_definite_title_refers_back_to_the_named_speaker(parse_text):
    sentences = parse_text(
        "Kremlin spokesman Dmitry Peskov said the talks could resume on Tuesday. "
        "The spokesman added that no meeting of the presidents was planned."
    )
    resolved = resolve_pronoun_speakers(sentences)
    assert resolved[1] is not None
    assert resolved[1].speaker == "Kremlin spokesman Dmitry Peskov"
    assert resolved[1].cue == "added"


def test_outlet_names():
    assert is_news_outlet("Interfax news agency")
    assert is_news_outlet("Reuters")
    assert is_news_outlet("the BBC")
    assert not is_news_outlet("a senior Turkish official")
    assert not is_news_outlet("the Kremlin")
    assert outlet_name("Interfax news agency") == "Interfax"
    assert outlet_name("the BBC") == "BBC"
    assert outlet_name("Press TV") == "Press TV"


def test_seed_attributions(seed_analyzed):
    by_text = {}
    for analyzed in seed_analyzed:
        for sentence, attribution in zip(analyzed.sentences, resolve_pronoun_speakers(analyzed.sentences), strict=True):
            by_text[(analyzed.article.id, sentence.text[:40])] = attribution
    cited = [item for key, item in by_text.items() if key[0] == "S5" and item and item.via == ("Reuters",)]
    assert [item.speaker for item in cited] == ["a senior Turkish official"]
    interfax = [item for key, item in by_text.items() if item and "Interfax" in item.via]
    assert [item.speaker for item in interfax] == ["Kremlin spokesman Dmitry Peskov"]
    # Zelensky's "he asserted" / "he added" in S5 resolve to him, not to a pronoun.
    s5_speakers = {item.speaker for key, item in by_text.items() if key[0] == "S5" and item}
    assert not s5_speakers & {"he", "she", "He", "She"}
    assert "Malyar" in s5_speakers


def speakers_of(parse_text, text: str) -> list[str | None]:
    return [item.speaker if item else None for item in resolve_pronoun_speakers(parse_text(text))]


def test_hyphenated_surnames_are_kept_whole(parse_sentence):
    attribution = find_attribution(
        parse_sentence("The authority's chief engineer, Ruth Ellery-Vane, said the deck had dropped.")
    )
    assert attribution is not None and attribution.speaker == "Ruth Ellery-Vane"


def test_a_reporting_verb_misjoined_to_another_clause_takes_the_name_before_it(parse_sentence):
    # The parse joins "told" to "sank"; the deck is no speaker.
    sentence = parse_sentence(
        "The section of deck it had been holding sank by about 40 centimetres, "
        "the authority's chief engineer, Ruth Ellery-Vane, told reporters."
    )
    attribution = find_attribution(sentence)
    assert attribution is not None and attribution.speaker == "Ruth Ellery-Vane"


def test_a_plural_subject_does_not_take_over_she_said(parse_text):
    speakers = speakers_of(
        parse_text,
        "Some island residents said they were frustrated.\n\n"
        'Ms Ellery-Vane defended the response. "Our first job was to get people off the bridge," she said.',
    )
    assert speakers[-1] == "Ms Ellery-Vane"


def test_he_refers_to_the_person_just_mentioned_even_if_no_speaker(parse_text):
    speakers = speakers_of(
        parse_text,
        '"Two workers were hurt," Ms Harrow told reporters.\n\n'
        "Taxi driver Declan Reddin was on the bridge when it went.\n\n"
        '"The whole road just dropped under me," he said.',
    )
    assert speakers[0] == "Ms Harrow"
    assert speakers[-1] is not None and speakers[-1].endswith("Declan Reddin")


def test_she_skips_a_man_mentioned_later(parse_text):
    speakers = speakers_of(
        parse_text,
        'Gwen Harrow said the union was angry. Mr Reddin was driving home at the time. "We warned them for years," she said.',
    )
    assert speakers[-1] == "Gwen Harrow"


def test_an_institution_does_not_take_she_said(parse_text):
    speakers = speakers_of(
        parse_text, 'The harbour authority said the bridge would reopen. "We will check every cable ourselves," she said.'
    )
    assert speakers == ["The harbour authority", None]


def test_a_definite_title_reaches_back_to_the_person_known_by_it(parse_text):
    others = "\n\n".join(
        f"{speaker} said {claim}."
        for speaker, claim in [
            ("Mr Halvorsen", "ferries would run all night"), ("The mayor", "the city would pay"),
            ("The harbour authority", "no one was hurt"), ("Police", "the closure was orderly"),
            ("The union", "workers were hurt"), ("Residents", "they were angry"),
            ("The board", "it would meet"), ("The council", "it would help"),
        ]
    )  # fmt: skip
    speakers = speakers_of(
        parse_text,
        f"Transport Minister Teodor Halvorsen said the bridge would reopen.\n\n{others}\n\n"
        "The minister said the inquiry would be independent.",
    )
    assert speakers[-1] is not None and "Halvorsen" in speakers[-1]


def test_his_office_is_the_office_named_before(parse_text):
    speakers = speakers_of(
        parse_text,
        "The President's Office in Ankara said on Sunday night that the call went well. "
        '"The leaders stressed the need for peace," his office said.',
    )
    assert speakers[1] is not None and speakers[1].startswith("The President's Office")


def test_the_agency_is_the_outlet_named_before(parse_text):
    resolved = resolve_pronoun_speakers(
        parse_text("The bridge is closed, the Harbourline Wire news agency reported.\n\nAccording to the agency, a cable broke.")
    )
    assert resolved[1] is not None and resolved[1].via == ("Harbourline Wire",)


def test_a_closing_name_and_reporting_verb_attribute_the_sentence(parse_sentence):
    sentence = parse_sentence("Marta Velloso has signed a three-year contract with Northfield Rovers FC, Harbour Sports reports.")
    attribution = find_attribution(sentence)
    assert attribution is not None and attribution.speaker == "Harbour Sports"


def test_a_title_noun_with_an_organisation_in_apposition_yields_the_organisation(parse_sentence):
    sentence = parse_sentence("The regional broadcaster Harbour Radio reported that the company would spend €90m on the vessels.")
    attribution = find_attribution(sentence)
    assert attribution is not None and attribution.speaker == "Harbour Radio"
