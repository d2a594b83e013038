"""Date expressions resolved against the article's publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.analyze.dates import find_date_mentions, find_month_mentions, resolve_weekday
from newsweave.model import Entity, Sentence, Token

MONDAY = dt.date(2022, 3, 28)  # the seeds' publication day


def resolved(parse_sentence, text: str, reference: dt.date | None = MONDAY) -> list[tuple[str, dt.date]]:
    return [(mention.text, mention.date) for mention in find_date_mentions(parse_sentence(text), reference)]


@pytest.mark.parametrize(
    ("name", "past", "expected"),
    [
        ("Tuesday", False, dt.date(2022, 3, 29)),
        ("Sunday", True, dt.date(2022, 3, 27)),
        ("Sunday", False, dt.date(2022, 4, 3)),
        ("Tuesday", True, dt.date(2022, 3, 22)),
        ("Monday", False, MONDAY),
        ("Monday", True, MONDAY),
        ("tue", False, dt.date(2022, 3, 29)),
        ("Thurs.", True, dt.date(2022, 3, 24)),
    ],
)
def test_resolve_weekday_looks_forward_or_back_at_most_six_days(name, past, expected):
    assert resolve_weekday(name, MONDAY, past=past) == expected


def test_resolve_weekday_rejects_non_weekdays():
    with pytest.raises(ValueError):
        resolve_weekday("Funday", MONDAY, past=False)


def test_past_tense_weekday_is_the_most_recent_one(parse_sentence):
    mentions = resolved(parse_sentence, "Putin and Erdogan agreed in a telephone call on Sunday to host the talks.")
    assert mentions == [("Sunday", dt.date(2022, 3, 27))]


def test_future_weekday_is_the_coming_one(parse_sentence):
    assert resolved(parse_sentence, "The talks could begin in Istanbul on Tuesday.") == [("Tuesday", dt.date(2022, 3, 29))]


def test_weekday_equal_to_the_article_day_is_that_day(parse_sentence):
    mentions = resolved(parse_sentence, "The negotiators would only be arriving in Turkey on Monday.")
    assert mentions == [("Monday", MONDAY)]


def test_planned_for_looks_ahead_despite_a_past_verb(parse_sentence):
    mentions = resolved(parse_sentence, "Medinski wrote that a meeting was planned for Tuesday and Wednesday.")
    assert mentions == [("Tuesday", dt.date(2022, 3, 29)), ("Wednesday", dt.date(2022, 3, 30))]


def test_last_and_next_override_the_tense(parse_sentence):
    assert resolved(parse_sentence, "The delegations will meet again next Monday.") == [("next Monday", dt.date(2022, 4, 4))]
    assert resolved(parse_sentence, "The ministers talk again last Friday, officials say.")[0][1] == dt.date(2022, 3, 25)


def test_weekday_with_part_of_day(parse_sentence):
    mentions = resolved(parse_sentence, "The President's Office in Ankara said on Sunday night that the call went well.")
    assert mentions == [("Sunday night", dt.date(2022, 3, 27))]


def test_today_tomorrow_yesterday(parse_sentence):
    mentions = resolved(parse_sentence, "Delegations travel today, talks may happen tomorrow, and a draft was sent yesterday.")
    assert mentions == [
        ("today", MONDAY),
        ("tomorrow", dt.date(2022, 3, 29)),
        ("yesterday", dt.date(2022, 3, 27)),
    ]


@pytest.mark.parametrize(
    ("text", "written", "expected"),
    [
        ("Russia sent troops into Ukraine on Feb. 24 last month.", "Feb. 24", dt.date(2022, 2, 24)),
        ("The ministers met in Antalya on March 10.", "March 10", dt.date(2022, 3, 10)),
        ("The invasion began on February 24, 2022, before dawn.", "February 24, 2022", dt.date(2022, 2, 24)),
        ("The invasion began on 24 February 2022 before dawn.", "24 February 2022", dt.date(2022, 2, 24)),
        ("The leaders last met on the 9th of December 2019 in Paris.", "the 9th of December 2019", dt.date(2019, 12, 9)),
    ],
)
def test_absolute_dates(parse_sentence, text, written, expected):
    assert resolved(parse_sentence, text) == [(written, expected)]


def test_month_and_day_take_the_year_closest_to_the_article(parse_sentence):
    mentions = resolved(parse_sentence, "The agreement was signed on December 30.", reference=dt.date(2023, 1, 3))
    assert mentions == [("December 30", dt.date(2022, 12, 30))]


def test_bare_years_and_vague_spans_are_skipped(parse_sentence):
    assert resolved(parse_sentence, "Zelensky and Putin have met only once, at talks in Paris in 2019.") == []
    assert resolved(parse_sentence, "The fighting intensified last week in the east.") == []


def test_without_reference_only_dates_with_a_year(parse_sentence):
    assert resolved(parse_sentence, "The ministers met on March 10 and again on Tuesday.", reference=None) == []
    assert resolved(parse_sentence, "The ministers met on March 10, 2022 in Antalya.", reference=None) == [
        ("March 10, 2022", dt.date(2022, 3, 10))
    ]


def test_offsets_point_at_the_written_expression(parse_sentence):
    sentence = parse_sentence("Ukrainian and Russian ministers met on March 10, and talks resume on Tuesday.")
    mentions = find_date_mentions(sentence, MONDAY)
    assert [sentence.text[m.start_char : m.end_char] for m in mentions] == ["March 10", "Tuesday"]


def test_seed_dates(seed_analyzed):
    found: dict[str, set[dt.date]] = {}
    for analyzed in seed_analyzed:
        for sentence in analyzed.sentences:
            for mention in find_date_mentions(sentence, analyzed.article.published):
                found.setdefault(mention.text, set()).add(mention.date)
    assert found["Feb. 24"] == {dt.date(2022, 2, 24)}
    assert found["February 24"] == {dt.date(2022, 2, 24)}
    assert found["March 10"] == {dt.date(2022, 3, 10)}
    assert found["Sunday"] == {dt.date(2022, 3, 27)}  # every seed's "on Sunday" is the past Sunday
    assert found["Tuesday"] == {dt.date(2022, 3, 29)}
    assert found["tomorrow"] == {dt.date(2022, 3, 29)}


def test_a_weekday_naming_an_absolute_date_is_not_resolved_on_its_own(parse_sentence):
    mentions = resolved(parse_sentence, "Russia invaded Ukraine on Thursday, Feb. 24, before dawn.")
    assert mentions == [("Feb. 24", dt.date(2022, 2, 24))]


def test_date_entities_with_a_year_are_parsed_whole():
    # A hand-made record, so that the DATE entity is certain: "Nov 9" alone would be
    # read by the patterns and given the year closest to the article (2021).
    words = ["The", "decree", "was", "signed", "2019", "Nov", "9", "in", "Kyiv", "."]
    tokens = tuple(
        Token(text=word, lemma=word.lower(), pos="X", tag="X", dep="dep", head=3, whitespace=" ") for word in words
    )
    text = " ".join(words)
    sentence = Sentence(
        source="S1", index=0, text=text, start_char=0, end_char=len(text), tokens=tokens,
        entities=(Entity(text="2019 Nov 9", label="DATE", start=4, end=7),),
    )  # fmt: skip
    mentions = find_date_mentions(sentence, MONDAY)
    assert [(mention.text, mention.date) for mention in mentions] == [("2019 Nov 9", dt.date(2019, 11, 9))]


WEDNESDAY = dt.date(2024, 6, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weekday dating an earlier event looks back, whatever the tense of the main verb
        ("The bridge is closed for all traffic after a partial collapse on Monday evening.", dt.date(2024, 6, 10)),
        ("The road has stayed shut since the crash on Sunday.", dt.date(2024, 6, 9)),
        ("Ferries are running extra sailings following the failure on Monday.", dt.date(2024, 6, 10)),
        # a gerund listed with nouns takes the tense of the verb above it
        ("Residents heard creaking and groaning from the bridge on Sunday.", dt.date(2024, 6, 9)),
        # an infinitive is as old as a verb that does not look ahead
        ("The driver was forced to leave his taxi on Monday.", dt.date(2024, 6, 10)),
        # clear future markers look ahead, even before an earlier-event preposition
        ("The bridge will reopen after an inspection on Thursday.", dt.date(2024, 6, 13)),
        ("The board is expected to meet on Friday.", dt.date(2024, 6, 14)),
        ("The ministry plans to publish the report on Friday.", dt.date(2024, 6, 14)),
        ("The crew decided to return on Friday.", dt.date(2024, 6, 14)),
        ("Talks resume on Thursday.", dt.date(2024, 6, 13)),
    ],
)
def test_weekday_direction_from_the_event_it_dates(parse_sentence, text, expected):
    assert [date for _, date in resolved(parse_sentence, text, reference=WEDNESDAY)] == [expected]


def test_sample_story_weekdays_resolve_to_the_answer_key_days(sample_analyzed):
    days = {"monday": "2024-06-10", "sunday": "2024-06-09", "tuesday": "2024-06-11", "wednesday": "2024-06-12",
            "thursday": "2024-06-13", "friday": "2024-06-14", "tomorrow": "2024-06-13"}  # fmt: skip
    checked = 0
    for analyzed in sample_analyzed:
        for sentence in analyzed.sentences:
            for mention in find_date_mentions(sentence, analyzed.article.published):
                word = mention.text.split()[0].lower()
                if word in days and not (word == "tomorrow" and analyzed.article.published != WEDNESDAY):
                    assert mention.date.isoformat() == days[word], (analyzed.article.path, sentence.text)
                    checked += 1
    assert checked >= 15


# --------------------------------------------------------------------------- months with no day


def months(parse_sentence, text: str, reference: dt.date | None = MONDAY) -> list[tuple[str, int, int | None]]:
    return [(m.text, m.month, m.year) for m in find_month_mentions(parse_sentence(text), reference)]


def test_a_month_with_no_day_takes_the_year_nearest_the_article(parse_sentence):
    # March 2022 article: "December" is last December, "May" the coming one.
    assert months(parse_sentence, "The port closed in December after the storm.") == [("December", 12, 2021)]
    assert months(parse_sentence, "The port will reopen in May.") == [("May", 5, 2022)]


def test_a_month_with_its_year_or_of_this_year_says_which_year(parse_sentence):
    found = months(parse_sentence, "The dam broke in October 2019, and repairs began in April of last year.")
    assert found == [("October 2019", 10, 2019), ("April of last year", 4, 2021)]


def test_without_an_article_date_a_month_keeps_no_year_rather_than_a_guess(parse_sentence):
    found = months(parse_sentence, "The army launched the offensive in September of this year.", reference=None)
    assert found == [("September of this year", 9, None)]


def test_a_month_with_a_day_or_a_part_of_a_month_is_not_a_month_mention(parse_sentence):
    assert months(parse_sentence, "The vote is planned in March 10 days from now.") == []
    assert months(parse_sentence, "The offensive began in late September and ended in mid-October.") == []
    assert months(parse_sentence, "She spoke in Marchetti's film about the harbour.") == []
