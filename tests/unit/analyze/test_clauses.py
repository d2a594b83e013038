"""The clause around a value, its reporter, and whether it is denied or background."""

from __future__ import annotations

import pytest

from newsweave.analyze.clauses import (
    clause_certainty,
    clause_of,
    clause_tense,
    is_background,
    is_denied,
    position_certainty,
    reporting_speaker,
)
from newsweave.analyze.spans import token_at_char, token_char_spans


def _clause_at(sentence, word, occurrence=0):
    spans = token_char_spans(sentence)
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.text.index(word, start + 1)
    return clause_of(sentence, token_at_char(spans, start))


def test_each_value_keeps_its_own_clause_and_reporter(parse_sentence):
    sentence = parse_sentence(
        "Turkey said the talks could begin as early as Monday, but Kremlin spokesperson "
        "Dmitry Peskov said that was unlikely as the negotiators would only be arriving in Turkey on Monday."
    )
    first = _clause_at(sentence, "Monday")
    assert "begin" in first.text and "arriving" not in first.text
    assert reporting_speaker(sentence, first.verb).text == "Turkey"
    second = _clause_at(sentence, "Monday", occurrence=1)
    assert "arriving" in second.text
    assert is_background(sentence, second.verb)  # a reason clause, not the claim
    assert not is_background(sentence, first.verb)


def test_unlikely_denies_its_clause_but_not_the_coordinated_one(parse_sentence):
    sentence = parse_sentence(
        "Peskov said that the talks in Istanbul are unlikely to start on Monday but could happen on Tuesday instead."
    )
    monday = _clause_at(sentence, "Monday")
    tuesday = _clause_at(sentence, "Tuesday")
    assert is_denied(sentence, monday.verb)
    assert not is_denied(sentence, tuesday.verb)
    assert "talks" in tuesday.text  # the subject of the first verb is carried over


def test_time_of_the_statement_is_background(parse_sentence):
    sentence = parse_sentence("The Kremlin on Monday confirmed that the talks would take place in Turkey.")
    monday = _clause_at(sentence, "Monday")
    assert is_background(sentence, monday.verb)


def test_a_declaration_with_an_object_is_the_act_being_dated(parse_sentence):
    sentence = parse_sentence("On Wednesday the health agency declared the outbreak a regional emergency.")
    wednesday = _clause_at(sentence, "Wednesday")
    assert not is_background(sentence, wednesday.verb)


def test_nominal_coordination_stays_in_the_clause(parse_sentence):
    sentence = parse_sentence("Peace talks between Russia and Ukraine may get under way in Turkey on Tuesday.")
    clause = _clause_at(sentence, "Tuesday")
    assert "Ukraine" in clause.text


def test_a_participle_without_a_subject_keeps_the_clause_it_hangs_on(parse_sentence):
    sentence = parse_sentence("Mourners held a vigil in the square for an hour, starting at 9 p.m.")
    clause = _clause_at(sentence, "9 p.m.")
    assert "vigil" in clause.text and "Mourners" in clause.text
    assert clause_tense(sentence, clause.verb) == "past"  # the participle tells the past act above it
    # With a conjunction of its own it is another clause: "after" dates an earlier act.
    sentence = parse_sentence("Mourners held a vigil in the square after marching from the station at 9 p.m.")
    assert "vigil" not in _clause_at(sentence, "9 p.m.").text


def _verb_of_the_day(parse_sentence, text: str):
    """A one-sentence text parsed, with the verb of the clause its day or date sits in."""
    sentence = parse_sentence(text)
    day = next(word for word in ("Tuesday", "Wednesday", "Thursday", "May 12") if word in text)
    return sentence, _clause_at(sentence, day).verb


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("The two ferries collided outside the harbour late on Tuesday.", "past"),
        ("The harbour master has resigned on Tuesday.", "past"),
        ("The harbour master will appear before a judge on Thursday.", "future"),
        ("The captain said the crews would meet again on May 12.", "future"),
        ("The new timetable is expected to take effect on Wednesday.", "future"),
        ("Talks are due to start on Tuesday.", "future"),
    ],
)
def test_a_clause_tells_what_happened_or_what_is_to_happen(parse_sentence, text, tense):
    assert clause_tense(*_verb_of_the_day(parse_sentence, text)) == tense


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("The ferry service resumed on Tuesday.", "confirmed"),
        ("The ferry service will resume on Tuesday.", "expected"),
        ("The ferry service could resume as early as Tuesday.", "possible"),
        ("The ferry service may resume on Tuesday, the operator said.", "possible"),
        ("The ferry service will not resume on Tuesday.", "denied"),
    ],
)
def test_how_firmly_a_clause_states_its_fact(parse_sentence, text, certainty):
    assert clause_certainty(*_verb_of_the_day(parse_sentence, text)) == certainty


def test_a_side_is_confirmed_when_any_of_its_sources_states_it_as_fact():
    assert position_certainty(["expected", "confirmed"]) == "confirmed"
    assert position_certainty(["possible", "expected", "possible"]) == "possible"
    assert position_certainty([]) == "confirmed"


@pytest.mark.parametrize(
    "text, word, speaker",
    [
        # A closing ", <name> reports." attributes the whole sentence, however the parser joins "reports".
        ("Marta Velloso has signed a $40 million-per-year contract with Northfield Rovers FC, Harbour Sports reports.", "$40", "Harbour Sports"),
        ("The coach left the club on Friday, Lakeside TV says.", "Friday", "Lakeside TV"),
        # A common noun with the name in apposition: the name is who two outlets can both be said to quote.
        ("The regional broadcaster Harbour Radio reported that the company would spend €90m on the vessels.", "€90m", "Harbour Radio"),
        # A passive reporting verb has no teller; "that" is what is estimated, not who estimates it.
        ("The port signed a lease that is estimated to be worth almost £2m a week once fees are added.", "£2m", None),
    ],
)
def test_the_reporter_of_a_value_is_a_name_or_nobody(parse_sentence, text, word, speaker):
    sentence = parse_sentence(text)
    found = reporting_speaker(sentence, _clause_at(sentence, word).verb)
    assert (found.text if found else None) == speaker


def test_a_lower_case_report_word_after_a_comma_names_nobody(parse_sentence):
    sentence = parse_sentence("The port will reopen on Friday, the harbour office says.")
    found = reporting_speaker(sentence, _clause_at(sentence, "Friday").verb)
    assert found is None or found.text == "the harbour office"
