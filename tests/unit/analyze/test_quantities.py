"""Numbers with units: found, converted, compared."""

from __future__ import annotations

import pytest

from newsweave.analyze.quantities import (
    can_both_be_true,
    comparable_dimension,
    find_quantities,
    one_sum_in_two_currencies,
    same_amount,
)
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


def test_a_number_that_names_a_place_in_an_order_is_not_an_amount():
    assert quantities("She kept the No. 2 job, and he remained in No. 3 position behind the #1 seed.") == []
    assert [q.text for q in quantities("Three positions are open and 5 people applied.")] == ["Three positions", "5 people"]


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


def test_vague_magnitudes_are_several_of_their_unit_counted_in_what_follows():
    found = {q.text: q for q in quantities("Tens of thousands of protesters marched while hundreds of homes stood empty.")}
    crowd = found["Tens of thousands of protesters"]
    assert (crowd.base_value, crowd.bound, crowd.dimension) == (10_000, "several", "count:people")
    assert found["hundreds of homes"].dimension == "count:home" and found["hundreds of homes"].base_value == 100
    [alone] = quantities("The crowd numbered in the hundreds of thousands.")
    assert (alone.base_value, alone.dimension) == (100_000, "count:people")


def test_the_counted_thing_is_the_noun_not_a_name_before_it():
    [quantity] = quantities("Up to 4,000 Harbourline homes lost power.")
    assert quantity.dimension == "count:home" and quantity.bound == "at_most"
    [customers] = quantities("Up to 9.8 million Harbourline customers were affected.")
    assert customers.dimension == "count:people"  # customers, users, subscribers are people counted


def test_halves_and_dozens_are_part_of_the_number():
    found = {q.text: q for q in quantities("She signed a two-and-a-half-year deal; about two dozen people waited.")}
    assert found["two-and-a-half-year"].base_value == 2.5 * 525960.0
    assert found["two dozen people"].base_value == 24 and found["two dozen people"].bound == "about"


def test_an_age_is_not_a_span_of_time():
    [age] = quantities("The 37-year-old striker signed on Friday.")
    assert (age.dimension, age.base_value) == ("age", 37)
    [span] = quantities("He signed for two years.")
    assert span.dimension == "duration"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The flood left about 350 families homeless.", "The flood left 342 families homeless."),
        ("More than 1,000 houses were flooded.", "Some 1,182 houses were flooded."),
        ("The fine was £12 million.", "The fine was $16 million."),  # one sum, told in two currencies
        ("The prize was 40 million rupees.", "The prize was $2 million."),  # no steady rate: may be one sum
    ],
)
def test_figures_that_can_both_be_true(first: str, second: str) -> None:
    [a], [b] = quantities(first), quantities(second)
    assert can_both_be_true(a, b) and can_both_be_true(b, a)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The storm of 1998 killed almost 300 people.", "The storm of 1998 killed 304 people."),  # "almost" stops short
        ("Officials counted 150 dead.", "Officials counted 151 dead."),  # counts are whole: never rounded together
        ("He will be paid £165 million a year.", "He will be paid $75 million a year."),
        ("The ferry carried 80 passengers.", "The ferry carried 80 metres of cable."),
    ],
)
def test_figures_that_cannot_both_be_true(first: str, second: str) -> None:
    [a], [b] = quantities(first), quantities(second)
    assert not can_both_be_true(a, b) and not can_both_be_true(b, a)


def test_others_after_a_figure_are_people_but_other_before_a_noun_is_not():
    [others] = [q for q in quantities("Four were killed and 33 others remain in hospital.") if q.value == 33]
    assert others.dimension == "count:people" and others.value == 33
    [trains] = quantities("Two other trains were stopped.")
    assert trains.dimension != "count:people"


def test_a_large_figure_out_of_a_whole_counts_the_whole():
    [users] = quantities("The thieves took the records of up to 4.2 million of its users.")
    assert (users.dimension, users.value, users.bound) == ("count:people", 4.2e6, "at_most")
    assert quantities("Two million of the") == []


def test_a_bare_figure_beside_a_casualty_verb_counts_people():
    injured = quantities("The blast killed at least 12 people and injured some 40.")[-1]
    assert (injured.text, injured.dimension, injured.bound) == ("40", "count:people", "about")
    [_, wounded] = quantities("Officials said 12 people died and 31 were wounded.")
    assert (wounded.value, wounded.dimension) == (31, "count:people")
    assert quantities("The ferry left at 9 and the bridge opened in 1987.") == []
    assert quantities("No one was injured, the harbour authority said.") == []


def test_temperatures_written_onto_the_figure_or_spelled_out():
    [glued] = quantities("The blaze in the hall reached 1,300C within minutes.")
    [symbol] = quantities("Temperatures in the hall hit 1,300°C, firefighters said.")
    assert glued.dimension == symbol.dimension == "temperature_c" and same_amount(glued, symbol)
    [fahrenheit] = quantities("It was 95F at noon and 104 degrees Fahrenheit by three.")[:1]
    assert fahrenheit.dimension == "temperature_f"  # never compared with Celsius: the scales differ by an offset
    # A label in a building is not a temperature, and a lower-case "5c" is usually cents.
    assert quantities("She lived in Room 12C of the tower.") == []
    assert quantities("Petrol rose 5c a litre overnight.") == []


def test_scales_written_onto_the_figure():
    [sum_] = quantities("The club will pay him £3.2m a week.")
    assert sum_.dimension == "money:GBP/week" and sum_.base_value == 3_200_000
    [deal] = quantities("Investors put $4.9bn into the port.")
    assert deal.base_value == 4_900_000_000
    [crowd] = quantities("About 1.2m people lost power.")
    assert crowd.dimension == "count:people" and crowd.base_value == 1_200_000
    [grain] = quantities("The silos held 1.5m tonnes of grain.")
    assert grain.dimension == "mass" and grain.base_value == 1_500_000_000  # kilograms
    [wall] = quantities("A 1.2m wall collapsed onto the road.")  # one thing after it: metres
    assert wall.dimension == "length" and wall.base_value == 1.2


def test_lakh_grouping_is_read_whole():
    [crowd] = quantities("Some 3,50,000 people attended the rally.")
    assert crowd.base_value == 350_000


def test_a_range_gives_its_top_as_a_ceiling_never_an_exact_figure():
    for text in ("Between 300–400 people were evacuated.", "Between 300 and 400 people were evacuated."):
        [top] = quantities(text)
        assert top.base_value == 400 and top.bound == "at_most"
    # The bottom of "$5-$7 million" lacks the scale its top carries: it is not read as five dollars.
    [top] = quantities("Repairs will cost $5-$7 million.")
    assert top.base_value == 7_000_000 and top.bound == "at_most"


@pytest.mark.parametrize(
    "text, dimension",
    [
        ("The club will pay her $40 million a year.", "money:USD/year"),
        ("She signed a $40 million-per-year contract.", "money:USD/year"),
        ("She will earn $40 million (£33 million) a year.", "money:USD/year"),
        ("She will earn £33 million ($40 million) a year.", "money:GBP/year"),
        ("She was offered an annual salary of €35m.", "money:EUR/year"),
        ("Per week $800,000", "money:USD/week"),
        ("The stadium is rented for €9,000 monthly.", "money:EUR/month"),
        ("The club paid a €35m fee for her.", "money:EUR"),
        # Per unit bought, and each of several: "$1.6 million" and "$800,000 each" are sums of two things.
        ("Crude sold for $90 a barrel on Monday.", "money:USD/barrel"),
        ("Petrol reached $4 per gallon.", "money:USD/gallon"),
        ("They paid $5,000 apiece for the seats.", "money:USD/each"),
        # A measure per something is a rate, never set against a distance or a length.
        ("The new cars will manage 40.4 miles per gallon.", "length/gallon"),
        ("The shore retreats 3 centimetres a year.", "length/year"),
        ("Winds reached 120 miles per hour.", "speed"),
        ("The town lies 380 kilometres north of the capital.", "length"),
        # A noun before the plural only says which kind is counted.
        ("She lost four state championships to rivals.", "count:championship"),
        ("Three police officers were hurt.", "count:officer"),
        ("The first three passenger carriages burned.", "count:carriage"),
        ("Nineteen states have banned it.", "count:state"),
        ("Two trains collided.", "count:train"),
    ],
)
def test_what_a_figure_measures_its_rate_and_its_counted_thing(text, dimension):
    assert quantities(text)[0].dimension == dimension


def test_sums_of_two_periods_are_never_one_sum():
    [weekly] = quantities("She earns £800,000 a week.")
    [yearly] = quantities("She earns £41.6 million a year.")
    [dollars] = quantities("She earns $1.1 million a week.")
    assert comparable_dimension(weekly.dimension) == comparable_dimension(dollars.dimension) == "money/week"
    assert comparable_dimension(yearly.dimension) == "money/year"
    assert not one_sum_in_two_currencies(weekly.dimension, weekly.base_value, yearly.dimension, yearly.base_value)
    assert one_sum_in_two_currencies(weekly.dimension, weekly.base_value, dollars.dimension, dollars.base_value)


def test_each_share_of_a_fine_is_another_sum_than_the_fine():
    whole, each = [q for q in quantities("The two firms were fined $1.6 million in all, $800,000 for each of them.") if q.dimension.startswith("money:")]
    assert (whole.dimension, each.dimension) == ("money:USD", "money:USD/each")
    assert comparable_dimension(whole.dimension) != comparable_dimension(each.dimension)


def test_a_span_of_time_that_dates_something_is_not_a_length_of_time():
    assert quantities("Four years ago, the council closed the bridge.") == []
    assert quantities("The ferry sank; two days later the port reopened.") == []
    [span] = quantities("The bridge stayed shut for 35 days.")
    assert span.dimension == "duration"
