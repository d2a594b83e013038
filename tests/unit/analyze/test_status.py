"""Statuses told as still to happen in one report and as done in another: an update, not a dispute."""

from __future__ import annotations

from newsweave.analyze.status import find_status_updates

from .conftest import make_article


def _find(analyze_texts, *texts):
    articles = analyze_texts([make_article(f"S{n}", text) for n, text in enumerate(texts, start=1)])
    return find_status_updates([], articles)


def test_planned_and_done_with_one_named_subject_is_an_update_latest_first(analyze_texts):
    findings = _find(
        analyze_texts,
        "The harbour master will be charged with negligence, prosecutors said.",
        "The harbour master has been charged with negligence.",
    )
    [update] = findings.updates
    done, planned = update.values
    assert (done.value, done.sources, done.normalized) == ("has been charged", ("S2",), "done")
    assert (planned.value, planned.sources, planned.normalized) == ("will be charged", ("S1",), "still to happen")
    assert update.topic == "whether the harbour master has been charged"
    said_otherwise = {(g.source, g.index): g.sources for g in findings.gainsaid}
    assert said_otherwise == {("S2", 0): ("S1",), ("S1", 0): ("S2",)}  # neither is cited for the other


def test_a_light_verb_is_named_by_its_object(analyze_texts):
    [update] = _find(
        analyze_texts,
        "The truce is expected to take effect at dawn.",
        "The truce came into effect at dawn.",
    ).updates
    assert [stage.value for stage in update.values] == ["came into effect", "is expected to take effect"]


def test_a_pronoun_joins_the_one_subject_the_story_names_for_that_event(analyze_texts):
    [update] = _find(
        analyze_texts,
        "He will be charged with negligence.",
        "The harbour master has been charged with negligence.",
    ).updates
    assert [stage.sources for stage in update.values] == [("S2",), ("S1",)]


def test_no_update_without_a_named_subject_or_from_a_source_telling_the_change_itself(analyze_texts):
    assert _find(analyze_texts, "It died on the way.", "It would die on the way.").updates == ()
    assert _find(
        analyze_texts,
        "The harbour master will be charged. The harbour master has been charged.",
        "The ferry sailed on time.",
    ).updates == ()
