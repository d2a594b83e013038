"""A person called a former holder of a title by one source and a current one by others."""

from __future__ import annotations

from newsweave.analyze.titles import find_title_conflicts


def test_former_against_current_title_is_a_conflict_with_the_words_as_written(detect):
    [conflict] = detect(
        find_title_conflicts,
        "The truce was announced by former Governor Alma Rusk on Saturday.",
        "Governor Alma Rusk announced the truce on Saturday.",
        "The truce was welcomed by Governor Alma Rusk, officials said.",
    )
    current, former = conflict.positions
    assert current.sources == ("S2", "S3") and former.sources == ("S1",)
    assert "former Governor Alma Rusk" in former.value and "Governor Alma Rusk" in current.value
    assert conflict.kind == "name"


def test_no_conflict_when_all_agree_or_one_source_writes_both(detect):
    assert detect(
        find_title_conflicts,
        "Governor Alma Rusk announced the truce on Saturday.",
        "The truce was welcomed by Governor Alma Rusk on Sunday.",
    ) == []
    # One source telling of two times ("former Governor Rusk ... Governor Rusk, then in office") is no dispute.
    assert detect(
        find_title_conflicts,
        "Former Governor Alma Rusk spoke first. In 2019 Governor Alma Rusk signed the first truce.",
        "The truce was signed by former Governor Alma Rusk.",
    ) == []


def test_a_title_dated_to_its_time_or_a_possessive_takes_no_side(detect):
    # "then-Governor" gives the title at the moment told; "Governor X's ..." names a past term as often
    # as a present one. Neither says whether X holds the title now.
    assert detect(
        find_title_conflicts,
        "The dam was approved in 2009 by then-Governor Alma Rusk.",
        "Governor Alma Rusk approved the dam in 2009.",
    ) == []
    assert detect(
        find_title_conflicts,
        "The plan revives Governor Alma Rusk's dam project.",
        "Former Governor Alma Rusk spoke against the plan.",
    ) == []


def test_a_word_for_leaving_the_post_before_the_title_says_former_but_a_verb_of_its_own_does_not(detect):
    [conflict] = detect(
        find_title_conflicts,
        "The ousted Governor Alma Rusk left the capital on Saturday.",
        "Governor Alma Rusk left the capital on Saturday.",
    )
    current, former = conflict.positions
    assert former.sources == ("S1",) and current.sources == ("S2",)
    # "The council sacked Governor X" tells of the sacking: X held the title when it happened.
    assert detect(
        find_title_conflicts,
        "The council sacked Governor Alma Rusk on Saturday.",
        "Governor Alma Rusk left the capital on Saturday.",
    ) == []
