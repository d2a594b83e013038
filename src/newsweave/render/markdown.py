"""The briefing as a Markdown document for reading in a terminal, an editor or a forge.

Article text is copied verbatim except where it would break the layout: line
breaks are folded into spaces, characters that would open a block (a heading,
a quote, a list) at the start of a line are backslash-escaped, pipes are
escaped inside table cells, and a "<" that would open raw HTML is escaped so
a Markdown viewer shows it instead of interpreting it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsweave.model import Briefing, Conflict, Evidence, Position, Update
from newsweave.render import presentation as view
from newsweave.render.presentation import SourceDirectory

_WHITESPACE_RUN = re.compile(r"\s+")
_RAW_HTML_OPENER = re.compile(r"<(?=[A-Za-z/!?])")
# Characters that make a line something other than a paragraph when they lead it.
_BLOCK_OPENER = re.compile(r"^([#>+*\-=_`~|])")
_ORDERED_LIST_OPENER = re.compile(r"^(\d{1,9})([.)])")
_EMPTY_CELL = "—"


def render_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown: headline, summary, analysis sections, sources table, notes."""
    directory = SourceDirectory(briefing)
    sections = [
        _header(briefing, directory),
        _summary(briefing),
        _conflicts(briefing.analysis.conflicts, directory),
        _updates(briefing.analysis.updates, directory),
        _agreements(briefing, directory),
        _single_source(briefing, directory),
        _quotes(briefing, directory),
        _timeline(briefing),
        _entities(briefing),
        _framing(briefing, directory),
        _sources(briefing, directory),
        _notes(briefing),
        _removed(briefing, directory),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


# --------------------------------------------------------------------------- escaping


def _inline(text: str) -> str:
    """Article text safe to place mid-line: one line, no raw HTML."""
    flat = _WHITESPACE_RUN.sub(" ", text).strip()
    return _RAW_HTML_OPENER.sub(r"\\<", flat)


def _line(text: str) -> str:
    """Article text safe to start a line with: as `_inline`, plus a neutralised block opener."""
    safe = _inline(text)
    safe = _BLOCK_OPENER.sub(r"\\\1", safe)
    return _ORDERED_LIST_OPENER.sub(r"\1\\\2", safe)


def _bold(text: str) -> str:
    # An asterisk inside would end the bold span early.
    return "**" + _inline(text).replace("*", r"\*") + "**"


def _cell(text: str | None) -> str:
    if not text or not text.strip():
        return _EMPTY_CELL
    return _inline(text).replace("|", r"\|")


def _title_cell(title: str | None, url: str | None) -> str:
    text = _cell(title)
    if not view.is_web_url(url):
        return text
    if text == _EMPTY_CELL:
        text = "link"
    # Brackets in the title would end the link text early.
    text = text.replace("[", r"\[").replace("]", r"\]")
    assert url is not None
    return f"[{text}](<{_link_target(url.strip())}>)"


def _heading(level: int, text: str) -> str:
    safe = _inline(text)
    if safe.endswith("#"):
        # A trailing "#" would be read as the heading's optional closing sequence.
        safe = safe[:-1] + r"\#"
    return "#" * level + " " + safe


def _quoted(text: str) -> str:
    return "“" + _inline(text) + "”"


def _link_target(url: str) -> str:
    # The <...> form allows spaces and parentheses; only these few characters need encoding.
    return url.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C").replace("\n", "")


# --------------------------------------------------------------------------- citations


def _ids(source_ids: Iterable[str]) -> str:
    """Compact citation for list-like lines: "[S1, S3]"."""
    return "[" + ", ".join(_inline(source_id) for source_id in source_ids) + "]"


def _labels(source_ids: Iterable[str], directory: SourceDirectory) -> str:
    """Citation for prose: "S1 (Reuters), S3"."""
    return ", ".join(_inline(directory.label(source_id)) for source_id in source_ids)


# --------------------------------------------------------------------------- sections


def _header(briefing: Briefing, directory: SourceDirectory) -> str:
    span = view.date_span_text(briefing.story.first_published, briefing.story.last_published)
    counts = view.source_count_text(directory, len(briefing.sources))
    return _heading(1, view.headline_text(briefing)) + "\n\n" + f"{span} · {counts}"


def _summary(briefing: Briefing) -> str:
    heading = _heading(2, view.SECTION_SUMMARY)
    if not briefing.summary:
        return heading + "\n\n" + f"_{view.NO_SUMMARY_TEXT}_"
    # One sentence per line: still a single paragraph when rendered, easier to diff.
    lines = [
        f"{_line(sentence.text)} {_ids(sentence.citations)}{_disputed_mark(sentence.disputed, briefing)}"
        f"{_updated_mark(sentence.updated, briefing)}"
        for sentence in briefing.summary
    ]
    return heading + "\n\n" + "\n".join(lines)


def _disputed_mark(numbers: tuple[int, ...], briefing: Briefing) -> str:
    """" (disputed: see “day the talks start”)": the reader is sent to the disagreement by its topic."""
    topics = [briefing.analysis.conflicts[n - 1].topic for n in numbers if 0 < n <= len(briefing.analysis.conflicts)]
    return f" ({view.DISPUTED_TEXT}: see {', '.join(f'“{_line(t)}”' for t in topics)})" if topics else ""


def _updated_mark(numbers: tuple[int, ...], briefing: Briefing) -> str:
    """" (since updated: 57 people, as of article dated 2023-03-02)": the figure's latest stage."""
    updates = briefing.analysis.updates
    latest = [view.latest_stage_text(updates[n - 1]) for n in view.shown_updates(numbers, updates)]
    return f" ({view.UPDATED_TEXT}: {'; '.join(_line(text) for text in latest)})" if latest else ""


def _conflicts(conflicts: tuple[Conflict, ...], directory: SourceDirectory) -> str:
    if not conflicts:
        return ""
    blocks = [_heading(2, view.SECTION_CONFLICTS)]
    for conflict in conflicts:
        blocks.append(_heading(3, f"{conflict.topic} ({conflict.kind})"))
        blocks.append("\n".join(_position(position, directory) for position in conflict.positions))
    return "\n\n".join(blocks)


def _updates(updates: tuple[Update, ...], directory: SourceDirectory) -> str:
    if not updates:
        return ""
    blocks = [_heading(2, view.SECTION_UPDATES)]
    for update in updates:
        blocks.append(_heading(3, f"{update.topic} (latest first)"))
        lines = []
        for stage in update.values:
            lines.append(f"- {_bold(stage.value)} — {_labels(stage.sources, directory)}; as of: {_inline(stage.as_of)}")
            lines.extend(_evidence_lines(stage.evidence, "", directory))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _position(position: Position, directory: SourceDirectory) -> str:
    value = _bold(position.value)
    if position.normalized and position.normalized != position.value:
        value += f" ({_inline(position.normalized)})"
    details = [_labels(position.sources, directory)] if position.sources else []
    if position.certainty in view.CERTAINTY_TEXT:
        details.append(view.CERTAINTY_TEXT[position.certainty])
    if position.attributed_to:
        details.append("attributed to " + _inline(position.attributed_to))
    if position.via:
        details.append("via " + ", ".join(_inline(outlet) for outlet in position.via))
    line = f"- {value} — {'; '.join(details)}" if details else f"- {value}"
    return "\n".join([line, *_evidence_lines(position.evidence, position.claim, directory)])


def _evidence_lines(evidence: tuple[Evidence, ...], claim: str, directory: SourceDirectory) -> list[str]:
    if not evidence:
        # Without per-source sentences, the representative claim is the best quote we have.
        return [f"  - {_quoted(claim)}"] if claim.strip() else []
    return [f"  - {_inline(directory.label(item.source))}: {_quoted(item.sentence)}" for item in evidence]


def _agreements(briefing: Briefing, directory: SourceDirectory) -> str:
    agreements = briefing.analysis.agreements
    if not agreements:
        return ""
    lines = [
        f"- {_line(item.claim)} — {_labels(item.sources, directory)}; {view.origins_text(item.origins)}"
        for item in agreements
    ]
    return _heading(2, view.SECTION_AGREEMENTS) + "\n\n" + "\n".join(lines)


def _single_source(briefing: Briefing, directory: SourceDirectory) -> str:
    claims = briefing.analysis.single_source
    if not claims:
        return ""
    lines = []
    for item in claims:
        line = f"- {_line(item.claim)} — {_labels([item.source], directory)}"
        if item.attributed_to:
            line += "; attributed to " + _inline(item.attributed_to)
        lines.append(line)
    return _heading(2, view.SECTION_SINGLE_SOURCE) + "\n\n" + "\n".join(lines)


def _quotes(briefing: Briefing, directory: SourceDirectory) -> str:
    groups = view.quotes_by_speaker(briefing.analysis.quotes)
    if not groups:
        return ""
    blocks = [_heading(2, view.SECTION_QUOTES)]
    for speaker, quotes in groups:
        blocks.append(_heading(3, speaker))
        blocks.append("\n".join(f"- {_quoted(q.text)} — {_labels(q.sources, directory)}" for q in quotes))
    return "\n\n".join(blocks)


def _timeline(briefing: Briefing) -> str:
    events = briefing.analysis.timeline
    if not events:
        return ""
    lines = [f"- {event.date.isoformat()} — {_inline(event.event)} {_ids(event.sources)}" for event in events]
    return _heading(2, view.SECTION_TIMELINE) + "\n\n" + "\n".join(lines)


def _entities(briefing: Briefing) -> str:
    entities = briefing.analysis.entities
    if not entities:
        return ""
    lines = []
    for entity in entities:
        line = f"- {_line(entity.name)} ({_inline(entity.type)})"
        aliases = view.extra_aliases(entity.name, entity.aliases)
        if aliases:
            line += ": " + ", ".join(_inline(alias) for alias in aliases)
        line += f" — {view.mention_count_text(entity.mentions)} {_ids(entity.sources)}"
        lines.append(line)
    return _heading(2, view.SECTION_ENTITIES) + "\n\n" + "\n".join(lines)


def _framing(briefing: Briefing, directory: SourceDirectory) -> str:
    framing = [item for item in briefing.analysis.framing if item.terms]
    if not framing:
        return ""
    lines = [
        f"- {_inline(directory.label(item.source))}: " + ", ".join(_quoted(term) for term in item.terms)
        for item in framing
    ]
    return _heading(2, view.SECTION_FRAMING) + "\n\n" + "\n".join(lines)


def _sources(briefing: Briefing, directory: SourceDirectory) -> str:
    if not briefing.sources:
        return ""
    rows = [
        "| ID | Outlet | Title | Published | Cites / copy of | Path |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for source in briefing.sources:
        provenance = view.provenance_of(directory, source.id).as_text(directory)
        published = source.published.isoformat() if source.published else None
        cells = [
            _cell(source.id),
            _cell(source.outlet),
            _title_cell(source.title, source.url),
            _cell(published),
            _cell(provenance),
            _cell(source.path),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return _heading(2, view.SECTION_SOURCES) + "\n\n" + "\n".join(rows)


def _notes(briefing: Briefing) -> str:
    notes = [note for note in briefing.notes if note.strip()]
    if not notes:
        return ""
    return _heading(2, view.SECTION_NOTES) + "\n\n" + "\n".join(f"- {_line(note)}" for note in notes)


def _removed(briefing: Briefing, directory: SourceDirectory) -> str:
    groups = view.removed_by_source(briefing.removed)
    if not groups:
        return ""
    counts = [
        f"- {_inline(directory.label(source_id))}: {view.line_count_text(len(lines))}" for source_id, lines in groups
    ]
    blocks = [_heading(2, view.SECTION_REMOVED), "\n".join(counts)]
    for source_id, lines in groups:
        blocks.append(_heading(3, directory.label(source_id)))
        blocks.append("\n".join(f"- {_quoted(line.text)} — {_inline(line.reason)}" for line in lines))
    return "\n\n".join(blocks)
