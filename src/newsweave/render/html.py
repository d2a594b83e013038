"""The briefing as one self-contained HTML page: readable on screen, printable, safe to open.

Everything that comes from an article passes through `_text` (html.escape),
so hostile markup in a title, quote or removed line shows up as visible text.
The page loads nothing: the stylesheet is inline and a Content-Security-Policy
forbids every other resource, which also stops any script that slipped in.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from newsweave.model import Briefing, Conflict, Evidence, Position, SourceInfo, Update
from newsweave.render import presentation as view
from newsweave.render.html_style import BRIEFING_CSS
from newsweave.render.presentation import SourceDirectory

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_UNSAFE_ID_CHARACTERS = re.compile(r"[^A-Za-z0-9_.:-]")


def render_html(briefing: Briefing) -> str:
    """The briefing as a complete HTML5 document with inline CSS and no external resources."""
    directory = SourceDirectory(briefing)
    headline = view.headline_text(briefing)
    sections = [
        _header(briefing, directory, headline),
        _summary(briefing, directory),
        _conflicts(briefing.analysis.conflicts, directory),
        _updates(briefing.analysis.updates, directory),
        _agreements(briefing, directory),
        _single_source(briefing, directory),
        _quotes(briefing, directory),
        _timeline(briefing, directory),
        _entities(briefing, directory),
        _framing(briefing, directory),
        _sources(briefing, directory),
        _notes(briefing),
        _removed(briefing, directory),
    ]
    body = "\n".join(section for section in sections if section)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n'
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_attr(CONTENT_SECURITY_POLICY)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="newsweave">\n'
        f"<title>{_text(headline)} · newsweave briefing</title>\n"
        f"<style>\n{BRIEFING_CSS}\n</style>\n"
        "</head>\n<body>\n<main>\n"
        f"{body}\n"
        "</main>\n"
        f'<footer class="page-footer">Briefing written by newsweave · schema {_text(briefing.schema)}</footer>\n'
        "</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- escaping and anchors


def _text(value: str) -> str:
    """Escape article text for element content."""
    return html.escape(value, quote=True)


def _attr(value: str) -> str:
    """Escape a value for a double-quoted attribute."""
    return html.escape(value, quote=True)


def source_anchor(source_id: str) -> str:
    """The element id of a source's row in the Sources table, e.g. "source-S1"."""
    # Ids are ours ("S1"), but keep the anchor valid even if one ever is not.
    return "source-" + _UNSAFE_ID_CHARACTERS.sub("-", source_id)


def _chip(source_id: str, directory: SourceDirectory, *, with_outlet: bool) -> str:
    """A citation chip linking to the source row; unknown ids are shown but not linked."""
    label = directory.label(source_id) if with_outlet else source_id
    if not directory.is_known(source_id):
        return f'<span class="cite unknown" title="not in the source list">{_text(label)}</span>'
    outlet = directory.outlet(source_id)
    title = f' title="{_attr(outlet)}"' if outlet and not with_outlet else ""
    return f'<a class="cite" href="#{_attr(source_anchor(source_id))}"{title}>{_text(label)}</a>'


def _chips(source_ids: Iterable[str], directory: SourceDirectory, *, with_outlet: bool = True) -> str:
    return " ".join(_chip(source_id, directory, with_outlet=with_outlet) for source_id in source_ids)


def _section(key: str, title: str, content: str) -> str:
    return f'<section id="{key}">\n<h2>{_text(title)}</h2>\n{content}\n</section>'


def _list(items: Iterable[str], css_class: str = "") -> str:
    class_attr = f' class="{css_class}"' if css_class else ""
    return f"<ul{class_attr}>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>"


def _quote(value: str) -> str:
    return f"<q>{_text(value)}</q>"


# --------------------------------------------------------------------------- sections


def _header(briefing: Briefing, directory: SourceDirectory, headline: str) -> str:
    span = view.date_span_text(briefing.story.first_published, briefing.story.last_published)
    counts = view.source_count_text(directory, len(briefing.sources))
    return f'<header>\n<h1>{_text(headline)}</h1>\n<p class="meta">{_text(span)} · {_text(counts)}</p>\n</header>'


def _summary(briefing: Briefing, directory: SourceDirectory) -> str:
    if not briefing.summary:
        return _section("summary", view.SECTION_SUMMARY, f'<p class="muted">{_text(view.NO_SUMMARY_TEXT)}</p>')
    sentences = " ".join(
        f"{_text(sentence.text)} {_chips(sentence.citations, directory, with_outlet=False)}"
        + "".join(
            f' <a class="disputed" href="#{view.conflict_anchor(n)}">{_text(view.DISPUTED_TEXT)}</a>'
            for n in sentence.disputed
        )
        + "".join(
            f' <a class="updated" href="#{view.update_anchor(n)}">'
            f"{_text(view.UPDATED_TEXT)}: {_text(view.latest_stage_text(briefing.analysis.updates[n - 1]))}</a>"
            for n in sentence.updated
            if 0 < n <= len(briefing.analysis.updates) and briefing.analysis.updates[n - 1].values
        )
        for sentence in briefing.summary
    )
    return _section("summary", view.SECTION_SUMMARY, f'<div class="summary"><p>{sentences}</p></div>')


def _conflicts(conflicts: tuple[Conflict, ...], directory: SourceDirectory) -> str:
    if not conflicts:
        return ""
    cards = []
    for number, conflict in enumerate(conflicts, start=1):
        positions = "\n".join(_position(position, directory) for position in conflict.positions)
        cards.append(
            f'<article class="conflict" id="{view.conflict_anchor(number)}">\n'
            f'<h3>{_text(conflict.topic)} <span class="kind">{_text(conflict.kind)}</span></h3>\n'
            f'<div class="positions">\n{positions}\n</div>\n'
            "</article>"
        )
    return _section("conflicts", view.SECTION_CONFLICTS, "\n".join(cards))


def _updates(updates: tuple[Update, ...], directory: SourceDirectory) -> str:
    if not updates:
        return ""
    cards = []
    for number, update in enumerate(updates, start=1):
        stages = "\n".join(
            f'<li><strong>{_text(stage.value)}</strong> {_chips(stage.sources, directory, with_outlet=True)} '
            f'<span class="as-of">as of: {_text(stage.as_of)}</span></li>'
            for stage in update.values
        )
        cards.append(
            f'<article class="update" id="{view.update_anchor(number)}">\n'
            f'<h3>{_text(update.topic)} <span class="kind">latest first</span></h3>\n'
            f"<ol>\n{stages}\n</ol>\n"
            "</article>"
        )
    return _section("updates", view.SECTION_UPDATES, "\n".join(cards))


def _position(position: Position, directory: SourceDirectory) -> str:
    value = _text(position.value)
    if position.normalized and position.normalized != position.value:
        value += f' <span class="normalized">({_text(position.normalized)})</span>'
    facts = []
    if position.sources:
        facts.append(("Reported by", _chips(position.sources, directory)))
    if position.certainty in view.CERTAINTY_TEXT:
        facts.append(("Stated as", _text(view.CERTAINTY_TEXT[position.certainty])))
    if position.attributed_to:
        facts.append(("Attributed to", _text(position.attributed_to)))
    if position.via:
        facts.append(("Via", " → ".join(_text(outlet) for outlet in position.via)))
    details = "".join(f"<dt>{label}</dt><dd>{content}</dd>" for label, content in facts)
    return (
        '<div class="position">\n'
        f'<p class="value">{value}</p>\n'
        + (f"<dl>{details}</dl>\n" if details else "")
        + _evidence(position.evidence, position.claim, directory)
        + "</div>"
    )


def _evidence(evidence: tuple[Evidence, ...], claim: str, directory: SourceDirectory) -> str:
    if not evidence:
        # Without per-source sentences, the representative claim is the best quote we have.
        return _list([_quote(claim)], "evidence") + "\n" if claim.strip() else ""
    items = [f"{_quote(item.sentence)} {_chip(item.source, directory, with_outlet=False)}" for item in evidence]
    return _list(items, "evidence") + "\n"


def _agreements(briefing: Briefing, directory: SourceDirectory) -> str:
    agreements = briefing.analysis.agreements
    if not agreements:
        return ""
    items = [
        f'{_text(item.claim)} {_chips(item.sources, directory)} <span class="muted">'
        f"({_text(view.origins_text(item.origins))})</span>"
        for item in agreements
    ]
    return _section("agreements", view.SECTION_AGREEMENTS, _list(items))


def _single_source(briefing: Briefing, directory: SourceDirectory) -> str:
    claims = briefing.analysis.single_source
    if not claims:
        return ""
    items = []
    for item in claims:
        line = f"{_text(item.claim)} {_chip(item.source, directory, with_outlet=True)}"
        if item.attributed_to:
            line += f' <span class="muted">attributed to {_text(item.attributed_to)}</span>'
        items.append(line)
    return _section("single-source", view.SECTION_SINGLE_SOURCE, _list(items))


def _quotes(briefing: Briefing, directory: SourceDirectory) -> str:
    groups = view.quotes_by_speaker(briefing.analysis.quotes)
    if not groups:
        return ""
    blocks = []
    for speaker, quotes in groups:
        items = [f"{_quote(quote.text)} {_chips(quote.sources, directory)}" for quote in quotes]
        blocks.append(f'<h3 class="speaker">{_text(speaker)}</h3>\n{_list(items)}')
    return _section("quotes", view.SECTION_QUOTES, "\n".join(blocks))


def _timeline(briefing: Briefing, directory: SourceDirectory) -> str:
    events = briefing.analysis.timeline
    if not events:
        return ""
    items = [
        f'<time datetime="{event.date.isoformat()}">{event.date.isoformat()}</time> '
        f"{_text(event.event)} {_chips(event.sources, directory, with_outlet=False)}"
        for event in events
    ]
    return _section("timeline", view.SECTION_TIMELINE, _list(items, "timeline"))


def _entities(briefing: Briefing, directory: SourceDirectory) -> str:
    entities = briefing.analysis.entities
    if not entities:
        return ""
    items = []
    for entity in entities:
        line = f'<strong>{_text(entity.name)}</strong> <span class="muted">({_text(entity.type)})</span>'
        aliases = view.extra_aliases(entity.name, entity.aliases)
        if aliases:
            line += ": " + ", ".join(_text(alias) for alias in aliases)
        line += (
            f' <span class="muted">· {_text(view.mention_count_text(entity.mentions))}</span> '
            + _chips(entity.sources, directory, with_outlet=False)
        )
        items.append(line)
    return _section("entities", view.SECTION_ENTITIES, _list(items))


def _framing(briefing: Briefing, directory: SourceDirectory) -> str:
    framing = [item for item in briefing.analysis.framing if item.terms]
    if not framing:
        return ""
    items = [
        f"{_chip(item.source, directory, with_outlet=True)} " + ", ".join(_quote(term) for term in item.terms)
        for item in framing
    ]
    return _section("framing", view.SECTION_FRAMING, _list(items))


def _sources(briefing: Briefing, directory: SourceDirectory) -> str:
    if not briefing.sources:
        return ""
    rows = "\n".join(_source_row(source, directory) for source in briefing.sources)
    table = (
        '<div class="table-wrap"><table>\n'
        '<thead><tr><th scope="col">ID</th><th scope="col">Outlet</th><th scope="col">Title</th>'
        '<th scope="col">Published</th><th scope="col">Cites / copy of</th><th scope="col">Path</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table></div>"
    )
    return _section("sources", view.SECTION_SOURCES, table)


def _source_row(source: SourceInfo, directory: SourceDirectory) -> str:
    title = _text(source.title or "")
    if view.is_web_url(source.url):
        assert source.url is not None
        link_text = title or _text(source.url.strip())
        title = (
            f'<a class="external" href="{_attr(source.url.strip())}" rel="noopener noreferrer">{link_text}</a>'
        )
    elif source.url:
        # Not an http(s) address: show it, never link it.
        title = f'{title} <span class="muted">{_text(source.url)}</span>'
    published = ""
    if source.published:
        published = f'<time datetime="{source.published.isoformat()}">{source.published.isoformat()}</time>'
    provenance = view.provenance_of(directory, source.id)
    provenance_parts = []
    if provenance.cites:
        provenance_parts.append("cites " + ", ".join(_text(outlet) for outlet in provenance.cites))
    if provenance.copy_of:
        provenance_parts.append("copy of " + _chip(provenance.copy_of, directory, with_outlet=True))
    cells = [
        _text(source.outlet or ""),
        title,
        published,
        "; ".join(provenance_parts),
        f'<span class="path">{_text(source.path)}</span>',
    ]
    return (
        f'<tr id="{_attr(source_anchor(source.id))}"><th scope="row">{_text(source.id)}</th>'
        + "".join(f"<td>{cell}</td>" for cell in cells)
        + "</tr>"
    )


def _notes(briefing: Briefing) -> str:
    notes = [note for note in briefing.notes if note.strip()]
    if not notes:
        return ""
    return _section("notes", view.SECTION_NOTES, _list(_text(note) for note in notes))


def _removed(briefing: Briefing, directory: SourceDirectory) -> str:
    groups = view.removed_by_source(briefing.removed)
    if not groups:
        return ""
    counts = _list(
        f"{_chip(source_id, directory, with_outlet=True)} {_text(view.line_count_text(len(lines)))}"
        for source_id, lines in groups
    )
    listed = []
    for source_id, lines in groups:
        items = [f'{_quote(line.text)} <span class="reason">{_text(line.reason)}</span>' for line in lines]
        listed.append(f"<h3>{_text(directory.label(source_id))}</h3>\n{_list(items)}")
    details = (
        f"<details>\n<summary>Show the {_text(view.line_count_text(len(briefing.removed)))} removed</summary>\n"
        + "\n".join(listed)
        + "\n</details>"
    )
    return _section("removed", view.SECTION_REMOVED, f"{counts}\n{details}")
