"""The summary: extractive, cited, within budget, each fact once, disputes marked."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import Analysis, Conflict, Evidence, Gainsay, Position, Sentence
from newsweave.summarize import summarize

from .story_inputs import summary_inputs

TEXTS = {
    "S1": "KESTRELMOUTH, June 11 (Harbourline Wire) - The harbour council approved a new budget for the port on Tuesday.\n\n"
          "The budget includes money for two new ferries and a repaired quay.\n\n"
          "He said it was a good day.",
    "S2": "The port's new budget was approved by the harbour council on Tuesday.\n\n"
          "Money for two new ferries and a repaired quay is part of the budget.\n\n"
          "Fishermen on the north quay said they had not been consulted about the plan.",
    "S3": "On Tuesday the harbour council approved the port's new budget.\n\n"
          "A local choir will sing at the opening of the repaired quay next spring.",
}


@pytest.fixture(scope="module")
def story():
    return summary_inputs(TEXTS, dt.date(2024, 6, 11))


def test_sentences_come_from_the_sources_and_cite_them(story):
    analyzed, claims, analysis = story
    summary = summarize(analyzed, claims, analysis)
    assert summary
    by_source = {a.article.id: a.article.text for a in analyzed}
    for sentence in summary:
        assert sentence.citations
        assert any(sentence.text in by_source[s] for s in sentence.citations)


def test_consensus_first_and_no_repeats(story):
    analyzed, claims, analysis = story
    summary = summarize(analyzed, claims, analysis)
    assert "budget" in summary[0].text and len(summary[0].citations) == 3
    budget_sentences = [s for s in summary if "approved" in s.text]
    assert len(budget_sentences) == 1  # three versions of one fact, told once


def test_datelines_and_context_dependent_sentences(story):
    analyzed, claims, analysis = story
    summary = summarize(analyzed, claims, analysis)
    assert all("(Harbourline Wire) -" not in s.text for s in summary)
    assert all(not s.text.startswith("He said") for s in summary[:3])


def test_word_budget(story):
    analyzed, claims, analysis = story
    for budget in (15, 30, 200):
        settings = dataclasses.replace(DEFAULT_SETTINGS, summary_words=budget)
        summary = summarize(analyzed, claims, analysis, settings)
        assert sum(len(s.text.split()) for s in summary) <= budget


def test_empty_story():
    assert summarize([], [], Analysis()) == []


def test_a_source_that_states_the_value_otherwise_is_not_cited(story):
    analyzed, claims, analysis = story
    first = summarize(analyzed, claims, analysis)[0]
    assert len(first.citations) == 3
    # The analysis found that S3 gives this sentence's value otherwise (say, another day elsewhere in its text).
    own = first.evidence[0]
    others = tuple(s for s in first.citations if s != own.source)
    gainsaid = (Gainsay(source=own.source, index=own.index, value="Tuesday", sources=(others[-1],)),)
    again = summarize(analyzed, claims, dataclasses.replace(analysis, gainsaid=gainsaid))[0]
    assert again.text == first.text
    assert others[-1] not in again.citations and own.source in again.citations


def test_a_sentence_that_is_a_side_of_a_conflict_is_marked_disputed(story):
    analyzed, claims, analysis = story
    first = summarize(analyzed, claims, analysis)[0]
    assert first.disputed == ()
    side = first.evidence[-1]
    conflict = Conflict(
        topic="day the budget was approved",
        kind="date",
        positions=(
            Position("Tuesday", side.sentence, (side.source,), None, (side,)),
            Position("Monday", "", ("S9",), None, ()),
        ),
    )
    again = summarize(analyzed, claims, dataclasses.replace(analysis, conflicts=(conflict,)))[0]
    assert again.text == first.text and again.disputed == (1,)


BUDGET_REPORTS = {
    "A1": "The harbour council approved a port budget of 12 million on Tuesday.\n\nFerry crews welcomed the plan.",
    "A2": "On Tuesday the harbour council approved a port budget of 12 million.\n\nThe ferry strike ended on Tuesday.",
}
STORM_REPORTS = {
    "A1": "The storm killed 12 people in the harbour town on Monday, officials said.\n\nFerries stayed in port.",
    "A2": "The storm that hit the harbour town on Monday killed 19 people, officials said.\n\nSchools closed.",
}


def _own_evidence(side: Sentence) -> tuple[Evidence, ...]:
    return (Evidence(source=side.source, sentence=side.text, index=side.index),)


def _unagreed(texts: dict[str, str]) -> tuple[list, list, dict[str, Sentence]]:
    """The summary's inputs with no agreements (each claim cites its first source), and sentences by text."""
    analyzed, claims, _ = summary_inputs(texts, dt.date(2024, 6, 11), agreements=False)
    return analyzed, claims, {s.text: s for a in analyzed for s in a.sentences}


def test_another_wording_of_a_disputed_value_is_marked_too():
    """A summary sentence that states a side's value about the same fact is marked, even when
    it is not the side's own evidence; one that only mentions the value about another fact is not."""
    analyzed, claims, sentence = _unagreed(BUDGET_REPORTS)
    budget = sentence["On Tuesday the harbour council approved a port budget of 12 million."]
    strike = sentence["The ferry strike ended on Tuesday."]

    def conflict(value: str, side: Sentence) -> Conflict:
        sides = (Position(value, side.text, (side.source,), None, _own_evidence(side)), Position("other", "", ("A9",), None, ()))
        return Conflict(topic="a figure", kind="number", positions=sides)

    analysis = Analysis(conflicts=(conflict("12 million", budget), conflict("Tuesday", strike)))
    summary = summarize(analyzed, claims, analysis)
    told = next(s for s in summary if "12 million" in s.text)
    assert told.evidence[0].source == "A1"  # no agreements: the sentence is A1's own wording
    assert told.disputed == (1,)  # "Tuesday" is in it too, but conflict 2 is about the strike
    assert next(s for s in summary if "strike" in s.text).disputed == (2,)  # the side's own evidence


def test_an_earlier_stage_of_a_changing_figure_is_marked_with_the_update():
    """A summary sentence giving a toll that later grew is marked with that update; one giving the latest is not."""
    from newsweave.model import Update, UpdateValue

    analyzed, claims, sentence = _unagreed(STORM_REPORTS)
    early = sentence["The storm killed 12 people in the harbour town on Monday, officials said."]
    late = sentence["The storm that hit the harbour town on Monday killed 19 people, officials said."]

    def stage(value: str, side: Sentence, as_of: str) -> UpdateValue:
        return UpdateValue(value, value, as_of, (side.source,), _own_evidence(side))

    toll = Update("number of dead", (stage("19 people", late, "article dated 2024-06-12"), stage("12 people", early, "article dated 2024-06-11")))
    summary = summarize(analyzed, claims, Analysis(updates=(toll,)))
    marks = {s.text: s.updated for s in summary}
    assert marks[early.text] == (1,)
    assert marks.get(late.text, ()) == ()
