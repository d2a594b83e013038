"""Conflicts inside aligned claims: places, directions, names, negation."""

from __future__ import annotations

import numpy as np

from newsweave.analyze.differences import find_claim_conflicts
from newsweave.model import AnalyzedArticle, Claim, Evidence

from .conftest import make_article


def _story(analyze_texts, texts: dict[str, str]):
    articles = analyze_texts([make_article(source, text) for source, text in texts.items()])
    claim = Claim(
        id="C1",
        text=articles[0].sentences[0].text,
        evidence=tuple(Evidence(a.article.id, a.sentences[0].text, a.sentences[0].index) for a in articles),
    )
    return articles, [claim]


def _conflicts(analyze_texts, texts):
    articles, claims = _story(analyze_texts, texts)
    return find_claim_conflicts(claims, articles, {a.article.id: [None] * len(a.sentences) for a in articles})


def test_direction_swap_is_a_place_conflict(analyze_texts):
    conflicts = _conflicts(
        analyze_texts,
        {
            "S1": "A hanger cable snapped near the north tower of the bridge late on Monday.",
            "S2": "A hanger cable failed near the south tower of the bridge late on Monday.",
        },
    )
    [conflict] = conflicts
    assert conflict.kind == "place"
    values = {p.value.lower(): p.sources for p in conflict.positions}
    assert values == {"north tower": ("S1",), "south tower": ("S2",)}


def test_different_first_name_is_a_name_conflict_but_spelling_variants_are_not(analyze_texts):
    conflicts = _conflicts(
        analyze_texts,
        {
            "S1": "Chief engineer Ruth Ellery-Vane said the cable had corroded.",
            "S2": "Chief engineer Rachel Ellery-Vane said the cable had corroded.",
            "S3": "Chief engineer Ruth Ellery-Vane said the cable had corroded badly.",
        },
    )
    [conflict] = conflicts
    assert conflict.kind == "name"
    by_value = {p.value: set(p.sources) for p in conflict.positions}
    assert by_value == {"Ruth Ellery-Vane": {"S1", "S3"}, "Rachel Ellery-Vane": {"S2"}}

    variants = _conflicts(
        analyze_texts,
        {
            "S1": "President Volodymyr Zelensky said peace must come without delay.",
            "S2": "President Volodymyr Zelenskyy said peace must come without delay.",
        },
    )
    assert [c for c in variants if c.kind == "name"] == []


def test_denial_against_assertion_is_a_negation_conflict(analyze_texts):
    conflicts = _conflicts(
        analyze_texts,
        {
            "S1": "Nobody was injured when the deck dropped, the authority said.",
            "S2": "Two maintenance workers were injured when the deck dropped, a union official said.",
        },
    )
    kinds = {c.kind for c in conflicts}
    assert "negation" in kinds


def test_none_of_a_group_denies_only_of_that_group(analyze_texts):
    # "None of the councillors" is a denial about the councillors, not about everyone.
    fraud = "charged with fraud in the bridge contract."
    texts = {"S1": f"The harbour master was {fraud}", "S2": f"None of the councillors have been {fraud}"}
    assert [c for c in _conflicts(analyze_texts, texts) if c.kind == "negation"] == []


def test_same_place_named_twice_is_no_conflict(analyze_texts):
    conflicts = _conflicts(
        analyze_texts,
        {
            "S1": "The delegations will meet in Istanbul on Tuesday.",
            "S2": "The delegations will meet in Istanbul on Tuesday, officials said.",
        },
    )
    assert conflicts == []


def test_vectors_are_not_needed(analyze_texts):
    articles, _ = _story(analyze_texts, {"S1": "The bridge closed on Monday night."})
    assert isinstance(articles[0], AnalyzedArticle) and articles[0].vectors.dtype == np.float32


def test_a_direction_inside_a_place_name_is_not_a_direction(analyze_texts):
    conflicts = _conflicts(
        analyze_texts,
        {
            "S1": "Officials in South Sudan said the convoy reached the border on Monday.",
            "S2": "Officials in North Sudan said the convoy reached the border on Monday.",
        },
    )
    assert not [c for c in conflicts if c.kind == "place" and "sudan" in c.topic.lower()]


def test_a_shortened_given_name_is_not_a_name_conflict(analyze_texts):
    conflicts = _conflicts(
        analyze_texts,
        {
            "S1": "Harbour master Thomas Okafor said the pier would reopen in spring.",
            "S2": "Harbour master Tom Okafor said the pier would reopen in spring.",
        },
    )
    assert not [c for c in conflicts if c.kind == "name"]


def test_a_denied_copula_is_a_dispute_only_about_the_same_complement(analyze_texts):
    different = _conflicts(
        analyze_texts,
        {
            "S1": "The outage is not a crime, the company said on Monday.",
            "S2": "The outage is a setback, the company said on Monday.",
        },
    )
    assert not [c for c in different if c.kind == "negation"]
    same = _conflicts(
        analyze_texts,
        {
            "S1": "The outage is not a crime, the company said on Monday.",
            "S2": "The outage is a crime, the company said on Monday.",
        },
    )
    [conflict] = [c for c in same if c.kind == "negation"]
    assert {p.value for p in conflict.positions} == {"not is crime", "is crime"}


def test_a_hyphenated_given_name_is_compared_whole(analyze_texts):
    conflicts = _conflicts(
        analyze_texts,
        {
            "S1": "Prime Minister Park Jae-hoon will serve as acting president until the court rules.",
            "S2": "Prime Minister Park Jae Hun will serve as acting president until the court rules.",
            "S3": "Prime Minister Park Ji-hoon will serve as acting president until the court rules.",
        },
    )
    names = [c for c in conflicts if c.kind == "name"]
    values = {p.value for c in names for p in c.positions}
    assert "Park Jae" not in values  # the tagger's "Park Jae" of "Park Jae-hoon" is read whole
    assert not any({"Park Jae-hoon", "Park Jae Hun"} <= {p.value for p in c.positions} for c in names)


def test_two_people_of_one_family_or_one_given_name_are_not_a_name_dispute(analyze_texts):
    # One article names both Velkorans: the story has two of them, not one named two ways.
    family = _conflicts(
        analyze_texts,
        {
            "S1": "Ilse Velkoran said the council would vote on the bridge next week.",
            "S2": "Marta Velkoran said the council would vote on the bridge next week.",
            "S3": "Ilse Velkoran, whose sister Marta Velkoran sits on the council, said the vote was next week.",
        },
    )
    assert [c for c in family if c.kind == "name"] == []
    # A shared given name with another family name, and no shared title, is another person.
    given = _conflicts(
        analyze_texts,
        {
            "S1": "Senator Ivo Brandt said the harbour tax would pass on Friday.",
            "S2": "Governor Ivo Maddern said the harbour tax would pass on Friday.",
        },
    )
    assert [c for c in given if c.kind == "name"] == []
    # A shared family name with another given name is another person too, unless one post is named:
    # no single article need name both a senator and her husband.
    tax = "said the harbour tax would pass on Friday."
    spouses = _conflicts(analyze_texts, {"S1": f"Helga Sorensby {tax}", "S2": f"Her husband, Anders Sorensby, {tax}"})
    assert [c for c in spouses if c.kind == "name"] == []
    one_post = _conflicts(
        analyze_texts,
        {"S1": f"The port's chief engineer, Helga Sorensby, {tax}", "S2": f"The port's chief engineer, Hilde Sorensby, {tax}"},
    )
    assert [c.kind for c in one_post] == ["name"]


def test_a_not_denies_only_the_same_subject_and_object(analyze_texts):
    # Different subjects: the mayor answered, her spokesman did not. No dispute.
    subjects = _conflicts(
        analyze_texts,
        {
            "S1": "Mayor Ilse Varga responded to the report on Wednesday with a statement on the bridge.",
            "S2": "A spokesman for the council did not respond to the report on Wednesday.",
        },
    )
    assert [c for c in subjects if c.kind == "negation"] == []
    # Same subject, different objects: apologising for one thing is not denied by not apologising for another.
    objects = _conflicts(
        analyze_texts,
        {
            "S1": "The governor apologized for the voicemail during the radio interview.",
            "S2": "The governor did not apologize for the remarks during the radio interview.",
        },
    )
    assert [c for c in objects if c.kind == "negation"] == []
    # Same subject and object: a dispute.
    same = _conflicts(
        analyze_texts,
        {
            "S1": "The council approved the budget for the harbour bridge on Tuesday.",
            "S2": "The council did not approve the budget for the harbour bridge on Tuesday.",
        },
    )
    assert [c.kind for c in same].count("negation") == 1
