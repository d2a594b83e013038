"""Clustering signatures: title-and-lead embedding, entity names, date."""

from __future__ import annotations

import datetime as dt

import numpy as np

from newsweave.model import StoredArticle
from newsweave.nlp import article_signatures, lead_text
from newsweave.nlp.signatures import MAX_TERMS, body_terms


def _article(article_id: str, title: str, text: str) -> StoredArticle:
    return StoredArticle(
        id=article_id, identity=f"text:{article_id}", path=article_id, url=None, outlet=None, title=title,
        published=dt.date(2024, 6, 11), text=text, raw_text=text,
    )


def test_lead_is_title_and_first_words():
    assert lead_text("Bridge shut", "one two three four", words=2) == "Bridge shut. one two"
    assert lead_text(None, "one two three", words=5) == "one two three"


def test_signatures_hold_names_dates_and_unit_vectors():
    articles = [
        _article("a1", "Mayor Priya Castellane closes bridge", "The Merrow Sound Bridge in Kestrelmouth closed on Monday."),
        _article("a2", "Bridge in Kestrelmouth shut", "Kestrelmouth officials closed the Merrow Sound Bridge after a cable snapped."),
        _article("a3", "Record pumpkin at the valley fair", "Gardeners weighed a pumpkin of four hundred kilograms."),
    ]
    signatures = article_signatures(articles)
    assert [s.article_id for s in signatures] == ["a1", "a2", "a3"]
    assert any("Priya Castellane" in name for name in signatures[0].entities)
    assert any("Kestrelmouth" in name for name in signatures[1].entities)
    assert all(s.published == dt.date(2024, 6, 11) for s in signatures)
    vectors = np.vstack([s.vector for s in signatures])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2])
    assert article_signatures([]) == []


def test_body_words_are_counted_without_stop_words():
    terms = dict(body_terms("Bridge shut in Kestrelmouth", "The bridge in Kestrelmouth closed. It was the bridge's cable."))
    assert terms["bridge"] == 3 and terms["kestrelmouth"] == 2 and terms["cable"] == 1
    assert not {"the", "in", "it", "was"} & set(terms)  # stop words and short words say nothing of the event
    assert body_terms(None, "") == ()


def test_body_words_are_bounded_on_a_long_odd_text():
    text = " ".join(f"w{n}x" for n in range(5000)) + " " + "a" * 100_000
    terms = body_terms(None, text)
    assert len(terms) == MAX_TERMS and all(len(word) <= 41 for word, _ in terms)
