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
