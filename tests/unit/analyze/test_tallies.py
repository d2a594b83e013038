"""Running tallies (tolls, injured, arrests) given at several stages are updates, not disputes."""

from __future__ import annotations

import dataclasses
import datetime as dt

from newsweave.analyze.conflicts import find_slot_conflicts
from newsweave.analyze.tallies import build_update, is_running_tally, one_source_gives_two_stages
from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import Evidence

from .test_conflicts import _embed, _value


def _count(source, amount, noun="people", context=("kill",), day=None, display=None):
    value = _value(source, "drop", display or f"{amount} {noun}", amount, dimension=f"count:{noun}", kind="number")
    key = "dead" if "kill" in context else None  # what extraction reads from "killed" next to the figure
    return dataclasses.replace(value, context_words=frozenset(context) | {"drop"}, as_of=day, key=key)


def test_a_count_of_the_dead_or_injured_is_a_running_tally():
    assert is_running_tally([_count("S1", 36), _count("S2", 43)])
    assert is_running_tally([_count("S1", 4, noun="body", context=())])  # the counted noun is enough
    assert not is_running_tally([_count("S1", 300, noun="house", context=("build",))])
    assert not is_running_tally([dataclasses.replace(_count("S1", 30), dimension="length")])


def test_a_figure_whose_key_says_it_does_not_grow_is_no_tally_whatever_words_surround_it():
    # "342 passengers were on board when the train crashed, killing ...": the toll's words are near,
    # but the key says what the figure measures, and a count of people on board does not grow.
    on_board = [dataclasses.replace(_count("S1", 342, noun="passenger"), key="on board"),
                dataclasses.replace(_count("S2", 350, noun="passenger"), key="on board")]
    assert not is_running_tally(on_board)
    assert is_running_tally([dataclasses.replace(value, key="injured") for value in on_board])


def test_empty_sides_are_compatible_and_never_crash():
    from newsweave.analyze.compatibility import all_compatible

    assert all_compatible([], DEFAULT_SETTINGS) and all_compatible([[]], DEFAULT_SETTINGS)


def test_a_toll_that_differs_between_sources_is_an_update_latest_first_not_a_conflict():
    values = [
        _count("S1", 36, day=dt.date(2024, 6, 13)),
        _count("S2", 43, day=dt.date(2024, 6, 14)),
        _count("S3", 32),  # an undated page
    ]
    findings = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {})
    assert findings.conflicts == ()
    [update] = findings.updates
    assert [stage.value for stage in update.values] == ["43 people", "36 people", "32 people"]
    assert [stage.as_of for stage in update.values] == [
        "article dated 2024-06-14",
        "article dated 2024-06-13",
        "undated article",
    ]


def test_one_article_giving_two_counts_is_neither_update_nor_dispute():
    values = [_count("S1", 15), _count("S1", 3), _count("S2", 15)]
    findings = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {})
    assert findings.conflicts == () and findings.updates == ()
    assert one_source_gives_two_stages([[values[0], values[2]], [values[1]]])


def test_other_counts_still_conflict():
    values = [_count("S1", 300, noun="house", context=("build",)), _count("S2", 500, noun="house", context=("build",))]
    findings = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {})
    assert len(findings.conflicts) == 1 and findings.updates == ()


def test_undated_stages_are_ordered_from_the_highest_count():
    update = build_update("killed …", [[_count("S1", 30)], [_count("S2", 41)]], lambda v: Evidence(v.source, "x"))
    assert [stage.value for stage in update.values] == ["41 people", "30 people"]


def test_counts_are_never_rounded_together_so_every_stage_of_a_toll_shows():
    values = [_count("S1", 150), _count("S2", 151), _count("S3", 153)]
    [update] = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).updates
    assert sorted(stage.value for stage in update.values) == ["150 people", "151 people", "153 people"]


def test_one_article_giving_two_stages_of_a_keyed_toll_is_still_an_update():
    # "at least 150 ... the toll later rose to 153": the same article gives an earlier and a later stage.
    values = [_count("S1", 150), _count("S1", 153), _count("S2", 153)]
    [update] = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).updates
    assert {stage.value for stage in update.values} == {"150 people", "153 people"}


def test_a_floor_and_a_later_count_above_it_are_two_stages_not_one_figure():
    # "at least 66 taken to hospital", later "72 still in hospital": both can be true, yet the count moved.
    values = [dataclasses.replace(_count("S1", 66), bound="at_least", display="at least 66 people"), _count("S2", 72)]
    findings = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {})
    assert findings.conflicts == ()
    [update] = findings.updates
    assert [stage.value for stage in update.values] == ["72 people", "at least 66 people"]


def test_a_rounded_toll_and_the_exact_one_it_rounds_are_one_stage():
    values = [dataclasses.replace(_count("S1", 300), bound="about", display="about 300 people"), _count("S2", 304)]
    findings = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {})
    assert findings.conflicts == () and findings.updates == ()
