"""Who someone is: a role two or more sources give one person, told in the words they all use."""

from __future__ import annotations

from newsweave.analyze.entities import merge_entities
from newsweave.analyze.roles import role_agreements

from .conftest import make_article


def _roles(analyze_texts, *texts):
    analyzed = analyze_texts([make_article(f"S{i + 1}", text) for i, text in enumerate(texts)])
    return role_agreements(merge_entities(analyzed), analyzed)


def test_an_apposition_and_a_title_before_the_name_give_one_role_in_the_shared_words(analyze_texts):
    [agreement] = _roles(
        analyze_texts,
        "Up to 900 people will be moved, Marta Velkoran, provincial administrator of Dunmere province, told reporters.",
        "Dunmere's provincial administrator, Marta Velkoran, said rescue teams had been sent to the valley.",
        "Engineers were checking the slope, the Dunmere provincial administrator Marta Velkoran said.",
    )
    assert agreement.text == "Marta Velkoran, provincial administrator"
    assert [e.source for e in agreement.evidence] == ["S1", "S2", "S3"]


def test_only_the_words_every_source_uses_are_claimed(analyze_texts):
    [agreement] = _roles(
        analyze_texts,
        "The cabinet backed the plan, with far-right Harbour Minister Osric Dallow casting the only vote against.",
        "The plan passed 9-1, with only far-right minister Osric Dallow voting against it.",
    )
    # As the first source writes it, without "Harbour": the other source does not say so.
    assert agreement.text == "Osric Dallow, far-right Minister"


def test_one_source_or_different_roles_make_no_agreement(analyze_texts):
    assert _roles(
        analyze_texts,
        "Senator Ilse Garrow opened the hearing on Monday.",
        "The hearing heard from Ilse Garrow, a lawyer for the families.",
    ) == []
    assert _roles(analyze_texts, "Mayor Tomas Reyk spoke first.", "Nothing else was said about the budget.") == []


def test_a_former_title_beside_a_current_one_is_a_dispute_not_an_agreement(analyze_texts):
    assert _roles(
        analyze_texts,
        "Governor Alma Rusk announced the truce on Saturday.",
        "The truce was welcomed by Governor Alma Rusk, officials said.",
        "The truce was announced by former Governor Alma Rusk on Saturday.",
    ) == []


def test_an_honorific_is_no_role(analyze_texts):
    assert _roles(
        analyze_texts,
        "Mr Oren Tallis said the pier would reopen.",
        "The pier will reopen soon, Mr Oren Tallis told the council.",
    ) == []


def test_a_rank_word_makes_another_office_so_no_agreement(analyze_texts):
    assert _roles(
        analyze_texts,
        "Marta Velkoran, leader of the Harbour Party, called the vote a victory.",
        "Marta Velkoran, the party's floor leader, said after the vote that the result was clear.",
    ) == []
