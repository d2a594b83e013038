"""Opposite descriptions of one thing across a story: modifiers and regions of a place."""

from __future__ import annotations

import numpy as np

from newsweave.analyze.opposites import find_opposite_conflicts
from newsweave.model import AnalyzedArticle, Entity, Sentence, Token

from .conftest import make_article


def _conflicts(analyze_texts, texts: dict[str, str]):
    return find_opposite_conflicts(analyze_texts([make_article(source, text) for source, text in texts.items()]))


def _by_value(conflict):
    return {p.normalized: (p.value, p.sources) for p in conflict.positions}


def test_uphill_and_downhill_of_one_noun_across_sources_is_a_conflict(analyze_texts):
    conflicts = _conflicts(
        analyze_texts,
        {
            "S1": "Late on Friday the marchers were pushed into a narrow, downhill lane beside the market.",
            "S2": "The organisers said nobody was hurt.\nThe marchers were squeezed into an uphill lane near the market.",
            "S3": "Stalls near the market stayed open all night.",
        },
    )
    [conflict] = conflicts
    assert conflict.kind == "place"
    assert _by_value(conflict) == {"downhill": ("downhill lane", ("S1",)), "uphill": ("uphill lane", ("S2",))}
    uphill = next(p for p in conflict.positions if p.normalized == "uphill")
    assert uphill.claim == "The marchers were squeezed into an uphill lane near the market."
    assert [(e.source, e.index) for e in uphill.evidence] == [("S2", 1)]
    assert uphill.attributed_to is None


def test_same_modifier_in_every_source_is_no_conflict(analyze_texts):
    assert not _conflicts(
        analyze_texts,
        {
            "S1": "The marchers were pushed into a narrow, downhill lane beside the market.",
            "S2": "The marchers were squeezed into a downhill lane near the market.",
        },
    )


def test_a_source_naming_both_decks_describes_two_decks(analyze_texts):
    # S1 names both decks, so only S2 is left: one value, nothing in dispute.
    assert not _conflicts(
        analyze_texts,
        {
            "S1": "Smoke spread from the lower deck of the ferry.\nPassengers on the upper deck were rescued first.",
            "S2": "Passengers on the lower deck jumped into the sea.",
        },
    )
    [conflict] = _conflicts(
        analyze_texts,
        {
            "S1": "Smoke first appeared on the lower deck of the ferry.",
            "S2": "Smoke first appeared on the upper deck of the ferry.",
        },
    )
    assert _by_value(conflict) == {"lower": ("lower deck", ("S1",)), "upper": ("upper deck", ("S2",))}


def test_a_source_calling_one_slope_both_ways_still_disagrees_with_the_others(analyze_texts):
    # A slope describes one thing (see DESCRIPTIVE_GROUPS): S2 contradicts S1 in its second sentence.
    [conflict] = _conflicts(
        analyze_texts,
        {
            "S1": "The marchers were pushed into a narrow, downhill lane beside the market.",
            "S2": "The marchers were pushed into a narrow, downhill lane.\nLater the crowd surged into a narrow, uphill lane.",
        },
    )
    assert _by_value(conflict) == {
        "downhill": ("downhill lane", ("S1", "S2")),
        "uphill": ("uphill lane", ("S2",)),
    }


def test_generic_nouns_are_not_keys(analyze_texts):
    assert not _conflicts(
        analyze_texts,
        {
            "S1": "Water reached the upper part of the embankment by noon.",
            "S2": "Water reached the lower part of the embankment by noon.",
        },
    )


def test_two_regions_of_one_place_across_sources_is_a_conflict(analyze_texts):
    [conflict] = _conflicts(
        analyze_texts,
        {
            "S1": "A goods train left the rails near a small town in central Portugal on Sunday.",
            "S2": "A goods train derailed in northern Portugal on Sunday, the operator said.",
            "S3": "Rail traffic in Portugal was halted for the night.",
        },
    )
    assert conflict.kind == "place"
    assert conflict.topic == "region of Portugal"
    assert _by_value(conflict) == {
        "central": ("central Portugal", ("S1",)),
        "north": ("northern Portugal", ("S2",)),
    }


def test_a_source_naming_two_regions_of_a_place_is_describing_two_places(analyze_texts):
    assert not _conflicts(
        analyze_texts,
        {
            "S1": "A goods train derailed in northern Portugal on Sunday.\nIt was bound for a depot in central Portugal.",
            "S2": "A goods train derailed in northern Portugal on Sunday, the operator said.",
        },
    )


def test_the_same_region_everywhere_is_no_conflict(analyze_texts):
    assert not _conflicts(
        analyze_texts,
        {
            "S1": "A goods train derailed in northern Portugal on Sunday.",
            "S2": "A goods train left the rails in northern Portugal late on Sunday.",
        },
    )


def test_three_regions_of_a_place_mean_a_story_about_several_regions(analyze_texts):
    assert not _conflicts(
        analyze_texts,
        {
            "S1": "Heavy snow closed roads in northern Portugal on Sunday.",
            "S2": "Heavy snow closed schools in central Portugal on Sunday.",
            "S3": "Heavy snow cut power lines in southern Portugal on Sunday.",
        },
    )


def test_overlapping_compass_regions_are_compatible(analyze_texts):
    assert not _conflicts(
        analyze_texts,
        {
            "S1": "A goods train derailed in northern Portugal on Sunday.",
            "S2": "A goods train derailed in north-eastern Portugal on Sunday.",
        },
    )


def test_the_north_of_the_country_is_read_as_the_one_place_given_a_region(analyze_texts):
    [conflict] = _conflicts(
        analyze_texts,
        {
            "S1": "A goods train derailed near a small town in central Portugal on Sunday.",
            "S2": "The derailment happened in the north of the country late on Sunday.",
        },
    )
    assert conflict.topic == "region of Portugal"
    assert _by_value(conflict) == {
        "central": ("central Portugal", ("S1",)),
        "north": ("the north of the country", ("S2",)),
    }


def test_a_distance_north_of_a_place_is_not_a_region(analyze_texts):
    assert not _conflicts(
        analyze_texts,
        {
            "S1": "A goods train derailed in central Portugal on Sunday.",
            "S2": "A goods train derailed about 200 kilometres north of Lisbon on Sunday.",
        },
    )


def test_a_region_reached_or_crossed_is_not_where_the_thing_is(analyze_texts):
    assert not _conflicts(
        analyze_texts,
        {
            "S1": "A goods train derailed in central Portugal on Sunday.",
            "S2": "The driver of the derailed train was later flown to southern Portugal for surgery.",
        },
    )


def test_quoted_words_and_headings_state_nothing(analyze_texts):
    assert not _conflicts(
        analyze_texts,
        {
            "S1": "The marchers were pushed into a narrow, downhill lane beside the market.",
            "S2": 'Marchers trapped in uphill lane\nA marcher said: "It felt like an uphill lane full of people." '
            "Police gave no details.",
        },
    )


def test_the_region_a_named_city_lies_in_is_compared_between_sources(analyze_texts):
    [conflict] = _conflicts(
        analyze_texts,
        {
            "S1": "The train was bound for the northern city of Braga when it derailed.",
            "S2": "The train was bound for the central city of Braga when it derailed.",
            "S3": "The train was heading to Braga, a city in central Portugal.",
        },
    )
    assert conflict.topic == "where Braga lies"
    assert _by_value(conflict) == {
        "north": ("northern city of Braga", ("S1",)),
        "central": ("central city of Braga", ("S2",)),
    }


def test_odd_records_do_not_crash():
    broken = Sentence(
        source="S1",
        index=0,
        text="uphill lane central Portugal",
        start_char=0,
        end_char=28,
        tokens=(
            Token("uphill", "uphill", "ADJ", "JJ", "amod", 99),
            Token("lane", "lane", "NOUN", "NN", "ROOT", -5),
            Token("central", "central", "ADJ", "JJ", "amod", 3),
            Token("Portugal", "Portugal", "PROPN", "NNP", "pobj", 77),
        ),
        entities=(Entity("Portugal", "GPE", 3, 9), Entity("lane", "LOC", -1, 2)),
    )
    empty = Sentence(source="S2", index=0, text="", start_char=0, end_char=0)
    articles = [
        AnalyzedArticle(make_article("S1", broken.text), (broken,), np.zeros((1, 4), dtype=np.float32)),
        AnalyzedArticle(make_article("S2", ""), (empty,), np.zeros((1, 4), dtype=np.float32)),
        AnalyzedArticle(make_article("S3", ""), (), np.zeros((0, 4), dtype=np.float32)),
    ]
    assert find_opposite_conflicts(articles) == []
    assert find_opposite_conflicts([]) == []
