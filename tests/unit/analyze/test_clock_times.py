"""Clock times read from sentence text, and when two of them can name the same moment."""

from __future__ import annotations

import pytest

from newsweave.analyze.clock_times import Bound, ClockTime, find_clock_times, may_be_read_in_two_zones, times_compatible


def only_time(text: str) -> ClockTime:
    found = find_clock_times(text)
    assert len(found) == 1, found
    return found[0]


def make(minutes: int, zone: str | None = None, bound: Bound = "exact", ambiguous: bool = False) -> ClockTime:
    return ClockTime(
        text="",
        start_char=0,
        end_char=0,
        minutes=minutes,
        zone=zone,
        bound=bound,
        ambiguous_half_day=ambiguous,
    )


# ----------------------------------------------------------------- forms


@pytest.mark.parametrize(
    ("sentence", "written", "minutes", "zone"),
    [
        ("The ferry left the quay at 10:40 p.m. on Sunday.", "10:40 p.m.", 22 * 60 + 40, None),
        ("The ferry left the quay at 10:40pm on Sunday.", "10:40pm", 22 * 60 + 40, None),
        ("The lights went out at 10.20pm in the eastern district.", "10.20pm", 22 * 60 + 20, None),
        ("The lights went out at 10.20 p.m. in the eastern district.", "10.20 p.m.", 22 * 60 + 20, None),
        ("Voting opens at 4 a.m. in the valley.", "4 a.m.", 240, None),
        ("Voting opens at 4am in the valley.", "4am", 240, None),
        ("Voting opens at 4 AM in the valley.", "4 AM", 240, None),
        ("Voting opens at 4:00 am in the valley.", "4:00 am", 240, None),
        ("The market reopened at 17:00 after the storm.", "17:00", 17 * 60, None),
        ("The market reopened at 17:00 hours after the storm.", "17:00 hours", 17 * 60, None),
        ("Troops left the depot at 1700 hours, the army said.", "1700 hours", 17 * 60, None),
        ("Troops left the depot at 1700 hrs, the army said.", "1700 hrs", 17 * 60, None),
        ("Troops left the depot at 1700h, the army said.", "1700h", 17 * 60, None),
        ("The tremor struck at 1535 hours IST near the coast.", "1535 hours IST", 15 * 60 + 35, "IST"),
        ("The truce starts at 0200 GMT on Friday.", "0200 GMT", 120, "UTC"),
        ("The truce starts at 02:00 GMT on Friday.", "02:00 GMT", 120, "UTC"),
        ("The truce starts at 02:00 UTC on Friday.", "02:00 UTC", 120, "UTC"),
        ("The truce starts at 0200Z on Friday.", "0200Z", 120, "UTC"),
        ("The rally ended at 16:30 local time.", "16:30 local time", 16 * 60 + 30, "local"),
        ("The launch happened at 4am GMT.", "4am GMT", 240, "UTC"),
        ("The session resumes at 4:30 PM Pakistan time.", "4:30 PM Pakistan time", 16 * 60 + 30, "pakistan"),
        ("The vote closes at 8 p.m. ET tonight.", "8 p.m. ET", 20 * 60, "ET"),
        ("The vote closes at 8 p.m. EDT tonight.", "8 p.m. EDT", 20 * 60, "EDT"),
        ("The vote closes at 8 p.m. Eastern Standard Time.", "8 p.m. Eastern Standard Time", 20 * 60, "EST"),
        ("The shops shut at 6pm Central European Time.", "6pm Central European Time", 18 * 60, "CET"),
        ("The drill begins at 9 a.m. KST on Monday.", "9 a.m. KST", 9 * 60, "KST"),
        ("The talks end at 9pm GMT+3 on Monday.", "9pm GMT+3", 21 * 60, "UTC+3"),
        ("The bridge reopens at noon on Tuesday.", "noon", 720, None),
        ("The curfew starts at midnight.", "midnight", 0, None),
        ("The crews must finish by noon.", "noon", 720, None),
        ("The curfew starts at midnight local time.", "midnight local time", 0, "local"),
        ("The bell rang at 12 noon sharp.", "12 noon", 720, None),
    ],
)
def test_each_written_form_is_read_with_its_minutes_and_zone(
    sentence: str, written: str, minutes: int, zone: str | None
) -> None:
    clock = only_time(sentence)
    assert clock.text == written
    assert sentence[clock.start_char : clock.end_char] == written
    assert clock.minutes == minutes
    assert clock.zone == zone
    assert clock.precision_minutes == 0


def test_twelve_am_is_midnight_and_twelve_pm_is_noon() -> None:
    found = find_clock_times("The shift ran from 12 a.m. to 12 p.m. without a break.")
    assert [clock.minutes for clock in found] == [0, 720]


@pytest.mark.parametrize(
    ("sentence", "bound"),
    [
        ("The blast came just before 10.20pm, residents said.", "before"),
        ("The blast came shortly before 10.20pm, residents said.", "before"),
        ("The blast came before 10.20pm, residents said.", "before"),
        ("The blast came just after 10.20pm, residents said.", "after"),
        ("The blast came at around 10.20pm, residents said.", "about"),
        ("The blast came at about 10.20pm, residents said.", "about"),
        ("The blast came at approximately 10.20pm, residents said.", "about"),
        ("The blast came at roughly 10.20pm, residents said.", "about"),
        ("The blast came at 10.20pm, residents said.", "exact"),
        ("The crews must leave no later than 1700 hours.", "before"),
    ],
)
def test_hedge_words_before_a_time_set_its_bound(sentence: str, bound: str) -> None:
    assert only_time(sentence).bound == bound


# ----------------------------------------------------------------- not times


@pytest.mark.parametrize(
    "sentence",
    [
        "The festival drew crowds in 2022 and again in 2023.",
        "Some 1,700 volunteers joined the clean-up.",
        "The fund grew to 17.5 million euros.",
        "The home side won 2-1 after extra time.",
        "Turnout was 8.30 per cent higher than last year.",
        "Mix the paint at a 3:1 ratio with water.",
        "The sermon quoted verse 3:16 at length.",
        "She ran the marathon in 2:45 on a cold morning.",
        "The recording lasts 1:02:33 in total.",
        "The volunteers logged 1700 hours of work.",
        "The crew worked for 1700 hours without a day off.",
        "They missed the midnight deadline.",
        "The panel debated four amendments.",
        "Room 4 AMBER was closed.",
        "The archive holds 13.45 hours of recordings.",
        "The faulty board read at 25:10 and then at 10:75.",
        "At 13 pm the hands were wrong.",
    ],
)
def test_numbers_that_are_not_clock_times_are_skipped(sentence: str) -> None:
    assert find_clock_times(sentence) == []


def test_a_capitalised_word_after_a_time_is_not_a_zone() -> None:
    clock = only_time("The train left at 4 p.m. The time was later disputed.")
    assert clock.text == "4 p.m."
    assert clock.zone is None
    assert only_time("The outage began at 4pm IT staff said.").zone is None


def test_a_twelve_hour_looking_time_without_am_pm_keeps_both_readings() -> None:
    clock = only_time("The siren sounded at 4:30 across the town.")
    assert clock.minutes == 270
    assert clock.ambiguous_half_day
    assert times_compatible(clock, make(16 * 60 + 30), 5)
    assert times_compatible(clock, make(4 * 60 + 30), 5)
    assert not times_compatible(clock, make(10 * 60), 5)
    # A leading zero or an hour past 12 is a 24-hour clock: one reading.
    assert not only_time("The siren sounded at 04:30 across the town.").ambiguous_half_day
    assert not only_time("The siren sounded at 16:30 across the town.").ambiguous_half_day


# ----------------------------------------------------------------- restatements


def test_a_parenthesised_time_after_another_is_marked_as_a_restatement() -> None:
    found = find_clock_times("The pause begins at 4:00 am local time (0200 GMT) on Friday.")
    assert [(clock.text, clock.minutes, clock.zone, clock.restates) for clock in found] == [
        ("4:00 am local time", 240, "local", False),
        ("0200 GMT", 120, "UTC", True),
    ]


def test_a_parenthesised_time_elsewhere_is_not_a_restatement() -> None:
    found = find_clock_times("The pause begins at 4 a.m. on Friday (and ends at 6 a.m.).")
    assert [clock.restates for clock in found] == [False, False]


# ----------------------------------------------------------------- compatibility


def test_the_same_time_with_a_different_hedge_is_compatible() -> None:
    first = only_time("The fire started around 10:40 p.m. on the top floor.")
    second = only_time("The fire started at 10:40pm on the top floor.")
    assert times_compatible(first, second, 10)


def test_twenty_minutes_apart_is_not_compatible_at_a_ten_minute_tolerance() -> None:
    first = only_time("The fire started at 10:20 p.m. on the top floor.")
    second = only_time("The fire started at 10:40 p.m. on the top floor.")
    assert not times_compatible(first, second, 10)
    assert times_compatible(first, second, 20)


def test_just_before_a_time_and_around_a_later_one_disagree() -> None:
    first = only_time("The water rose just before 10.20pm, a resident said.")
    second = only_time("The water rose at around 10:40 p.m., officials said.")
    assert not times_compatible(first, second, 10)


def test_before_and_after_bounds_cover_only_their_side() -> None:
    before = make(10 * 60 + 20, bound="before")
    assert not times_compatible(before, make(10 * 60 + 25), 2)  # later than "just before"
    assert times_compatible(before, make(10 * 60 + 5), 2)  # earlier: allowed
    after = make(10 * 60 + 20, bound="after")
    assert not times_compatible(after, make(10 * 60 + 10), 2)
    assert times_compatible(after, make(10 * 60 + 30), 2)
    assert not times_compatible(make(10 * 60, bound="before"), make(11 * 60, bound="after"), 10)


def test_by_noon_is_compatible_with_a_morning_time() -> None:
    deadline = only_time("The crews must finish by noon.")
    assert times_compatible(deadline, only_time("The crews finished at 11:30 a.m."), 5)


def test_different_zones_are_never_a_conflict() -> None:
    local = only_time("The truce starts at 4 a.m. local time.")
    utc = only_time("The truce starts at 0200 GMT.")
    eastern = only_time("The truce starts at 9pm ET.")
    assert times_compatible(local, utc, 0)
    assert times_compatible(utc, eastern, 0)


def test_no_zone_is_compared_as_local_time_and_equal_zones_are_compared() -> None:
    local = only_time("The truce starts at 4 a.m. local time.")
    assert not times_compatible(local, only_time("The truce starts at 4 p.m."), 10)
    assert not times_compatible(local, only_time("The truce starts at 4:00 p.m. local time."), 10)
    assert not times_compatible(only_time("at 0200 GMT"), only_time("at 0400 UTC"), 10)
    assert times_compatible(only_time("at 0200 GMT"), only_time("at 02:05 UTC"), 10)


def test_distance_wraps_around_midnight() -> None:
    assert times_compatible(make(23 * 60 + 50), make(5), 15)
    assert not times_compatible(make(23 * 60 + 50), make(5), 10)
    assert times_compatible(make(5), make(23 * 60 + 50), 15)


def test_a_negative_tolerance_is_refused_with_its_value() -> None:
    with pytest.raises(ValueError, match="-1"):
        times_compatible(make(0), make(0), -1)


# ----------------------------------------------------------------- odd input


@pytest.mark.parametrize(
    "unit",
    ["1", "1 ", "1:", "1.", "12:00 ", "4pm ", "a.m. ", " ", "A ", "noon ", "(", "0200 GMT (", "Aa ", "at "],
)
def test_long_odd_lines_return(unit: str) -> None:
    line = unit * (50_000 // len(unit))
    assert isinstance(find_clock_times(line), list)


def test_a_restatement_may_name_the_place_whose_clock_it_reads():
    first, second = find_clock_times("The ferries collided just before midnight local time (10 p.m. in Port Avel) off the cape.")
    assert not first.restates
    assert second.restates and second.zone == "port avel"


def test_times_with_no_zone_a_whole_number_of_half_hours_apart_may_be_two_countries_clocks() -> None:
    five_pm = make(17 * 60)
    assert may_be_read_in_two_zones(five_pm, make(16 * 60 + 30))  # one moment, two neighbours' clocks
    assert may_be_read_in_two_zones(five_pm, make(11 * 60))
    assert not may_be_read_in_two_zones(five_pm, make(17 * 60 + 20))  # no zone lies 20 minutes off
    assert not may_be_read_in_two_zones(make(11 * 60 + 52), make(19 * 60 + 11))
    assert not may_be_read_in_two_zones(five_pm, make(17 * 60))  # the same minute needs no second clock
    assert not may_be_read_in_two_zones(five_pm, make(16 * 60 + 30, zone="local"))  # a zone written is that zone
    assert not may_be_read_in_two_zones(five_pm, make(16 * 60 + 30, bound="before"))
