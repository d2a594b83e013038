"""Property: metadata never crashes on arbitrary text and never invents what nothing gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.metadata import build_articles
from newsweave.metadata.dates import parse_date_field
from newsweave.model import CleanText, RawDocument

optional_text = st.one_of(st.none(), st.text(max_size=80))


@settings(deadline=None, max_examples=200)
@given(st.lists(st.tuples(st.text(max_size=300), optional_text, optional_text, optional_text), max_size=4))
def test_build_articles_accepts_any_text_and_fields(rows: list[tuple[str, str | None, str | None, str | None]]) -> None:
    documents = [
        RawDocument(path=f"in/{index}.txt", text=text, format="text", title=title, outlet=outlet, published=published)
        for index, (text, title, outlet, published) in enumerate(rows)
    ]
    articles = build_articles(documents, [CleanText(text, ()) for text, *_ in rows])
    assert [article.id for article in articles] == [f"S{index}" for index in range(1, len(rows) + 1)]
    for article in articles:
        assert (article.published is None) == (article.date_evidence is None)
        assert (article.outlet is None) == (article.outlet_evidence is None)


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=60))
def test_date_field_parser_never_raises(value: str) -> None:
    parse_date_field(value)
