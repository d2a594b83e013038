"""Which office a person holds, when one source gives a rank word (deputy, acting, floor) and another none."""

from __future__ import annotations

from newsweave.analyze.ranks import find_rank_conflicts


def test_a_floor_leader_against_the_party_leader_is_a_dispute_in_the_words_as_written(detect):
    [conflict] = detect(
        find_rank_conflicts,
        "Marta Velkoran, leader of the Harbour Party, called the vote a victory.",
        "Marta Velkoran, the opposition party floor leader, said after the vote that the result was clear.",
        "The result was welcomed by Marta Velkoran, leader of the Harbour Party, on Friday.",
    )
    office, floor = conflict.positions
    assert office.sources == ("S1", "S3") and office.value == "leader of the Harbour Party"
    assert floor.sources == ("S2",) and "floor leader" in floor.value
    assert conflict.topic.endswith("Velkoran's office") and conflict.kind == "name"


def test_two_offices_one_person_holds_or_the_same_office_are_no_dispute(detect):
    # Deputy Prime Minister and Foreign Minister at once: other words, another office, both true.
    assert detect(
        find_rank_conflicts,
        "Foreign Minister Ivo Brandt confirmed the truce on Saturday.",
        "Deputy Prime Minister Ivo Brandt wrote that the truce would hold.",
    ) == []
    assert detect(
        find_rank_conflicts,
        "Ivo Brandt, the deputy mayor, opened the bridge.",
        "The bridge was opened by Ivo Brandt, deputy mayor of Dunmere, on Monday.",
    ) == []


def test_a_source_giving_both_ranks_takes_no_side(detect):
    assert detect(
        find_rank_conflicts,
        "Ivo Brandt, the deputy mayor, spoke first. Ivo Brandt, the mayor since June, then cut the ribbon.",
        "Ivo Brandt, the mayor, cut the ribbon.",
    ) == []
