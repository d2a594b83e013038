"""What a figure measures, from the signal word nearest to it."""

from __future__ import annotations

from newsweave.analyze.slot_keys import distance_key, nearest_key


def test_the_nearest_signal_word_gives_the_key():
    # "About 250 passengers were evacuated": (distance in tokens, lemma) around the figure.
    assert nearest_key([(1, "passenger"), (3, "evacuate")]) == "evacuated or displaced"
    assert nearest_key([(2, "injure"), (5, "kill")]) == "injured"
    assert nearest_key([(1, "train"), (2, "station")]) is None
    # "Tens of thousands of people were visiting the quarter" counts a crowd, like "gathered"
    assert nearest_key([(2, "visit")]) == nearest_key([(2, "gather")]) == "people taking part"


def test_the_counted_thing_is_not_what_is_measured():
    # Passengers may be on board, evacuated or hurt: the noun alone keys nothing.
    assert nearest_key([(1, "passenger")]) is None
    assert nearest_key([(1, "passenger"), (2, "aboard")]) == "on board"


def test_a_distance_is_keyed_by_its_reference_place():
    assert distance_key(" north of Varna, officials said") == "distance north of varna"
    assert distance_key(" from the coast") is None  # no named place
