"""The synthetic corpus: deterministic, the asked size, about 10% wire copies, N/20 stories."""

from __future__ import annotations

from generate_corpus import generate


def test_size_stories_copies_and_determinism():
    records = generate(400, seed=3)
    assert len(records) == 400
    assert records == generate(400, seed=3)
    copies = [r for r in records if r["copy_of"]]
    assert 0.05 <= len(copies) / len(records) <= 0.15
    ids = {r["id"] for r in records}
    assert all(r["copy_of"] in ids for r in copies)
    assert len({r["event"] for r in records}) <= 400 // 20
    assert [r["published"] for r in records] == sorted(r["published"] for r in records)


def test_every_article_has_text_title_and_an_example_url():
    for record in generate(60, seed=1):
        assert len(record["text"].split()) > 40 and record["title"]
        assert record["url"].split("/")[2].endswith(".example")
