"""What a briefing page shows (the web story page and `brief --format html`), worked out from a briefing.

The template only lays these records out; every decision about wording,
grouping and links is made here, where it can be tested without a browser.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from newsweave.model import Briefing, Conflict, Evidence, Position, RemovedFromSource
from newsweave.render.presentation import (
    CERTAINTY_TEXT,
    DISPUTED_TEXT,
    UPDATED_TEXT,
    SourceDirectory,
    conflict_anchor,
    date_span_text,
    extra_aliases,
    headline_text,
    is_web_url,
    latest_stage_text,
    plural,
    provenance_of,
    quotes_by_speaker,
    removed_by_source,
    shown_updates,
    source_count_text,
    update_anchor,
)

MAX_COVERAGE_ROWS = 40  # a longer matrix stops being readable at a glance
CHART_WIDTH = 720
CHART_MARGIN = 40
LABEL_SPACING = 90  # least distance between two date labels on one side of the axis

CoverageState = Literal["reports", "silent", "contradicts"]


@dataclass(frozen=True)
class SourceRef:
    """One source as the page names it, with its article page when it is stored."""

    id: str
    name: str  # the outlet, else the id
    href: str | None
    url: str | None  # the original address, only when it is a web address
    published: str | None
    provenance: str  # "cites Reuters", "copy of S1 (Reuters)", or ""
    anchor: str = ""  # the id of its row, which the chips of a briefing file link to
    title: str | None = None
    path: str | None = None  # the file it was read from
    address: str | None = None  # an address that is no web address: shown, never linked


@dataclass(frozen=True)
class Chip:
    """A citation: a link from a finding to the sentence of one source that supports it."""

    label: str  # "S2"
    title: str  # "S2 (Reuters): the sentence" for the tooltip
    href: str | None


@dataclass(frozen=True)
class UpdatedMark:
    """"since updated: 57 people, as of …", linked to the update's card."""

    anchor: str
    text: str


@dataclass(frozen=True)
class SummaryLine:
    text: str
    chips: tuple[Chip, ...]
    disputed: tuple[str, ...] = ()  # anchors of the disagreement cards this sentence is a side of
    disputed_text: str = DISPUTED_TEXT
    updated: tuple[UpdatedMark, ...] = ()  # changing figures this sentence gives at an earlier stage


@dataclass(frozen=True)
class ConflictSide:
    value: str
    normalized: str | None
    attribution: str  # "a senior Turkish official, via Reuters (S5)", or "" when unattributed
    outlets: str  # "Reuters; Press TV citing Reuters"
    count: str  # "2 outlets"
    chips: tuple[Chip, ...]
    certainty: str = ""  # "expected, still to happen", ...; "" when stated as fact
    quotes: tuple[str, ...] = ()  # "S1 (Reuters): the sentence", one per source that states it


@dataclass(frozen=True)
class ConflictCard:
    topic: str
    kind: str
    sides: tuple[ConflictSide, ...]
    anchor: str = ""  # the card's id, which disputed summary sentences link to


@dataclass(frozen=True)
class Finding:
    """An agreement or a single-source claim with its citations."""

    text: str
    chips: tuple[Chip, ...]
    note: str  # "3 independent origins", "attributed to the Kremlin", ...


@dataclass(frozen=True)
class CoverageRow:
    label: str
    kind: Literal["agreement", "disputed", "single"]
    cells: tuple[CoverageState, ...]  # one per source, in the matrix's source order


@dataclass(frozen=True)
class CoverageMatrix:
    sources: tuple[SourceRef, ...]
    rows: tuple[CoverageRow, ...]
    omitted: int  # rows left out beyond MAX_COVERAGE_ROWS


@dataclass(frozen=True)
class QuoteGroup:
    speaker: str
    quotes: tuple[Finding, ...]


@dataclass(frozen=True)
class TimelinePoint:
    """One date on the chart; several events of a date share a point."""

    x: float
    date: str
    events: int
    summary: str  # every event of the date, for the tooltip
    label: Literal["above", "below", "none"]  # labels alternate sides and are left out where they would collide


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    event: str
    chips: tuple[Chip, ...]
    iso: str = ""  # the date as YYYY-MM-DD, for <time datetime>


@dataclass(frozen=True)
class TimelineChart:
    width: int
    points: tuple[TimelinePoint, ...]
    entries: tuple[TimelineEntry, ...]


@dataclass(frozen=True)
class EntityLine:
    name: str
    type: str
    aliases: tuple[str, ...]
    sources: str


@dataclass(frozen=True)
class FramingLine:
    source: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class UpdateStage:
    value: str
    as_of: str
    chips: tuple[Chip, ...]


@dataclass(frozen=True)
class UpdateCard:
    """A figure that changed over time: its stages, latest first."""

    topic: str
    stages: tuple[UpdateStage, ...]
    anchor: str = ""  # the card's id, which summary sentences giving an earlier stage link to


@dataclass(frozen=True)
class RemovedGroup:
    """The lines the cleaner took out of one source, with the reason for each."""

    source: str  # "S2 (Harbour Post)"
    lines: tuple[RemovedFromSource, ...]


@dataclass(frozen=True)
class StoryView:
    story_id: str | None  # the corpus's id of the story; None for a briefing of files
    headline: str
    span: str
    source_count: str
    sources: tuple[SourceRef, ...]
    summary: tuple[SummaryLine, ...]
    conflicts: tuple[ConflictCard, ...]
    updates: tuple[UpdateCard, ...]
    agreements: tuple[Finding, ...]
    single_source: tuple[Finding, ...]
    coverage: CoverageMatrix
    quotes: tuple[QuoteGroup, ...]
    timeline: TimelineChart
    entities: tuple[EntityLine, ...]
    framing: tuple[FramingLine, ...]
    notes: tuple[str, ...]
    removed_lines: int
    removed: tuple[RemovedGroup, ...] = ()  # the removed lines, by source


# Where an article's page is, scrolled to a sentence when one is given: the web reader's article
# pages. A briefing file has no such pages; its chips then link nowhere and name the sentence.
ArticleHref = Callable[[str, "str | None"], str]


def story_view(briefing: Briefing, *, story_id: str | None = None, article_href: ArticleHref | None = None) -> StoryView:
    """Everything the briefing page shows (the web story page and `brief --format html` alike)."""
    directory = SourceDirectory(briefing)
    links = _ChipMaker(briefing, directory, article_href)
    analysis = briefing.analysis
    sources = tuple(_source_ref(briefing, directory, source.id, article_href) for source in briefing.sources)
    return StoryView(
        story_id=story_id,
        headline=headline_text(briefing),
        span=date_span_text(briefing.story.first_published, briefing.story.last_published),
        source_count=source_count_text(directory, len(briefing.sources)),
        sources=sources,
        summary=tuple(
            SummaryLine(
                line.text,
                links.chips(line.citations, line.evidence, fallback=line.text),
                tuple(conflict_anchor(n) for n in line.disputed),
                updated=tuple(
                    UpdatedMark(update_anchor(n), f"{UPDATED_TEXT}: {latest_stage_text(analysis.updates[n - 1])}")
                    for n in shown_updates(line.updated, analysis.updates)
                ),
            )
            for line in briefing.summary
        ),
        conflicts=tuple(
            _conflict_card(conflict, directory, links, number) for number, conflict in enumerate(analysis.conflicts, start=1)
        ),
        updates=tuple(
            UpdateCard(
                update.topic,
                tuple(
                    UpdateStage(stage.value, stage.as_of, links.chips(stage.sources, stage.evidence, fallback=stage.value))
                    for stage in update.values
                ),
                update_anchor(number),
            )
            for number, update in enumerate(analysis.updates, start=1)
        ),
        agreements=tuple(
            Finding(a.claim, links.chips(a.sources, a.evidence, fallback=a.claim), plural(a.origins, "independent origin"))
            for a in analysis.agreements
        ),
        single_source=tuple(
            Finding(
                item.claim,
                links.chips((item.source,), (), fallback=item.claim),
                f"attributed to {item.attributed_to}" if item.attributed_to else "",
            )
            for item in analysis.single_source
        ),
        coverage=coverage_matrix(briefing, sources),
        quotes=tuple(
            QuoteGroup(
                speaker,
                tuple(Finding(q.text, links.chips(q.sources, (), fallback=q.text), "") for q in quotes),
            )
            for speaker, quotes in quotes_by_speaker(analysis.quotes)
        ),
        timeline=timeline_chart(briefing, links),
        entities=tuple(
            EntityLine(e.name, e.type, tuple(extra_aliases(e.name, e.aliases)), ", ".join(e.sources))
            for e in analysis.entities
        ),
        framing=tuple(FramingLine(directory.label(f.source), f.terms) for f in analysis.framing if f.terms),
        notes=briefing.notes,
        removed_lines=len(briefing.removed),
        removed=tuple(
            RemovedGroup(directory.label(source_id), tuple(lines)) for source_id, lines in removed_by_source(briefing.removed)
        ),
    )


def coverage_matrix(briefing: Briefing, sources: tuple[SourceRef, ...]) -> CoverageMatrix:
    """Claims × sources: who reports each claim, who is silent, who contradicts it."""
    order = [source.id for source in sources]
    rows: list[CoverageRow] = []
    for agreement in briefing.analysis.agreements:
        rows.append(CoverageRow(agreement.claim, "agreement", _cells(order, set(agreement.sources), set())))
    for conflict in briefing.analysis.conflicts:
        for position in conflict.positions:
            others = {s for other in conflict.positions if other is not position for s in other.sources}
            label = f"{conflict.topic}: {position.value}"
            rows.append(CoverageRow(label, "disputed", _cells(order, set(position.sources), others - set(position.sources))))
    for item in briefing.analysis.single_source:
        rows.append(CoverageRow(item.claim, "single", _cells(order, {item.source}, set())))
    return CoverageMatrix(sources, tuple(rows[:MAX_COVERAGE_ROWS]), max(0, len(rows) - MAX_COVERAGE_ROWS))


def timeline_chart(briefing: Briefing, links: _ChipMaker) -> TimelineChart:
    """Dates placed on an axis in time order, farther apart the longer the gap, with the events listed below."""
    events = sorted(briefing.analysis.timeline, key=lambda event: event.date)
    entries = tuple(
        TimelineEntry(_chart_date(e.date), e.event, links.chips(e.sources, e.evidence, fallback=e.event), e.date.isoformat())
        for e in events
    )
    if not events:
        return TimelineChart(CHART_WIDTH, (), ())
    by_date: dict[dt.date, list[str]] = {}
    for event in events:
        by_date.setdefault(event.date, []).append(event.event)
    days = list(by_date)
    # A gap takes room growing with the logarithm of its length: a year-old precedent stays
    # visibly far away without squeezing a week of events into one blot.
    offsets = [0.0]
    for before, after in zip(days, days[1:]):
        offsets.append(offsets[-1] + math.log1p((after - before).days))
    usable = CHART_WIDTH - 2 * CHART_MARGIN
    last_label_x: dict[str, float] = {"above": -CHART_WIDTH, "below": -CHART_WIDTH}
    points = []
    for number, (day, told) in enumerate(by_date.items()):
        share = offsets[number] / offsets[-1] if offsets[-1] else 0.5
        x = round(CHART_MARGIN + share * usable, 1)
        side: Literal["above", "below", "none"] = "above" if number % 2 == 0 else "below"
        if x - last_label_x[side] < LABEL_SPACING:
            other: Literal["above", "below"] = "below" if side == "above" else "above"
            side = other if x - last_label_x[other] >= LABEL_SPACING else "none"
        if side != "none":
            last_label_x[side] = x
        points.append(TimelinePoint(x, _chart_date(day), len(told), "; ".join(told), side))
    return TimelineChart(CHART_WIDTH, tuple(points), entries)


class _ChipMaker:
    """Makes the citation chips of a finding, each pointing at the sentence its source holds."""

    def __init__(self, briefing: Briefing, directory: SourceDirectory, article_href: ArticleHref | None) -> None:
        self.directory = directory
        self.article_href = article_href
        self.article_of = {source.id: source.external_id for source in briefing.sources}

    def chips(self, source_ids: Sequence[str], evidence: Sequence[Evidence], *, fallback: str) -> tuple[Chip, ...]:
        """One chip per source: to its evidence sentence, else to `fallback` when the source holds it verbatim."""
        sentence_of: dict[str, str] = {}
        for item in evidence:
            sentence_of.setdefault(item.source, item.sentence)
        chips = []
        for source_id in dict.fromkeys(source_ids):
            sentence = sentence_of.get(source_id, fallback)
            article_id = self.article_of.get(source_id)
            chips.append(
                Chip(
                    label=source_id,
                    title=f"{self.directory.label(source_id)}: {sentence}",
                    href=self._href(source_id, article_id, sentence),
                )
            )
        return tuple(chips)

    def _href(self, source_id: str, article_id: str | None, sentence: str) -> str | None:
        """The article page at the sentence (web reader), or the source's row (a briefing file)."""
        if self.article_href is None:
            return "#" + source_anchor(source_id) if self.directory.is_known(source_id) else None
        return self.article_href(article_id, sentence) if article_id else None


def _conflict_card(conflict: Conflict, directory: SourceDirectory, links: _ChipMaker, number: int) -> ConflictCard:
    return ConflictCard(
        topic=conflict.topic,
        kind=conflict.kind,
        sides=tuple(_side(position, directory, links) for position in conflict.positions),
        anchor=conflict_anchor(number),
    )


def _side(position: Position, directory: SourceDirectory, links: _ChipMaker) -> ConflictSide:
    attribution = position.attributed_to or ""
    if position.via:
        attribution = f"{attribution}, via {', '.join(position.via)}" if attribution else f"via {', '.join(position.via)}"
    outlets = []
    for source_id in position.sources:
        name = directory.outlet(source_id) or source_id
        cites = directory.cites(source_id)
        outlets.append(f"{name} citing {', '.join(cites)}" if cites else name)
    return ConflictSide(
        value=position.value,
        normalized=position.normalized if position.normalized and position.normalized != position.value else None,
        attribution=attribution,
        outlets="; ".join(outlets),
        count=plural(len(position.sources), "outlet"),
        chips=links.chips(position.sources, position.evidence, fallback=position.claim),
        certainty=CERTAINTY_TEXT.get(position.certainty, ""),
        quotes=tuple(f"{directory.label(item.source)}: {item.sentence}" for item in _first_per_source(position.evidence)),
    )


def _first_per_source(evidence: Sequence[Evidence]) -> list[Evidence]:
    seen: dict[str, Evidence] = {}
    for item in evidence:
        seen.setdefault(item.source, item)
    return list(seen.values())


def _source_ref(briefing: Briefing, directory: SourceDirectory, source_id: str, article_href: ArticleHref | None) -> SourceRef:
    source = next(s for s in briefing.sources if s.id == source_id)
    return SourceRef(
        id=source_id,
        name=directory.outlet(source_id) or source_id,
        href=article_href(source.external_id, None) if source.external_id and article_href else None,
        url=source.url if is_web_url(source.url) else None,
        published=source.published.isoformat() if source.published else None,
        provenance=provenance_of(directory, source_id).as_text(directory),
        anchor=source_anchor(source_id),
        title=source.title,
        path=source.path if source.path and source.path != source.url else None,
        address=source.url if source.url and not is_web_url(source.url) else None,
    )


def _cells(order: Sequence[str], reporting: set[str], contradicting: set[str]) -> tuple[CoverageState, ...]:
    cells: list[CoverageState] = []
    for source_id in order:
        if source_id in reporting:
            cells.append("reports")
        elif source_id in contradicting:
            cells.append("contradicts")
        else:
            cells.append("silent")
    return tuple(cells)


def source_anchor(source_id: str) -> str:
    """The id of a source's row in the sources table."""
    return f"source-{source_id}"


def _chart_date(day: dt.date) -> str:
    return day.strftime("%d %b %Y").lstrip("0")
