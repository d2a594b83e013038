"""Dated events, merged across sources."""

from __future__ import annotations

import datetime as dt

from newsweave.analyze.timeline import MAX_EVENT_WORDS, build_timeline

from .conftest import make_article


def timeline_of(analyze_texts, *texts: str):
    articles = [make_article(f"S{number}", text) for number, text in enumerate(texts, 1)]
    return build_timeline(analyze_texts(articles))


def test_one_event_told_by_two_sources_is_merged(analyze_texts):
    events = timeline_of(
        analyze_texts,
        "Russia sent tens of thousands of troops into Ukraine on Feb. 24 in what it called a special operation.",
        "Russia sent troops into Ukraine in what it called a special military operation on February 24.",
    )
    assert len(events) == 1
    assert events[0].date == dt.date(2022, 2, 24)
    assert events[0].sources == ("S1", "S2")
    assert "sent" in events[0].event and "troops into Ukraine" in events[0].event
    assert "what it called" not in events[0].event


def test_different_events_of_one_day_stay_apart_and_dates_are_sorted(analyze_texts):
    events = timeline_of(
        analyze_texts,
        "The foreign ministers met in Antalya on March 10. Oil prices jumped sharply on Feb. 24.",
        "Russia sent troops into Ukraine on Feb. 24.",
    )
    assert [event.date for event in events] == [dt.date(2022, 2, 24), dt.date(2022, 2, 24), dt.date(2022, 3, 10)]
    assert {event.sources for event in events[:2]} == {("S1",), ("S2",)}
    assert "met in Antalya" in events[2].event


def test_the_day_a_statement_was_made_is_no_event(analyze_texts):
    events = timeline_of(analyze_texts, "Peskov said on Monday that progress had been slow.")
    assert events == []


def test_relative_days_follow_the_publication_date(analyze_texts):
    events = timeline_of(analyze_texts, "Putin and Erdogan agreed in a telephone call on Sunday that Istanbul would host the talks.")
    assert [event.date for event in events] == [dt.date(2022, 3, 27)]
    assert events[0].event.startswith("Putin and Erdogan agreed")


def test_descriptions_are_short(analyze_texts):
    events = timeline_of(
        analyze_texts,
        "Kremlin spokesman Dmitry Peskov attended a joint news conference of Russian President Vladimir Putin "
        "and Belarusian President Alexander Lukashenko in the Russian capital Moscow on February 18, 2022.",
    )
    assert len(events) == 1
    assert len(events[0].event.split()) <= MAX_EVENT_WORDS
    assert not events[0].event.endswith((" in", " of", " the", " and"))


def test_seed_timeline(seed_analyzed):
    events = build_timeline(seed_analyzed)
    dates = [event.date for event in events]
    assert dates == sorted(dates)
    by_date: dict[dt.date, list] = {}
    for event in events:
        by_date.setdefault(event.date, []).append(event)
    invasion = by_date[dt.date(2022, 2, 24)]
    assert any("troops" in event.event and len(event.sources) >= 2 for event in invasion)
    assert any("Antalya" in event.event or "met in Turkey" in event.event for event in by_date[dt.date(2022, 3, 10)])
    call = by_date[dt.date(2022, 3, 27)]
    assert any("telephone call" in event.event and {"S1", "S5"} <= set(event.sources) for event in call)
    talks = by_date[dt.date(2022, 3, 29)]
    assert max(len(event.sources) for event in talks) >= 4  # the Tuesday talks, told by nearly every source
    assert all(len(event.event.split()) <= MAX_EVENT_WORDS for event in events)


WEDNESDAY = dt.date(2024, 6, 12)


def timeline_on_wednesday(analyze_texts, *texts: str):
    articles = [make_article(f"S{number}", text, WEDNESDAY) for number, text in enumerate(texts, 1)]
    return [(event.date, event.sources, event.event) for event in build_timeline(analyze_texts(articles))]


def test_a_relative_clause_event_takes_its_noun_as_subject(analyze_texts):
    events = timeline_on_wednesday(
        analyze_texts, "Cars will stay off the bridge until engineers replace the cable that failed on Monday night."
    )
    assert events == [(dt.date(2024, 6, 10), ("S1",), "The cable failed")]


def test_quoted_dates_datelines_and_captions_are_no_events(analyze_texts):
    assert timeline_on_wednesday(analyze_texts, '"I rang them on Sunday and nobody called back," she said.') == []
    assert timeline_on_wednesday(analyze_texts, "Police tape blocks the approach to the bridge in Kestrelmouth, June 11, 2024.") == []
    assert timeline_on_wednesday(
        analyze_texts, "KESTRELMOUTH, June 11 (Harbourline Wire) - The bridge was closed to all traffic, officials said."
    ) == []


def test_an_announcement_is_an_event(analyze_texts):
    events = timeline_on_wednesday(
        analyze_texts, "The minister announced on Tuesday that an independent inquiry would examine the failure."
    )
    assert [(date, text.split()[:3]) for date, _, text in events] == [
        (dt.date(2024, 6, 11), ["The", "minister", "announced"])
    ]


def test_differently_worded_reports_of_one_event_merge(analyze_texts):
    events = timeline_on_wednesday(
        analyze_texts, "A steel hanger cable snapped late on Monday.", "A single steel hanger gave way on the bridge late on Monday."
    )
    assert [(date, sources) for date, sources, _ in events] == [(dt.date(2024, 6, 10), ("S1", "S2"))]
    assert "late" not in events[0][2]  # "late on Monday" belongs to the date


def test_a_future_event_names_who_claims_it(analyze_texts):
    events = timeline_on_wednesday(
        analyze_texts,
        "The bridge will reopen to buses on Thursday, the minister said.",
        "The bridge will reopen to buses on Friday, the harbour authority said.",
    )
    assert [(date, text) for date, _, text in events] == [
        (dt.date(2024, 6, 13), "The bridge will reopen to buses, according to the minister"),
        (dt.date(2024, 6, 14), "The bridge will reopen to buses, according to the harbour authority"),
    ]


def test_appositions_are_left_out_and_pronouns_reported_take_their_reporter(analyze_texts):
    events = timeline_on_wednesday(
        analyze_texts,
        "The bridge, the only road link to the island, will reopen to buses on Thursday.\n\n"
        "Residents told reporters they heard loud creaking from the bridge on Sunday.",
    )
    assert [(date, text) for date, _, text in events] == [
        (dt.date(2024, 6, 9), "Residents heard loud creaking from the bridge"),
        (dt.date(2024, 6, 13), "The bridge will reopen to buses"),
    ]


def test_sample_story_timeline(sample_analyzed, answer_key, sample_id):
    events = build_timeline(sample_analyzed)
    key_days = {item["date"] for item in answer_key["timeline"] if item.get("precision", "day") == "day"}
    assert {event.date.isoformat() for event in events} == key_days  # every day, and no stray ones
    for day in key_days:
        assert sum(1 for event in events if event.date.isoformat() == day) <= 3, f"noisy {day}"
    for item in answer_key["timeline"]:
        if item.get("precision", "day") != "day" or len(item["files"]) < 2:
            continue
        # the key's event is one entry carrying most of its sources
        best = max((event for event in events if event.date.isoformat() == item["date"]), key=lambda e: len(e.sources))
        expected = {sample_id(name) for name in item["files"]}
        assert len(set(best.sources) & expected) >= min(3, len(expected)), item["event"]
    by_day = {event.date.isoformat(): event for event in reversed(events)}  # the first, best-told entry
    assert "snapped" in by_day["2024-06-10"].event
    assert by_day["2024-06-13"].event.endswith("according to Teodor Halvorsen")
    assert by_day["2024-06-14"].event.endswith("according to the harbour authority")
    for event in events:
        words = event.event.split(", according to")[0].split()
        assert 3 <= len(words) <= MAX_EVENT_WORDS and event.event[0].isupper(), event.event
        assert words[0].lower() not in {"i", "we", "you", "he", "she", "they"}, event.event
