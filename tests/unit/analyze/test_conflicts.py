"""Slot conflicts: same clause, different values; same amount in other units agrees."""

from __future__ import annotations

import numpy as np

from newsweave.analyze.conflicts import find_slot_conflicts
from newsweave.analyze.slots import SlotValue
from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import Sentence

TOPICS = {"reopen": 0, "drop": 1, "open": 2}


def _value(source, topic, display, amount, dimension="date", kind="date", speaker=None, via=(), index=0, form=None,
           bound="exact"):
    text = f"{source} sentence about {topic} {display}"
    return SlotValue(
        kind=kind, source=source, sentence=Sentence(source, index, text, 0, len(text)), display=display,
        normalized=f"{amount:g}", dimension=dimension, amount=float(amount), context=f"the bridge will {topic} on …",
        speaker=speaker, via=via, denied=False, context_words=frozenset({topic}), date_form=form,
        bound=bound,
    )


def _embed(texts):
    """Clauses about one topic share a direction: a stand-in for the sentence embedder."""
    vectors = np.zeros((len(texts), len(TOPICS)), np.float32)
    for row, text in enumerate(texts):
        vectors[row, next(TOPICS[word] for word in text.split() if word in TOPICS)] = 1.0
    return vectors


def test_two_days_for_one_slot_is_a_conflict_with_sides():
    values = [
        _value("S1", "reopen", "Thursday", 739050, speaker="Transport Minister Teodor Halvorsen"),
        _value("S2", "reopen", "Thursday", 739050, speaker="Teodor Halvorson", via=("Harbourline Wire",)),
        _value("S3", "reopen", "Friday", 739051, speaker="the harbour authority"),
    ]
    findings = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {})
    [conflict] = findings.conflicts
    assert conflict.kind == "date"
    thursday, friday = conflict.positions
    assert thursday.sources == ("S1", "S2") and friday.sources == ("S3",)
    assert thursday.via == ("Harbourline Wire (S2)",)
    assert friday.attributed_to == "the harbour authority"


def test_different_slots_do_not_conflict():
    values = [_value("S1", "reopen", "Thursday", 739050), _value("S2", "drop", "Monday", 739047)]
    assert find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts == ()


def test_dates_weeks_apart_are_other_facts():
    values = [_value("S1", "open", "3 May", 738643), _value("S2", "open", "Tuesday", 739048)]
    assert find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts == ()


def test_same_length_in_feet_and_metres_agrees_across_units():
    values = [
        _value("S1", "drop", "1,640-foot", 499.87, dimension="length", kind="number"),
        _value("S2", "drop", "500 metres", 500.0, dimension="length", kind="number"),
    ]
    findings = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {})
    assert findings.conflicts == ()
    [agreement] = findings.unit_agreements
    assert agreement.sources == ("S1", "S2") and set(agreement.displays) == {"1,640-foot", "500 metres"}


def test_denied_values_take_no_side():
    values = [_value("S1", "reopen", "Thursday", 739050), _value("S2", "reopen", "Friday", 739051)]
    denied = [values[0], SlotValue(**{**values[1].__dict__, "denied": True})]
    assert find_slot_conflicts(denied, _embed, DEFAULT_SETTINGS, {}).conflicts == ()
    assert len(find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts) == 1


# 739050 is a Thursday (2024-06-13); 739057 the Thursday after, 739051 the Friday.


def test_a_weekday_resolved_to_another_week_joins_the_written_date_of_that_weekday():
    values = [
        _value("S1", "reopen", "Thursday, June 13", 739050, form="absolute"),
        _value("S2", "reopen", "Thursday", 739057, form="weekday"),  # placed by a later page date
    ]
    assert find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts == ()


def test_two_weekdays_still_conflict():
    values = [
        _value("S1", "reopen", "Thursday", 739050, form="weekday"),
        _value("S2", "reopen", "Friday", 739051, form="weekday"),
    ]
    [conflict] = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts
    assert {p.value for p in conflict.positions} == {"Thursday", "Friday"}


def test_today_one_day_off_a_written_date_is_left_out_not_set_against_it():
    values = [
        _value("S1", "reopen", "June 13", 739050, form="absolute"),
        _value("S2", "reopen", "June 13", 739050, form="absolute"),
        _value("S3", "reopen", "today", 739051, form="relative"),  # the page's date may be the day after
    ]
    assert find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts == ()


def test_a_relative_date_days_away_is_still_a_side():
    values = [
        _value("S1", "reopen", "June 13", 739050, form="absolute"),
        _value("S2", "reopen", "tomorrow", 739053, form="relative"),
    ]
    [conflict] = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts
    assert {p.value for p in conflict.positions} == {"June 13", "tomorrow"}


def test_figures_a_hedge_makes_compatible_are_no_conflict():
    values = [
        _value("S1", "drop", "1,000 houses", 1000, dimension="count:house", kind="number", bound="at_least"),
        _value("S2", "drop", "1,182 houses", 1182, dimension="count:house", kind="number"),
    ]
    assert find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts == ()


def test_two_ceilings_for_one_figure_are_a_conflict():
    values = [
        _value("S1", "drop", "9 million", 9_000_000, dimension="count:customer", kind="number", bound="at_most"),
        _value("S2", "drop", "9.8 million", 9_800_000, dimension="count:customer", kind="number", bound="at_most"),
    ]
    [conflict] = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts
    assert {p.value for p in conflict.positions} == {"9 million", "9.8 million"}
