"""Slot conflicts: same clause, different values; same amount in other units agrees."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from newsweave.analyze.conflicts import find_slot_conflicts
from newsweave.analyze.slots import SlotValue
from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import Sentence

TOPICS = {"reopen": 0, "drop": 1, "open": 2}


def _value(source, topic, display, amount, dimension="date", kind="date", speaker=None, via=(), index=0, form=None,
           bound="exact", unit_scale=1.0):
    text = f"{source} sentence about {topic} {display}"
    return SlotValue(
        kind=kind, source=source, sentence=Sentence(source, index, text, 0, len(text)), display=display,
        normalized=f"{amount:g}", dimension=dimension, amount=float(amount), context=f"the bridge will {topic} on …",
        speaker=speaker, via=via, denied=False, context_words=frozenset({topic}), date_form=form, act_words=frozenset({topic}),
        bound=bound, unit_scale=unit_scale,
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


def test_a_day_of_something_done_and_a_day_of_something_planned_are_two_events():
    values = [
        _value("S1", "reopen", "Tuesday", 739047, form="weekday"),
        SlotValue(**{**_value("S2", "reopen", "Thursday", 739050, form="weekday").__dict__, "tense": "future"}),
    ]
    done = [SlotValue(**{**values[0].__dict__, "tense": "past"}), values[1]]
    assert find_slot_conflicts(done, _embed, DEFAULT_SETTINGS, {}).conflicts == ()
    assert len(find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts) == 1  # present against future
    caption = [SlotValue(**{**values[0].__dict__, "tense": "past"}), SlotValue(**{**values[1].__dict__, "tense": "present"})]
    assert find_slot_conflicts(caption, _embed, DEFAULT_SETTINGS, {}).conflicts == ()  # "police on Sunday guard …"


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


def test_a_value_only_its_own_source_contradicts_is_no_side():
    # S1 gives two days (two moments of its own); only S2's Friday stands against S1's other day.
    values = [
        _value("S1", "reopen", "Thursday", 739050),
        _value("S1", "reopen", "Friday", 739051, index=1),
        _value("S2", "reopen", "Thursday", 739050),
    ]
    assert find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts == ()


def test_counts_of_people_meet_only_on_what_they_measure():
    def people(source, amount, key):
        return replace(_value(source, "drop", f"{amount} people", amount, "count:people", "number"), key=key)

    assert find_slot_conflicts([people("S1", 3, None), people("S2", 15, None)], _embed, DEFAULT_SETTINGS, {}).conflicts == ()
    assert find_slot_conflicts([people("S1", 30, "dead"), people("S2", 85, "injured")], _embed, DEFAULT_SETTINGS, {}).conflicts == ()
    [conflict] = find_slot_conflicts(
        [people("S1", 20_000, "people taking part"), people("S2", 60_000, "people taking part")], _embed, DEFAULT_SETTINGS, {}
    ).conflicts
    assert {p.value for p in conflict.positions} == {"20000 people", "60000 people"}


def test_vague_magnitudes_conflict_only_when_they_cannot_cover_each_other():
    def crowd(source, amount, bound):
        value = _value(source, "drop", f"{amount} people", amount, "count:people", "number", bound=bound)
        return replace(value, key="people taking part")

    tens = crowd("S1", 10_000, "several")  # "tens of thousands"
    assert find_slot_conflicts([tens, crowd("S2", 100_000, "at_least")], _embed, DEFAULT_SETTINGS, {}).conflicts
    assert find_slot_conflicts([tens, crowd("S2", 100_000, "several")], _embed, DEFAULT_SETTINGS, {}).conflicts
    assert not find_slot_conflicts([tens, crowd("S2", 45_000, "about")], _embed, DEFAULT_SETTINGS, {}).conflicts


def test_times_of_day_conflict_within_one_zone_and_never_across_zones():
    from newsweave.analyze.clock_times import find_clock_times

    def at(source, text):
        [clock] = find_clock_times(text)
        value = _value(source, "open", clock.text, clock.minutes, "time", "time")
        return replace(value, clock=clock)

    [conflict] = find_slot_conflicts([at("S1", "at 4 a.m. local time"), at("S2", "at 4:00 p.m. local time")], _embed, DEFAULT_SETTINGS, {}).conflicts
    assert conflict.kind == "time"
    assert not find_slot_conflicts([at("S1", "at 4 a.m. local time"), at("S2", "at 0200 GMT")], _embed, DEFAULT_SETTINGS, {}).conflicts
    assert not find_slot_conflicts([at("S1", "around 10:15 p.m."), at("S2", "at 10:20 p.m.")], _embed, DEFAULT_SETTINGS, {}).conflicts
    # No zone written: each outlet's own clock, so times a whole number of half hours apart may be one moment.
    assert not find_slot_conflicts([at("S1", "from 5 pm on Saturday"), at("S2", "starting 4:30pm")], _embed, DEFAULT_SETTINGS, {}).conflicts
    assert find_slot_conflicts([at("S1", "at 10:20 p.m."), at("S2", "at 10:45 p.m.")], _embed, DEFAULT_SETTINGS, {}).conflicts


def test_clauses_measuring_one_attribute_make_one_dispute_not_two():
    def crowd(source, amount, topic, index=0):
        value = _value(source, topic, f"{amount} people", amount, "count:people", "number", index=index)
        return replace(value, key="people taking part")

    # Two pairs of clauses that read differently ("reopen", "drop") but count the same crowd.
    values = [crowd("S1", 20_000, "reopen"), crowd("S4", 60_000, "reopen"), crowd("S2", 60_000, "drop"), crowd("S3", 20_000, "drop")]
    [conflict] = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts
    assert sorted(sorted(p.sources) for p in conflict.positions) == [["S1", "S3"], ["S2", "S4"]]


def test_a_vague_value_that_covers_every_side_takes_no_side():
    def customers(source, amount, bound):
        value = _value(source, "drop", f"{amount} customers", amount, "count:people", "number", bound=bound)
        return replace(value, key="affected")

    values = [customers("S1", 1_000_000, "several"), customers("S2", 9_000_000, "at_most"), customers("S3", 9_800_000, "at_most")]
    [conflict] = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts
    assert sorted(p.sources for p in conflict.positions) == [("S2",), ("S3",)]


def test_a_time_restated_in_another_zone_is_compared_in_that_zone():
    from newsweave.analyze.clock_times import find_clock_times

    local, utc = find_clock_times("The truce begins at 4 a.m. local time (0200 GMT).")
    [other] = find_clock_times("The truce begins at 4am GMT.")
    first = replace(_value("S1", "open", local.text, local.minutes, "time", "time"), clock=local, restated=utc)
    second = replace(_value("S2", "open", other.text, other.minutes, "time", "time"), clock=other)
    [conflict] = find_slot_conflicts([first, second], _embed, DEFAULT_SETTINGS, {}).conflicts
    assert {p.sources for p in conflict.positions} == {("S1",), ("S2",)}


def test_ages_a_year_apart_are_a_birthday_not_a_dispute():
    def age(source, years):
        return _value(source, "drop", f"{years}-year-old", years, "age", "number")

    assert find_slot_conflicts([age("S1", 37), age("S2", 38)], _embed, DEFAULT_SETTINGS, {}).conflicts == ()
    assert find_slot_conflicts([age("S1", 37), age("S2", 47)], _embed, DEFAULT_SETTINGS, {}).conflicts


def test_counts_of_times_need_to_measure_the_same_thing():
    def times(source, amount, key=None):
        return replace(_value(source, "drop", f"{amount} times", amount, "count:time", "number"), key=key)

    assert find_slot_conflicts([times("S1", 4), times("S2", 5)], _embed, DEFAULT_SETTINGS, {}).conflicts == ()


def test_counts_have_no_units_to_agree_across_and_a_vague_count_is_not_its_base():
    def count(source, display, amount, bound="exact"):
        value = _value(source, "drop", display, amount, "count:people", "number", bound=bound)
        return replace(value, key="dead")

    same = [count("S1", "153 people", 153), count("S2", "153 individuals", 153)]
    assert find_slot_conflicts(same, _embed, DEFAULT_SETTINGS, {}).unit_agreements == ()
    vague = [count("S1", "100 people", 100), count("S2", "hundreds of people", 100, "several")]
    findings = find_slot_conflicts(vague, _embed, DEFAULT_SETTINGS, {})
    assert findings.unit_agreements == ()


def test_a_toll_of_a_past_year_is_its_own_settled_slot_never_a_stage_of_this_story():
    def dead(source, amount, bound="exact", year=None):
        value = _value(source, "drop", f"{amount} people", amount, "count:people", "number", bound=bound)
        return replace(value, key="dead", history_year=year)

    today = [dead("S1", 153), dead("S2", 154)]
    past = [dead("S3", 304, year=2014), dead("S4", 300, bound="nearly", year=2014), dead("S5", 304, year=2014)]
    findings = find_slot_conflicts(today + past, _embed, DEFAULT_SETTINGS, {})
    [update] = findings.updates  # today's toll changes over time; the past one is not part of it
    assert {v.value for v in update.values} == {"153 people", "154 people"}
    [conflict] = findings.conflicts  # "almost 300" against 304 of one past disaster is a dispute, not an update
    assert {p.value for p in conflict.positions} == {"304 people", "300 people"}
    other_year = [dead("S3", 304, year=2014), dead("S4", 250, year=2003)]
    assert find_slot_conflicts(other_year, _embed, DEFAULT_SETTINGS, {}).conflicts == ()


def test_an_article_giving_one_measure_two_ways_is_a_note_not_a_dispute():
    def length(source, metres, index, speaker=None):
        return _value(source, "drop", f"{metres} metres", metres, "length", "number", speaker=speaker, index=index)

    findings = find_slot_conflicts(
        [length("S1", 300, 0), length("S1", 220, 3), length("S2", 300, 0)], _embed, DEFAULT_SETTINGS, {}
    )
    assert findings.conflicts == ()  # S2 agrees with one of S1's values: no outlet disputes another
    [note] = findings.self_contradictions
    assert note.source == "S1" and set(note.values) == {"300 metres", "220 metres"}
    assert [e.index for e in note.evidence] == [0, 3] or [e.index for e in note.evidence] == [3, 0]
    quoted = [length("S1", 300, 0), length("S1", 220, 3, speaker="the owner"), length("S2", 300, 0)]
    assert find_slot_conflicts(quoted, _embed, DEFAULT_SETTINGS, {}).self_contradictions == ()  # two tellers


def test_two_stages_of_a_toll_in_one_article_are_no_self_contradiction():
    def dead(source, amount, index):
        value = _value(source, "drop", f"{amount} people", amount, "count:people", "number", index=index)
        return replace(value, key="dead")

    findings = find_slot_conflicts([dead("S1", 150, 0), dead("S1", 153, 4), dead("S2", 153, 1)], _embed, DEFAULT_SETTINGS, {})
    assert findings.self_contradictions == ()


def test_ages_of_two_people_are_never_one_slot():
    def age(source, years, person):
        value = _value(source, "reopen", f"{years}-year-old", years, dimension="age", kind="number")
        return replace(value, person=person)

    two_people = [age("S1", 76, "varga"), age("S2", 43, "brandt")]
    assert find_slot_conflicts(two_people, _embed, DEFAULT_SETTINGS, {}).conflicts == ()
    one_person = [age("S1", 76, "varga"), age("S2", 74, "varga")]
    assert len(find_slot_conflicts(one_person, _embed, DEFAULT_SETTINGS, {}).conflicts) == 1


def test_sums_in_two_currencies_share_a_slot_and_differ_only_beyond_any_rough_rate():
    def pay(source, display, amount, currency):
        return _value(source, "drop", display, amount, dimension=f"money:{currency}", kind="number")

    # Three times apart at any rate of the last decades: one fee cannot be both.
    [conflict] = find_slot_conflicts(
        [pay("S1", "$40 million", 40e6, "USD"), pay("S2", "€120 million", 120e6, "EUR")], _embed, DEFAULT_SETTINGS, {}
    ).conflicts
    assert {p.value for p in conflict.positions} == {"$40 million", "€120 million"}
    assert {p.sources for p in conflict.positions} == {("S1",), ("S2",)}
    # One sum told in two currencies agrees, whichever way the rate stood that week.
    same = [pay("S1", "$115 million", 115e6, "USD"), pay("S2", "€100 million", 100e6, "EUR")]
    assert find_slot_conflicts(same, _embed, DEFAULT_SETTINGS, {}).conflicts == ()
    # A currency with no steady rate is never set against another.
    drifting = [pay("S1", "$40 million", 40e6, "USD"), pay("S2", "900 million lira", 900e6, "TRY")]
    assert find_slot_conflicts(drifting, _embed, DEFAULT_SETTINGS, {}).conflicts == ()


def test_articles_of_two_days_each_leading_with_its_own_days_news_are_not_one_slot():
    import datetime as dt

    def dated(source, display, day, published):
        return replace(_value(source, "reopen", display, dt.date(2026, 3, day).toordinal()), as_of=dt.date(2026, 3, published))

    # Friday's article says "on Friday", Saturday's says "on Saturday": two days of a running story.
    following = [dated("S1", "Friday", 13, 13), dated("S2", "Saturday", 14, 14)]
    assert find_slot_conflicts(following, _embed, DEFAULT_SETTINGS, {}).conflicts == ()
    # Written the same day, or a day apart that the articles' dates do not explain: a dispute.
    assert find_slot_conflicts([dated("S1", "Friday", 13, 14), dated("S2", "Saturday", 14, 14)], _embed, DEFAULT_SETTINGS, {}).conflicts
    assert find_slot_conflicts([dated("S1", "Thursday", 12, 13), dated("S2", "Saturday", 14, 14)], _embed, DEFAULT_SETTINGS, {}).conflicts
    # Plans ahead are not a day's news: two days ahead of each article by chance, still a dispute.
    assert find_slot_conflicts([dated("S1", "Thursday", 12, 10), dated("S2", "Friday", 13, 11)], _embed, DEFAULT_SETTINGS, {}).conflicts


def test_slots_of_one_key_merge_only_when_their_amounts_may_be_one_fact():
    def paid(source, display, amount, topic):
        return replace(_value(source, topic, display, amount, dimension="money:USD", kind="number"), key="paid")

    values = [
        paid("S1", "$16,450", 16_450, "reopen"), paid("S2", "$15,000", 15_000, "reopen"),
        paid("S3", "$13.6 million", 13.6e6, "drop"), paid("S4", "$12 million", 12e6, "drop"),
    ]
    conflicts = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts
    assert sorted(sorted(p.value for p in c.positions) for c in conflicts) == [
        ["$12 million", "$13.6 million"], ["$15,000", "$16,450"],
    ]


def test_two_sums_a_rounding_apart_in_one_currency_are_two_figures_but_not_across_units():
    one_currency = [
        _value("S1", "drop", "$75 million", 75e6, dimension="money:USD", kind="number"),
        _value("S2", "drop", "$74 million", 74e6, dimension="money:USD", kind="number"),
    ]
    [conflict] = find_slot_conflicts(one_currency, _embed, DEFAULT_SETTINGS, {}).conflicts
    assert {p.value for p in conflict.positions} == {"$75 million", "$74 million"}
    rounded = [one_currency[0], _value("S2", "drop", "$74.6 million", 74.6e6, dimension="money:USD", kind="number")]
    assert find_slot_conflicts(rounded, _embed, DEFAULT_SETTINGS, {}).conflicts == ()
    across_units = [  # 1,600 feet is 487.7 m: one length rounded in two units, 2.5 m from "490 metres"
        _value("S1", "drop", "1,600 feet", 487.68, dimension="length", kind="number", unit_scale=0.3048),
        _value("S2", "drop", "490 metres", 490.0, dimension="length", kind="number"),
    ]
    assert find_slot_conflicts(across_units, _embed, DEFAULT_SETTINGS, {}).conflicts == ()


def _month(source, topic, display, month, year=None):
    amount = month - 1 if year is None else year * 12 + month - 1
    return replace(_value(source, topic, display, amount, dimension="month", kind="month",
                          form="month_of_year" if year is None else "month"), tense="past")


def test_two_months_of_one_act_are_a_date_conflict():
    values = [_month("S1", "open", "September", 9), _month("S2", "open", "October of this year", 10)]
    [conflict] = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts
    assert conflict.kind == "date" and {p.value for p in conflict.positions} == {"September", "October of this year"}
    assert conflict.topic.startswith("month ")


def test_december_and_january_are_neighbours_when_no_year_is_given():
    values = [_month("S1", "open", "December", 12), _month("S2", "open", "January", 1)]
    assert len(find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts) == 1


def test_months_apart_or_a_month_without_its_year_are_not_one_slot():
    far = [_month("S1", "open", "March", 3), _month("S2", "open", "October", 10)]
    assert find_slot_conflicts(far, _embed, DEFAULT_SETTINGS, {}).conflicts == ()
    # "October 2023" (the year written) and "September" (no year anywhere) may be years apart.
    mixed = [_month("S1", "open", "October 2023", 10, 2023), _month("S2", "open", "September", 9)]
    assert find_slot_conflicts(mixed, _embed, DEFAULT_SETTINGS, {}).conflicts == ()
    years = [_month("S1", "open", "October 2023", 10, 2023), _month("S2", "open", "October 2024", 10, 2024)]
    assert find_slot_conflicts(years, _embed, DEFAULT_SETTINGS, {}).conflicts == ()


def test_the_same_month_told_two_ways_agrees():
    values = [_month("S1", "open", "October", 10, 2024), _month("S2", "open", "October of this year", 10, 2024)]
    assert find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts == ()


def test_today_one_weekday_off_a_weekday_placed_in_another_week_is_left_out():
    # A report dated a week later puts "Saturday" on the next Saturday; "today" in a report dated the Sunday
    # after the event may only show that its page date is the day after it was written.
    values = [
        _value("S1", "reopen", "today", 739053, form="relative"),  # a Sunday
        _value("S2", "reopen", "Saturday", 739059, form="weekday"),  # the Saturday six days on
    ]
    assert find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts == ()
    values[1] = _value("S2", "reopen", "Wednesday", 739056, form="weekday")  # three weekdays off: a side
    assert len(find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts) == 1


def test_outlets_quoting_one_reporter_two_ways_are_a_narrower_dispute():
    values = [
        _value("S1", "reopen", "Thursday", 739050, speaker="Harbour Radio"),
        _value("S2", "reopen", "Friday", 739051, speaker="the Harbour Radio news agency"),
        _value("S3", "reopen", "Saturday", 739052, speaker="the harbour authority"),
    ]
    broad, narrow = find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts
    assert len(broad.positions) == 3
    assert narrow.topic.endswith("as Harbour Radio reported it")
    assert {p.sources for p in narrow.positions} == {("S1",), ("S2",)}


def test_no_narrower_dispute_without_a_named_reporter_told_two_ways():
    agreeing = [
        _value("S1", "reopen", "Thursday", 739050, speaker="Harbour Radio"),
        _value("S2", "reopen", "Thursday", 739050, speaker="Harbour Radio"),
        _value("S3", "reopen", "Saturday", 739052),
    ]
    unnamed = [
        _value("S1", "reopen", "Thursday", 739050, speaker="reports"),
        _value("S2", "reopen", "Friday", 739051, speaker="reports"),
        _value("S3", "reopen", "Saturday", 739052),
    ]
    only_the_reporter = [
        _value("S1", "reopen", "Thursday", 739050, speaker="Harbour Radio"),
        _value("S2", "reopen", "Friday", 739051, speaker="Harbour Radio"),
    ]
    for values in (agreeing, unnamed, only_the_reporter):
        assert len(find_slot_conflicts(values, _embed, DEFAULT_SETTINGS, {}).conflicts) == 1
