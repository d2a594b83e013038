"""The HTML briefing file: the web story page's template, well-formed, self-contained, linked, safe."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from newsweave.model import Briefing
from newsweave.render import render_html
from newsweave.render.story_view import source_anchor

VOID_ELEMENTS = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source", "area", "base", "embed"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    classes: set[str] = field(default_factory=set)


class StrictPage(HTMLParser):
    """Parses a page and fails on any tag that is closed out of order or left open."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[Element] = []
        self.elements: list[Element] = []
        self.problems: list[str] = []
        self.feed(page)
        self.close()
        if self.open:
            self.problems.append(f"left open: {[element.tag for element in self.open]}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        element = Element(tag, attributes, classes=set((attributes.get("class") or "").split()))
        self.elements.append(element)
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1].tag != tag:
            self.problems.append(f"unexpected </{tag}>")
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data

    def find_all(self, tag: str, css_class: str | None = None) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and (css_class is None or css_class in e.classes)]

    def ids(self) -> list[str]:
        return [e.attrs["id"] or "" for e in self.elements if "id" in e.attrs]

    def text_of(self, tag: str) -> str:
        return " ".join(e.text for e in self.find_all(tag))


@pytest.fixture
def page(briefing: Briefing) -> StrictPage:
    return StrictPage(render_html(briefing))


def test_page_is_well_formed_with_unique_ids(page: StrictPage) -> None:
    assert page.problems == []
    ids = page.ids()
    assert len(ids) == len(set(ids))


def test_head_declares_charset_language_and_strict_csp(briefing: Briefing, page: StrictPage) -> None:
    assert render_html(briefing).startswith("<!DOCTYPE html>")
    (html_element,) = page.find_all("html")
    assert html_element.attrs["lang"] == "en"
    metas = page.find_all("meta")
    assert any(meta.attrs.get("charset") == "utf-8" for meta in metas)
    (csp,) = [m for m in metas if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    directives = [d.strip() for d in (csp.attrs["content"] or "").split(";")]
    assert "default-src 'none'" in directives
    assert "style-src 'unsafe-inline'" in directives
    assert page.text_of("title").startswith("Fire at Antwerp chemical plant")


def test_page_is_self_contained_and_printable(page: StrictPage) -> None:
    # Nothing to fetch and nothing to run: the web reader's stylesheet is inlined, its script left out.
    assert page.find_all("script") == [] and page.find_all("link") == []
    assert not [e for e in page.elements if "src" in e.attrs]
    style = page.text_of("style")
    assert "@media print" in style and ".conflict" in style
    assert "url(" not in style and "@import" not in style


def test_sections_in_reading_order(page: StrictPage) -> None:
    assert [h2.text for h2 in page.find_all("h2")] == [
        "Summary",
        "Where the sources disagree",
        "Who reports what",
        "What they agree on",
        "Reported by one source only",
        "Quotes",
        "Timeline",
        "Entities",
        "Framing",
        "Sources",
        "Notes",
    ]


def test_every_citation_chip_links_to_an_existing_source_row(page: StrictPage) -> None:
    ids = set(page.ids())
    for source_id in ("S1", "S2", "S3"):
        assert source_anchor(source_id) in ids
    chips = page.find_all("a", "chip")
    assert len(chips) > 10
    targets = {chip.attrs["href"] for chip in chips}
    assert targets == {"#source-S1", "#source-S2", "#source-S3"}
    assert all(chip.attrs.get("title") for chip in chips)  # each names the sentence it cites


def test_source_rows_carry_anchor_provenance_and_where_they_came_from(page: StrictPage) -> None:
    rows = {row.attrs.get("id"): row.text for row in page.find_all("tr") if row.attrs.get("id")}
    assert list(rows) == ["source-S1", "source-S2", "source-S3"]
    assert "cites Reuters" in rows["source-S2"] and "copy of S1 (Reuters)" in rows["source-S2"]
    assert "inputs/bbc.txt" in rows["source-S3"]
    external = page.find_all("a", "external")
    assert [link.attrs["href"] for link in external][0] == "https://www.reuters.example/world/antwerp-fire"
    assert all("noopener" in (link.attrs.get("rel") or "") for link in external)


def test_conflict_card_shows_each_side_with_the_sentences_that_state_it(page: StrictPage) -> None:
    (card,) = page.find_all("div", "conflict")
    assert "Number of people injured" in card.text and "number" in card.text
    wire, governor = page.find_all("div", "side")
    assert "12" in wire.text
    assert "Reuters" in wire.text and "Harbour Courier citing Reuters" in wire.text
    assert "a fire brigade spokesperson, via Reuters" in wire.text
    assert "S2 (Harbour Courier): Twelve people were hurt" in wire.text
    assert "nine" in governor.text and "(9)" in governor.text
    assert "the regional governor" in governor.text and "via" not in governor.text


def test_quotes_grouped_and_removed_lines_folded(page: StrictPage) -> None:
    speakers = [group.text.split("\n")[0].strip() for group in page.find_all("div", "speaker")]
    assert [s.split(" ")[0] for s in speakers] == ["Cathy", "Jan"]
    (removed,) = page.find_all("details", "removed")
    assert "3 lines of page furniture removed" in removed.text
    assert "Reporting by Jane Doe" in removed.text and "byline" in removed.text
    assert "S1 (Reuters)" in removed.text


def test_timeline_uses_machine_readable_dates(page: StrictPage) -> None:
    times = [t.attrs["datetime"] for t in page.find_all("time")]
    assert "2024-03-10" in times and "2024-03-11" in times


@pytest.fixture
def hostile_page(hostile_briefing: Briefing) -> tuple[str, StrictPage]:
    markup = render_html(hostile_briefing)
    return markup, StrictPage(markup)


def test_hostile_article_text_never_becomes_markup(hostile_page: tuple[str, StrictPage]) -> None:
    markup, page = hostile_page
    assert page.problems == []
    for tag in ("script", "img", "iframe", "b", "em"):
        assert page.find_all(tag) == [], tag
    handlers = [name for e in page.elements for name in e.attrs if name.startswith("on")]
    assert handlers == []
    assert "<script>alert(1)</script>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup


def test_hostile_text_is_still_shown_to_the_reader(
    hostile_briefing: Briefing, hostile_page: tuple[str, StrictPage]
) -> None:
    _, page = hostile_page
    (body,) = page.find_all("body")
    title = hostile_briefing.story.headline or ""
    assert "<script>" in title
    assert title in page.text_of("h1")
    assert title in page.text_of("title")
    assert hostile_briefing.analysis.quotes[0].text in body.text
    assert hostile_briefing.removed[0].text in body.text
    assert "<b>Mayor</b>" in page.text_of("h3")


def test_non_web_urls_are_not_links(hostile_page: tuple[str, StrictPage]) -> None:
    _, page = hostile_page
    hrefs = [e.attrs["href"] or "" for e in page.find_all("a")]
    assert not [href for href in hrefs if href.lower().startswith("javascript")]
    # The address is still visible as text, where the source came from.
    (row,) = [r for r in page.find_all("tr") if r.attrs.get("id") == "source-S1"]
    assert "javascript:alert(1)" in row.text


def test_minimal_briefing_renders_summary_and_sources(minimal_briefing: Briefing) -> None:
    page = StrictPage(render_html(minimal_briefing))
    assert page.problems == []
    assert page.text_of("h1") == "Untitled story"
    assert [h2.text for h2 in page.find_all("h2")] == ["Summary", "Who reports what", "Sources"]
    assert "No summary could be written" in page.text_of("section")
    assert page.find_all("details") == []
    assert "source-S1" in page.ids()


def test_a_disputed_summary_sentence_links_to_its_disagreement_card(briefing: Briefing) -> None:
    page = render_html(briefing)
    assert '<a class="disputed" href="#conflict-1">disputed</a>' in page
    assert '<div class="conflict" id="conflict-1" data-kind="number">' in page
    assert page.count('<a class="disputed"') == 1


def test_a_side_not_stated_as_fact_says_how_it_is_stated_on_the_page(briefing: Briefing) -> None:
    from dataclasses import replace

    (conflict,) = briefing.analysis.conflicts
    wire, governor = conflict.positions
    changed = replace(conflict, positions=(wire, replace(governor, certainty="denied")))
    page = StrictPage(render_html(replace(briefing, analysis=replace(briefing.analysis, conflicts=(changed,)))))
    wire_side, governor_side = page.find_all("div", "side")
    assert "denied" in governor_side.text
    assert "denied" not in wire_side.text
