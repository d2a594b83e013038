"""The Markdown briefing: sections, citations, and text that cannot break the layout."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from newsweave.model import Analysis, Briefing, Quote, SourceInfo, Story, SummarySentence
from newsweave.render import render_markdown


def _section(markdown: str, title: str) -> str:
    """The body of one `## title` section, up to the next level-2 heading."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, flags=re.S | re.M)
    assert match, f"section {title!r} missing"
    return match.group(1)


def _headings(markdown: str) -> list[str]:
    return re.findall(r"^## (.+)$", markdown, flags=re.M)


def test_sections_appear_in_reading_order(briefing: Briefing) -> None:
    assert _headings(render_markdown(briefing)) == [
        "Summary",
        "Where the sources disagree",
        "What they agree on",
        "Reported by one source only",
        "Quotes",
        "Timeline",
        "Entities",
        "Framing",
        "Sources",
        "Notes",
        "Removed boilerplate",
    ]


def test_header_shows_headline_dates_and_origin_count(briefing: Briefing) -> None:
    lines = render_markdown(briefing).splitlines()
    assert lines[0] == "# Fire at Antwerp chemical plant"
    assert "2024-03-11 to 2024-03-12" in lines[2]
    # S2 is a copy of S1, so three sources come from two origins.
    assert "3 sources, 2 independent origins" in lines[2]


def test_summary_sentences_carry_their_citations(briefing: Briefing) -> None:
    summary = _section(render_markdown(briefing), "Summary")
    assert "in the port of Antwerp. [S1, S3]" in summary
    assert "differ: 12 or nine. [S1, S3]" in summary


def test_conflict_positions_show_value_sources_attribution_via_and_evidence(briefing: Briefing) -> None:
    conflicts = _section(render_markdown(briefing), "Where the sources disagree")
    assert "### Number of people injured (number)" in conflicts
    wire_line = next(line for line in conflicts.splitlines() if line.startswith("- **12**"))
    assert "S1 (Reuters), S2 (Harbour Courier)" in wire_line
    assert "attributed to a fire brigade spokesperson" in wire_line
    assert "via Reuters" in wire_line
    governor_line = next(line for line in conflicts.splitlines() if line.startswith("- **nine**"))
    assert "(9)" in governor_line  # the normalised value, since it differs from the text
    assert "S3 (BBC)" in governor_line and "via" not in governor_line
    assert '  - S3 (BBC): “Nine people were treated in hospital, the regional governor said.”' in conflicts


def test_agreement_and_single_source_cite_outlets(briefing: Briefing) -> None:
    markdown = render_markdown(briefing)
    agreements = _section(markdown, "What they agree on")
    assert "— S1 (Reuters), S2 (Harbour Courier), S3 (BBC); 2 independent origins" in agreements
    single = _section(markdown, "Reported by one source only")
    assert "keep windows closed. — S3 (BBC); attributed to local police" in single


def test_quotes_grouped_by_speaker(briefing: Briefing) -> None:
    quotes = _section(render_markdown(briefing), "Quotes")
    berx = quotes.index("### Cathy Berx")
    peeters = quotes.index("### Jan Peeters")
    # Both Berx quotes sit under her heading, before the next speaker.
    assert berx < quotes.index("“The situation is under control.” — S1 (Reuters), S3 (BBC)") < peeters
    assert berx < quotes.index("“There is no danger to the public.” — S3 (BBC)") < peeters
    assert quotes.count("### Cathy Berx") == 1


def test_timeline_entities_and_framing(briefing: Briefing) -> None:
    markdown = render_markdown(briefing)
    timeline = _section(markdown, "Timeline")
    assert "- 2024-03-10 — Fire breaks out at the plant [S1, S3]" in timeline
    entities = _section(markdown, "Entities")
    # The display name is not repeated among its aliases.
    assert "- Cathy Berx (PERSON): Berx, the governor — 4 mentions [S1, S3]" in entities
    assert "- Antwerp (GPE) — 5 mentions [S1, S2, S3]" in entities
    framing = _section(markdown, "Framing")
    assert "S2 (Harbour Courier): “inferno”, “chaos”" in framing


def test_sources_table_has_one_row_per_source_with_provenance(briefing: Briefing) -> None:
    table = _section(render_markdown(briefing), "Sources")
    rows = [line for line in table.splitlines() if line.startswith("| S")]
    assert [row.split("|")[1].strip() for row in rows] == ["S1", "S2", "S3"]
    courier = rows[1]
    assert "cites Reuters; copy of S1 (Reuters)" in courier
    assert "[Blaze at port plant: 12 hurt, says fire brigade](<https://courier.example/news/blaze>)" in courier
    assert "inputs/courier.json" in courier
    # Every row has the header's six columns.
    assert all(row.count(" | ") == 5 for row in rows)


def test_notes_and_removed_boilerplate_grouped_with_counts(briefing: Briefing) -> None:
    markdown = render_markdown(briefing)
    assert "reprints S1 (Reuters)" in _section(markdown, "Notes")
    removed = _section(markdown, "Removed boilerplate")
    assert "- S1 (Reuters): 2 lines" in removed
    assert "- S2 (Harbour Courier): 1 line" in removed
    s1_group = removed.index("### S1 (Reuters)")
    s2_group = removed.index("### S2 (Harbour Courier)")
    assert s1_group < removed.index("“Reporting by Jane Doe; Editing by John Roe” — byline") < s2_group
    assert s2_group < removed.index("“Sign up for our daily newsletter” — newsletter prompt")


def test_minimal_briefing_keeps_only_summary_and_sources(minimal_briefing: Briefing) -> None:
    markdown = render_markdown(minimal_briefing)
    assert markdown.startswith("# Untitled story\n")
    assert "Publication dates unknown · 1 source" in markdown
    assert _headings(markdown) == ["Summary", "Sources"]
    assert "No summary could be written" in _section(markdown, "Summary")
    assert "| S1 | — | — | — | — | story.txt |" in markdown


def _briefing_with_awkward_text() -> Briefing:
    return Briefing(
        story=Story("Breaking #", dt.date(2024, 3, 11), None),
        sources=(
            SourceInfo(
                id="S1",
                outlet="Wire | Service",
                title="Costs [revised] | update",
                url="javascript:alert(1)",
                published=None,
                path="a|b.txt",
            ),
        ),
        summary=(
            SummarySentence("# Not a heading\nbut one sentence.", ("S1",)),
            SummarySentence("1. Not a list either.", ("S1",)),
            SummarySentence("Contains <script>alert(1)</script> markup.", ("S1",)),
        ),
        analysis=Analysis(quotes=(Quote(speaker="Spokes*person", text="> not a quote block", sources=("S1",)),)),
        removed=(),
    )


def test_article_text_cannot_break_the_layout() -> None:
    markdown = render_markdown(_briefing_with_awkward_text())
    lines = markdown.splitlines()
    # A headline ending in "#" would lose it as a closing sequence.
    assert lines[0] == r"# Breaking \#"
    # Summary text cannot open a heading or a list, and its newline is folded away.
    assert r"\# Not a heading but one sentence. [S1]" in lines
    assert r"1\. Not a list either. [S1]" in lines
    assert r"Contains \<script>alert(1)\</script> markup. [S1]" in lines
    # Pipes in table cells are escaped so the row keeps its six columns.
    row = next(line for line in lines if line.startswith("| S1"))
    assert re.split(r"(?<!\\)\|", row)[1:-1] == [
        " S1 ",
        r" Wire \| Service ",
        r" Costs [revised] \| update ",
        " — ",
        " — ",
        r" a\|b.txt ",
    ]
    # Only http(s) addresses become links.
    assert "javascript:" not in markdown


def test_quote_text_is_quoted_not_a_block() -> None:
    quotes = _section(render_markdown(_briefing_with_awkward_text()), "Quotes")
    assert "### Spokes*person" in quotes
    assert "- “> not a quote block” — S1 (Wire | Service)" in quotes


def test_a_disputed_summary_sentence_names_its_disagreement(briefing: Briefing) -> None:
    summary = _section(render_markdown(briefing), "Summary")
    disputed = next(line for line in summary.splitlines() if "Reports of the number injured differ" in line)
    assert "(disputed: see “Number of people injured”)" in disputed
    undisputed = next(line for line in summary.splitlines() if "A fire broke out" in line)
    assert "disputed" not in undisputed


def _with_certainty(briefing: Briefing, certainty: str) -> Briefing:
    """The fixture briefing with its second side ("nine") stated as `certainty`."""
    (conflict,) = briefing.analysis.conflicts
    wire, governor = conflict.positions
    changed = replace(conflict, positions=(wire, replace(governor, certainty=certainty)))
    return replace(briefing, analysis=replace(briefing.analysis, conflicts=(changed,)))


def test_a_side_not_stated_as_fact_says_how_it_is_stated(briefing: Briefing) -> None:
    conflicts = _section(render_markdown(_with_certainty(briefing, "possible")), "Where the sources disagree")
    governor_line = next(line for line in conflicts.splitlines() if line.startswith("- **nine**"))
    wire_line = next(line for line in conflicts.splitlines() if line.startswith("- **12**"))
    assert "stated as possible" in governor_line
    assert "stated as" not in wire_line and "expected" not in wire_line  # a confirmed side carries no mark
