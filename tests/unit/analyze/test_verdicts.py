"""Opposite verdicts: one source rules out what another confirms, with no "not" in either."""

from __future__ import annotations

from newsweave.analyze.verdicts import opposite_verdicts


def test_ruling_out_against_identifying_the_same_thing_is_a_dispute(parse_sentence):
    rejected = parse_sentence("The utility said the outage on Monday was quickly ruled out as a cyber assault.")
    established = parse_sentence("The utility said the outage on Monday was quickly identified as a cyber attack.")
    found = opposite_verdicts(rejected, established)
    assert found is not None
    assert found.first == "quickly ruled out as a cyber assault"
    assert found.second == "quickly identified as a cyber attack"
    assert found.key == "it was a cyber attack"


def test_an_object_ruled_out_and_confirmed_is_a_dispute(parse_sentence):
    found = opposite_verdicts(
        parse_sentence("Investigators have ruled out foul play in the fire."),
        parse_sentence("Investigators confirmed foul play in the fire."),
    )
    assert found is not None and (found.first, found.second) == ("ruled out foul play", "confirmed foul play")


def test_no_dispute_without_a_clear_opposite_about_a_shared_thing(parse_sentence):
    confirmed = parse_sentence("Investigators confirmed foul play in the fire.")
    not_ruled_out = parse_sentence("Investigators did not rule out foul play in the fire.")
    other_thing = parse_sentence("The mayor denied the charges against the fire chief.")
    quoted = parse_sentence('"We have ruled out foul play," an investigator told reporters.')
    assert opposite_verdicts(not_ruled_out, confirmed) is None  # a negated verdict is no verdict
    assert opposite_verdicts(other_thing, confirmed) is None  # the charges and foul play share no word
    assert opposite_verdicts(quoted, confirmed) is None  # words in quotation marks are not the outlet's
    assert opposite_verdicts(confirmed, confirmed) is None


def test_a_person_approved_or_turned_down_is_no_verdict_on_a_fact(parse_sentence):
    confirmed = parse_sentence("The council voted on Tuesday to confirm Judge Ilse Varga.")
    rejected = parse_sentence("Another councillor said she would reject Judge Varga.")
    assert opposite_verdicts(rejected, confirmed) is None
