"""Hedged figures: a bound or an estimate agrees with what it covers; two answers hedged alike do not."""

from __future__ import annotations

import pytest

from newsweave.analyze.hedges import (
    HedgedAmount,
    amounts_compatible,
    bound_before,
    digit_precision,
    one_figure_rounded,
    written_precision,
)

H = HedgedAmount


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("at least 40 people", "at_least"),
        ("well over 40 people", "at_least"),
        ("More than 40 people", "at_least"),
        ("up to 40 people", "at_most"),
        ("as many as 40 people", "at_most"),
        ("an estimated 40 people", "about"),
        ("nearly 40 people", "nearly"),
        ("Several hundred people", "several"),
        ("40 people", "exact"),
        ("the 40 people", "exact"),
        ("moreover 40 people", "exact"),  # a word that only ends like a hedge
    ],
)
def test_the_words_before_a_figure_give_its_bound(text: str, bound: str) -> None:
    figure = text.index("40") if "40" in text else text.index("hundred")
    assert bound_before(text, figure) == bound


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (H(1000, "at_least"), H(1182, "exact")),  # an open bound that covers the figure
        (H(350, "about"), H(342, "exact")),  # a round estimate of an exact count
        (H(30, "at_least"), H(40, "at_most")),  # bounds in opposite directions that overlap
        (H(100_000, "several"), H(325_000, "about")),  # a vague magnitude that covers an estimate
        (H(12, "several"), H(22, "exact")),  # "dozens" is written for 22: the bottom is a little under two units
        (H(100_000, "at_least"), H(107_000, "about")),
        (H(300, "at_least"), H(300, "at_most")),  # the same amount, whatever the hedges
        (H(488, "exact"), H(490, "exact")),  # rounding across units
    ],
)
def test_figures_that_can_both_be_true_agree(first: HedgedAmount, second: HedgedAmount) -> None:
    assert amounts_compatible(first, second)
    assert amounts_compatible(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (H(9_000_000, "at_most"), H(9_800_000, "at_most")),  # two different ceilings for one figure
        (H(85, "about"), H(80, "about")),  # two different estimates
        (H(36, "exact"), H(43, "exact")),
        (H(1000, "at_least"), H(900, "exact")),  # outside the bound
        (H(100_000, "several"), H(50_000, "exact")),  # a vague magnitude that does not cover it
        (H(12, "several"), H(15, "exact")),  # "dozens" is not 15
        (H(350, "about"), H(300, "exact")),  # too far for an estimate
        (H(10_000, "several"), H(100_000, "about")),  # "tens of thousands" is not "some 100,000"
    ],
)
def test_figures_that_cannot_both_be_true_disagree(first: HedgedAmount, second: HedgedAmount) -> None:
    assert not amounts_compatible(first, second)
    assert not amounts_compatible(second, first)


def test_almost_is_a_little_short_of_the_figure_never_more():
    assert amounts_compatible(H(10_000_000, "nearly"), H(9_800_000, "exact"))
    assert not amounts_compatible(H(300, "nearly"), H(304, "exact"))


def test_an_estimate_is_set_against_a_vague_magnitude_at_its_own_figure():
    # "some 100,000" allows a few percent below 100,000, but the figure it gives is not tens of thousands
    assert not amounts_compatible(H(10_000, "several"), H(100_000, "about"))
    assert amounts_compatible(H(10_000, "several"), H(60_000, "about"))
    assert amounts_compatible(H(10_000, "several"), H(100_000, "at_most"))  # "as many as 100,000" may be fewer


@pytest.mark.parametrize(
    ("amount", "place"),
    [(75e6, 1e6), (74.6e6, 1e5), (300, 100), (342, 1), (0.25, 0.01), (0, 1)],
)
def test_a_figures_precision_is_the_place_of_its_last_significant_digit(amount: float, place: float) -> None:
    assert written_precision(amount) == pytest.approx(place)


def test_figures_in_one_unit_are_one_figure_only_when_one_rounds_to_the_other():
    assert one_figure_rounded(74.6e6, 75e6)  # $74.6 million rounds to $75 million
    assert not one_figure_rounded(74e6, 75e6)  # two figures, though 1.3% apart
    assert not one_figure_rounded(300, 350)  # a round 300 is not every figure within 50 of it
    assert one_figure_rounded(300, 304)
    assert not one_figure_rounded(150, 151, tolerance=0.0)  # counts are never rounded


def test_the_rounding_rule_for_one_unit_replaces_the_tolerance_across_units():
    exact_75, exact_74 = H(75e6, "exact"), H(74e6, "exact")
    assert amounts_compatible(exact_75, exact_74)  # converted between units: within 2%
    assert not amounts_compatible(exact_75, exact_74, written_in_one_unit=(75e6, 74e6))
    assert amounts_compatible(exact_75, H(74.6e6, "exact"), written_in_one_unit=(75e6, 74.6e6))


def test_an_estimate_written_to_the_unit_is_close_to_its_figure_a_round_one_is_not():
    # "about 346" is no rounding of 342; "about 350" and "about 4,000" are (units of ten, of a thousand)
    def compatible(first: HedgedAmount, second: HedgedAmount) -> bool:  # both written in one unit
        return amounts_compatible(first, second, written_in_one_unit=(first.amount, second.amount))

    assert not compatible(H(346, "about", precision=1), H(342, "exact"))
    assert compatible(H(346, "about", precision=1), H(345, "exact"))
    assert compatible(H(350, "about", precision=10), H(342, "exact"))
    assert compatible(H(4000, "about", precision=1000), H(3895, "exact"))
    assert compatible(H(10e6, "nearly", precision=10e6), H(9.8e6, "exact"))
    assert not compatible(H(3.24e6, "nearly", precision=10_000), H(3.1e6, "exact"))
    # In words ("about two dozen"), a figure reads as round: the whole share applies
    assert compatible(H(24, "about", precision=None), H(23, "exact"))


def test_a_figures_digit_precision_is_in_base_units_and_none_in_words():
    assert digit_precision("about 346", 346, 1.0) == 1
    assert digit_precision("30 miles", 30, 1609.344) == pytest.approx(16093.44)
    assert digit_precision("two dozen", 24, 1.0) is None
