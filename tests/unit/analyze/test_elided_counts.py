"""Counts whose thing is named before an "and" and left out after it."""

from __future__ import annotations

import pytest

from newsweave.analyze.elided_counts import elided_thing, is_plural, ones_more
from newsweave.analyze.quantities import find_quantities
from newsweave.model import Sentence


def counts(text: str) -> list[tuple[str, str, float]]:
    sentence = Sentence(source="S1", index=0, text=text, start_char=0, end_char=len(text))
    return [(q.text, q.dimension, q.value) for q in find_quantities(sentence)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # The thing is named once; the second figure counts it too, whatever verb follows.
        ("Several wagons left the rails and at least four caught fire.", [("four", "count:wagon", 4.0)]),
        ("Nine ferries sank and three burst into flames.", [("Nine ferries", "count:ferry", 9.0), ("three", "count:ferry", 3.0)]),
        ("Two guards were arrested and three were released.", [("Two guards", "count:guard", 2.0), ("three", "count:guard", 3.0)]),
        ("Forty councillors voted for it and 12 against.", [("Forty councillors", "count:councillor", 40.0), ("12", "count:councillor", 12.0)]),
        # "and a third": one more of what was just counted, when the ordinal is followed by a verb.
        ("Two barges were holed and a third caught fire.", [("Two barges", "count:barge", 2.0), ("a third", "count:barge", 1.0)]),
        ("Three riders fell and a fourth was hurt.", [("Three riders", "count:rider", 3.0), ("a fourth", "count:rider", 1.0)]),
        # Not an elided count: the figure names its own thing, or nothing counted comes before.
        ("She keeps two goats and three grandchildren.", [("two goats", "count:goat", 2.0), ("three grandchildren", "count:grandchildren", 3.0)]),
        ("Two vans and three delivery trucks collided.", [("Two vans", "count:van", 2.0), ("three delivery trucks", "count:truck", 3.0)]),
        # An ordinal that is a fraction or the first of a kind is no count.
        ("A third of the wagons were empty.", []),
        ("Two barges sank, and a third barge was towed.", [("Two barges", "count:barge", 2.0)]),
        ("Two barges sank and a fifth was towed.", [("Two barges", "count:barge", 2.0)]),
        # A plural name is the thing counted, not a word after it.
        ("Twelve Liberals voted against the plan.", [("Twelve Liberals", "count:liberal", 12.0)]),
    ],
)
def test_what_an_elided_figure_counts(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "word, plural",
    [("carriages", True), ("firemen", True), ("children", True), ("people", True), ("caught", False),
     ("this", False), ("serious", False), ("bus", False), ("specimen", False), ("address", False)],
)  # fmt: skip
def test_what_reads_as_a_plural_noun(word, plural):
    assert is_plural(word) is plural


def test_the_thing_is_the_first_plural_of_the_words_before_the_and():
    text = "The storm flattened several sheds on farms and at least "
    assert elided_thing(text, len(text)) == "sheds"
    no_and = "The storm flattened several sheds, at least "
    assert elided_thing(no_and, len(no_and)) is None
    assert [one.ordinal for one in ones_more("Two sheds fell and a third was damaged.")] == [3]


def test_long_odd_runs_cost_linear_time():
    # A long run of letters or of words without "and" is read once, not once per start.
    assert elided_thing("a" * 200_000 + " and ", 200_005) is None
    assert ones_more(" and a third" * 20_000) == []
