"""What a summary sentence must be on its own: whole, self-contained, of a known role."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import Article, Sentence
from newsweave.summarize.sentences import (
    Role,
    content_words,
    context_penalty,
    is_whole,
    off_register,
    quotes_without_a_speaker,
    role_of,
    word_overlap,
)


def _parsed(*texts: str) -> list[Sentence]:
    """Each text parsed as one paragraph of an invented article; its sentences in order."""
    from newsweave.nlp import analyze_articles

    article = Article(id="A", path="A", text="\n\n".join(texts), title=None, outlet=None, url=None, published=dt.date(2024, 6, 11))
    return list(analyze_articles([article], DEFAULT_SETTINGS)[0].sentences)


def test_shouting_is_not_the_register_of_a_summary():
    calm = "Drivers left their cars when a steel cable snapped on the bridge on Monday night."
    loud = "TERRIFIED drivers fled for their lives when a giant steel cable snapped on Monday night."
    assert context_penalty(loud) > context_penalty(calm)
    assert context_penalty("NATO leaders met in Brussels on Thursday to discuss the summit.") == context_penalty(calm)


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("The harbour council approved a new budget for the port on Tuesday.", True),
        ("Ferry crews said the new timetable would start in May.", True),
        ("The council voted on the plan and the mayor signed the...", False),
        ("The council voted on the plan and the mayor signed the budget…", False),
    ],
)
def test_a_whole_sentence_ends_on_a_stop(text: str, whole: bool) -> None:
    (sentence,) = _parsed(text)
    assert is_whole(sentence, sentence.text) is whole


def test_a_line_without_a_verb_is_no_sentence() -> None:
    sentence = _parsed("Budget for the port of Kestrelmouth and its two new ferries.")[0]
    assert not is_whole(sentence, sentence.text)


def test_a_cut_after_a_clock_abbreviation_is_mended() -> None:
    sentences = _parsed(
        "Crews will close the quay by 9 a.m. Harbour time on Friday for repairs. The ferry runs as usual.",
        "The meeting starts at 9 a.m. The minister will attend.",
    )
    assert [s.text for s in sentences] == [
        "Crews will close the quay by 9 a.m. Harbour time on Friday for repairs.",
        "The ferry runs as usual.",
        "The meeting starts at 9 a.m.",
        "The minister will attend.",
    ]


def test_roles() -> None:
    fact, attributed, quoted, earlier, long_ago = _parsed(
        "The quay reopened to ferries on Tuesday.",
        "Twelve boats were damaged in the storm, the harbour master said.",
        "“We were lucky nobody was on board,” the harbour master said.",
        "The quay was last rebuilt in 1998 after a fire.",
        "Storms have long battered the north quay.",
    )
    years = {2024}
    assert role_of(fact, fact.text, years) is Role.DEVELOPMENT
    assert role_of(attributed, attributed.text, years) is Role.DEVELOPMENT  # a sourced fact is news, not reaction
    assert role_of(quoted, quoted.text, years) is Role.REACTION
    assert role_of(earlier, earlier.text, years) is Role.BACKGROUND
    assert role_of(long_ago, long_ago.text, years) is Role.BACKGROUND


def test_word_overlap_tells_a_fact_told_twice() -> None:
    first, again, other = _parsed(
        "The harbour council approved the port budget on Tuesday.",
        "On Tuesday the port budget was approved by the harbour council.",
        "Fishermen on the north quay said nobody had asked them.",
    )
    assert word_overlap(content_words(first), content_words(again)) > DEFAULT_SETTINGS.repeat_word_overlap
    assert word_overlap(content_words(first), content_words(other)) < 0.2
    assert word_overlap(set(), content_words(other)) == 0.0


@pytest.mark.parametrize(
    ("text", "unattributed"),
    [
        ("“We will rebuild the quay before the winter storms come,” the harbour master said.", False),
        ("The harbour master called the storm “the worst night this quay has seen in years”.", False),
        ("“We will rebuild the quay before the winter storms come,” according to the harbour master.", False),
        ("“We will rebuild the quay before the winter storms come.”", True),
        # the speech itself says "said": that names no speaker
        ("“I said it before and I have said it again to everyone at the quay.”", True),
        ("The ferry named “Puffin” left the quay at noon with forty passengers.", False),  # a name, not speech
    ],
)
def test_speech_needs_a_speaker(text: str, unattributed: bool) -> None:
    (sentence,) = _parsed(text)
    assert quotes_without_a_speaker(sentence, sentence.text) is unattributed


@pytest.mark.parametrize(
    ("text", "off"),
    [
        ("Will the quay reopen before the winter storms?", True),
        ("The quay reopened to every ferry on Tuesday!", True),
        ("TERRIFIED passengers ran from the quay when the crane fell.", True),
        ("UNICEF sent two tonnes of food to the harbour town on Tuesday.", False),  # a name in capitals
        ("The quay reopened to every ferry on Tuesday morning.", False),
    ],
)
def test_a_summary_speaks_in_a_neutral_register(text: str, off: bool) -> None:
    (sentence,) = _parsed(text)
    assert off_register(sentence, sentence.text) is off
