"""Entities merged across sources, spellings and unreliable labels."""

from __future__ import annotations

import numpy as np

from newsweave.analyze.entities import match_person, merge_entities, name_key, words_match
from newsweave.model import AnalyzedArticle, Entity, Sentence

from .conftest import make_article


def article_with_mentions(source: str, mentions: list[tuple[str, str]]) -> AnalyzedArticle:
    """An article whose single sentence carries exactly these (text, label) entities."""
    text = " ".join(name for name, _ in mentions)
    entities = []
    position = 0
    for name, label in mentions:
        width = len(name.split())
        entities.append(Entity(text=name, label=label, start=position, end=position + width))
        position += width
    sentence = Sentence(source=source, index=0, text=text, start_char=0, end_char=len(text), entities=tuple(entities))
    return AnalyzedArticle(
        article=make_article(source, text), sentences=(sentence,), vectors=np.zeros((1, 4), dtype=np.float32)
    )


def group_of(groups, alias):
    matches = [group for group in groups if alias in group.aliases]
    assert len(matches) == 1, f"{alias!r} is in {len(matches)} groups"
    return matches[0]


def test_transliterations_of_one_name_merge_even_when_mislabelled():
    groups = merge_entities(
        [
            article_with_mentions("S1", [("Volodymyr Zelensky", "PERSON"), ("Zelensky", "PERSON")]),
            article_with_mentions("S2", [("Zelenskyy", "GPE"), ("Volodymyr Zelenskyy", "PERSON")]),
            article_with_mentions("S3", [("Zelenskiy", "ORG"), ("Zelensky's", "PERSON")]),
        ]
    )
    zelensky = group_of(groups, "Zelenskyy")
    assert set(zelensky.aliases) == {"Volodymyr Zelensky", "Zelensky", "Zelenskyy", "Volodymyr Zelenskyy", "Zelenskiy"}
    assert zelensky.name == "Volodymyr Zelensky"
    assert zelensky.type == "PERSON"
    assert zelensky.mentions == 6
    assert zelensky.sources == ("S1", "S2", "S3")


def test_people_sharing_only_a_first_name_stay_apart():
    groups = merge_entities(
        [
            article_with_mentions("S1", [("Vladimir Putin", "PERSON"), ("Vladimir Medinsky", "PERSON")]),
            article_with_mentions("S2", [("Medinski", "PERSON"), ("Putin", "PERSON"), ("Dmitry Peskov", "PERSON")]),
            article_with_mentions("S3", [("Dmytro Kuleba", "PERSON")]),
        ]
    )
    putin, medinsky = group_of(groups, "Putin"), group_of(groups, "Medinski")
    assert putin is not medinsky
    assert set(medinsky.aliases) == {"Vladimir Medinsky", "Medinski"}
    assert group_of(groups, "Dmitry Peskov") is not group_of(groups, "Dmytro Kuleba")


def test_groups_are_sorted_by_mentions_and_typed_by_majority():
    groups = merge_entities(
        [
            article_with_mentions("S1", [("Kiev", "GPE"), ("Kiev", "GPE"), ("Moscow", "GPE")]),
            article_with_mentions("S2", [("Kyiv", "GPE"), ("Kiev", "PERSON"), ("the Kremlin", "ORG")]),
        ]
    )
    assert groups[0].aliases[0] == "Kiev"
    assert groups[0].mentions == 4
    assert groups[0].type == "GPE"
    assert "Kyiv" in groups[0].aliases
    assert [group.mentions for group in groups] == sorted((group.mentions for group in groups), reverse=True)
    assert group_of(groups, "Kremlin").name == "Kremlin"  # leading article dropped


def test_country_and_nationality_stay_apart():
    groups = merge_entities([article_with_mentions("S1", [("Russia", "GPE"), ("Russian", "NORP")])])
    assert group_of(groups, "Russia") is not group_of(groups, "Russian")


def test_name_keys():
    assert name_key("Zelenskyy") == name_key("Zelenskiy") == name_key("Zelensky")
    assert name_key("Erdoğan") == name_key("Erdogan")
    assert name_key("Aleksandr") == name_key("Alexandr")
    assert words_match("Medinsky", "Medinski")
    assert words_match("Kyiv", "Kiev")
    assert not words_match("Iran", "Iraq")
    assert not words_match("Putin", "Peskov")


def test_match_person_reads_the_surname_of_a_speaker_phrase():
    groups = merge_entities([article_with_mentions("S1", [("Dmitry Peskov", "PERSON"), ("Zelensky", "PERSON")])])
    assert match_person("Kremlin spokesman Dmitry Peskov", groups).name == "Dmitry Peskov"
    assert match_person("Peskov", groups).name == "Dmitry Peskov"
    assert match_person("Zelensky's office", groups) is None
    assert match_person("a senior Turkish official", groups) is None


def test_seed_entities(seed_analyzed):
    groups = merge_entities(seed_analyzed)
    zelensky = group_of(groups, "Zelenskyy")
    assert {"Zelensky", "Zelenskiy", "Volodymyr Zelensky"} <= set(zelensky.aliases)
    assert zelensky.name == "Volodymyr Zelensky"
    assert len(zelensky.sources) >= 4
    assert group_of(groups, "Peskov").name == "Dmitry Peskov"
    assert group_of(groups, "Medinski").name == "Vladimir Medinski"
    assert group_of(groups, "Putin") is not group_of(groups, "Medinski")
    assert group_of(groups, "Turkey") is group_of(groups, "Turkiye")


def parsed_groups(analyze_texts, *texts: str):
    return merge_entities(analyze_texts([make_article(f"S{n}", text) for n, text in enumerate(texts, 1)]))


def test_context_tells_people_from_organisations(analyze_texts):
    groups = parsed_groups(
        analyze_texts,
        "Lionel Ashdown, a professor of engineering, said hangers wear out. Ashdown said the list was ignored.",
        "Ms Ellery-Vane defended the response. Ruth Ellery-Vane said the repairs would take six weeks.",
        "Mum-of-two Shona Pike, 34, said she rang the authority. Harbourline Wire reported the closure.",
    )
    ashdown = group_of(groups, "Ashdown")
    assert (ashdown.name, ashdown.type) == ("Lionel Ashdown", "PERSON")
    engineer = group_of(groups, "Ruth Ellery-Vane")
    assert engineer.type == "PERSON" and "Ellery-Vane" in engineer.aliases  # "Ms" taken off, surname joined
    assert group_of(groups, "Shona Pike").type == "PERSON"
    assert group_of(groups, "Harbourline Wire").type == "ORG"


def test_titles_and_words_before_titles_are_no_names(analyze_texts):
    groups = parsed_groups(
        analyze_texts,
        "Consul Henrike Aasvold said no citizens were hurt. Transport Minister Teodor Halvorsen visited the site.",
    )
    names = {group.name for group in groups}
    assert "Henrike Aasvold" in names and "Teodor Halvorsen" in names
    assert not names & {"Consul Henrike Aasvold", "Transport"}


def test_last_words_type_structures_and_places():
    groups = merge_entities(
        [article_with_mentions("S1", [("Fennick Pier", "PERSON"), ("Merrow Sound Bridge", "ORG"), ("Vassholm Line", "PERSON")])]
    )
    assert group_of(groups, "Fennick Pier").type == "FAC"
    assert group_of(groups, "Merrow Sound Bridge").type == "FAC"
    assert group_of(groups, "Vassholm Line").type == "ORG"


def test_sample_story_entities(sample_analyzed):
    groups = merge_entities(sample_analyzed)
    minister = group_of(groups, "Halvorson")
    assert minister is group_of(groups, "Teodor Halvorsen")
    assert minister.name == "Teodor Halvorsen" and minister.type == "PERSON"
    assert len(minister.sources) >= 5
    engineer = group_of(groups, "Ruth Ellery-Vane")
    assert engineer.type == "PERSON" and len(engineer.sources) == 3
    assert group_of(groups, "Rachel Ellery-Vane") is not engineer  # the name conflict stays visible
    for name in ("Lionel Ashdown", "Declan Reddin", "Priya Castellane", "Gwen Harrow", "Shona Pike", "Bryn Maddox"):
        assert group_of(groups, name).type == "PERSON", name
    for name in ("Kestrelmouth Harbour Authority", "Harbourline Wire", "Vassholm Line", "University of Kestrelmouth"):
        assert group_of(groups, name).type == "ORG", name
    assert group_of(groups, "Merrow Sound Bridge").type == "FAC"
    assert group_of(groups, "Aurvik").type == "GPE"  # "Aurvik citizens": spaCy calls it an ORG
    assert group_of(groups, "Maritime and Civil Workers' Union").type == "ORG"
    names = {group.name for group in groups}
    assert not names & {"Transport", "Ferry", "Ashdown", "Consul Henrike Aasvold", "Ms Ellery-Vane"}
