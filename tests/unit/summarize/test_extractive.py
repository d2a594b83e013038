"""The summary: extractive, cited, within budget, consensus first, not redundant."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsweave.align import align_claims
from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import Agreement, Analysis, Article, Conflict, Gainsay, Position
from newsweave.summarize import summarize

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
    from newsweave.nlp import analyze_articles

    articles = [
        Article(id=s, path=s, text=t, title=None, outlet=None, url=None, published=dt.date(2024, 6, 11))
        for s, t in TEXTS.items()
    ]
    analyzed = analyze_articles(articles, DEFAULT_SETTINGS)
    claims = align_claims(analyzed)
    agreements = tuple(
        Agreement(claim=c.text, sources=c.sources, origins=len(c.sources), evidence=c.evidence)
        for c in claims if len(c.sources) > 1
    )
    return analyzed, claims, Analysis(agreements=agreements)


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


def test_shouting_is_not_the_register_of_a_summary():
    from newsweave.summarize.extractive import _context_penalty

    calm = "Drivers left their cars when a steel cable snapped on the bridge on Monday night."
    loud = "TERRIFIED drivers fled for their lives when a giant steel cable snapped on Monday night."
    assert _context_penalty(loud) > _context_penalty(calm)
    assert _context_penalty("NATO leaders met in Brussels on Thursday to discuss the summit.") == _context_penalty(calm)


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
