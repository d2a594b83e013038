"""The hard limits of a slot: values that never share one, however alike their clauses read."""

from __future__ import annotations

import dataclasses
import datetime as dt

from newsweave.analyze.slot_membership import may_share_slot
from newsweave.analyze.slots import SlotValue
from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import Sentence


def _value(source, display, amount, dimension, kind="number", index=0, as_of=None, key=None):
    text = f"{source} sentence {index} with {display}"
    return SlotValue(
        kind=kind, source=source, sentence=Sentence(source, index, text, 0, len(text)), display=display,
        normalized=display, dimension=dimension, amount=float(amount), context="the fee was … a year",
        speaker=None, via=(), denied=False, context_words=frozenset({"fee"}), as_of=as_of, key=key, act_words=frozenset({"fee"}),
    )


def test_sums_in_any_currency_may_share_a_slot_unless_many_times_apart():
    dollars = _value("S1", "$40 million", 40e6, "money:USD")
    assert may_share_slot(dollars, _value("S2", "€120 million", 120e6, "money:EUR"), DEFAULT_SETTINGS)
    # Read in rough dollars, not as written: £38 million is more than a fifth of a $200 million fee.
    fee = _value("S1", "$200 million", 200e6, "money:USD")
    assert may_share_slot(fee, _value("S2", "£38 million", 38e6, "money:GBP"), DEFAULT_SETTINGS)
    assert not may_share_slot(fee, _value("S2", "$38 million", 38e6, "money:USD"), DEFAULT_SETTINGS)
    assert not may_share_slot(dollars, _value("S2", "€900 million", 900e6, "money:EUR"), DEFAULT_SETTINGS)
    assert not may_share_slot(dollars, _value("S2", "40 million tonnes", 40e9, "mass"), DEFAULT_SETTINGS)


def test_two_values_of_one_sentence_never_share_a_slot():
    first = _value("S1", "$40 million", 40e6, "money:USD")
    assert not may_share_slot(first, _value("S1", "$60 million", 60e6, "money:USD"), DEFAULT_SETTINGS)
    assert may_share_slot(first, _value("S1", "$60 million", 60e6, "money:USD", index=1), DEFAULT_SETTINGS)


def test_each_articles_news_of_its_own_day_is_another_act():
    def day(source, number, published):
        return _value(source, f"March {number}", dt.date(2026, 3, number).toordinal(), "date", "date",
                      as_of=dt.date(2026, 3, published))

    assert not may_share_slot(day("S1", 13, 13), day("S2", 14, 14), DEFAULT_SETTINGS)  # each "today"
    assert not may_share_slot(day("S1", 12, 13), day("S2", 13, 14), DEFAULT_SETTINGS)  # each "yesterday"
    assert may_share_slot(day("S1", 13, 14), day("S2", 14, 14), DEFAULT_SETTINGS)  # one day's articles
    assert may_share_slot(day("S1", 15, 13), day("S2", 16, 14), DEFAULT_SETTINGS)  # plans ahead


def test_two_times_of_done_acts_share_a_slot_only_when_their_clauses_share_an_act():
    def time(source, hour, acts, doers=(), tense="past"):
        value = _value(source, f"{hour}:00", hour * 60, "time", "time")
        return dataclasses.replace(value, act_words=frozenset(acts), doer_words=frozenset(doers), tense=tense)

    kept_silence = time("S1", 11, {"keep", "silence", "sailor"}, {"sailor"})
    # "sailors kept a silence at 11:00" and "a silent vigil was broken at 19:00": one act, words alike
    assert may_share_slot(kept_silence, time("S2", 19, {"silent", "vigil", "break"}), DEFAULT_SETTINGS)
    # "sailors kept a silence at 11:00" and "sailors went home at 23:00": the doers alone are no act
    assert not may_share_slot(kept_silence, time("S2", 23, {"sailor", "home"}, {"sailor"}), DEFAULT_SETTINGS)
    # a plan is told in many words: left to the clauses' likeness
    planned = time("S1", 11, {"begin"}, tense="future")
    assert may_share_slot(planned, time("S2", 23, {"open"}, tense="future"), DEFAULT_SETTINGS)


def test_two_days_share_a_slot_only_when_their_clauses_share_an_act():
    def day(source, number, acts):
        value = _value(source, f"March {number}", dt.date(2026, 3, number).toordinal(), "date", "date")
        return dataclasses.replace(value, act_words=frozenset(acts), tense="past")

    # "Akin canceled an interview Monday" and "Akin refused to step down Tuesday": a name is no act
    assert not may_share_slot(day("S1", 9, {"cancel", "interview"}), day("S2", 10, {"refuse", "step"}), DEFAULT_SETTINGS)
    # "the memo was sent on Nov. 4" and "the email sent Thursday evening": one act
    assert may_share_slot(day("S1", 9, {"memo", "send"}), day("S2", 10, {"email", "send"}), DEFAULT_SETTINGS)
    # a plan is told in many words: "could start on Tuesday" and "set to resume negotiations on Monday"
    plans = [dataclasses.replace(day(s, n, acts), tense="future") for s, n, acts in
             (("S1", 9, {"start", "talk"}), ("S2", 10, {"resume", "negotiation"}))]
    assert may_share_slot(*plans, DEFAULT_SETTINGS)
    # figures are kept apart by what they measure, not by this rule
    assert may_share_slot(_value("S1", "$40 million", 40e6, "money:USD"),
                          dataclasses.replace(_value("S2", "$50 million", 50e6, "money:USD"), act_words=frozenset()),
                          DEFAULT_SETTINGS)
