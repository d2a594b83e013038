"""Numbers with units: found, converted, compared."""

from __future__ import annotations

import pytest

from newsweave.analyze.quantities import find_quantities, same_amount
from newsweave.model import Sentence


def quantities(text: str):
    return find_quantities(Sentence(source="S1", index=0, text=text, start_char=0, end_char=len(text)))


def test_feet_and_metres_state_the_same_length():
    [feet] = quantities("The main span is 1,640 feet long.")
    [metres] = quantities("Its main span of 500 metres opened in 1987.")
    assert feet.dimension == metres.dimension == "length"
    assert feet.base_value == pytest.approx(499.87, abs=0.01)
    assert same_amount(feet, metres)


def test_different_lengths_do_not_agree():
    [low] = quantities("The deck dropped about 40 centimetres.")
    [high] = quantities("The deck dropped nearly 60 centimetres.")
    assert not same_amount(low, high)


def test_dates_years_and_times_are_not_quantities():
    assert quantities("On March 28, 2022 at 13:56 the talks began, as in 2019.") == []


def test_counts_compare_only_with_counts_of_the_same_thing():
    [workers] = quantities("Two maintenance workers were hurt and 12 workers went home.")[:1]
    [metres] = quantities("The crack was 2 metres long.")
    assert workers.dimension.startswith("count:")
    assert not same_amount(workers, metres)


def test_money_and_scales():
    [cost] = quantities("Repairs could cost $14 million.")
    assert cost.dimension == "money:USD"
    assert cost.base_value == 14_000_000


def test_word_numbers_with_units():
    [days] = quantities("The talks will last for three days.")
    assert days.dimension == "duration" and days.value == 3
