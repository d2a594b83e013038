"""Which sides of a slot stand against each other: an outlet does not dispute a value it states itself."""

from __future__ import annotations

from dataclasses import replace

from newsweave.analyze.opposition import opposed_sides, values_by_sentence
from newsweave.analyze.slots import SlotValue
from newsweave.model import Sentence


def _sum(source, index, display, amount):
    text = f"{source} sentence {index}"
    return SlotValue(
        kind="number", source=source, sentence=Sentence(source, index, text, 0, len(text)), display=display,
        normalized=f"{amount:g} USD", dimension="money:USD", amount=float(amount), context="the council approved a … plan",
        speaker=None, via=(), denied=False, context_words=frozenset({"council"}),
    )


def test_an_outlet_stating_both_sums_in_one_sentence_disputes_neither():
    # S1: "approved a $3.5 billion budget and a $1 billion bridge plan"; S2: "approved a $3.5 billion plan".
    both_big, both_small, other_big = _sum("S1", 0, "$3.5 billion", 3.5e9), _sum("S1", 0, "$1 billion", 1e9), _sum("S2", 4, "$3.5 billion", 3.5e9)
    said_in = values_by_sentence([both_big, both_small, other_big])
    assert opposed_sides([[both_small], [other_big]], said_in) == []


def test_sums_told_in_different_sentences_stand_against_each_other():
    small, big = _sum("S1", 0, "$1 billion", 1e9), _sum("S2", 4, "$3.5 billion", 3.5e9)
    said_in = values_by_sentence([small, big])
    assert opposed_sides([[small], [big]], said_in) == [[small], [big]]


def test_a_side_is_kept_when_one_of_its_sources_states_it_alone():
    s1_small, s1_big = _sum("S1", 0, "$1 billion", 1e9), _sum("S1", 0, "$3.5 billion", 3.5e9)
    s3_small, s2_big = _sum("S3", 2, "$1 billion", 1e9), _sum("S2", 4, "$3.5 billion", 3.5e9)
    said_in = values_by_sentence([s1_small, s1_big, s3_small, s2_big])
    assert opposed_sides([[s1_small, s3_small], [s2_big]], said_in) == [[s1_small, s3_small], [s2_big]]


def test_a_coarser_figure_beside_does_not_state_a_finer_one():
    # S2: "Bush said his own rate was 36 percent and the Clintons' was 30 percent"; S3: "the Clintons' rate was 35.7 percent".
    def share(source, index, display, amount):
        return replace(_sum(source, index, display, amount), dimension="percent", normalized=f"{amount:g} %")

    own, theirs, other = share("S2", 1, "36 percent", 36), share("S2", 1, "30 percent", 30), share("S3", 5, "35.7 percent", 35.7)
    said_in = values_by_sentence([own, theirs, other])
    assert opposed_sides([[theirs], [other]], said_in) == [[theirs], [other]]
    # The finer figure beside states the rounded one: "$13,625,777 in state taxes" states "$13.6 million".
    exact, rounded = _sum("S1", 0, "$13,625,777", 13_625_777), replace(_sum("S3", 2, "$13.6 million", 13.6e6), unit_scale=1e6)
    gifts = _sum("S1", 0, "$14,959,450", 14_959_450)
    assert opposed_sides([[gifts], [rounded]], values_by_sentence([exact, gifts, rounded])) == []
