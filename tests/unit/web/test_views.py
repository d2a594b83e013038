"""The article page and the web reader's small parts: marks on cited sentences, anchors, the cache."""

from __future__ import annotations

import pytest

from newsweave.model import CleanLine, Quote, StoredArticle
from newsweave.web.anchors import sentence_anchor
from newsweave.web.article_view import article_view
from newsweave.web.lru import LruMap

from ..render.ferry_briefing import FARE, OPENS_MONDAY, ferry_briefing as _briefing


# ----------------------------------------------------------------------------- article page


def _stored(article_id: str) -> StoredArticle:
    return StoredArticle(article_id, f"text:{article_id}", "x.txt", None, "Daily Quay", "Ferry opens", None, "", "")


def test_the_article_marks_cited_sentences_and_greys_removed_lines():
    quote = "opens on Monday"
    briefing = _briefing(quotes=(Quote("the council", quote, ("S1",)),))
    lines = (
        CleanLine("SUBSCRIBE NOW", "subscription prompt"),
        CleanLine(f"{OPENS_MONDAY} {FARE} Boats are ready."),
        CleanLine("Follow us"),  # removed only when the story was briefed (shared furniture)
    )
    view = article_view(_stored("a-1"), lines, briefing)
    assert view.source_id == "S1"
    assert [line.removed_because for line in view.lines] == ["subscription prompt", None, "shared across sources"]
    segments = view.lines[1].segments
    marked = [s for s in segments if s.anchor]
    assert [s.text for s in marked] == [OPENS_MONDAY, FARE]
    assert "".join(s.text for s in segments) == lines[1].text  # nothing lost or repeated
    # The quote lies inside a cited sentence: its anchor rides on that sentence's mark.
    assert marked[0].inner_anchors == (sentence_anchor(quote),)
    assert "summary" in marked[1].roles and "agreement" in marked[1].roles
    assert view.highlighted == 3 and view.removed == 2


def test_an_article_outside_the_briefing_is_shown_without_marks():
    view = article_view(_stored("a-9"), (CleanLine(OPENS_MONDAY),), _briefing())
    assert view.source_id is None and view.highlighted == 0
    assert view.lines[0].segments[0].anchor is None


# ----------------------------------------------------------------------------- small parts


def test_the_lru_map_forgets_the_least_recently_used_entry():
    cache: LruMap[str, int] = LruMap(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
    with pytest.raises(ValueError):
        LruMap(0)


def test_sentence_anchors_ignore_spacing_only():
    assert sentence_anchor("A  ferry\nopens.") == sentence_anchor("A ferry opens.")
    assert sentence_anchor("A ferry opens.") != sentence_anchor("A ferry closes.")


def test_a_quote_joined_around_its_attribution_is_still_marked():
    quote = "Our aim is plain and simple, the return of normal life to our people."
    line = '"Our aim is plain and simple," the minister added, "the return of normal life to our people."'
    view = article_view(_stored("a-1"), (CleanLine(line),), _briefing(quotes=(Quote("the minister", quote, ("S1",)),)))
    [mark] = [segment for segment in view.lines[0].segments if segment.anchor]
    assert mark.anchor == sentence_anchor(quote)
    assert mark.text.startswith("Our aim is") and mark.text.endswith("to our people.")
