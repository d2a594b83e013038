"""Sources gainsaid by a reported conflict are not cited for a sentence holding one side's words."""

from __future__ import annotations

from newsweave.analyze.citations import gainsaid_by_conflicts, gainsaying_sources
from newsweave.model import AnalyzedArticle, Article, Conflict, Evidence, Position, Sentence

import numpy as np


def _article(source: str, *texts: str) -> AnalyzedArticle:
    sentences = tuple(Sentence(source, i, text, 0, len(text)) for i, text in enumerate(texts))
    article = Article(id=source, path=source, text=" ".join(texts), title=None, outlet=None, url=None, published=None)
    return AnalyzedArticle(article=article, sentences=sentences, vectors=np.zeros((len(texts), 2), np.float32))


def _position(value: str, *sources: str) -> Position:
    return Position(value=value, claim="", sources=sources, attributed_to=None, evidence=tuple(Evidence(s, "", 0) for s in sources))


def test_a_sentence_holding_one_side_is_gainsaid_by_the_other_sides_only():
    conflict = Conflict(topic="slope of the alley", kind="place", positions=(_position("downhill alley", "S1", "S3"), _position("uphill alley", "S2")))
    articles = [
        _article("S1", "The crowd surged into a downhill alley near the hotel."),
        _article("S2", "Witnesses described a narrow uphill alley.", "The alley was crowded all evening."),
        _article("S4", "An alley, downhill or uphill, is no place for a crowd."),  # both sides: no side
    ]
    table = gainsaying_sources(gainsaid_by_conflicts(articles, [conflict]))
    assert table[("S1", 0)] == {"S2"}
    assert table[("S2", 0)] == {"S1", "S3"}
    assert ("S2", 1) not in table and ("S4", 0) not in table


def test_sides_whose_words_nest_are_labels_and_gainsay_nothing():
    # "injured" occurs inside "not injured": a sentence saying "no one was injured" holds both words.
    conflict = Conflict(topic="whether injured", kind="negation", positions=(_position("not injured", "S1"), _position("injured", "S2")))
    articles = [_article("S1", "No one was injured, the authority said."), _article("S2", "Two workers were injured.")]
    assert gainsaid_by_conflicts(articles, [conflict]) == []


def test_a_photo_caption_giving_the_other_region_keeps_its_source_from_being_cited():
    from dataclasses import replace

    from newsweave.lexicon import PHOTO_CAPTION_REASON
    from newsweave.model import RemovedLine

    conflict = Conflict(
        topic="region of Greece",
        kind="place",
        positions=(
            replace(_position("central Greece", "S1"), normalized="central"),
            replace(_position("the north of the country", "S2"), normalized="north"),
        ),
    )
    captioned = _article("S3", "The stationmaster was arrested on Wednesday.")
    caption = RemovedLine(text="Rescuers at the wreck of a train in northern Greece. (Photo agency)", reason=PHOTO_CAPTION_REASON)
    captioned = replace(captioned, article=replace(captioned.article, removed=(caption,)))
    credited = _article("S4", "The stationmaster was arrested on Wednesday.")
    credited = replace(credited, article=replace(credited.article, removed=(replace(caption, reason="photo credit"),)))
    articles = [_article("S1", "Two trains collided in central Greece."), captioned, credited]
    table = gainsaying_sources(gainsaid_by_conflicts(articles, [conflict]))
    assert table[("S1", 0)] == {"S2", "S3"}  # the caption is S3's own words; a credit line is not read
