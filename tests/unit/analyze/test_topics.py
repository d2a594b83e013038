"""Topics a reader understands: what is measured or dated, never a clause with a gap in it."""

from __future__ import annotations

import pytest

from newsweave.analyze.topics import readable_clause, slot_topic

GAP = "…"


@pytest.mark.parametrize(
    ("kind", "dimension", "key", "context", "topic"),
    [
        ("number", "count:people", "dead", f"At least {GAP} have been killed", "number of dead"),
        ("number", "count:people", "injured", f"{GAP} were hurt", "number of injured"),
        ("number", "money:GBP", "paid", f"He will earn {GAP} a year", "sum paid"),
        # A duration near "signed" is not the sum paid: the key names money, the figure is a span of time.
        ("number", "duration", "paid", f"The striker signed for {GAP} with the club", "how long: the striker signed with the club"),
        ("date", "date", None, f"The head of the station was arrested on {GAP}", "day the head of the station was arrested"),
        ("time", "time", None, f"The truce will begin at {GAP} on Wednesday", "time the truce will begin on Wednesday"),
        ("number", "count:carriage", None, f"At least {GAP} caught fire", "how many carriages: caught fire"),
        # A figure that leaves out what it counts (named before it) counts the subject of what follows.
        ("number", "count:carriage", None, f"Two carriages were crushed {GAP} caught fire", "how many carriages: caught fire"),
        ("number", "count:worker", None, f"The mill laid off {GAP} in May", "how many workers: the mill laid off in May"),
        # What a key signals is said of people only: houses "buried" are counted as houses, not as the dead.
        ("number", "count:house", "dead", f"{GAP} were buried under the mud", "how many houses: were buried under the mud"),
        ("number", "length", "injured", f"The wounded were carried {GAP}", "what length: the wounded were carried"),
    ],
)
def test_a_topic_names_what_is_measured_or_dated(kind, dimension, key, context, topic):
    assert slot_topic(kind, dimension, key, context, sentence=context.replace(GAP, "12")) == topic


def test_a_distance_is_named_by_its_reference_place_as_written():
    sentence = "The crash happened 380 kilometres north of Larissa, officials said."
    assert slot_topic("number", "length", "distance north of larissa", f"The crash happened {GAP}", sentence) == (
        "distance north of Larissa"
    )


def test_a_clause_loses_its_gaps_the_words_leading_into_them_and_a_page_stamp():
    assert readable_clause(f"date 2022 10 30 Police on {GAP} guard the alley") == "Police guard the alley"
    assert readable_clause(f"Police on {GAP} guard the alley", common=frozenset({"Police"})) == "police guard the alley"
    assert GAP not in readable_clause(f"{GAP} gathered near {GAP} and then at more than {GAP}")


def test_a_long_clause_is_cut_without_ending_mid_phrase():
    words = "The council voted to close the old road and to build a new bridge over the river of the town"
    clause = readable_clause(words)
    assert len(clause.split()) <= 14
    assert clause.split()[-1] not in {"of", "the", "a", "to", "and", "over"}
