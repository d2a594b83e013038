"""Hedged figures: a bound or an estimate agrees with what it covers; two answers hedged alike do not."""

from __future__ import annotations

import pytest

from newsweave.analyze.hedges import HedgedAmount, amounts_compatible, bound_before

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
        (H(350, "about"), H(300, "exact")),  # too far for an estimate
    ],
)
def test_figures_that_cannot_both_be_true_disagree(first: HedgedAmount, second: HedgedAmount) -> None:
    assert not amounts_compatible(first, second)
    assert not amounts_compatible(second, first)


def test_almost_is_a_little_short_of_the_figure_never_more():
    assert amounts_compatible(H(10_000_000, "nearly"), H(9_800_000, "exact"))
    assert not amounts_compatible(H(300, "nearly"), H(304, "exact"))
