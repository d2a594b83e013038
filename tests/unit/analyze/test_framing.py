"""Distinctive terms per source."""

from __future__ import annotations

from dataclasses import replace

from newsweave.analyze.framing import EVALUATIVE_MODIFIERS, FRAME_NOUNS, MAX_TERMS, find_framing

from .conftest import make_article

SOURCES = (
    "Russia launched what it calls a “special military operation” in Ukraine. "
    "The “special military operation” has met international outrage. Peace talks resume in Istanbul.",
    "The Russian war of aggression against Ukraine goes on. Since the war of aggression began, "
    "Vladimir Putin has refused a ceasefire. Peace talks resume in Istanbul.",
    "The bloody conflict in Ukraine entered its second month. The bloody conflict has forced millions "
    "to flee. Peace talks resume in Istanbul.",
)


def framing_of(analyze_texts, *texts: str) -> dict[str, tuple[str, ...]]:
    articles = [make_article(f"S{number}", text) for number, text in enumerate(texts, 1)]
    return {framing.source: framing.terms for framing in find_framing(analyze_texts(articles))}


def test_each_source_gets_its_own_wording(analyze_texts):
    framing = framing_of(analyze_texts, *SOURCES)
    assert '"special military operation"' in framing["S1"]
    assert "war of aggression" in framing["S2"]
    assert "bloody conflict" in framing["S3"]
    assert "war of aggression" not in framing["S1"] + framing["S3"]


def test_shared_vocabulary_and_names_are_no_framing(analyze_texts):
    framing = framing_of(analyze_texts, *SOURCES)
    every_term = [term for terms in framing.values() for term in terms]
    assert not any("peace talks" in term for term in every_term)
    assert not any("putin" in term.lower() or "ukraine" in term.lower() for term in every_term)
    assert all(len(terms) <= MAX_TERMS for terms in framing.values())


def test_a_single_source_has_nothing_to_be_compared_with(analyze_texts):
    assert framing_of(analyze_texts, SOURCES[0]) == {}


def test_seed_framing(seed_analyzed):
    framing = {item.source: item.terms for item in find_framing(seed_analyzed)}
    assert '"special military operation"' in framing["S2"]
    assert "war of aggression" in framing["S3"]
    assert '"denazification"' in framing["S4"]
    assert all(len(terms) <= MAX_TERMS for terms in framing.values())
    names = {"russia", "ukraine", "putin", "zelensky", "peskov", "lavrov", "kremlin", "turkey", "istanbul"}
    assert not any(term.strip('"') in names for terms in framing.values() for term in terms)


BRIDGE_SOURCES = (
    "Police tape blocks the northern approach. The incident closed the bridge. Officials called the incident minor.",
    "Police tape blocks the northern approach. The disaster closed the bridge. Locals call it a death trap.",
    "Police tape blocks the northern approach. The partial collapse closed the bridge.",
)


def test_descriptive_vocabulary_is_no_framing(analyze_texts):
    framing = framing_of(analyze_texts, *BRIDGE_SOURCES)
    assert framing["S1"] == ("incident",)
    assert "disaster" in framing["S2"] and "death trap" in framing["S2"]
    assert framing["S3"] == ("partial collapse",)
    every_term = " ".join(term for terms in framing.values() for term in terms)
    assert "tape" not in every_term and "approach" not in every_term


def test_headlines_and_single_quoted_terms_count(analyze_texts):
    articles = [make_article(f"S{number}", text) for number, text in enumerate(BRIDGE_SOURCES, 1)]
    articles[2] = replace(articles[2], title="BRIDGE OF TERROR: 'death trap' span plunges")
    framing = {item.source: item.terms for item in find_framing(analyze_texts(articles))}
    assert '"death trap"' in framing["S3"] and "terror" in framing["S3"]
    assert "trap" not in framing["S3"]  # the quoted term is not counted twice


def test_sample_story_framing(sample_analyzed, answer_key, sample_id):
    framing = {item.source: item.terms for item in find_framing(sample_analyzed)}
    found = expected = 0
    for item in answer_key["framing"]:
        terms = {term.strip('"') for term in framing.get(sample_id(item["file"]), ())}
        hits = sum(1 for term in item["terms"] if term in terms)
        assert 2 * hits >= len(item["terms"]), (item["file"], sorted(terms))
        found, expected = found + hits, expected + len(item["terms"])
    assert found >= 0.8 * expected
    # every term is a quoted choice, a framing noun or a judging modifier: no descriptive words
    for terms in framing.values():
        for term in terms:
            words = set(term.strip('"').split())
            assert term.startswith('"') or words & (FRAME_NOUNS | EVALUATIVE_MODIFIERS), term
