"""Slot values: what a sentence dates or measures, and what is only the page's own date stamp."""

from __future__ import annotations

import datetime as dt

from newsweave.analyze.slots import extract_slot_values
from newsweave.model import AnalyzedArticle

from .conftest import make_article


def _values(analyze_texts, text: str, published: dt.date | None = dt.date(2024, 6, 14)):
    [analyzed] = analyze_texts([make_article("S1", text, published)])
    assert isinstance(analyzed, AnalyzedArticle)
    return extract_slot_values([analyzed])


def test_a_machine_date_stamp_and_its_digits_are_not_claim_values(analyze_texts):
    values = _values(analyze_texts, "date 2024-06-13 Crews cleared the harbour road after the storm on Wednesday night.")
    assert "2024-06-13" not in [v.display for v in values]
    assert not [v for v in values if v.kind == "number"]  # "13 Crews" is a piece of the stamp, not a count
    assert [v.display for v in values if v.kind == "date"] == ["Wednesday night"]


def test_dates_written_in_prose_are_claim_values_with_their_form(analyze_texts):
    values = _values(analyze_texts, "The ferry will return to service on June 20. Crews reopened the harbour road on Thursday.")
    forms = {v.display: v.date_form for v in values if v.kind == "date"}
    assert forms.get("June 20") == "absolute"
    assert forms.get("Thursday") == "weekday"


def test_a_figure_knows_what_it_measures_from_the_words_it_is_tied_to(analyze_texts):
    values = _values(
        analyze_texts,
        "Tens of thousands of marchers gathered outside the town hall. "
        "The blast killed 12 workers and injured 40 others. "
        "A van hit three people near the square.",
    )
    key_of = {v.display: v.key for v in values if v.kind == "number"}
    assert key_of["Tens of thousands of marchers"] == "people taking part"
    assert key_of["12 workers"] == "dead"
    assert key_of["40 others"] == "injured"
    assert key_of["three people"] is None  # "hit" names no measured attribute


def test_a_signal_word_that_signals_only_as_a_verb(analyze_texts):
    values = _values(analyze_texts, "The mill fired 40 workers in May. Two sheds were flattened and a third caught fire.")
    key_of = {v.display: v.key for v in values if v.kind == "number"}
    assert key_of["40 workers"] == "dismissed"
    assert key_of["a third"] is None  # "caught fire" dismisses no one


def test_a_count_placed_in_a_state_is_keyed_by_that_place(analyze_texts):
    values = _values(
        analyze_texts,
        "At least 66 people had to be taken to hospital. "
        "By noon, 72 people were still in hospital. "
        "Two men remain in custody. "
        "Seven victims were found with fatal gunshot wounds.",
    )
    key_of = {v.display: v.key for v in values if v.kind == "number"}
    assert key_of["66 people"] == key_of["72 people"] == "in hospital"  # a part of the injured, its own count
    assert key_of["Two men"] == "detained"
    assert key_of["Seven victims"] != "injured"  # "with wounds" is not a place anyone is kept in


def test_a_hedge_is_blanked_with_its_figure(analyze_texts):
    # "as many as" and "around" say how sure the figure is, not what it measures.
    values = _values(analyze_texts, "As many as 3,700 jobs could be cut. The firm is expected to cut around 3,700 jobs.")
    contexts = {v.context for v in values if v.kind == "number"}
    assert contexts and not any(hedge in context.lower() for context in contexts for hedge in ("as many as", "around"))
    assert {v.bound for v in values if v.kind == "number"} == {"at_most", "about"}  # the hedge is still read


def test_a_time_of_day_is_a_value_and_not_an_amount(analyze_texts):
    values = _values(analyze_texts, "The curfew starts at 1700 hours local time and ends at 06:00 (0400 GMT).")
    times = [v for v in values if v.kind == "time"]
    assert [v.normalized for v in times] == ["17:00 local", "06:00"]  # the parenthesised restatement is no value of its own
    assert times[1].restated is not None and (times[1].restated.zone, times[1].restated.minutes) == ("UTC", 240)
    assert not [v for v in values if v.kind == "number"]  # "1700 hours" is no duration



def test_a_figure_from_a_past_year_is_history_kept_with_its_year(analyze_texts):
    values = _values(
        analyze_texts,
        "It was the worst disaster since the ferry sinking in 2014, which took the lives of 304 people. "
        "It was the worst flood since 2011, when a storm flooded the valley and killed 52 people. "
        "Many remembered the 2009 collapse of the old mill, which left almost 40 people dead. "
        "The club signed him for two and a half years, until June 2027.",
        published=dt.date(2024, 6, 14),
    )
    year_of = {v.display: v.history_year for v in values if v.kind == "number"}
    assert year_of["304 people"] == 2014
    assert year_of["52 people"] == 2011  # the second verb of a "when" clause on the year
    assert year_of["40 people"] == 2009  # the year of the noun the described thing belongs to
    assert year_of["two and a half years"] is None  # a future year is this story's own


def test_people_buried_by_a_landslide_are_counted_with_the_dead(analyze_texts):
    values = _values(analyze_texts, "More than 300 villagers are believed buried under the mud.")
    [count] = [v for v in values if v.kind == "number"]
    assert (count.dimension, count.key) == ("count:people", "dead")


def test_a_present_tense_clause_does_not_tell_when_a_nouns_event_happened(analyze_texts):
    values = _values(
        analyze_texts,
        "The bridge is closed after a partial collapse on Monday evening. "
        "The ferry leaves the harbour on Friday. "
        "The old ferry left the harbour on Thursday. "
        "Crowds on Saturday outside the harbour office.",
    )
    tense_of = {v.display: v.tense for v in values if v.kind == "date"}
    assert tense_of["Saturday"] == "present"  # a verbless caption
    assert tense_of["Monday evening"] is None  # the collapse's day, not the closure's
    assert tense_of["Friday"] == "present"  # a schedule
    assert tense_of["Thursday"] == "past"


def test_an_age_belongs_to_the_nearest_named_person(analyze_texts):
    values = _values(
        analyze_texts,
        "Anna Berg defeated Peter Lindqvist, a 43-year-old lawyer from the harbour ward, by 40 votes.",
    )
    [age] = [v for v in values if v.dimension == "age"]
    assert age.person == "lindqvist"  # not Berg, named further away
    [count] = [v for v in values if v.dimension != "age"]
    assert count.person is None  # a count of votes is no one's own figure


def test_a_share_belongs_to_the_candidate_named_beside_it(analyze_texts):
    values = _values(
        analyze_texts,
        "Among harbour voters Anna Berg leads with 21 percent, followed by Peter Lindqvist (14 percent) and Ola Sand (9 percent).",
    )
    owner = {v.display: v.person for v in values if v.dimension == "percent"}
    assert owner == {"21 percent": "berg", "14 percent": "lindqvist", "9 percent": "sand"}


def test_an_age_right_beside_a_name_the_tagger_missed_still_belongs_to_it(analyze_texts):
    values = _values(analyze_texts, "The 76-year-old Velkoran repeatedly vowed that her party would win the harbour seat.")
    [age] = [v for v in values if v.dimension == "age"]
    assert age.person == "velkoran"


def test_a_sentence_cut_off_by_the_page_states_the_figures_whole_words_follow(analyze_texts):
    text = (
        "Ferries resumed on Monday.\n\n"
        "Tens of thousands of commuters were queueing at the pier after the operator closed 12 lanes of the"
    )
    values = _values(analyze_texts, text)
    displays = [v.display for v in values if v.kind == "number"]
    assert "Tens of thousands of commuters" in displays  # whole words follow it: told before the cut
    assert not [d for d in displays if d.startswith("12")]  # two words before the cut: it may be cut itself


def test_a_month_with_no_day_is_a_month_value_and_its_year_is_no_amount(analyze_texts):
    values = _values(analyze_texts, "The harbour authority closed the old ferry pier in March 2023 after a crack was found.")
    [month] = [v for v in values if v.kind == "month"]
    assert (month.display, month.normalized, month.date_form) == ("March 2023", "2023-03 (March 2023)", "month")
    assert month.context.startswith("The harbour authority closed the old ferry pier in …")
    assert not [v for v in values if v.kind == "number"]  # "2023" belongs to the month
    assert not [v for v in values if v.kind == "date"]


def test_a_month_in_an_undated_article_says_no_year_is_given(analyze_texts):
    values = _values(analyze_texts, "Engineers reopened the pier in October of this year.", published=None)
    [month] = [v for v in values if v.kind == "month"]
    assert (month.normalized, month.date_form, month.amount) == ("October (no year given)", "month_of_year", 9.0)


def test_the_act_words_of_a_dated_clause(analyze_texts):
    values = _values(analyze_texts, "Mayor Ilse Varga said the council closed the ferry pier on Tuesday night.")
    [day] = [v for v in values if v.kind == "date"]
    assert {"close", "pier"} <= day.act_words
    assert not day.act_words & {"varga", "ilse", "say", "night", "tuesday"}
    assert day.doer_words == {"council"}  # who closed it, not what was done


def test_an_adjective_tells_the_act_but_a_name_s_adjective_does_not(analyze_texts):
    values = _values(analyze_texts, "A silent vigil by Danish sailors was broken at 7:15 p.m. by a siren.")
    [time] = [v for v in values if v.kind == "time"]
    assert {"silent", "vigil", "break"} <= time.act_words
    assert "danish" not in time.act_words
    assert not time.doer_words  # a passive subject is what was acted on


def test_a_share_in_brackets_belongs_to_the_name_before_them_in_a_long_list(analyze_texts):
    # Surnames alone in a list, one of which the tagger may take for a place: the bracket decides.
    values = _values(
        analyze_texts,
        "Berg finishes first among harbour voters (at 20 percent), followed by Lindqvist (17 percent), "
        "Sand (14 percent), Palander (12 percent) and Oduya (9 percent).",
    )
    owner = {v.display: v.person for v in values if v.dimension == "percent"}
    assert owner["17 percent"] == "lindqvist" and owner["14 percent"] == "sand"
    assert owner["12 percent"] == "palander" and owner["9 percent"] == "oduya"
